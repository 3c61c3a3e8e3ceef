import Foundation
import Testing
import Geo

/// Small literal polygons in plain planar units. Expected results were checked against the
/// system's GEOS 3.11.1 (libgeos_c through Python ctypes).
enum Squares {
    /// 0…2 × 0…2, area 4.
    static let a = "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"
    /// 1…3 × 1…3: overlaps `a` in the unit square 1…2 × 1…2.
    static let b = "POLYGON ((1 1, 3 1, 3 3, 1 3, 1 1))"
    /// Far away from `a`.
    static let far = "POLYGON ((5 5, 6 5, 6 6, 5 6, 5 5))"
    /// Strictly inside `a`.
    static let inner = "POLYGON ((0.5 0.5, 1.5 0.5, 1.5 1.5, 0.5 1.5, 0.5 0.5))"
    /// Inside `a` but sharing part of its boundary (the corner at 0 0).
    static let corner = "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"
    /// Outside `a`, sharing its edge x = 2.
    static let neighbour = "POLYGON ((2 0, 3 0, 3 2, 2 2, 2 0))"
    /// The lower-left half of `a` (below x + y = 2).
    static let lowerTriangle = "POLYGON ((0 0, 2 0, 0 2, 0 0))"
    /// Inside the envelope of `lowerTriangle` but not touching it (x + y ≥ 3).
    static let upperCorner = "POLYGON ((1.5 1.5, 2 1.5, 2 2, 1.5 2, 1.5 1.5))"
    /// A bow-tie: edges (0 0)-(2 2) and (2 0)-(0 2) cross at (1 1). Each lobe is a triangle of area 1.
    static let bowTie = "POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))"
}

@Suite("GEOS predicates")
struct GeometryPredicateTests {
    @Test("Overlapping squares intersect")
    func overlappingIntersect() throws {
        #expect(try Geometry(wkt: Squares.a).intersects(Geometry(wkt: Squares.b)))
    }

    @Test("Disjoint squares do not intersect")
    func disjointDoNotIntersect() throws {
        #expect(try !Geometry(wkt: Squares.a).intersects(Geometry(wkt: Squares.far)))
    }

    @Test("Polygons whose envelopes overlap but whose areas do not are not intersecting")
    func envelopeOverlapIsNotEnough() throws {
        let triangle = try Geometry(wkt: Squares.lowerTriangle), square = try Geometry(wkt: Squares.upperCorner)
        #expect(triangle.envelope!.intersects(square.envelope!))
        #expect(try !triangle.intersects(square))
    }

    @Test("Squares that share only an edge intersect")
    func edgeSharingIntersect() throws {
        #expect(try Geometry(wkt: Squares.a).intersects(Geometry(wkt: Squares.neighbour)))
    }

    @Test("A square covers a square inside it, including one touching its boundary")
    func coversInsideAndBoundary() throws {
        let a = try Geometry(wkt: Squares.a)
        #expect(try a.covers(Geometry(wkt: Squares.inner)))
        #expect(try a.covers(Geometry(wkt: Squares.corner)))
        #expect(try a.covers(Geometry(wkt: "LINESTRING (0 0, 2 0)")))
    }

    @Test("A square does not cover a square that sticks out of it")
    func doesNotCoverOverlapping() throws {
        #expect(try !Geometry(wkt: Squares.a).covers(Geometry(wkt: Squares.b)))
    }

    @Test("within is the converse of containment")
    func within() throws {
        let a = try Geometry(wkt: Squares.a), inner = try Geometry(wkt: Squares.inner)
        #expect(try inner.within(a))
        #expect(try !a.within(inner))
        #expect(try !Geometry(wkt: Squares.b).within(a))
    }
}

@Suite("GEOS overlay and constructive operations")
struct GeometryOperationTests {
    @Test("The intersection of two overlapping squares is their unit-square overlap")
    func intersection() throws {
        let result = try Geometry(wkt: Squares.a).intersection(Geometry(wkt: Squares.b))
        #expect(try result.planarArea() == 1)
        #expect(result.envelope == Envelope(minX: 1, minY: 1, maxX: 2, maxY: 2))
        #expect(result.shape.typeName == "POLYGON")
    }

    @Test("The intersection of disjoint squares is empty")
    func disjointIntersectionIsEmpty() throws {
        let result = try Geometry(wkt: Squares.a).intersection(Geometry(wkt: Squares.far))
        #expect(result.isEmpty)
        #expect(try result.planarArea() == 0)
    }

    @Test("The union of two overlapping squares has area 4 + 4 − 1")
    func union() throws {
        let result = try Geometry(wkt: Squares.a).union(Geometry(wkt: Squares.b))
        #expect(try result.planarArea() == 7)
        #expect(result.envelope == Envelope(minX: 0, minY: 0, maxX: 3, maxY: 3))
        #expect(result.shape.polygons.count == 1)
    }

    @Test("The difference of two overlapping squares removes the overlap")
    func difference() throws {
        let a = try Geometry(wkt: Squares.a), b = try Geometry(wkt: Squares.b)
        let result = try a.difference(b)
        #expect(try result.planarArea() == 3)
        #expect(try result.intersection(b).planarArea() == 0)
    }

    @Test("unaryUnion dissolves overlapping parts of a multipolygon")
    func unaryUnion() throws {
        let multi = try Geometry(wkt: "MULTIPOLYGON (((0 0, 2 0, 2 2, 0 2, 0 0)), ((1 1, 3 1, 3 3, 1 3, 1 1)))")
        #expect(try !multi.validity().isValid)
        let dissolved = try multi.unaryUnion()
        #expect(try dissolved.planarArea() == 7)
        #expect(try dissolved.validity().isValid)
    }

    @Test("Buffering a point gives the inscribed regular 32-gon (8 segments per quadrant)")
    func pointBuffer() throws {
        let r = 2.0
        let buffer = try Geometry(wkt: "POINT (5 5)").buffer(r)
        // Area of a regular n-gon inscribed in a circle of radius r: n/2 · r² · sin(2π/n), n = 4 × 8.
        let n = 32.0
        let expected = 0.5 * n * r * r * sin(2 * Double.pi / n)  // 12.485780609032208 (GEOS 3.11.1 gives the same double)
        #expect(isClose(try buffer.planarArea(), expected, relative: 1e-12))
        #expect(try buffer.planarArea() < Double.pi * r * r)
        #expect(buffer.shape.polygons.first?.exterior.count == 33)
        #expect(buffer.envelope == Envelope(minX: 3, minY: 3, maxX: 7, maxY: 7))
    }

    @Test("Buffer segments per quadrant set the polygon's vertex count", arguments: [Int32(1), 2, 8, 32])
    func bufferQuadrantSegments(quadrantSegments: Int32) throws {
        let buffer = try Geometry(wkt: "POINT (0 0)").buffer(2, quadrantSegments: quadrantSegments)
        let n = Double(4 * quadrantSegments)
        #expect(isClose(try buffer.planarArea(), 0.5 * n * 4 * sin(2 * Double.pi / n), relative: 1e-12))
        #expect(buffer.shape.polygons.first?.exterior.count == Int(4 * quadrantSegments) + 1)
    }

    @Test("Simplifying a slightly bulging square gives the square")
    func simplified() throws {
        // Each edge bulges outwards by 0.01 at its midpoint: area 4 + 4 × (½ × 2 × 0.01) = 4.04.
        let bulging = try Geometry(wkt: "POLYGON ((0 0, 1 -0.01, 2 0, 2.01 1, 2 2, 1 2.01, 0 2, -0.01 1, 0 0))")
        #expect(isClose(try bulging.planarArea(), 4.04, relative: 1e-12))
        let simple = try bulging.simplified(tolerance: 0.1)
        #expect(simple.shape.coordinates.count == 5)
        #expect(try simple.planarArea() == 4)
        #expect(simple.envelope == Envelope(minX: 0, minY: 0, maxX: 2, maxY: 2))
    }

    @Test("WKT read through GEOS is written back unchanged")
    func wktRoundTrip() throws {
        #expect(try Geometry(wkt: Squares.a).wkt == Squares.a)
        #expect(try Geometry(wkt: "POINT (1.5 -2.25)").wkt == "POINT (1.5 -2.25)")
    }

    @Test("Unparseable WKT throws geometryOperationFailed naming the GEOS reader")
    func badWKTThrows() {
        do {
            _ = try Geometry(wkt: "POLYGON ((0 0, 1 1")
            Issue.record("truncated WKT was accepted")
        } catch let GeoError.geometryOperationFailed(operation, message) {
            #expect(operation == "GEOSWKTReader_read_r")
            #expect(!message.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Geometry(rectangle:) is the envelope's rectangle")
    func rectangle() throws {
        let envelope = Envelope(minX: 10, minY: 20, maxX: 13, maxY: 24)
        let rect = Geometry(rectangle: envelope)
        #expect(rect.envelope == envelope)
        #expect(try rect.planarArea() == 12)
        #expect(try rect.validity().isValid)
    }
}

@Suite("Validity")
struct ValidityTests {
    @Test("A square is valid, with no reason and no location")
    func squareIsValid() throws {
        let validity = try Geometry(wkt: Squares.a).validity()
        #expect(validity.isValid)
        #expect(validity.reason == "")
        #expect(validity.location == nil)
    }

    @Test("A bow-tie is invalid: Self-intersection where its edges cross")
    func bowTieIsInvalid() throws {
        let validity = try Geometry(wkt: Squares.bowTie).validity()
        #expect(!validity.isValid)
        #expect(validity.reason == "Self-intersection")
        #expect(validity.location == Coordinate(x: 1, y: 1))
    }

    @Test("madeValid turns a bow-tie into a valid multipolygon of its two triangles")
    func bowTieMadeValid() throws {
        let fixed = try Geometry(wkt: Squares.bowTie).madeValid()
        #expect(try fixed.validity().isValid)
        guard case .multiPolygon(let parts) = fixed.shape else {
            Issue.record("expected a multipolygon, got \(fixed.shape.typeName)")
            return
        }
        #expect(parts.count == 2)
        for part in parts {
            #expect(abs(signedPlanarArea(part.exterior)) == 1)  // each lobe: triangle with base 2, height 1
        }
        #expect(try fixed.planarArea() == 2 * 1)
    }
}

@Suite("PreparedGeometry")
struct PreparedGeometryTests {
    @Test("A prepared square covers squares inside it and on its boundary, not ones sticking out")
    func covers() throws {
        let prepared = try PreparedGeometry(Geometry(wkt: Squares.a))
        #expect(try prepared.covers(Geometry(wkt: Squares.inner)))
        #expect(try prepared.covers(Geometry(wkt: Squares.corner)))
        #expect(try !prepared.covers(Geometry(wkt: Squares.b)))
        #expect(try !prepared.covers(Geometry(wkt: Squares.far)))
    }

    @Test("A prepared polygon intersects what overlaps or touches it, not what lies apart")
    func intersects() throws {
        let prepared = try PreparedGeometry(Geometry(wkt: Squares.a))
        #expect(try prepared.intersects(Geometry(wkt: Squares.b)))
        #expect(try prepared.intersects(Geometry(wkt: Squares.neighbour)))
        #expect(try !prepared.intersects(Geometry(wkt: Squares.far)))
        let triangle = try PreparedGeometry(Geometry(wkt: Squares.lowerTriangle))
        #expect(try !triangle.intersects(Geometry(wkt: Squares.upperCorner)))
    }

    @Test("containsProperly excludes geometries that touch the boundary")
    func containsProperly() throws {
        let prepared = try PreparedGeometry(Geometry(wkt: Squares.a))
        #expect(try prepared.containsProperly(Geometry(wkt: Squares.inner)))
        #expect(try !prepared.containsProperly(Geometry(wkt: Squares.corner)))
        #expect(try !prepared.containsProperly(Geometry(wkt: Squares.b)))
    }

    @Test("A prepared geometry keeps the geometry it was made from")
    func keepsGeometry() throws {
        let geometry = try Geometry(wkt: Squares.a)
        #expect(try PreparedGeometry(geometry).geometry == geometry)
    }
}

@Suite("GEOS from several threads")
struct GeometryConcurrencyTests {
    struct Outcome: Sendable, Equatable {
        var intersection: Geometry
        var area: Double
        var bufferArea: Double
        var preparedCovers: Bool
    }

    @Test("Operations on 8 threads at once give the single-threaded results (thread-confined contexts)")
    func concurrentOperations() throws {
        let a = try Geometry(wkt: Squares.a), b = try Geometry(wkt: Squares.b)
        let inner = try Geometry(wkt: Squares.inner)
        let expected = Outcome(intersection: try a.intersection(b), area: 1,
                               bufferArea: try Geometry(wkt: "POINT (5 5)").buffer(2).planarArea(),
                               preparedCovers: true)
        let outcomes = Collected<Result<Outcome, GeoError>>()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            do {
                var last: Outcome?
                for _ in 0..<200 {
                    let intersection = try a.intersection(b)
                    let prepared = try PreparedGeometry(a)  // made and used on this thread only
                    let outcome = Outcome(intersection: intersection, area: try intersection.planarArea(),
                                          bufferArea: try Geometry(wkt: "POINT (5 5)").buffer(2).planarArea(),
                                          preparedCovers: try prepared.covers(inner))
                    if let last, last != outcome { throw GeoError.geometryOperationFailed(operation: "test", message: "results differ between iterations") }
                    last = outcome
                }
                outcomes.record(.success(last!), at: i)
            } catch {
                outcomes.record(.failure(error as? GeoError ?? .geometryOperationFailed(operation: "test", message: "\(error)")), at: i)
            }
        }
        let values = outcomes.values
        #expect(values.count == 8)
        for i in 0..<8 {
            #expect(values[i] == Result<Outcome, GeoError>.success(expected), "iteration \(i)")
        }
    }
}
