import Geo
import GeoIO
import TestSupport
import Testing

/// A raster brought onto another grid: cut when the grid lies on its pixels, warped otherwise.
/// 2 m pixels in EPSG:4547 from (500,000, 2,500,000); pixel (x, y) of band 1 holds x + 10 y.
struct RasterAlignmentTests {
    static let origin = Coordinate(x: 500_000, y: 2_500_000)

    static func write(in directory: TemporaryDirectory) throws -> RasterSource {
        let grid = try RasterGrid(width: 20, height: 12, origin: origin, pixelSize: 2, crs: .epsg(4547))
        do {
            // Closed (and flushed) at the end of this scope, before it is opened for reading.
            let raster = try ByteRaster(path: directory.path("image.tif"), grid: grid, bands: 1)
            try raster.write((0..<240).map { UInt8($0 % 20 + 10 * ($0 / 20)) }, window: PixelWindow(x: 0, y: 0, width: 20, height: 12), band: 1)
        }
        return try RasterSource(path: directory.path("image.tif"))
    }

    @Test func aGridOnTheRastersPixelsIsCutFromItValueForValueWithTheFilesBlocks() throws {
        let directory = TemporaryDirectory()
        let source = try Self.write(in: directory)
        let window = PixelWindow(x: 4, y: 3, width: 9, height: 5)
        let cut = try source.aligned(to: source.grid.subgrid(window))
        #expect(cut.grid == source.grid.subgrid(window))
        #expect(cut.blockSize.width == source.blockSize.width && cut.blockSize.height == source.blockSize.height)
        let values = try cut.read(window: PixelWindow(x: 0, y: 0, width: 9, height: 5), bands: [1])
        let expected: [Float] = (0..<45).map { (i: Int) -> Float in Float(4 + i % 9 + 10 * (3 + i / 9)) }
        #expect(values == expected)
    }

    @Test func aGridHalfAPixelOffIsWarpedAndReachesBeyondTheRasterAsNodata() throws {
        let directory = TemporaryDirectory()
        let source = try Self.write(in: directory)
        let target = source.grid.subgrid(PixelWindow(x: 15, y: 0, width: 10, height: 4)).shifted(columns: 0.5, rows: 0)
        let warped = try source.aligned(to: target)
        #expect(warped.grid == target)
        let values = try warped.read(window: PixelWindow(x: 0, y: 0, width: 10, height: 4), bands: [1])
        #expect(values[0] == 15.5)
        #expect(values[9].isNaN)
    }
}
