import CGDAL
import Foundation
import Geo

/// The pixel grid of a raster: its size and, when it is georeferenced, where its pixels lie.
public struct RasterGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// GDAL's affine geotransform (x₀, Δx, row rotation, y₀, column rotation, Δy) in the units of `crs`;
    /// nil for an image without georeference (a PNG from an aerial survey).
    public let geoTransform: [Double]?
    public let crs: CRS?
    /// The CRS as the file states it (WKT), handed back to GDAL when another raster is warped onto this grid.
    let projectionWKT: String?

    /// A grid in `crs` with its top left corner at `origin` and square pixels of `pixelSize` CRS
    /// units; or, with neither, an image without georeference.
    public init(width: Int, height: Int, origin: Coordinate? = nil, pixelSize: Double = 1, crs: CRS? = nil) throws {
        self.width = width
        self.height = height
        guard let origin, let crs else {
            geoTransform = nil
            self.crs = nil
            projectionWKT = nil
            return
        }
        GDALRuntime.ensureReady()
        guard let srs = SpatialReference.make(crs), let wkt = SpatialReference.wkt2(of: srs) else {
            throw GeoIOError.unknownCRS(path: "(grid)", detail: crs.description)
        }
        OSRRelease(srs)
        geoTransform = [origin.x, pixelSize, 0, origin.y, 0, -pixelSize]
        self.crs = crs
        projectionWKT = wkt
    }

    init(width: Int, height: Int, geoTransform: [Double]?, crs: CRS?, projectionWKT: String?) {
        self.width = width
        self.height = height
        self.geoTransform = geoTransform
        self.crs = crs
        self.projectionWKT = projectionWKT
    }

    public var pixelCount: Int { width * height }

    /// The grid of a window of this grid's pixels (which may reach beyond its edges).
    public func subgrid(_ window: PixelWindow) -> RasterGrid {
        RasterGrid(width: window.width, height: window.height, geoTransform: shifted(columns: Double(window.x), rows: Double(window.y)).geoTransform,
                   crs: crs, projectionWKT: projectionWKT)
    }

    /// Where `other` lies on this grid's pixels, when it lies exactly on them: the same CRS, pixel
    /// size and orientation, and an origin a whole number of pixels away (to 1e-6 pixel).
    public func window(matching other: RasterGrid) -> PixelWindow? {
        guard let t = geoTransform, let o = other.geoTransform, crs == other.crs, t[2] == 0, t[4] == 0,
              Array(t[1...2]) == Array(o[1...2]), Array(t[4...5]) == Array(o[4...5]) else { return nil }
        let column = (o[0] - t[0]) / t[1], row = (o[3] - t[3]) / t[5]
        guard abs(column - column.rounded()) < 1e-6, abs(row - row.rounded()) < 1e-6 else { return nil }
        return PixelWindow(x: Int(column.rounded()), y: Int(row.rounded()), width: other.width, height: other.height)
    }

    /// The same grid moved by a number of (fractional) pixels: its pixel (0, 0) is this grid's
    /// pixel (`columns`, `rows`).
    public func shifted(columns: Double, rows: Double) -> RasterGrid {
        guard let t = geoTransform else { return self }
        return RasterGrid(width: width, height: height,
                          geoTransform: [t[0] + columns * t[1] + rows * t[2], t[1], t[2], t[3] + columns * t[4] + rows * t[5], t[4], t[5]],
                          crs: crs, projectionWKT: projectionWKT)
    }

    /// The pixels an envelope in the grid's CRS touches, through the inverse of the geotransform (GDAL's
    /// pixel coordinates when the grid has none); not clipped to the grid. Nil for a singular transform.
    public func window(covering envelope: Envelope) -> PixelWindow? {
        let t = geoTransform ?? [0, 1, 0, 0, 0, 1]
        let determinant = t[1] * t[5] - t[2] * t[4]
        guard determinant != 0 else { return nil }
        let corners = [(envelope.minX, envelope.minY), (envelope.minX, envelope.maxY), (envelope.maxX, envelope.minY), (envelope.maxX, envelope.maxY)]
        let pixels = corners.map { x, y in
            let dx = x - t[0], dy = y - t[3]
            return (column: (t[5] * dx - t[2] * dy) / determinant, row: (t[1] * dy - t[4] * dx) / determinant)
        }
        let columns = pixels.map(\.column), rows = pixels.map(\.row)
        let x = Int(columns.min()!.rounded(.down)), y = Int(rows.min()!.rounded(.down))
        return PixelWindow(x: x, y: y, width: max(1, Int(columns.max()!.rounded(.up)) - x), height: max(1, Int(rows.max()!.rounded(.up)) - y))
    }

    /// The ground position of a pixel corner (column, row counted from the top left corner) in `crs`.
    public func position(column: Double, row: Double) -> Coordinate? {
        guard let t = geoTransform else { return nil }
        return Coordinate(x: t[0] + column * t[1] + row * t[2], y: t[3] + column * t[4] + row * t[5])
    }
}

/// A rectangle of pixels: columns `x ..< x + width`, rows `y ..< y + height`.
public struct PixelWindow: Sendable, Hashable {
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var pixelCount: Int { width * height }

    /// Whether the two windows share at least one pixel.
    public func intersects(_ other: PixelWindow) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }

    /// The windows of at most `size` × `size` pixels that tile a `width` × `height` grid, row by row.
    public static func tiles(width: Int, height: Int, size: Int) -> [PixelWindow] {
        stride(from: 0, to: height, by: size).flatMap { y in
            stride(from: 0, to: width, by: size).map { x in
                PixelWindow(x: x, y: y, width: min(size, width - x), height: min(size, height - y))
            }
        }
    }
}

/// A raster file opened read-only through GDAL (`GDALOpenEx`): GeoTIFF in any CRS, PNG, JPEG…, read as
/// 32-bit floats window by window. The one owner of its dataset handle; one thread at a time.
public final class RasterSource {
    public let path: String
    public let grid: RasterGrid
    public let bandCount: Int
    /// Each band's description (GDAL `GetDescription`), "" where the file gives none: Sentinel-2
    /// exports name their bands ("B04"), which lets a band map be read from the file.
    public let bandDescriptions: [String]
    /// Each band's nodata value, when the file declares one.
    public let noDataValues: [Double?]
    /// The first band's block (`GDALGetBlockSize`): the pixels GDAL decodes together, 256 × 256 in a
    /// tiled GeoTIFF, a strip of whole rows in a striped one. A cropped view keeps its file's blocks.
    public let blockSize: (width: Int, height: Int)
    /// The bits of one sample of the first band in the file (`GDALGetDataTypeSizeBits`): 8 for a
    /// photograph's bytes, 16 for most satellite products. A warped or cropped view keeps its file's.
    public let bitsPerSample: Int
    private let dataset: GDALDatasetH
    /// A warped view keeps its source open: GDAL's warped VRT reads through it.
    private let source: RasterSource?

    public convenience init(path: String) throws {
        GDALRuntime.ensureReady()
        guard FileManager.default.fileExists(atPath: path) else {
            throw GeoIOError.cannotOpen(path: path, gdalMessage: "文件不存在 / no such file")
        }
        CPLErrorReset()
        guard let opened = GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GeoIOError.cannotOpen(path: path, gdalMessage: GDALRuntime.lastError(or: "不是 GDAL 能读的影像 / not a raster GDAL reads"))
        }
        try self.init(path: path, dataset: opened, source: nil)
    }

    private init(path: String, dataset: GDALDatasetH, source: RasterSource?, blockSize sourceBlocks: (width: Int, height: Int)? = nil) throws {
        self.path = path
        self.dataset = dataset
        self.source = source
        let count = Int(GDALGetRasterCount(dataset))
        guard count > 0 else {
            GDALClose(dataset)
            throw GeoIOError.notImagery(path: path, reason: "没有波段 / no bands")
        }
        bandCount = count
        var blockWidth: Int32 = 0, blockHeight: Int32 = 0
        GDALGetBlockSize(GDALGetRasterBand(dataset, 1), &blockWidth, &blockHeight)
        blockSize = sourceBlocks ?? (max(1, Int(blockWidth)), max(1, Int(blockHeight)))
        bitsPerSample = source?.bitsPerSample ?? Int(GDALGetDataTypeSizeBits(GDALGetRasterDataType(GDALGetRasterBand(dataset, 1))))
        var descriptions: [String] = [], noData: [Double?] = []
        for index in 1...count {
            let band = GDALGetRasterBand(dataset, Int32(index))
            descriptions.append(GDALGetDescription(band).map { String(cString: $0) } ?? "")
            var hasNoData: Int32 = 0
            let value = GDALGetRasterNoDataValue(band, &hasNoData)
            noData.append(hasNoData != 0 ? value : nil)
        }
        bandDescriptions = descriptions
        noDataValues = noData
        var transform = [Double](repeating: 0, count: 6)
        let referenced = GDALGetGeoTransform(dataset, &transform) == CE_None && transform != [0, 1, 0, 0, 0, 1]
        let wkt = GDALGetProjectionRef(dataset).flatMap { $0.pointee == 0 ? nil : String(cString: $0) }
        var crs: CRS?
        if referenced, let wkt {
            do {
                crs = try Self.identify(wkt, path: path)
            } catch {
                GDALClose(dataset)
                throw error
            }
        }
        grid = RasterGrid(width: Int(GDALGetRasterXSize(dataset)), height: Int(GDALGetRasterYSize(dataset)),
                          geoTransform: referenced ? transform : nil, crs: crs, projectionWKT: referenced ? wkt : nil)
    }

    deinit { GDALClose(dataset) }

    /// The EPSG code OGR recognises in the file's WKT, else the WKT itself once PROJ has accepted it.
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

    /// How `warped(onto:resampling:)` takes a value between source pixels.
    public enum Resampling: String, Sendable {
        /// Imagery: a value between the four nearest pixels.
        case bilinear
        /// Class rasters (cloud masks, labels): the nearest pixel's value, never a blend of classes.
        case nearest = "near"
    }

    /// This raster resampled onto `target` (`GDALWarp` into a virtual raster): the after image brought
    /// onto the before image's pixels by georeference, whatever either CRS is. Pixels of `target` the
    /// image does not cover read as nodata (NaN).
    public func warped(onto target: RasterGrid, resampling: Resampling = .bilinear) throws -> RasterSource {
        guard let t = target.geoTransform, let wkt = target.projectionWKT, grid.geoTransform != nil else {
            throw GeoIOError.notImagery(path: path, reason: "两期影像须都有地理参考才能配准 / both images need a georeference to be aligned")
        }
        let minX = t[0], maxY = t[3], maxX = t[0] + Double(target.width) * t[1], minY = t[3] + Double(target.height) * t[5]
        let arguments = ["-of", "VRT", "-t_srs", wkt, "-te", "\(minX)", "\(minY)", "\(maxX)", "\(maxY)",
                         "-ts", "\(target.width)", "\(target.height)", "-r", resampling.rawValue, "-dstnodata", "nan", "-ot", "Float32"]
        CPLErrorReset()
        let warped: GDALDatasetH? = GDALRuntime.withList(arguments) { list in
            guard let options = GDALWarpAppOptionsNew(list, nil) else { return nil }
            defer { GDALWarpAppOptionsFree(options) }
            var sources: [GDALDatasetH?] = [dataset]
            var usageError: Int32 = 0
            return GDALWarp("", nil, 1, &sources, options, &usageError)
        }
        guard let warped else { throw GeoIOError.cannotOpen(path: path, gdalMessage: GDALRuntime.lastError(or: "warp failed")) }
        return try RasterSource(path: path, dataset: warped, source: self)
    }

    /// This raster on `target`'s pixels: itself when its grid is `target`; the window of its pixels
    /// that `target` is, when `target` lies exactly on them (`cropped(to:)`, values as they are and
    /// no resampling to pay for); else `warped(onto:resampling:)`.
    public func aligned(to target: RasterGrid, resampling: Resampling = .bilinear) throws -> RasterSource {
        if grid == target { return self }
        if let window = grid.window(matching: target), window.x >= 0, window.y >= 0,
           window.x + window.width <= grid.width, window.y + window.height <= grid.height {
            return try cropped(to: window)
        }
        return try warped(onto: target, resampling: resampling)
    }

    /// The pixels of `window` (inside the raster) as a raster of their own, on `grid.subgrid(window)`
    /// (`GDALTranslate -srcwin` into a virtual raster): values, nodata and band descriptions as the
    /// file has them, read straight from it.
    public func cropped(to window: PixelWindow) throws -> RasterSource {
        precondition(window.x >= 0 && window.y >= 0 && window.width > 0 && window.height > 0
                     && window.x + window.width <= grid.width && window.y + window.height <= grid.height, "a window inside the raster")
        let arguments = ["-of", "VRT", "-srcwin", "\(window.x)", "\(window.y)", "\(window.width)", "\(window.height)"]
        CPLErrorReset()
        let cropped: GDALDatasetH? = GDALRuntime.withList(arguments) { list in
            guard let options = GDALTranslateOptionsNew(list, nil) else { return nil }
            defer { GDALTranslateOptionsFree(options) }
            var usageError: Int32 = 0
            return GDALTranslate("", dataset, options, &usageError)
        }
        guard let cropped else { throw GeoIOError.cannotOpen(path: path, gdalMessage: GDALRuntime.lastError(or: "crop failed")) }
        return try RasterSource(path: path, dataset: cropped, source: self, blockSize: blockSize)
    }

    /// Bands `bands` (1-based) over `window`, band after band, as floats; nodata and pixels outside
    /// the raster read as NaN. One `GDALDatasetRasterIO` call for all bands (`GDT_Float32`), so a
    /// pixel-interleaved file decodes each block once.
    public func read(window: PixelWindow, bands: [Int]) throws -> [Float] {
        for index in bands where !(1...bandCount).contains(index) {
            throw GeoIOError.notImagery(path: path, reason: "没有第 \(index) 波段（共 \(bandCount) 个） / no band \(index) (of \(bandCount))")
        }
        let inside = PixelWindow(x: max(0, window.x), y: max(0, window.y),
                                 width: min(grid.width, window.x + window.width) - max(0, window.x),
                                 height: min(grid.height, window.y + window.height) - max(0, window.y))
        guard inside.width > 0, inside.height > 0 else { return [Float](repeating: .nan, count: window.pixelCount * bands.count) }
        var values = try readInside(inside, bands: bands)
        for (slot, index) in bands.enumerated() {
            guard let noData = noDataValues[index - 1].map(Float.init) else { continue }
            let plane = slot * inside.pixelCount
            for i in plane..<(plane + inside.pixelCount) where values[i] == noData { values[i] = .nan }
        }
        guard inside != window else { return values }
        var padded = [Float](repeating: .nan, count: window.pixelCount * bands.count)
        for slot in bands.indices {
            for row in 0..<inside.height {
                let source = slot * inside.pixelCount + row * inside.width
                let target = slot * window.pixelCount + (inside.y - window.y + row) * window.width + (inside.x - window.x)
                padded[target..<(target + inside.width)] = values[source..<(source + inside.width)]
            }
        }
        return padded
    }

    private func readInside(_ window: PixelWindow, bands: [Int]) throws -> [Float] {
        var bandList = bands.map { Int32($0) }
        let count = window.pixelCount * bands.count
        var status = CE_None
        CPLErrorReset()
        // GDAL writes every value, so the buffer is not cleared first (a memset of every tile read).
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialised in
            status = GDALDatasetRasterIO(dataset, GF_Read, Int32(window.x), Int32(window.y), Int32(window.width), Int32(window.height),
                                         buffer.baseAddress, Int32(window.width), Int32(window.height), GDT_Float32,
                                         Int32(bands.count), &bandList, 0, 0, 0)
            initialised = status == CE_None ? count : 0
        }
        guard status == CE_None else { throw GeoIOError.cannotRead(path: path, gdalMessage: GDALRuntime.lastError(or: "read failed")) }
        return values
    }
}
