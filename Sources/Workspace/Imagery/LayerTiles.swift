import Enforcement
import Foundation
import Geo
import GeoIO
import Store

extension Workspace {
    /// Layer tiles are drawn from this zoom in; further out a county's land classes are a blur.
    public static let layerTileMinimumZoom = 8
    /// A tile draws at most this many features (the first by id), so one request's work stays bounded.
    public static let layerTileFeatureLimit = 20_000

    /// The PNG of one map tile of a reference layer: its features meeting the tile, simplified to the
    /// zoom, filled in `fill` and outlined in `outline` by GDAL's rasterizer. Kept in
    /// `files/tiles/layer-<id>-v<version>/<z>/<x>/<y>.png`, so re-importing the layer (a new version)
    /// starts a fresh cache. nil when the tile is empty or further out than `layerTileMinimumZoom`.
    public func layerTile(_ layer: ReferenceLayer, _ tile: WebMercatorTile, fill: TileColour, outline: TileColour) throws -> Data? {
        guard tile.z >= Self.layerTileMinimumZoom else { return nil }
        let cached = tileCache.appendingPathComponent("layer-\(layer.id)-v\(layer.version)/\(tile.z)/\(tile.x)/\(tile.y).png")
        if let data = try? Data(contentsOf: cached) { return data }
        let features = try store.features(ofLayer: layer.id, meeting: tile.lonLatBounds, limit: Self.layerTileFeatureLimit)
        guard !features.isEmpty else { return nil }
        let png = try FeatureTileRenderer.render(try features.map { try Self.simplified($0.geometry, zoom: tile.z) }, tile: tile,
                                                 fill: fill, outline: outline)
        Self.keep(png, at: cached)
        return png
    }
}
