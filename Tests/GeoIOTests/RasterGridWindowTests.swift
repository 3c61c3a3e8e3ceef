import Geo
import GeoIO
import Testing

/// Envelopes in a grid's CRS to the pixels they touch: 2 m pixels from (500,000, 2,500,000), north up.
struct RasterGridWindowTests {
    let grid = try! RasterGrid(width: 40, height: 30, origin: Coordinate(x: 500_000, y: 2_500_000), pixelSize: 2, crs: .epsg(4547))

    @Test func anEnvelopeOnPixelEdgesCoversExactlyThosePixels() {
        // Columns 5 ..< 10, rows 3 ..< 7: x 500,010 – 500,020, y 2,499,986 – 2,499,994.
        let envelope = Envelope(minX: 500_010, minY: 2_499_986, maxX: 500_020, maxY: 2_499_994)
        #expect(grid.window(covering: envelope) == PixelWindow(x: 5, y: 3, width: 5, height: 4))
    }

    @Test func anEnvelopeInsideOnePixelCoversThatPixelAndOneOutsideTheGridIsNotClipped() {
        #expect(grid.window(covering: Envelope(minX: 500_010.5, minY: 2_499_993, maxX: 500_011, maxY: 2_499_993.5))
                == PixelWindow(x: 5, y: 3, width: 1, height: 1))
        #expect(grid.window(covering: Envelope(minX: 499_990, minY: 2_500_000, maxX: 499_996, maxY: 2_500_004))
                == PixelWindow(x: -5, y: -2, width: 3, height: 2))
    }
}
