import Detection
import Foundation
import Geo
import GeoIO
import TestSupport
import Testing

/// Generated before/after RGB GeoTIFFs in CGCS2000 / 3-degree Gauss-Krüger CM 114°E (EPSG:4547),
/// 2 m pixels, a field of green-brown texture with whatever the test plants into the after image.
struct PlantedPair {
    static let crs = CRS.epsg(4547)
    static let pixelSize = 2.0
    /// On the zone's central meridian, where the projection's scale is 1.
    static let origin = Coordinate(x: 500_000, y: 2_500_000)

    let directory = TemporaryDirectory("landwatch-detection")
    let width: Int
    let height: Int
    var before: String { directory.path("before.tif") }
    var after: String { directory.path("after.tif") }

    /// - Parameter change: the after image's (red, green, blue) at a pixel, given the before image's.
    /// - Parameters:
    ///   - shift: the after image covers the ground `shift` pixels further east (its georeference says so).
    ///   - misregistration: the after image shows the ground `misregistration` pixels further east and
    ///     south than its georeference says, as acquisitions a pixel or two apart do.
    init(width: Int = 96, height: Int = 80, shift: Int = 0, misregistration: Int = 0,
         change: (_ x: Int, _ y: Int, _ pixel: (UInt8, UInt8, UInt8)) -> (UInt8, UInt8, UInt8) = { _, _, p in p }) throws {
        self.width = width
        self.height = height
        try Self.write(path: before, width: width, height: height, originColumn: 0) { x, y in Self.field(x, y) }
        try Self.write(path: after, width: width, height: height, originColumn: shift) { x, y in
            let (gx, gy) = (x + shift + misregistration, y + misregistration)
            return change(gx, gy, Self.field(gx, gy))
        }
    }

    /// Farmland texture: greenish, varying from pixel to pixel by a fixed hash.
    static func field(_ x: Int, _ y: Int) -> (UInt8, UInt8, UInt8) {
        var h = UInt32(truncatingIfNeeded: x &* 73_856_093 ^ y &* 19_349_663)
        h = (h ^ (h >> 13)) &* 1_274_126_177
        let n = Int(h >> 24) % 24
        return (UInt8(70 + n), UInt8(110 + n), UInt8(50 + n / 2))
    }

    private static func write(path: String, width: Int, height: Int, originColumn: Int,
                              pixel: (Int, Int) -> (UInt8, UInt8, UInt8)) throws {
        let origin = Coordinate(x: Self.origin.x + Double(originColumn) * pixelSize, y: Self.origin.y)
        let grid = try RasterGrid(width: width, height: height, origin: origin, pixelSize: pixelSize, crs: crs)
        let raster = try ByteRaster(path: path, grid: grid, bands: 3)
        var planes = [[UInt8]](repeating: [UInt8](repeating: 0, count: width * height), count: 3)
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b) = pixel(x, y)
                planes[0][y * width + x] = r
                planes[1][y * width + x] = g
                planes[2][y * width + x] = b
            }
        }
        let whole = PixelWindow(x: 0, y: 0, width: width, height: height)
        for band in 0..<3 { try raster.write(planes[band], window: whole, band: band + 1) }
    }

    /// A square of `side` pixels with its top left corner at (`x`, `y`).
    static func inSquare(_ px: Int, _ py: Int, x: Int, y: Int, side: Int) -> Bool {
        (x..<(x + side)).contains(px) && (y..<(y + side)).contains(py)
    }

    func pair() throws -> ImagePair { try ImagePair(beforePath: before, afterPath: after, bandMap: .rgb) }

    /// Runs the detector over the whole pair and returns the three bands.
    static func detect(_ detector: ChangeDetector, tileSize: Int, threads: Int = 2) throws -> [[UInt8]] {
        let grid = detector.pair.grid
        let raster = try ByteRaster(path: nil, grid: grid, bands: 3)
        try detector.run(into: raster, tileSize: tileSize, threads: threads)
        let whole = PixelWindow(x: 0, y: 0, width: grid.width, height: grid.height)
        return try (1...3).map { try raster.read(window: whole, band: $0) }
    }

    /// Patches from a fresh detection, at the given minimum mapping unit.
    static func patches(_ detector: ChangeDetector, minimumArea: Area) throws -> [CandidatePatch] {
        let raster = try ByteRaster(path: nil, grid: detector.pair.grid, bands: 3)
        try detector.run(into: raster)
        let pixelArea = try #require(try CandidateExtraction.pixelArea(of: detector.pair.grid))
        try CandidateExtraction.sieve(raster, minimumPixels: CandidateExtraction.minimumPixels(for: minimumArea, pixelArea: pixelArea))
        return try CandidateExtraction.patches(in: raster)
    }
}
