import Enforcement
import Foundation
import GeoIO
import Hummingbird
import Workspace

/// 影像: the before/after images of a batch and their XYZ tiles (PNG, EPSG:3857), warped by GDAL on
/// first request and then served from the workspace's tile cache.
struct ImageryRoutes {
    let workspace: Workspace

    struct ImageryPayload: Encodable {
        let id: Int64
        let batch: String?
        let phase: NamedCode
        let name: String
        let acquired: String?
        let bbox: BoundingBox
        let tiles: String
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/imagery", use: list)
        router.get("/api/imagery/:id/tiles/:z/:x/:y", use: tile)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.viewPatches)
        let batch = request.uri.queryParameters["batch"].map(String.init)
        let workspace = self.workspace
        let images = try await offload { try workspace.store.imagery(batch: batch) }
        return try JSONResponse.make(images.map { image in
            ImageryPayload(id: image.id, batch: image.batch, phase: NamedCode(code: image.phase.rawValue, name: image.phase.chineseName),
                           name: image.name, acquired: image.acquired?.description, bbox: image.envelope.boundingBox,
                           tiles: "/api/imagery/\(image.id)/tiles/{z}/{x}/{y}.png")
        })
    }

    @Sendable func tile(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.viewPatches)
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound("影像 \(try context.parameters.require("id"))") }
        let tile = try TileAddress.tile(context, route: "/api/imagery/ID/tiles")
        let workspace = self.workspace
        guard let image = try await offload({ try workspace.store.imagery(id: id) }) else { throw APIError.notFound("影像 \(id)") }
        guard let png = try await offload({ try workspace.tile(imagery: image, tile) }) else { return Response(status: .noContent) }
        return TileAddress.png(png)
    }
}
