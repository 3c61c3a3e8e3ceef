import Enforcement
import Foundation
import Geo
import GeoIO
import Store

extension Workspace {
    /// Registers a GeoTIFF (any CRS GDAL and PROJ know) as the before or after imagery of a batch (or
    /// of every batch when nil). The file is read once to check it and find its footprint; it stays
    /// where it is, so registering a multi-gigabyte mosaic copies nothing.
    @discardableResult
    public func addImagery(path: String, batch: String?, phase: ImageryPhase, acquired: CalendarDay?, name: String?,
                           at time: Date = Date()) throws -> Imagery {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let info = try ImageryInfo.read(path: absolute)
        try requireBatch(batch)
        return try store.addImagery(ImageryDraft(batch: batch, phase: phase, name: name ?? URL(fileURLWithPath: absolute).lastPathComponent,
                                                 path: absolute, acquired: acquired, envelope: info.envelope, registeredAt: time))
    }

    var tileCache: URL { filesDirectory.appendingPathComponent("tiles", isDirectory: true) }

    /// The PNG of one map tile of a registered image, rendered by GDAL on first request and kept in
    /// `files/tiles/<id>/<z>/<x>/<y>.png`; nil when the tile lies outside the image.
    public func tile(imagery: Imagery, _ tile: WebMercatorTile) throws -> Data? {
        guard tile.lonLatBounds.intersects(imagery.envelope) else { return nil }
        let cached = tileCache.appendingPathComponent("\(imagery.id)/\(tile.z)/\(tile.x)/\(tile.y).png")
        if let data = try? Data(contentsOf: cached) { return data }
        let png = try TileRenderer.render(path: imagery.path, tile: tile)
        Self.keep(png, at: cached)
        return png
    }

    /// Writes a rendered tile into the cache: whole-file under a temporary name, so two requests for one
    /// tile never leave half a PNG; a full disk costs the cache, not the answer.
    static func keep(_ png: Data, at url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? png.write(to: url, options: .atomic)
    }
}
