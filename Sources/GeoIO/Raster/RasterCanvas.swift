import CGDAL
import Foundation
import Geo

/// A new RGB GeoTIFF painted from vector layers with GDAL's rasterizer (`GDALRasterize`): for demo
/// and test imagery (a 前时相 of land classes, a 后时相 with the changes burnt in).
public final class RasterCanvas {
    public let path: String
    private var dataset: GDALDatasetH?

    /// Creates `path` (DEFLATE-compressed, tiled) covering `envelope` in `crs` at `pixelSize` units
    /// per pixel, every pixel `background`.
    public init(path: String, crs: CRS, envelope: Envelope, pixelSize: Double, background: (UInt8, UInt8, UInt8)) throws {
        GDALRuntime.ensureReady()
        self.path = path
        let width = Int32(((envelope.maxX - envelope.minX) / pixelSize).rounded(.up))
        let height = Int32(((envelope.maxY - envelope.minY) / pixelSize).rounded(.up))
        CPLErrorReset()
        guard let driver = GDALGetDriverByName("GTiff") else { throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError()) }
        let created = GDALRuntime.withOptions([("COMPRESS", "DEFLATE"), ("TILED", "YES"), ("PHOTOMETRIC", "RGB")]) {
            GDALCreate(driver, path, width, height, 3, GDT_Byte, $0)
        }
        guard let created else { throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError()) }
        dataset = created
        var transform = [envelope.minX, pixelSize, 0, envelope.maxY, 0, -pixelSize]
        GDALSetGeoTransform(created, &transform)
        guard let srs = SpatialReference.make(crs) else { throw GeoIOError.unknownCRS(path: path, detail: crs.description) }
        defer { OSRRelease(srs) }
        GDALSetSpatialRef(created, srs)
        for (band, value) in [background.0, background.1, background.2].enumerated() {
            GDALFillRaster(GDALGetRasterBand(created, Int32(band + 1)), Double(value), 0)
        }
    }

    deinit { if let dataset { GDALClose(dataset) } }

    /// Burns the features of the vector file's first layer that match `whereClause` (OGR SQL) in `colour`.
    public func burn(vectorPath: String, whereClause: String? = nil, colour: (UInt8, UInt8, UInt8)) throws {
        guard let dataset else { throw GeoIOError.cannotWrite(path: path, feature: 0, gdalMessage: "canvas finished") }
        guard let opened = GDALOpenEx(vectorPath, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GeoIOError.cannotOpen(path: vectorPath, gdalMessage: GDALRuntime.lastError())
        }
        let source = OwnedDataset(opened)
        guard let layer = GDALDatasetGetLayer(source.handle, 0), let name = OGR_L_GetName(layer) else {
            throw GeoIOError.noLayer(path: vectorPath, layer: nil)
        }
        var arguments = ["-l", String(cString: name), "-b", "1", "-b", "2", "-b", "3",
                         "-burn", "\(colour.0)", "-burn", "\(colour.1)", "-burn", "\(colour.2)"]
        if let whereClause { arguments += ["-where", whereClause] }
        let result: GDALDatasetH? = GDALRuntime.withList(arguments) { list in
            guard let options = GDALRasterizeOptionsNew(list, nil) else { return nil }
            defer { GDALRasterizeOptionsFree(options) }
            var usageError: Int32 = 0
            return GDALRasterize(nil, dataset, source.handle, options, &usageError)
        }
        guard result != nil else { throw GeoIOError.cannotWrite(path: path, feature: 0, gdalMessage: GDALRuntime.lastError()) }
    }

    /// Flushes and closes the file.
    public func finish() {
        if let dataset { GDALClose(dataset) }
        dataset = nil
    }
}
