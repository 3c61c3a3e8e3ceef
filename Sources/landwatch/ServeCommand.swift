import ArgumentParser
import Foundation
import Hummingbird
import Server
import Workspace

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动网页与 API 服务 / serve the web UI and the JSON API",
        discussion: "API 文档 / API contract: http://HOST:PORT/api/openapi.json")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "监听地址 / address to listen on") var host = "127.0.0.1"
    @Option(help: "端口 / port") var port = 8080
    @Flag(help: "经 HTTPS 访问时设置 Secure Cookie / mark cookies Secure (site reached over HTTPS)") var secureCookies = false
    @Option(help: "网页目录（开发界面时用源码目录，免重新编译）/ web UI folder (the source folder while developing the UI)") var webDirectory: String?
    @Option(help: "天地图密钥（或环境变量 LANDWATCH_TIANDITU_KEY）：以天地图影像及注记为底图 / Tianditu key (or $LANDWATCH_TIANDITU_KEY): its imagery and labels as the basemap")
    var tiandituKey: String?
    @Option(help: "其他底图的 XYZ 地址模板，含 {z}/{x}/{y}（可含 {s}）/ another basemap: an XYZ URL template") var basemapURL: String?
    @Option(help: "底图注记的 XYZ 地址模板 / the basemap's labels: an XYZ URL template") var basemapLabelsURL: String?
    @Option(help: "{s} 可取的子域名，如 abc / the subdomains {s} takes, e.g. abc") var basemapSubdomains = ""

    func validate() throws {
        _ = try basemap()
    }

    func run() async throws {
        var opened: Workspace?
        try perform { opened = try workspace.open() }
        guard let ws = opened else { return }
        if try ws.users().isEmpty {
            FileHandle.standardError.write(Data("提示 / note: 还没有用户，请先运行 landwatch users add / no users yet: add one with landwatch users add\n".utf8))
        }
        print("LandWatch 服务 / serving \(ws.root.path) at http://\(host):\(port)/")
        let settings = ServerSettings(host: host, port: port, secureCookies: secureCookies, webDirectory: webDirectory,
                                      basemap: try basemap())
        try await LandWatchServer.application(workspace: ws, settings: settings).runService()
    }

    /// The basemap the options name: a Tianditu key (option or environment), or a URL template; nil for none.
    private func basemap() throws -> Basemap? {
        do {
            if let key = tiandituKey ?? ProcessInfo.processInfo.environment["LANDWATCH_TIANDITU_KEY"], !key.isEmpty {
                return try Basemap.tianditu(key: key)
            }
            guard let basemapURL else { return nil }
            return try Basemap(imageryURL: basemapURL, labelsURL: basemapLabelsURL, subdomains: basemapSubdomains)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
