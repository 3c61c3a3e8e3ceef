import Foundation
import Testing
import Geo

/// `EllipsoidalArea.ofIntersection` measures a ∩ b from the two boundaries. The reference is GEOS's
/// intersection polygon measured by `EllipsoidalArea.of(lonLat:)`: the same straight lon/lat edges and
/// the same edge integral, so the two must agree to rounding (1e-9 relative).
@Suite("Intersection area from the boundaries")
struct IntersectionAreaTests {
    static func polygon(_ points: [(Double, Double)], holes: [[(Double, Double)]] = []) -> Shape {
        .polygon(Polygon(exterior: closedRing(points), holes: holes.map(closedRing)))
    }

    static func boundaryArea(_ a: Shape, _ b: Shape) -> Double? {
        EllipsoidalArea.ofIntersection(AreaBoundary(lonLat: a), AreaBoundary(lonLat: b))?.squareMetres
    }

    static func geosArea(_ a: Shape, _ b: Shape) throws -> Double {
        EllipsoidalArea.of(lonLat: try Geometry(a).intersection(Geometry(b)).shape).squareMetres
    }

    static func agree(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(b), 1) }

    /// A triangle over a pentagon in Guangzhou, crossing it at four points.
    static let pentagon = polygon([(113.2600, 23.1000), (113.3050, 23.0980), (113.3200, 23.1300), (113.2950, 23.1550), (113.2650, 23.1420)])
    static let triangle = polygon([(113.2400, 23.1200), (113.3100, 23.1050), (113.3000, 23.1700)])

    @Test("Two polygons crossing at four points measure what GEOS's intersection measures")
    func crossingPolygons() throws {
        let area = try #require(Self.boundaryArea(Self.pentagon, Self.triangle))
        #expect(Self.agree(area, try Self.geosArea(Self.pentagon, Self.triangle)))
        #expect(area > 1_000_000)
    }

    @Test("The measure is symmetric and does not depend on the rings' direction")
    func symmetricAndOrientationFree() throws {
        let reversed = Shape.polygon(Polygon(exterior: Self.triangle.polygons[0].exterior.reversed()))
        let forward = try #require(Self.boundaryArea(Self.pentagon, Self.triangle))
        #expect(Self.agree(try #require(Self.boundaryArea(Self.triangle, Self.pentagon)), forward))
        #expect(Self.agree(try #require(Self.boundaryArea(Self.pentagon, reversed)), forward))
    }

    @Test("A polygon wholly inside another measures its own area")
    func inside() throws {
        let small = Self.polygon([(113.28, 23.11), (113.29, 23.11), (113.29, 23.12), (113.28, 23.12)])
        let own = EllipsoidalArea.of(lonLat: small).squareMetres
        #expect(Self.agree(try #require(Self.boundaryArea(small, Self.pentagon)), own))
        #expect(Self.agree(try #require(Self.boundaryArea(Self.pentagon, small)), own))
    }

    @Test("Disjoint polygons measure zero, also when their boxes overlap or nearly touch")
    func disjoint() throws {
        let far = Self.polygon([(114.0, 24.0), (114.1, 24.0), (114.1, 24.1)])
        #expect(Self.boundaryArea(Self.pentagon, far) == 0)
        let inTheBoxOnly = Self.polygon([(113.3150, 23.1500), (113.3190, 23.1500), (113.3190, 23.1540)])
        #expect(Self.boundaryArea(Self.pentagon, inTheBoxOnly) == 0)
        let square = Self.polygon([(113.20, 23.10), (113.21, 23.10), (113.21, 23.11), (113.20, 23.11)])
        let justAbove = Self.polygon([(113.205, 23.11 + 5e-10), (113.215, 23.115), (113.205, 23.12)])
        #expect(Self.boundaryArea(square, justAbove) == 0)
    }

    @Test("A hole of the other polygon is left out, whether it lies inside or across the boundary")
    func holes() throws {
        let holed = Self.polygon([(113.25, 23.09), (113.33, 23.09), (113.33, 23.18), (113.25, 23.18)],
                                 holes: [[(113.2800, 23.1150), (113.2950, 23.1150), (113.2950, 23.1300), (113.2800, 23.1300)]])
        let area = try #require(Self.boundaryArea(Self.triangle, holed))
        #expect(Self.agree(area, try Self.geosArea(Self.triangle, holed)))
        #expect(area < EllipsoidalArea.of(lonLat: Self.triangle).squareMetres)
    }

    @Test("A multipolygon is measured part by part")
    func multiPolygon() throws {
        let parts = Shape.multiPolygon([
            Polygon(exterior: closedRing([(113.24, 23.09), (113.27, 23.09), (113.27, 23.12), (113.24, 23.12)])),
            Polygon(exterior: closedRing([(113.30, 23.12), (113.34, 23.12), (113.34, 23.16), (113.30, 23.16)])),
        ])
        let area = try #require(Self.boundaryArea(parts, Self.pentagon))
        #expect(Self.agree(area, try Self.geosArea(parts, Self.pentagon)))
    }

    @Test("Boundaries that share an edge are declined, so GEOS decides them")
    func sharedEdgeDeclines() {
        let west = Self.polygon([(113.20, 23.10), (113.21, 23.10), (113.21, 23.11), (113.20, 23.11)])
        let eastOverlapping = Self.polygon([(113.205, 23.10), (113.215, 23.10), (113.215, 23.11), (113.205, 23.11)])
        #expect(Self.boundaryArea(west, eastOverlapping) == nil)
    }

    @Test("A vertex on the other boundary, or within 1e-9° of it, is declined")
    func vertexOnBoundaryDeclines() {
        let square = Self.polygon([(113.20, 23.10), (113.21, 23.10), (113.21, 23.11), (113.20, 23.11)])
        let touching = Self.polygon([(113.205, 23.11), (113.215, 23.115), (113.205, 23.12)])
        #expect(Self.boundaryArea(square, touching) == nil)
        let nearlyTouching = Self.polygon([(113.205, 23.11 + 5e-10), (113.215, 23.105), (113.215, 23.12)])
        #expect(Self.boundaryArea(square, nearlyTouching) == nil)
        let clear = Self.polygon([(113.205, 23.11 + 5e-6), (113.215, 23.105), (113.215, 23.12)])
        #expect(Self.boundaryArea(square, clear) != nil)
    }
}
