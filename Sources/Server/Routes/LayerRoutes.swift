import Enforcement
import Foundation
import Geo
import GeoIO
import Hummingbird
import Workspace

/// 参考图层: the workspace's reference layers, and their features in a map view as GeoJSON
/// (EPSG:4490), simplified to the zoom and cut at `Workspace.mapFeatureLimit`.
struct LayerRoutes {
    let workspace: Workspace

    struct LayerPayload: Encodable {
        let id: Int64
        let kind: NamedCode
        let name: String
        let version: Int
        let featureCount: Int
        let area: AreaPayload
        /// "#rrggbb": how maps draw the layer.
        let colour: String
        /// Rendered PNG tiles, for views too wide for GeoJSON (zoom ≥ `minimumTileZoom`).
        let tiles: String
        let minimumTileZoom: Int
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/layers") { _, context -> Response in
            _ = try context.require(.viewPatches)
            let workspace = self.workspace
            let layers = try await offload { try workspace.store.layers() }
            return try JSONResponse.make(layers.map {
                LayerPayload(id: $0.id, kind: NamedCode(code: $0.kind.rawValue, name: $0.kind.chineseName), name: $0.name,
                             version: $0.version, featureCount: $0.featureCount, area: AreaPayload($0.totalArea),
                             colour: LayerPalette.colour($0.kind), tiles: "/api/layers/\($0.id)/tiles/{z}/{x}/{y}.png",
                             minimumTileZoom: Workspace.layerTileMinimumZoom)
            })
        }
        router.get("/api/layers/:id/features", use: features)
        router.get("/api/layers/:id/tiles/:z/:x/:y", use: tile)
    }

    /// A rendered tile of the layer: 204 when empty there or further out than the minimum zoom.
    @Sendable func tile(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.viewPatches)
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound("图层 \(try context.parameters.require("id"))") }
        let tile = try TileAddress.tile(context, route: "/api/layers/ID/tiles")
        let workspace = self.workspace
        guard let layer = try await offload({ try workspace.store.layers().first { $0.id == id } }) else { throw APIError.notFound("图层 \(id)") }
        let (fill, outline) = LayerPalette.tileColours(layer.kind)
        guard let png = try await offload({ try workspace.layerTile(layer, tile, fill: fill, outline: outline) }) else {
            return Response(status: .noContent)
        }
        return TileAddress.png(png)
    }

    @Sendable func features(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.viewPatches)
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.notFound("图层 \(try context.parameters.require("id"))") }
        guard let envelope = request.uri.queryParameters["bbox"].flatMap({ PatchRoutes.envelope(String($0)) }) else {
            throw APIError.badRequest("请给出地图范围 bbox=minLon,minLat,maxLon,maxLat / bbox=minLon,minLat,maxLon,maxLat is required")
        }
        guard envelope.maxX - envelope.minX <= 2, envelope.maxY - envelope.minY <= 2 else {
            throw APIError.badRequest("地图范围过大（最大 2°×2°），请放大地图 / bbox larger than 2° × 2°; zoom in")
        }
        let zoomText = request.uri.queryParameters["zoom"].map(String.init) ?? "14"
        guard let zoom = Int(zoomText), (0...22).contains(zoom) else { throw APIError.badRequest("zoom 应为 0-22 / zoom must be 0-22") }
        let workspace = self.workspace
        let (features, truncated) = try await offload { try workspace.mapFeatures(layer: id, envelope: envelope, zoom: zoom) }
        // GeoJSON text is written by GEOS/Geo already; the collection around it is assembled here.
        var body = "{\"type\":\"FeatureCollection\",\"truncated\":\(truncated),\"features\":["
        for (i, feature) in features.enumerated() {
            if i > 0 { body += "," }
            let classCode = feature.classCode.map { "\"\($0.filter { $0.isLetter || $0.isNumber })\"" } ?? "null"
            body += "{\"type\":\"Feature\",\"id\":\(feature.sourceFID),\"properties\":{\"classCode\":\(classCode)},\"geometry\":"
                + GeoJSON.encode(feature.geometry.shape) + "}"
        }
        body += "]}"
        return Response(status: .ok, headers: [.contentType: "application/geo+json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
