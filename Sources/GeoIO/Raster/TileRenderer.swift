import CGDAL
import Foundation
import Geo

/// An XYZ tile of the Web Mercator grid (EPSG:3857) as web maps request them: zoom `z`, column `x`
/// from the west, row `y` from the north.
public struct WebMercatorTile: Sendable, Hashable, CustomStringConvertible {
    public let z: Int
    public let x: Int
    public let y: Int
    public static let size = 256
    public static let maximumZoom = 22
    /// Half the width of the Web Mercator square, in metres (π × 6 378 137).
    static let halfWorld = 20_037_508.342789244

    /// nil when the numbers do not name a tile (zoom above 22, column or row outside the grid).
    public init?(z: Int, x: Int, y: Int) {
        guard (0...Self.maximumZoom).contains(z), (0..<(1 << z)).contains(x), (0..<(1 << z)).contains(y) else { return nil }
        self.z = z
        self.x = x
        self.y = y
    }

    public var description: String { "\(z)/\(x)/\(y)" }

    /// The tile's box in EPSG:3857 metres.
    public var bounds: Envelope {
        let span = 2 * Self.halfWorld / Double(1 << z)
        let minX = -Self.halfWorld + Double(x) * span, maxY = Self.halfWorld - Double(y) * span
        return Envelope(minX: minX, minY: maxY - span, maxX: minX + span, maxY: maxY)
    }

    /// The tile's box in lon/lat degrees, for deciding whether an image can cover it.
    public var lonLatBounds: Envelope {
        let b = bounds
        func lat(_ y: Double) -> Double { atan(sinh(y / 6_378_137)) * 180 / .pi }
        return Envelope(minX: b.minX / Self.halfWorld * 180, minY: lat(b.minY), maxX: b.maxX / Self.halfWorld * 180, maxY: lat(b.maxY))
    }
}

/// Renders map tiles from imagery with GDAL: `GDALWarp` reprojects the tile's window of the image to
/// EPSG:3857 (bilinear, with an alpha band so what lies outside the image is transparent) into
/// memory, and the PNG driver encodes it in `/vsimem/`. Each call opens its own datasets, so tiles can
/// be rendered on several threads at once.
public enum TileRenderer {
    /// The PNG bytes of `tile` cut from the image at `path`.
    public static func render(path: String, tile: WebMercatorTile) throws -> Data {
        GDALRuntime.ensureReady()
        CPLErrorReset()
        guard let opened = GDALOpenEx(path, UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY), nil, nil, nil) else {
            throw GeoIOError.cannotOpen(path: path, gdalMessage: GDALRuntime.lastError())
        }
        let source = OwnedDataset(opened)
        let b = tile.bounds
        let arguments = ["-of", "MEM", "-t_srs", "EPSG:3857", "-te", "\(b.minX)", "\(b.minY)", "\(b.maxX)", "\(b.maxY)",
                         "-ts", "\(WebMercatorTile.size)", "\(WebMercatorTile.size)", "-r", "bilinear", "-dstalpha", "-ot", "Byte"]
        let warped: GDALDatasetH? = GDALRuntime.withList(arguments) { list in
            guard let options = GDALWarpAppOptionsNew(list, nil) else { return nil }
            defer { GDALWarpAppOptionsFree(options) }
            var sources: [GDALDatasetH?] = [source.handle]
            var usageError: Int32 = 0
            return GDALWarp("", nil, 1, &sources, options, &usageError)
        }
        guard let warped else { throw GeoIOError.cannotRender(path: path, tile: tile.description, gdalMessage: GDALRuntime.lastError()) }
        let tileDataset = OwnedDataset(warped)
        return try encodePNG(tileDataset.handle, path: path, tile: tile)
    }

    /// Encodes the raster as PNG through `/vsimem/` (GDAL's PNG driver writes by copy only).
    static func encodePNG(_ dataset: GDALDatasetH, path: String, tile: WebMercatorTile) throws -> Data {
        let memoryFile = "/vsimem/landwatch-tile-\(UUID().uuidString).png"
        defer { VSIUnlink(memoryFile) }
        guard let png = GDALGetDriverByName("PNG"), let copied = GDALCreateCopy(png, memoryFile, dataset, 0, nil, nil, nil) else {
            throw GeoIOError.cannotRender(path: path, tile: tile.description, gdalMessage: GDALRuntime.lastError())
        }
        GDALClose(copied)
        var length: vsi_l_offset = 0
        guard let bytes = VSIGetMemFileBuffer(memoryFile, &length, 0) else {
            throw GeoIOError.cannotRender(path: path, tile: tile.description, gdalMessage: "no PNG in memory")
        }
        return Data(bytes: bytes, count: Int(length))
    }
}
