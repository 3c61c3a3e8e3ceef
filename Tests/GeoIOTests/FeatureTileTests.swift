import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

@Suite("Reference layers drawn as map tiles")
struct FeatureTileTests {
    let folder = TemporaryDirectory()
    /// Zoom 14 over 114.0°E 23.18°N.
    let tile = WebMercatorTile(z: 14, x: 13380, y: 7107)!
    let fill = TileColour(red: 240, green: 200, blue: 80, alpha: 31)
    let outline = TileColour(red: 240, green: 200, blue: 80, alpha: 255)

    /// A lon/lat rectangle over the west half of the tile, reaching beyond it north, south and west.
    private func westHalf() -> Geometry {
        let b = tile.lonLatBounds
        return Geometry(rectangle: Envelope(minX: b.minX - 0.01, minY: b.minY - 0.01, maxX: (b.minX + b.maxX) / 2, maxY: b.maxY + 0.01))
    }

    @Test("Inside the polygon the tile is the fill colour, on its edge the outline, beyond it transparent")
    func fillOutlineAndTransparency() throws {
        let png = try FeatureTileRenderer.render([westHalf()], tile: tile, fill: fill, outline: outline)
        #expect(try tilePixel(png, x: 64, y: 128, in: folder) == [240, 200, 80, 31])
        #expect(try tilePixel(png, x: 200, y: 128, in: folder) == [0, 0, 0, 0])
        // The east edge lies at the tile's middle column (x is linear in longitude in Web Mercator).
        let edge = try [127, 128].map { try tilePixel(png, x: $0, y: 128, in: folder) }
        #expect(edge.contains([240, 200, 80, 255]))
    }

    @Test("A line is drawn in the outline colour and nothing is filled")
    func linesAreOutlined() throws {
        let b = tile.lonLatBounds
        let midLat = (b.minY + b.maxY) / 2
        let line = Geometry(Shape.lineString([Coordinate(x: b.minX - 0.01, y: midLat), Coordinate(x: b.maxX + 0.01, y: midLat)]))
        let png = try FeatureTileRenderer.render([line], tile: tile, fill: fill, outline: outline)
        let column = try (120...136).map { try tilePixel(png, x: 64, y: $0, in: folder) }
        #expect(column.contains([240, 200, 80, 255]))
        #expect(try tilePixel(png, x: 64, y: 20, in: folder) == [0, 0, 0, 0])
    }
}
