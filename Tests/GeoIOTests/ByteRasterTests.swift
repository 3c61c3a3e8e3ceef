import CGDAL
import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// The working raster a detection writes, sieves and traces in place, the copy a user keeps, and the
/// raster written straight to be kept.
struct ByteRasterTests {
    let folder = TemporaryDirectory()

    func raster(_ name: String) throws -> ByteRaster {
        let grid = try RasterGrid(width: 40, height: 30, origin: Coordinate(x: 500_000, y: 2_500_000), pixelSize: 2, crs: .epsg(4547))
        let raster = try ByteRaster(path: folder.path(name), grid: grid, bands: 2)
        let whole = PixelWindow(x: 0, y: 0, width: 40, height: 30)
        try raster.write((0..<1200).map { UInt8($0 % 7 == 0 ? 1 : 0) }, window: whole, band: 1)
        try raster.write((0..<1200).map { UInt8($0 % 251) }, window: whole, band: 2)
        return raster
    }

    @Test func theKeptCopyIsACompressedGeoTIFFWithTheSamePixels() throws {
        let working = try raster("work.tif")
        var fractions: [Double] = []
        try working.saveGeoTIFF(to: folder.path("kept.tif")) { fractions.append($0) }
        let kept = try RasterSource(path: folder.path("kept.tif"))
        let whole = PixelWindow(x: 0, y: 0, width: 40, height: 30)
        #expect(try kept.read(window: whole, bands: [1, 2]) == (try working.read(window: whole, band: 1) + working.read(window: whole, band: 2)).map(Float.init))
        let dataset = try #require(GDALOpen(folder.path("kept.tif"), GA_ReadOnly))
        defer { GDALClose(dataset) }
        #expect(GDALGetMetadataItem(dataset, "COMPRESSION", "IMAGE_STRUCTURE").map { String(cString: $0) } == "DEFLATE")
        #expect(fractions.last == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.path("kept.tif.part")))
    }

    @Test func aRasterToKeepAppearsCompressedOnlyWhenKept() throws {
        let grid = try RasterGrid(width: 40, height: 30, origin: Coordinate(x: 500_000, y: 2_500_000), pixelSize: 2, crs: .epsg(4547))
        let path = folder.path("direct.tif")
        let raster = try ByteRaster.toKeep(path: path, grid: grid, bands: 2)
        let whole = PixelWindow(x: 0, y: 0, width: 40, height: 30)
        let values = (0..<1200).map { UInt8($0 % 251) }
        try raster.write(values, window: whole, band: 2)
        #expect(!FileManager.default.fileExists(atPath: path))
        try raster.keep()
        #expect(!FileManager.default.fileExists(atPath: path + ".part"))
        let kept = try RasterSource(path: path)
        #expect(try kept.read(window: whole, bands: [1, 2]) == ([UInt8](repeating: 0, count: 1200) + values).map(Float.init))
        let dataset = try #require(GDALOpen(path, GA_ReadOnly))
        defer { GDALClose(dataset) }
        #expect(GDALGetMetadataItem(dataset, "COMPRESSION", "IMAGE_STRUCTURE").map { String(cString: $0) } == "DEFLATE")
    }

    @Test func aRasterToKeepThatIsNeverKeptLeavesNothingBehind() throws {
        let grid = try RasterGrid(width: 40, height: 30, origin: Coordinate(x: 500_000, y: 2_500_000), pixelSize: 2, crs: .epsg(4547))
        let path = folder.path("abandoned.tif")
        do {
            let raster = try ByteRaster.toKeep(path: path, grid: grid, bands: 1)
            try raster.write([UInt8](repeating: 1, count: 1200), window: PixelWindow(x: 0, y: 0, width: 40, height: 30), band: 1)
            #expect(FileManager.default.fileExists(atPath: path + ".part"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".part"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aGeoTIFFCutShortOpensButItsPixelsFailWithCannotRead() throws {
        // 256 × 256 of noise in DEFLATE tiles: the header and directory come first, most tiles after.
        let grid = try RasterGrid(width: 256, height: 256, origin: Coordinate(x: 500_000, y: 2_500_000), pixelSize: 2, crs: .epsg(4547))
        let path = folder.path("cut.tif")
        let raster = try ByteRaster.toKeep(path: path, grid: grid, bands: 1)
        var state: UInt32 = 7
        let noise = (0..<65_536).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        let whole = PixelWindow(x: 0, y: 0, width: 256, height: 256)
        try raster.write(noise, window: whole, band: 1)
        try raster.keep()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: path))
        let cut = try RasterSource(path: path)
        let error = #expect(throws: GeoIOError.self) { try cut.read(window: whole, bands: [1]) }
        guard case let .cannotRead(reported, _)? = error else {
            Issue.record("expected cannotRead, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(error?.description.contains("文件可能已损坏或不完整") == true)
    }

    @Test func theSieveReportsItsProgressToTheEnd() throws {
        let working = try raster("sieved.tif")
        var fractions: [Double] = []
        try working.sieve(band: 1, minimumPixels: 3) { fractions.append($0) }
        #expect(fractions.last == 1)
        #expect(try working.read(window: PixelWindow(x: 0, y: 0, width: 40, height: 30), band: 1).allSatisfy { $0 == 0 })
    }
}

@Suite("GDAL's block cache")
struct BlockCacheTests {
    @Test("A streaming process lowers GDAL's block cache to the size it asks for, unless GDAL_CACHEMAX chose one")
    func streamingLowersTheCache() throws {
        guard ProcessInfo.processInfo.environment["GDAL_CACHEMAX"] == nil else {
            print("跳过 / skipped: GDAL_CACHEMAX is set, so the cache is the user's choice and is left alone")
            return
        }
        let before = BlockCache.limit
        defer { BlockCache.limitForStreaming(to: before) }
        BlockCache.limitForStreaming(to: 96 << 20)
        #expect(BlockCache.limit == 96 << 20)
    }
}
