import Foundation
import Hummingbird
import Prometheus

/// `GET /api/openapi.json` (the API's contract, kept true by a test), `GET /healthz`, and
/// `GET /metrics` (Prometheus text, for administrators' tokens: request counts, durations, errors by route).
struct MetaRoutes {
    let metrics: PrometheusCollectorRegistry

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
        router.get("/metrics") { _, context -> Response in
            _ = try context.require(.manageUsers)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: metrics.emitToBuffer())))
        }
    }
}
