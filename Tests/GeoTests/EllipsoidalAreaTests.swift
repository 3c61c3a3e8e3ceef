import Foundation
import Testing
import Geo

/// Reference areas were computed independently of LandWatch's code with mpmath at 40 digits
/// (`docs/reference/ellipsoidal_area.py`): each edge straight in longitude/latitude, the area
/// |∮ λ g(φ) dφ| integrated edge by edge by tanh-sinh quadrature, holes subtracted. LandWatch's order-4
/// Gauss-Legendre sum agrees to better than 1e-13 relative, so 1e-12 is the tolerance.
enum AreaFixtures {
    /// A pentagon in Guangzhou, about 6 km across, counter-clockwise.
    static let outer = closedRing([(113.2600, 23.1000), (113.3050, 23.0980), (113.3200, 23.1300),
                                   (113.2950, 23.1550), (113.2650, 23.1420)])
    /// A square hole inside `outer`, counter-clockwise as written.
    static let hole = closedRing([(113.2800, 23.1150), (113.2950, 23.1150), (113.2950, 23.1300), (113.2800, 23.1300)])
    /// A separate square south-east of `outer`.
    static let second = closedRing([(113.4000, 23.0000), (113.4200, 23.0000), (113.4200, 23.0150), (113.4000, 23.0150)])

    static let outerArea = 27_876_818.046461131701
    static let outerMinusHole = 25_324_494.324532227873
    static let secondArea = 3_405_941.9942847147853
    static let multiArea = 28_730_436.318816942658   // outerMinusHole + secondArea

    /// The map sheet 113…114°E × 23…24°N whose east-west edges are split into `n` segments of 1/n degree.
    static func graticuleCell(segmentsPerEdge n: Int, west: Double = 113, south: Double = 23, size: Double = 1) -> Shape {
        var ring: Ring = []
        for i in 0..<n { ring.append(Coordinate(lon: west + size * Double(i) / Double(n), lat: south)) }
        ring.append(Coordinate(lon: west + size, lat: south))
        for i in 0..<n { ring.append(Coordinate(lon: west + size - size * Double(i) / Double(n), lat: south + size)) }
        ring.append(Coordinate(lon: west, lat: south + size))
        ring.append(ring[0])
        return .polygon(Polygon(exterior: ring))
    }

    /// 图幅理论面积 of the sheet 113…114°E × 23…24°N on CGCS2000, in closed form:
    ///   A = Δλ · b²/2 · [q(φ2) − q(φ1)],  q(φ) = sin φ / (1 − e² sin² φ) + 1/(2e) · ln((1 + e sin φ) / (1 − e sin φ)),
    /// evaluated by mpmath at 40 digits.
    static let oneDegreeSheet = 11_312_085_322.113837614
    /// The same for the 10° sheet 100…110°E × 20…30°N.
    static let tenDegreeSheet = 1_116_845_542_619.7845763
}

@Suite("EllipsoidalArea")
struct EllipsoidalAreaTests {
    @Test("A five-vertex polygon in Guangdong has the reference area on the CGCS2000 ellipsoid")
    func pentagon() {
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: AreaFixtures.outer)))
        #expect(isClose(area.squareMetres, AreaFixtures.outerArea, relative: 1e-12))
    }

    @Test("A polygon's hole is subtracted from its exterior")
    func holeIsSubtracted() {
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])))
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-12))
    }

    @Test("Ring orientation does not change the area", arguments: [false, true], [false, true])
    func orientationDoesNotMatter(reverseExterior: Bool, reverseHole: Bool) {
        let exterior = reverseExterior ? Array(AreaFixtures.outer.reversed()) : AreaFixtures.outer
        let hole = reverseHole ? Array(AreaFixtures.hole.reversed()) : AreaFixtures.hole
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: exterior, holes: [hole])))
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-12))
    }

    @Test("A ring given without its closing vertex has the same area")
    func unclosedRing() {
        let open = Array(AreaFixtures.outer.dropLast())
        let area = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: open)))
        #expect(isClose(area.squareMetres, AreaFixtures.outerArea, relative: 1e-12))
    }

    @Test("A multipolygon's area is the sum of its parts")
    func multipolygonSums() {
        let withHole = Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])
        let square = Polygon(exterior: AreaFixtures.second)
        let area = EllipsoidalArea.of(lonLat: .multiPolygon([withHole, square]))
        #expect(isClose(area.squareMetres, AreaFixtures.multiArea, relative: 1e-12))
        let parts = EllipsoidalArea.of(lonLat: .polygon(withHole)) + EllipsoidalArea.of(lonLat: .polygon(square))
        #expect(isClose(area.squareMetres, parts.squareMetres, relative: 1e-12))
        #expect(isClose(EllipsoidalArea.of(lonLat: .polygon(square)).squareMetres, AreaFixtures.secondArea, relative: 1e-12))
    }

    @Test("Points and lines inside a collection count zero; its polygons count")
    func nonPolygonalPartsCountZero() {
        let collection = Shape.collection([
            .point(Coordinate(lon: 113.3, lat: 23.1)),
            .lineString(AreaFixtures.outer),
            .polygon(Polygon(exterior: AreaFixtures.outer)),
        ])
        #expect(isClose(EllipsoidalArea.of(lonLat: collection).squareMetres, AreaFixtures.outerArea, relative: 1e-12))
        #expect(EllipsoidalArea.of(lonLat: .lineString(AreaFixtures.outer)) == .zero)
        #expect(EllipsoidalArea.of(lonLat: .multiPoint(AreaFixtures.outer)) == .zero)
    }

    @Test("A one-degree map sheet measures the closed-form 图幅理论面积")
    func oneDegreeSheet() {
        let area = EllipsoidalArea.of(lonLat: AreaFixtures.graticuleCell(segmentsPerEdge: 1))
        #expect(isClose(area.squareMetres, AreaFixtures.oneDegreeSheet, relative: 1e-12))
    }

    @Test("Splitting edges at points on them leaves the area unchanged")
    func splitEdgesAdd() {
        // 2000 segments per parallel: 4002 vertices, each new one on the original lon/lat-straight edge.
        let area = EllipsoidalArea.of(lonLat: AreaFixtures.graticuleCell(segmentsPerEdge: 2000))
        #expect(isClose(area.squareMetres, AreaFixtures.oneDegreeSheet, relative: 1e-12))
    }

    @Test("A ten-degree sheet, whose meridian edges span several quadrature steps, measures its closed form")
    func tenDegreeSheet() {
        let area = EllipsoidalArea.of(lonLat: AreaFixtures.graticuleCell(segmentsPerEdge: 1, west: 100, south: 20, size: 10))
        #expect(isClose(area.squareMetres, AreaFixtures.tenDegreeSheet, relative: 1e-12))
    }

    @Test("A 100 m square in Gauss-Krüger CM 114°E near the central meridian measures 10 000 m²")
    func gaussKrugerSquare() throws {
        let square = Geometry(rectangle: Envelope(minX: 500_000, minY: 2_544_500, maxX: 500_100, maxY: 2_544_600))
        let area = try EllipsoidalArea.of(square, in: .epsg(4547))
        #expect(abs(area.squareMetres - 10_000) <= 1e-4 * 10_000)
        // The corners through pyproj (see docs/reference/ellipsoidal_area.py), measured by mpmath; to 1e-10
        // because the corners themselves were printed to 1e-14° (a micrometre).
        #expect(isClose(area.squareMetres, 9_999.9999991273493, relative: 1e-10))
        // Karney's geodesic area of the same corners (geographiclib 2.1) differs by 1.1e-11 relative: at
        // patch size the edge convention is far below any survey's precision.
        #expect(isClose(area.squareMetres, 9_999.999999238304, relative: 1e-10))
    }

    @Test("In a geographic CRS the coordinates are measured as they are, on that CRS's ellipsoid")
    func geographicCRSUsesCoordinatesDirectly() throws {
        let geometry = Geometry(.polygon(Polygon(exterior: AreaFixtures.outer, holes: [AreaFixtures.hole])))
        let area = try EllipsoidalArea.of(geometry, in: .cgcs2000)
        #expect(isClose(area.squareMetres, AreaFixtures.outerMinusHole, relative: 1e-12))
        #expect(area == EllipsoidalArea.of(lonLat: geometry.shape, on: .cgcs2000))
    }

    @Test("The same polygon projected to Gauss-Krüger measures the same ellipsoidal area")
    func projectedPolygonSameArea() throws {
        // Measured through its vertices projected back to lon/lat, which round-trip to well under a millimetre.
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
