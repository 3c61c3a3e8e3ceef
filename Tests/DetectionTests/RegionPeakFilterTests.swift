import GeoIO
import Testing
@testable import Detection

/// Hysteresis on small hand-drawn masks: `#` a changed pixel scoring 100, `@` one scoring 200.
@Suite struct RegionPeakFilterTests {
    /// Runs the filter (keeping regions that reach 150) with strips of `rows` rows and returns the mask.
    private func filtered(_ picture: [String], rows: Int) throws -> [String] {
        let width = picture[0].count, height = picture.count
        let raster = try ByteRaster(path: nil, grid: try RasterGrid(width: width, height: height), bands: 3)
        let pixels = picture.joined().map { $0 }
        let whole = PixelWindow(x: 0, y: 0, width: width, height: height)
        try raster.write(pixels.map { $0 == "." ? 0 : 1 }, window: whole, band: 1)
        try raster.write(pixels.map { $0 == "@" ? 200 : $0 == "#" ? 100 : 0 }, window: whole, band: 3)
        try RegionPeakFilter.apply(to: raster, maskBand: 1, scoreBand: 3, minimumPeak: 150, rowsPerStrip: rows)
        let mask = try raster.read(window: whole, band: 1)
        return (0..<height).map { y in String(mask[(y * width)..<((y + 1) * width)].map { $0 == 0 ? "." : "#" }) }
    }

    @Test func aRegionWithoutThePeakIsClearedAndOneWithItIsKept() throws {
        let picture = ["##....",
                       "##..#@",
                       "....##"]
        #expect(try filtered(picture, rows: 256) == ["......",
                                                     "....##",
                                                     "....##"])
    }

    @Test func armsJoinedBelowTheirStartsAreOneRegionWhateverTheStripHeight() throws {
        // A U: the arms start as two provisional regions and meet in the last row; the peak is on the left arm.
        let picture = ["@...#.",
                       "#...#.",
                       "#...#.",
                       "#####.",
                       "......",
                       ".#....",
                       "..#..."]
        let expected = ["#...#.",
                        "#...#.",
                        "#...#.",
                        "#####.",
                        "......",
                        "......",
                        "......"]
        for rows in [1, 2, 3, 256] {
            #expect(try filtered(picture, rows: rows) == expected)
        }
    }

    @Test func diagonalNeighboursBelongToTheSameRegion() throws {
        let picture = ["#...",
                       ".#..",
                       "..#.",
                       "...@"]
        #expect(try filtered(picture, rows: 2) == ["#...", ".#..", "..#.", "...#"])
    }
}
