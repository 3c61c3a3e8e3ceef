import CGDAL
import Foundation
import GeoIO
import Testing
import TestSupport

/// The band values (RGBA for tiles) of a PNG's pixel, read back through GDAL from a file in `folder`.
func tilePixel(_ png: Data, x: Int, y: Int, in folder: TemporaryDirectory) throws -> [UInt8] {
    try #require((0..<WebMercatorTile.size).contains(x) && (0..<WebMercatorTile.size).contains(y))
    let path = folder.path("tile-\(UUID().uuidString).png")
    try png.write(to: URL(fileURLWithPath: path))
    let dataset = try #require(GDALOpen(path, GA_ReadOnly))
    defer { GDALClose(dataset) }
    return try (1...GDALGetRasterCount(dataset)).map { band in
        var value: UInt8 = 0
        let read = GDALRasterIO(GDALGetRasterBand(dataset, band), GF_Read, Int32(x), Int32(y), 1, 1, &value, 1, 1, GDT_Byte, 0, 0)
        try #require(read == CE_None)
        return value
    }
}
