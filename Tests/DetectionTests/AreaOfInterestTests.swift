import Foundation
import Geo
import GeoIO
import TestSupport
import Testing
@testable import Detection

@Suite struct AreaOfInterestTests {
    /// Columns `columns` and rows `rows` of the planted pair's grid as a rectangle in CGCS2000
    /// longitude/latitude, so that the pair reprojects it onto its own CRS.
    static func area(columns: Range<Int>, rows: Range<Int>) throws -> AreaOfInterest {
        try AreaOfInterest(source: "test", geometry: try lonLat(columns: columns, rows: rows), crs: .cgcs2000)
    }

    static func lonLat(columns: Range<Int>, rows: Range<Int>) throws -> Geometry {
        let origin = PlantedPair.origin, size = PlantedPair.pixelSize
        let box = Envelope(minX: origin.x + Double(columns.lowerBound) * size, minY: origin.y - Double(rows.upperBound) * size,
                           maxX: origin.x + Double(columns.upperBound) * size, maxY: origin.y - Double(rows.lowerBound) * size)
        return try Geometry(rectangle: box).transformed(from: PlantedPair.crs, to: .cgcs2000)
    }

    static func pair(_ fixture: PlantedPair, area: AreaOfInterest) throws -> ImagePair {
        try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb, area: area)
    }

    @Test func pixelsWhoseCentreIsOutsideTheAreaReadAsNodata() throws {
        let fixture = try PlantedPair()
        let pair = try Self.pair(fixture, area: try Self.area(columns: 10..<48, rows: 20..<70))
        let whole = PixelWindow(x: 0, y: 0, width: fixture.width, height: fixture.height)
        let (before, after) = try pair.readPadded(window: whole, halo: 0)
        for y in 0..<fixture.height {
            for x in 0..<fixture.width {
                let inside = (10..<48).contains(x) && (20..<70).contains(y)
                #expect(before[y * fixture.width + x].isFinite == inside && after[y * fixture.width + x].isFinite == inside, "pixel \(x), \(y)")
            }
        }
    }

    @Test func aChangeOutsideTheAreaGivesNoPatchAndOneInsideGivesOne() throws {
        let fixture = try PlantedPair { x, y, p in
            PlantedPair.inSquare(x, y, x: 70, y: 40, side: 16) ? (205, 205, 210) : ChangeDetectionTests.roof(x, y, p)
        }
        let everywhere = try PlantedPair.patches(try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector), minimumArea: Area(mu: 0.3))
        #expect(everywhere.count == 2)
        let pair = try Self.pair(fixture, area: try Self.area(columns: 0..<56, rows: 0..<80))
        let inside = try PlantedPair.patches(try ChangeDetector(pair: pair, scorer: .changeVector), minimumArea: Area(mu: 0.3))
        #expect(inside.count == 1)
        let patch = try #require(inside.first)
        #expect(try patch.geometry.intersects(try Self.lonLat(columns: 30..<50, rows: 24..<44)))
        #expect(try !patch.geometry.intersects(try Self.lonLat(columns: 56..<96, rows: 0..<80)))
    }

    @Test func theAreaIsReadInWholeBlocksOfTheBeforeImageClippedToIt() throws {
        let grid = try RasterGrid(width: 1_000, height: 1_000, origin: PlantedPair.origin, pixelSize: PlantedPair.pixelSize, crs: PlantedPair.crs)
        let blocks = (width: 256, height: 256)
        #expect(try Self.area(columns: 300..<420, rows: 600..<700).placed(on: grid, blocks: blocks).window
                == PixelWindow(x: 256, y: 512, width: 256, height: 256))
        #expect(try Self.area(columns: 900..<1_100, rows: -50..<10).placed(on: grid, blocks: blocks).window
                == PixelWindow(x: 768, y: 0, width: 232, height: 256))
    }

    @Test func thePairIsTheAreasWindowOfBothImages() throws {
        let fixture = try PlantedPair(width: 600, height: 300)
        let full = try fixture.pair()
        let pair = try Self.pair(fixture, area: try Self.area(columns: 300..<420, rows: 0..<80))
        // The planted files are tiled in blocks of 256 × 256.
        let window = PixelWindow(x: 256, y: 0, width: 256, height: 256)
        #expect(pair.grid == full.grid.subgrid(window))
        let inside = PixelWindow(x: 300, y: 10, width: 20, height: 20)
        let expected = try full.readPadded(window: inside, halo: 0)
        let read = try pair.readPadded(window: PixelWindow(x: 44, y: 10, width: 20, height: 20), halo: 0)
        #expect(read.before == expected.before && read.after == expected.after)
    }

    @Test func anAreaThatMissesTheImagesIsRefused() throws {
        let fixture = try PlantedPair()
        #expect(throws: DetectionError.areaOfInterest(path: "test", reason: "与影像不重叠 / it does not overlap the images")) {
            try Self.pair(fixture, area: try Self.area(columns: 200..<260, rows: 0..<80))
        }
    }

    @Test func imagesWithoutGeoreferenceCannotTakeAnArea() throws {
        let directory = TemporaryDirectory()
        for name in ["a.tif", "b.tif"] { _ = try ByteRaster(path: directory.path(name), grid: try RasterGrid(width: 8, height: 8), bands: 3) }
        #expect(throws: DetectionError.areaOfInterest(path: "test", reason: "影像没有地理参考，研究区无法落到影像上 / the images have no georeference, so the area cannot be placed on them")) {
            try ImagePair(beforePath: directory.path("a.tif"), afterPath: directory.path("b.tif"), area: try Self.area(columns: 0..<4, rows: 0..<4))
        }
    }

    @Test func anAreaFileIsTheUnionOfItsPolygonsInTheFilesCRS() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("county.geojson")
        try Self.writeGeoJSON([try Self.lonLat(columns: 0..<30, rows: 0..<80), try Self.lonLat(columns: 20..<48, rows: 0..<80)], to: path)
        let area = try AreaOfInterest.read(path: path)
        #expect(area.crs == .wgs84)
        #expect(area.geometry.shape.polygons.count == 1)
        let fixture = try PlantedPair()
        let whole = PixelWindow(x: 0, y: 0, width: fixture.width, height: fixture.height)
        let (before, _) = try Self.pair(fixture, area: area).readPadded(window: whole, halo: 0)
        #expect(before[0..<whole.pixelCount].filter(\.isFinite).count == 48 * 80)
    }

    @Test func aFilterTakesOneCountyOutOfAFileOfSeveral() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("counties.geojson")
        try Self.writeGeoJSON([try Self.lonLat(columns: 0..<30, rows: 0..<80), try Self.lonLat(columns: 30..<96, rows: 0..<80)],
                              codes: ["449901", "449902"], to: path)
        let area = try AreaOfInterest.read(path: path, filter: "XZQDM = '449902'")
        #expect(area.source == "\(path) 「XZQDM = '449902'」")
        let fixture = try PlantedPair()
        let whole = PixelWindow(x: 0, y: 0, width: fixture.width, height: fixture.height)
        let (before, _) = try Self.pair(fixture, area: area).readPadded(window: whole, halo: 0)
        let valid = (0..<whole.pixelCount).filter { before[$0].isFinite }
        #expect(valid.count == 66 * 80)
        #expect(valid.allSatisfy { $0 % fixture.width >= 30 })
    }

    @Test func aFilterSelectingNoPolygonIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("counties.geojson")
        try Self.writeGeoJSON([try Self.lonLat(columns: 0..<30, rows: 0..<80)], codes: ["449901"], to: path)
        #expect(throws: DetectionError.areaOfInterest(path: "\(path) 「XZQDM = '449903'」", reason: "筛选条件没有选中任何面 / the filter selects no polygon")) {
            try AreaOfInterest.read(path: path, filter: "XZQDM = '449903'")
        }
    }

    @Test func aFileWithoutPolygonsIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("points.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[114,22.6]}}]}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        #expect(throws: DetectionError.areaOfInterest(path: path, reason: "其中没有面要素 / it holds no polygon")) { try AreaOfInterest.read(path: path) }
    }

    /// A GeoJSON of the polygons, the i-th with the county code `codes[i]` (XZQDM) when given.
    static func writeGeoJSON(_ polygons: [Geometry], codes: [String] = [], to path: String) throws {
        let features = polygons.enumerated().map { i, polygon in
            let ring = polygon.shape.polygons[0].exterior.map { "[\($0.x),\($0.y)]" }.joined(separator: ",")
            let properties = i < codes.count ? #"{"XZQDM":"\#(codes[i])"}"# : "{}"
            return #"{"type":"Feature","properties":"# + properties + #","geometry":{"type":"Polygon","coordinates":[["# + ring + "]]}}"
        }
        try Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8).write(to: URL(fileURLWithPath: path))
    }
}
