import Foundation
import Testing
import Geo

enum GeoJSONFixtures {
    /// Exterior counter-clockwise, hole clockwise: already in RFC 7946 orientation.
    static let ccwExterior = closedRing([(113.25, 23.125), (113.5, 23.125), (113.5, 23.375), (113.25, 23.375)])
    static let cwHole = closedRing([(113.3, 23.2), (113.3, 23.3), (113.4, 23.3), (113.4, 23.2)])
    static let rightHanded = Polygon(exterior: ccwExterior, holes: [cwHole])

    /// Shapes whose polygons already follow the right-hand rule, so that encoding changes nothing.
    static let everyShape: [Shape] = [
        .point(Coordinate(x: 113.3, y: 23.1)),
        .lineString([Coordinate(x: 113.3, y: 23.1), Coordinate(x: 113.31, y: 23.12), Coordinate(x: -0.1, y: -89.9)]),
        .polygon(rightHanded),
        .multiPoint([Coordinate(x: 1.1, y: 2.2), Coordinate(x: -3.3, y: 4.4)]),
        .multiLineString([[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)],
                          [Coordinate(x: 2.5, y: 2.5), Coordinate(x: 3.7, y: 1e-9), Coordinate(x: 1e9, y: -7)]]),
        .multiPolygon([rightHanded, Polygon(exterior: closedRing([(0, 0), (1, 0), (1, 1), (0, 1)]))]),
        .collection([.point(Coordinate(x: 1, y: 2)), .polygon(rightHanded),
                     .collection([.multiPoint([Coordinate(x: 5, y: 6)])])]),
        .collection([]),
    ]
}

@Suite("GeoJSON")
struct GeoJSONTests {
    @Test("A polygon with a clockwise exterior is written counter-clockwise, its hole clockwise")
    func rightHandRule() throws {
        let cwExterior = Array(GeoJSONFixtures.ccwExterior.reversed())
        let ccwHole = Array(GeoJSONFixtures.cwHole.reversed())
        #expect(signedPlanarArea(cwExterior) < 0 && signedPlanarArea(ccwHole) > 0)
        let text = GeoJSON.encode(.polygon(Polygon(exterior: cwExterior, holes: [ccwHole])))
        guard case .polygon(let written) = try GeoJSON.decode(text) else {
            Issue.record("not a polygon: \(text)")
            return
        }
        #expect(written.rings.count == 2)
        #expect(signedPlanarArea(written.exterior) > 0)
        #expect(signedPlanarArea(written.rings[1]) < 0)
    }

    @Test("Rings of a multipolygon follow the right-hand rule too")
    func rightHandRuleInMultiPolygon() throws {
        let cwSquare = Array(closedRing([(0, 0), (1, 0), (1, 1), (0, 1)]).reversed())
        let text = GeoJSON.encode(.multiPolygon([Polygon(exterior: cwSquare), GeoJSONFixtures.rightHanded]))
        let polygons = try GeoJSON.decode(text).polygons
        #expect(polygons.count == 2)
        for polygon in polygons {
            #expect(signedPlanarArea(polygon.exterior) > 0)
            for hole in polygon.holes { #expect(signedPlanarArea(hole) < 0) }
        }
    }

    @Test("decode(encode(x)) == x for every shape already in right-hand orientation", arguments: GeoJSONFixtures.everyShape)
    func roundTrip(shape: Shape) throws {
        #expect(try GeoJSON.decode(GeoJSON.encode(shape)) == shape)
    }

    @Test("decode(encode(x)) gives x with a clockwise exterior reversed and nothing else changed")
    func roundTripUpToOrientation() throws {
        let cwExterior = Array(GeoJSONFixtures.ccwExterior.reversed())
        let shape = Shape.polygon(Polygon(exterior: cwExterior, holes: [GeoJSONFixtures.cwHole]))
        #expect(try GeoJSON.decode(GeoJSON.encode(shape)) == .polygon(GeoJSONFixtures.rightHanded))
    }

    @Test("A point is written as compact RFC 7946 JSON with shortest round-trip numbers")
    func pointText() {
        #expect(GeoJSON.encode(.point(Coordinate(x: 113.3, y: 23.1))) == #"{"type":"Point","coordinates":[113.3,23.1]}"#)
    }

    @Test("Decoding a Feature takes its geometry")
    func featureGeometry() throws {
        let text = #"""
            {"type": "Feature", "properties": {"name": "图斑 1", "area": 12.5},
             "geometry": {"type": "Polygon", "coordinates": [[[113.25, 23.125], [113.5, 23.125], [113.5, 23.375], [113.25, 23.125]]]}}
            """#
        #expect(try GeoJSON.decode(text) == WKBFixtures.triangle)
    }

    @Test("Integer coordinates and a third (height) value decode to 2D doubles")
    func integersAndHeights() throws {
        #expect(try GeoJSON.decode(#"{"type":"Point","coordinates":[113,23,45.5]}"#) == .point(Coordinate(x: 113, y: 23)))
    }

    @Test("A GeometryCollection decodes its members in order")
    func geometryCollection() throws {
        let text = #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}"#
        #expect(try GeoJSON.decode(text) == .collection([
            .point(Coordinate(x: 1, y: 2)), .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)]),
        ]))
    }

    @Test("Malformed GeoJSON throws malformedGeoJSON", arguments: [
        "not json at all",
        "[1, 2]",
        #"{"coordinates": [1, 2]}"#,
        #"{"type": "Polygon"}"#,
        #"{"type": "Point", "coordinates": [1]}"#,
        #"{"type": "Point", "coordinates": ["113", "23"]}"#,
        #"{"type": "LineString", "coordinates": [1, 2]}"#,
        #"{"type": "Polygon", "coordinates": [[1, 2]]}"#,
        #"{"type": "Circle", "coordinates": [1, 2]}"#,
        #"{"type": "Feature", "properties": {}}"#,
        #"{"type": "GeometryCollection"}"#,
    ])
    func malformedThrows(text: String) {
        do {
            let shape = try GeoJSON.decode(text)
            Issue.record("decoded to \(shape)")
        } catch GeoError.malformedGeoJSON(_) {
            // expected
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
