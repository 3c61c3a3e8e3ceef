import Foundation
import Testing
import Geo

/// Reference areas were computed with Python geographiclib 2.1 (Karney's algorithm, an implementation
/// independent of PROJ's C geodesic code):
///
///     from geographiclib.geodesic import Geodesic
///     g = Geodesic(6378137, 1/298.257222101)          # CGCS2000; Geodesic.WGS84 for WGS 84
///     p = g.Polygon(False)
///     for lon, lat in ring: p.AddPoint(lat, lon)
///     n, perimeter, area = p.Compute(False, True)     # signed; positive = counter-clockwise
///
/// PROJ's geod_polygonarea (pyproj.Geod and the system libproj 9.1.1 through ctypes) agrees to
/// 6.5e-13 relative or better on every polygon here, so 1e-9 relative is a generous tolerance.
enum AreaFixtures {
    /// A pentagon in Guangzhou, about 6 km across, counter-clockwise.
    static let outer = closedRing([(113.2600, 23.1000), (113.3050, 23.0980), (113.3200, 23.1300),
                                   (113.2950, 23.1550), (113.2650, 23.1420)])
    /// A square hole inside `outer`, counter-clockwise as written.
    static let hole = closedRing([(113.2800, 23.1150), (113.2950, 23.1150), (113.2950, 23.1300), (113.2800, 23.1300)])
    /// A separate square south-east of `outer`.
    static let second = closedRing([(113.4000, 23.0000), (113.4200, 23.0000), (113.4200, 23.0150), (113.4000, 23.0150)])

    static let outerArea = 27_876_706.2242136        // geographiclib, CGCS2000
    static let holeArea = 2_552_323.729833126        // geographiclib, CGCS2000
    static let outerMinusHole = 25_324_382.494380474 // outerArea − holeArea
    static let secondArea = 3_405_942.0131845474     // geographiclib, CGCS2000
    static let multiArea = 28_730_324.50756502       // outerMinusHole + secondArea

    /// One-degree graticule cell 113…114°E × 23…24°N whose east-west edges are split into `n`
    /// segments of 1/n degree, so that its geodesic edges approach the parallels as n grows.
    static func graticuleCell(segmentsPerEdge n: Int) -> Shape {
        var ring: Ring = []
        for i in 0..<n { ring.append(Coordinate(lon: 113 + Double(i) / Double(n), lat: 23)) }  // south edge, eastwards
        ring.append(Coordinate(lon: 114, lat: 23))
        for i in 0..<n { ring.append(Coordinate(lon: 114 - Double(i) / Double(n), lat: 24)) }  // north edge, westwards
        ring.append(Coordinate(lon: 113, lat: 24))
        ring.append(ring[0])
        return .polygon(Polygon(exterior: ring))
    }
}

@Suite("EllipsoidalArea")
struct EllipsoidalAreaTests {
    @Test("A five-vertex polygon in Guangdong has geographiclib's area on the CGCS2000 ellipsoid")
    func pentagon() {
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: AreaFixtures.outer)))
        #expect(isClose(area.squareMetres, AreaFixtures.outerArea, relative: 1e-9))
    }

    @Test("A polygon's hole is subtracted from its exterior")
    func holeIsSubtracted() {
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])))
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-9))
    }

    @Test("Ring orientation does not change the area", arguments: [false, true], [false, true])
    func orientationDoesNotMatter(reverseExterior: Bool, reverseHole: Bool) {
        let exterior = reverseExterior ? Array(AreaFixtures.outer.reversed()) : AreaFixtures.outer
        let hole = reverseHole ? Array(AreaFixtures.hole.reversed()) : AreaFixtures.hole
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: exterior, holes: [hole])))
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-9))
    }

    @Test("A ring given without its closing vertex has the same area")
    func unclosedRing() {
        let open = Array(AreaFixtures.outer.dropLast())
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: open)))
        #expect(isClose(area.squareMetres, AreaFixtures.outerArea, relative: 1e-9))
    }

    @Test("A multipolygon's area is the sum of its parts")
    func multipolygonSums() {
        let withHole = Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])
        let square = Polygon(exterior: AreaFixtures.second)
        let area = EllipsoidalArea.of(lonLat: .multiPolygon([withHole, square]))
        #expect(isClose(area.squareMetres, AreaFixtures.multiArea, relative: 1e-9))
        let parts = EllipsoidalArea.of(lonLat: .polygon(withHole)) + EllipsoidalArea.of(lonLat: .polygon(square))
        #expect(isClose(area.squareMetres, parts.squareMetres, relative: 1e-12))
        #expect(isClose(EllipsoidalArea.of(lonLat: .polygon(square)).squareMetres, AreaFixtures.secondArea, relative: 1e-9))
    }

    @Test("Points and lines inside a collection count zero; its polygons count")
    func nonPolygonalPartsCountZero() {
        let collection = Shape.collection([
            .point(Coordinate(lon: 113.3, lat: 23.1)),
            .lineString(AreaFixtures.outer),
            .polygon(Polygon(exterior: AreaFixtures.outer)),
        ])
        #expect(isClose(EllipsoidalArea.of(lonLat: collection).squareMetres, AreaFixtures.outerArea, relative: 1e-9))
        #expect(EllipsoidalArea.of(lonLat: .lineString(AreaFixtures.outer)) == .zero)
        #expect(EllipsoidalArea.of(lonLat: .multiPoint(AreaFixtures.outer)) == .zero)
    }

    @Test("Antarctica from the GeographicLib documentation has 13 662 703 680 020.1 m² on WGS 84")
    func antarctica() {
        // The "Antarctica" polygon of https://geographiclib.sourceforge.io/scripts/geod-calc.html (lat, lon);
        // it crosses the antimeridian and encircles the South Pole. geographiclib 2.1 with Geodesic.WGS84:
        // area 13662703680020.094 m², perimeter 16831067.89279071 m (the page prints 13662703680020.1).
        let latLon: [(Double, Double)] = [
            (-63.1, -58), (-72.9, -74), (-71.9, -102), (-74.9, -102), (-74.3, -131), (-77.5, -163), (-77.4, 163),
            (-71.7, 172), (-65.9, 140), (-65.7, 113), (-66.6, 88), (-66.9, 59), (-69.8, 25), (-70.0, -4),
            (-71.0, -14), (-77.3, -33), (-77.9, -46), (-74.7, -61),
        ]
        let ring = closedRing(latLon.map { ($0.1, $0.0) })
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: ring)), on: .wgs84)
        #expect(isClose(area.squareMetres, 13_662_703_680_020.094, relative: 1e-9))
        let reversed = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: Array(ring.reversed()))), on: .wgs84)
        #expect(isClose(reversed.squareMetres, 13_662_703_680_020.094, relative: 1e-9))
    }

    @Test("A one-degree graticule cell densified to 2000 segments per parallel has the closed-form area")
    func graticuleCellClosedForm() {
        // Area on the ellipsoid between meridians λ1, λ2 and parallels φ1, φ2 (the authalic formula):
        //   A = Δλ · b²/2 · [q(φ2) − q(φ1)],
        //   q(φ) = sin φ / (1 − e² sin² φ) + 1/(2e) · ln((1 + e sin φ) / (1 − e sin φ)),
        // with a = 6378137, f = 1/298.257222101, e² = f(2 − f), b = a(1 − f), Δλ = 1° in radians,
        // φ1 = 23°, φ2 = 24°. Evaluated with mpmath at 40 digits: 11312085322.11383761… m².
        // Parallels are not geodesics: geographiclib gives the 4-vertex cell 1.34e-5 too large, the
        // cell with n segments per parallel (1/n² convergence) 1.34e-9 at n = 100, 1.34e-11 at 1000 and
        // 3.3e-12 at 2000 (4002 vertices). So 1e-10 relative leaves a 30× margin.
        let expected = 11_312_085_322.1138
        let area = EllipsoidalArea.of(lonLat: AreaFixtures.graticuleCell(segmentsPerEdge: 2000))
        #expect(isClose(area.squareMetres, expected, relative: 1e-10))
    }

    @Test("The undensified graticule cell has geodesic edges, not parallels")
    func graticuleCellGeodesicEdges() {
        // geographiclib, CGCS2000, vertices (113,23) (114,23) (114,24) (113,24): 11312236864.040833 m²,
        // 1.3396e-5 above the closed-form cell because the geodesic edges bow poleward.
        let area = EllipsoidalArea.of(lonLat: AreaFixtures.graticuleCell(segmentsPerEdge: 1))
        #expect(isClose(area.squareMetres, 11_312_236_864.040833, relative: 1e-9))
        #expect(area.squareMetres > 11_312_085_322.1138 * (1 + 1e-5))
    }

    @Test("A 100 m square in Gauss-Krüger CM 114°E near the central meridian measures 10 000 m²")
    func gaussKrugerSquare() throws {
        let square = Geometry(rectangle: Envelope(minX: 500_000, minY: 2_544_500, maxX: 500_100, maxY: 2_544_600))
        let area = try EllipsoidalArea.of(square, in: .epsg(4547))
        #expect(abs(area.squareMetres - 10_000) <= 1e-4 * 10_000)
        // The four corners through pyproj Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True):
        //   (114.00000000000001, 22.99966067191159), (114.00097539286575, 22.99966066890843),
        //   (114.00097539935389, 23.00056365227904), (114.00000000000001, 23.00056365528234)
        // and geographiclib on CGCS2000: 9999.999999238304 m².
        #expect(isClose(area.squareMetres, 9_999.999999238304, relative: 1e-9))
    }

    @Test("In a geographic CRS the coordinates are measured as they are, on that CRS's ellipsoid")
    func geographicCRSUsesCoordinatesDirectly() throws {
        let geometry = Geometry(.polygon(Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])))
        let area = try EllipsoidalArea.of(geometry, in: .cgcs2000)
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-9))
        #expect(isClose(area.squareMetres, EllipsoidalArea.of(lonLat: geometry.shape, on: .cgcs2000).squareMetres, relative: 1e-12))
    }

    @Test("The same polygon projected to Gauss-Krüger measures the same ellipsoidal area")
    func projectedPolygonSameArea() throws {
        let geometry = Geometry(.polygon(Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])))
        let projected = try geometry.transformed(from: .cgcs2000, to: .epsg(4547))
        let area = try EllipsoidalArea.of(projected, in: .epsg(4547))
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-9))
    }

    @Test("Measuring in an unknown CRS throws unknownCRS")
    func unknownCRSThrows() {
        do {
            _ = try EllipsoidalArea.of(Geometry(rectangle: Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)),
                                       in: CRS(definition: "EPSG:999999"))
            Issue.record("EPSG:999999 was accepted")
        } catch let GeoError.unknownCRS(definition, _) {
            #expect(definition == "EPSG:999999")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("Area units")
struct AreaUnitTests {
    @Test("One mu is 10000/15 square metres")
    func oneMu() {
        #expect(Area(mu: 1).squareMetres == 10_000.0 / 15.0)
        #expect(Area.squareMetresPerMu == 10_000.0 / 15.0)
    }

    @Test("Fifteen mu are one hectare")
    func fifteenMuAreOneHectare() {
        // Exact in IEEE doubles: 15 × (10000/15) == 10000 and 10000 / (10000/15) == 15.
        #expect(Area(mu: 15).hectares == 1)
        #expect(Area(hectares: 1).mu == 15)
        #expect(Area(mu: 15) == Area(hectares: 1))
    }

    @Test("Square kilometres, hectares and square metres convert by powers of ten")
    func metricUnits() {
        let area = Area(squareMetres: 2_500_000)
        #expect(area.hectares == 250)
        #expect(area.squareKilometres == 2.5)
        #expect(Area(hectares: 2.5).squareMetres == 25_000)
    }

    @Test("Areas add, subtract and order by square metres")
    func arithmeticAndOrder() {
        let a = Area(squareMetres: 300), b = Area(squareMetres: 200)
        #expect((a + b).squareMetres == 500)
        #expect((a - b).squareMetres == 100)
        #expect(b < a)
        #expect(Area.zero < b)
        #expect([a, .zero, b].sorted() == [.zero, b, a])
    }

    @Test("An area encodes to JSON and back unchanged")
    func codable() throws {
        let area = Area(mu: 7.25)
        let decoded = try JSONDecoder().decode(Area.self, from: JSONEncoder().encode(area))
        #expect(decoded == area)
    }
}
