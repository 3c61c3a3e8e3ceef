import Enforcement
import Foundation
import Hummingbird
import Logging
import Workspace

/// How `landwatch serve` runs.
public struct ServerSettings: Sendable {
    public var host: String
    public var port: Int
    /// Marks the session cookie Secure: on whenever the site is reached over HTTPS (behind a proxy).
    public var secureCookies: Bool
    public var passwordPolicy: PasswordPolicy
    /// Debian's libjs-leaflet, served at /vendor/leaflet.
    public var leafletDirectory: String
    /// The web UI's folder; nil serves the copy in the module's resources. Pointing it at the source
    /// folder lets UI work go on without rebuilding.
    public var webDirectory: String?
    /// The map's 底图; nil draws imagery and vector layers only (the demo, offline).
    public var basemap: Basemap?

    public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                passwordPolicy: PasswordPolicy = PasswordPolicy(), leafletDirectory: String = "/usr/share/javascript/leaflet",
                webDirectory: String? = nil, basemap: Basemap? = nil) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.passwordPolicy = passwordPolicy
        self.leafletDirectory = leafletDirectory
        self.webDirectory = webDirectory
        self.basemap = basemap
    }
}

/// The LandWatch web server: the JSON API under /api, its OpenAPI document, and the web UI.
public enum LandWatchServer {
    /// The web UI shipped in the module's resources: plain ES modules, no build step.
    static var bundledWebDirectory: String? {
        Bundle.module.url(forResource: "web", withExtension: nil, subdirectory: "Resources")?.path
    }

    /// The router with every route and middleware; tests drive it through HummingbirdTesting.
    public static func router(workspace: Workspace, settings: ServerSettings = ServerSettings()) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        let routes = RouteTable()
        router.add(middleware: ErrorMiddleware(routes: routes))
        router.add(middleware: SecurityHeadersMiddleware(imageOrigins: settings.basemap?.imageOrigins ?? []))
        router.add(middleware: FileMiddleware(settings.leafletDirectory, urlBasePath: "/vendor/leaflet"))
        if let web = settings.webDirectory ?? bundledWebDirectory {
            router.add(middleware: FileMiddleware(web, cacheControl: .init([(MediaType(type: .any), [.noCache])]), searchForIndexHtml: true))
        }
        router.add(middleware: AuthenticationMiddleware(workspace: workspace))
        MetaRoutes(metrics: ServerMetrics.registry, basemap: settings.basemap).register(on: router)
        SessionRoutes(workspace: workspace, throttle: LoginThrottle(), secureCookies: settings.secureCookies).register(on: router)
        CatalogueRoutes(workspace: workspace).register(on: router)
        PatchRoutes(workspace: workspace).register(on: router)
        PatchStepRoutes(workspace: workspace).register(on: router)
        PhotoRoutes(workspace: workspace).register(on: router)
        ImageryRoutes(workspace: workspace).register(on: router)
        LayerRoutes(workspace: workspace).register(on: router)
        OfflinePackageRoutes(workspace: workspace).register(on: router)
        CaseRoutes(workspace: workspace).register(on: router)
        ProblemRoutes(workspace: workspace).register(on: router)
        CameraRoutes(workspace: workspace).register(on: router)
        AuditRoutes(workspace: workspace).register(on: router)
        StatisticsRoutes(workspace: workspace).register(on: router)
        UserRoutes(workspace: workspace, passwordPolicy: settings.passwordPolicy).register(on: router)
        routes.fill(router.routes.map { ($0.method, $0.path.description) })
        return router
    }

    public static func application(workspace: Workspace, settings: ServerSettings) -> some ApplicationProtocol {
        ServerMetrics.bootstrap()
        var logger = Logger(label: "landwatch")
        logger.logLevel = .info
        return Application(router: router(workspace: workspace, settings: settings),
                           configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "LandWatch"),
                           logger: logger)
    }
}
