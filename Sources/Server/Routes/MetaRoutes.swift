import Foundation
import Hummingbird
import Prometheus

/// `GET /api/openapi.json` (the API's contract, kept true by a test), `GET /healthz`,
/// `GET /api/map-settings` (the basemap the map draws), and `GET /metrics` (Prometheus text, for
/// administrators' tokens: request counts, durations, errors by route).
struct MetaRoutes {
    let metrics: PrometheusCollectorRegistry
    let basemap: Basemap?

    struct MapSettings: Encodable {
        struct BasemapPayload: Encodable {
            let url: String
            let labelsUrl: String?
            let subdomains: String
            let attribution: String
        }
        let basemap: BasemapPayload?

        /// `"basemap": null` is written out: "none configured" is an answer, not a missing field.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(basemap, forKey: .basemap)
        }
        private enum CodingKeys: String, CodingKey { case basemap }
    }

    /// Read from the module's resources once per process.
    private static let loadedDocument = Result<Data, any Error> {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw APIError(.internalServerError, code: "internal", message: "缺少 openapi.json / openapi.json is missing")
        }
        return try Data(contentsOf: url)
    }

    static var openAPIDocument: Data {
        get throws { try loadedDocument.get() }
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: try Self.openAPIDocument)))
        }
        router.get("/healthz") { _, _ -> String in "ok" }
        router.get("/api/map-settings") { _, context -> Response in
            _ = try context.require(.viewPatches)
            return try JSONResponse.make(MapSettings(basemap: basemap.map {
                MapSettings.BasemapPayload(url: $0.imageryURL, labelsUrl: $0.labelsURL, subdomains: $0.subdomains, attribution: $0.attribution)
            }))
        }
        router.get("/metrics") { _, context -> Response in
            _ = try context.require(.manageUsers)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }
}
