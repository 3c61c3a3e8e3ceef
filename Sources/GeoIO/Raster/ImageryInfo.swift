import Foundation
import Geo

/// What a registered image is: its size, bands, CRS and where it lies (lon/lat, EPSG:4490), read by
/// GDAL from a GeoTIFF (or any raster GDAL reads) in any CRS.
public struct ImageryInfo: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let bandCount: Int
    public let crs: CRS
    /// The image's footprint in lon/lat (EPSG:4490), from its four corners and edge midpoints.
    public let envelope: Envelope

    /// Opens the raster read-only and checks it can be shown as imagery: 1 (grey), 3 (RGB) or 4 (RGBA)
    /// bands, a CRS, and a georeference (not the identity transform).
    public static func read(path: String) throws -> ImageryInfo {
        let source = try RasterSource(path: path)
        let (width, height, bands) = (source.grid.width, source.grid.height, source.bandCount)
        guard [1, 3, 4].contains(bands) else {
            throw GeoIOError.notImagery(path: path, reason: "\(bands) 个波段，应为 1、3 或 4 / \(bands) bands; expected 1, 3 or 4")
        }
        guard source.grid.geoTransform != nil else { throw GeoIOError.notImagery(path: path, reason: "没有地理参考 / no georeference") }
        guard let crs = source.grid.crs else { throw GeoIOError.missingCRS(path: path) }
        let (w, h) = (Double(width), Double(height))
        var corners = [(0, 0), (w, 0), (w, h), (0, h), (w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)].compactMap {
            source.grid.position(column: $0.0, row: $0.1)
        }
        try CoordinateTransformer.cached(from: crs, to: .cgcs2000).transform(&corners)
        let envelope = Envelope(minX: corners.map(\.x).min()!, minY: corners.map(\.y).min()!,
                                maxX: corners.map(\.x).max()!, maxY: corners.map(\.y).max()!)
        return ImageryInfo(width: width, height: height, bandCount: bands, crs: crs, envelope: envelope)
    }
}
