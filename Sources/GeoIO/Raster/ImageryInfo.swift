import CGDAL
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
        GDALRuntime.ensureReady()
        guard FileManager.default.fileExists(atPath: path) else {
            throw GeoIOError.cannotOpen(path: path, gdalMessage: "文件不存在 / no such file")
        }
        CPLErrorReset()
        guard let opened = GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GeoIOError.cannotOpen(path: path, gdalMessage: GDALRuntime.lastError(or: "不是 GDAL 能读的影像 / not a raster GDAL reads"))
        }
        let dataset = OwnedDataset(opened)
        let width = Int(GDALGetRasterXSize(dataset.handle)), height = Int(GDALGetRasterYSize(dataset.handle))
        let bands = Int(GDALGetRasterCount(dataset.handle))
        guard [1, 3, 4].contains(bands) else {
            throw GeoIOError.notImagery(path: path, reason: "\(bands) 个波段，应为 1、3 或 4 / \(bands) bands; expected 1, 3 or 4")
        }
        var transform = [Double](repeating: 0, count: 6)
        guard GDALGetGeoTransform(dataset.handle, &transform) == CE_None, transform != [0, 1, 0, 0, 0, 1] else {
            throw GeoIOError.notImagery(path: path, reason: "没有地理参考 / no georeference")
        }
        guard let wkt = GDALGetProjectionRef(dataset.handle), wkt.pointee != 0 else { throw GeoIOError.missingCRS(path: path) }
        let crs = try identify(String(cString: wkt), path: path)
        func pixel(_ column: Double, _ row: Double) -> Coordinate {
            Coordinate(x: transform[0] + column * transform[1] + row * transform[2],
                       y: transform[3] + column * transform[4] + row * transform[5])
        }
        let (w, h) = (Double(width), Double(height))
        var corners = [pixel(0, 0), pixel(w, 0), pixel(w, h), pixel(0, h), pixel(w / 2, 0), pixel(w, h / 2), pixel(w / 2, h), pixel(0, h / 2)]
        try CoordinateTransformer.cached(from: crs, to: .cgcs2000).transform(&corners)
        let envelope = Envelope(minX: corners.map(\.x).min()!, minY: corners.map(\.y).min()!,
                                maxX: corners.map(\.x).max()!, maxY: corners.map(\.y).max()!)
        return ImageryInfo(width: width, height: height, bandCount: bands, crs: crs, envelope: envelope)
    }

    private static func identify(_ wkt: String, path: String) throws -> CRS {
        guard let srs = OSRNewSpatialReference(wkt) else { throw GeoIOError.unknownCRS(path: path, detail: "OGR cannot read it") }
        defer { OSRRelease(srs) }
        if let code = SpatialReference.epsgCode(of: srs) { return .epsg(code) }
        let crs = CRS(definition: wkt)
        do {
            _ = try crs.info()
        } catch {
            throw GeoIOError.unknownCRS(path: path, detail: "\(error)")
        }
        return crs
    }
}
