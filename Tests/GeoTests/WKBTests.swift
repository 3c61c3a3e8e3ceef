import Testing
import Geo

enum WKBFixtures {
    /// POLYGON ((113.25 23.125, 113.5 23.125, 113.5 23.375, 113.25 23.125)), the polygon the hex
    /// fixtures below encode.
    static let triangle = Shape.polygon(Polygon(exterior: closedRing([(113.25, 23.125), (113.5, 23.125), (113.5, 23.375)])))

    static let polygonWithHole = Shape.polygon(Polygon(
        exterior: closedRing([(113.26, 23.10), (113.305, 23.098), (113.32, 23.13), (113.295, 23.155), (113.265, 23.142)]),
        holes: [closedRing([(113.28, 23.115), (113.28, 23.13), (113.295, 23.13), (113.295, 23.115)])]))

    static let secondSquare = Polygon(exterior: closedRing([(113.4, 23.0), (113.42, 23.0), (113.42, 23.015), (113.4, 23.015)]))

    /// One value of every `Shape` case (plus the empty forms), with coordinates that are not exact
    /// in binary so that any lossy encoding would show.
    static let everyShape: [Shape] = [
        .point(Coordinate(x: 113.3, y: 23.1)),
        .point(nil),
        .lineString([Coordinate(x: 113.3, y: 23.1), Coordinate(x: 113.31, y: 23.12), Coordinate(x: -0.1, y: -89.9)]),
        .lineString([]),
        polygonWithHole,
        .multiPoint([Coordinate(x: 1.1, y: 2.2), Coordinate(x: -3.3, y: 4.4)]),
        .multiLineString([[Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)],
                          [Coordinate(x: 2.5, y: 2.5), Coordinate(x: 3.7, y: 1e-9), Coordinate(x: 1e9, y: -7)]]),
        .multiPolygon([Polygon(exterior: polygonWithHole.polygons[0].exterior,
                               holes: Array(polygonWithHole.polygons[0].holes)), secondSquare]),
        .collection([.point(Coordinate(x: 1, y: 2)), .lineString([Coordinate(x: 0, y: 0), Coordinate(x: 0.3, y: 0.7)]),
                     polygonWithHole, .collection([.multiPoint([Coordinate(x: 5, y: 6)])])]),
        .collection([]),
    ]
}

@Suite("WKB codec")
struct WKBTests {
    @Test("Every Shape case survives a WKB round trip unchanged", arguments: WKBFixtures.everyShape)
    func roundTrip(shape: Shape) throws {
        #expect(try WKB.decode(WKB.encode(shape)) == shape)
    }

    @Test("A Geometry built from a Shape gives the Shape back with its envelope")
    func geometryKeepsShapeAndEnvelope() {
        let geometry = Geometry(WKBFixtures.polygonWithHole)
        #expect(geometry.shape == WKBFixtures.polygonWithHole)
        #expect(geometry.envelope == Envelope(minX: 113.26, minY: 23.098, maxX: 113.32, maxY: 23.155))
        #expect(!geometry.isEmpty)
    }

    @Test("An empty point encodes as NaN coordinates and is an empty Geometry")
    func emptyPoint() throws {
        // Matches what GEOS 3.11's WKB writer produces for POINT EMPTY (checked through ctypes).
        #expect(WKB.encode(.point(nil)) == hexBytes("0101000000000000000000F87F000000000000F87F"))
        let geometry = try Geometry(wkt: "POINT EMPTY")
        #expect(geometry.shape == .point(nil))
        #expect(geometry.isEmpty)
        #expect(geometry.envelope == nil)
    }

    @Test("A point encodes as the 21-byte little-endian OGC form")
    func pointBytes() {
        // shapely.to_wkb(Point(1.5, -2.25), hex=True, byte_order=1)
        #expect(WKB.encode(.point(Coordinate(x: 1.5, y: -2.25))) == hexBytes("0101000000000000000000F83F00000000000002C0"))
    }

    @Test("GEOS's WKB for a WKT polygon with a hole decodes to the same rings in the same order")
    func geosWKBDecodes() throws {
        let geometry = try Geometry(wkt: "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 0.5 1, 1 1, 0.5 0.5))")
        #expect(geometry.shape == .polygon(Polygon(
            exterior: closedRing([(0, 0), (2, 0), (2, 2), (0, 2)]),
            holes: [closedRing([(0.5, 0.5), (0.5, 1), (1, 1)])])))
        #expect(geometry.envelope == Envelope(minX: 0, minY: 0, maxX: 2, maxY: 2))
    }

    @Test("Big-endian (XDR) WKB decodes like little-endian")
    func bigEndian() throws {
        // shapely.to_wkb(triangle, hex=True, byte_order=0)
        let bytes = hexBytes("""
            00000000030000000100000004405C5000000000004037200000000000405C6000000000004037200000000000\
            405C6000000000004037600000000000405C5000000000004037200000000000
            """)
        #expect(try WKB.decode(bytes) == WKBFixtures.triangle)
    }

    @Test("ISO WKB polygon Z (type 1003) decodes with Z dropped")
    func isoPolygonZ() throws {
        // shapely.to_wkb(POLYGON Z ((113.25 23.125 10, 113.5 23.125 20, 113.5 23.375 30, 113.25 23.125 10)),
        //                hex=True, byte_order=1, flavor="iso", output_dimension=3)
        let bytes = hexBytes("""
            01EB03000001000000040000000000000000505C40000000000020374000000000000024400000000000605C40\
            000000000020374000000000000034400000000000605C4000000000006037400000000000003E400000000000\
            505C4000000000002037400000000000002440
            """)
        #expect(bytes[1] == 0xEB && bytes[2] == 0x03)  // 0x03EB == 1003
        #expect(try WKB.decode(bytes) == WKBFixtures.triangle)
    }

    @Test("Big-endian ISO WKB point Z (type 1001) decodes with Z dropped")
    func bigEndianIsoPointZ() throws {
        // shapely.to_wkb(POINT Z (1.5 -2.25 7), hex=True, byte_order=0, flavor="iso", output_dimension=3)
        let bytes = hexBytes("00000003E93FF8000000000000C002000000000000401C000000000000")
        #expect(try WKB.decode(bytes) == .point(Coordinate(x: 1.5, y: -2.25)))
    }

    @Test("ISO WKB multipoint Z (type 1004) decodes its Z members to 2D points")
    func isoMultiPointZ() throws {
        // shapely.to_wkb(MULTIPOINT Z ((1 2 3), (4 5 6)), hex=True, byte_order=1, flavor="iso", output_dimension=3)
        let bytes = hexBytes("""
            01EC0300000200000001E9030000000000000000F03F0000000000000040000000000000084001E9030000000000\
            000000104000000000000014400000000000001840
            """)
        #expect(try WKB.decode(bytes) == .multiPoint([Coordinate(x: 1, y: 2), Coordinate(x: 4, y: 5)]))
    }

    @Test("PostGIS EWKB with Z and SRID flags decodes to the 2D point")
    func ewkbWithSRID() throws {
        // shapely.to_wkb(set_srid(POINT Z (113.25 23.125 5), 4490), hex=True, byte_order=1,
        //                flavor="extended", include_srid=True, output_dimension=3)
        let bytes = hexBytes("01010000A08A1100000000000000505C4000000000002037400000000000001440")
        #expect(try WKB.decode(bytes) == .point(Coordinate(x: 113.25, y: 23.125)))
    }

    @Test("Every truncation of a valid WKB throws malformedWKB")
    func truncatedThrows() {
        let full = WKB.encode(WKBFixtures.polygonWithHole)
        for length in 0..<full.count {
            do {
                let shape = try WKB.decode(Array(full.prefix(length)))
                Issue.record("\(length) of \(full.count) bytes decoded to \(shape)")
            } catch GeoError.malformedWKB(_) {
                // expected
            } catch {
                Issue.record("\(length) of \(full.count) bytes: unexpected error \(error)")
            }
        }
    }

    @Test("Geometry(wkb:) rejects truncated ISO Z WKB with malformedWKB")
    func geometryRejectsTruncatedZ() {
        let full = hexBytes("00000003E93FF8000000000000C002000000000000401C000000000000")
        do {
            _ = try Geometry(wkb: Array(full.dropLast()))
            Issue.record("a point Z missing the last byte of its Z was accepted")
        } catch GeoError.malformedWKB(_) {
            // expected
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("Trailing bytes after a complete geometry throw malformedWKB")
    func trailingBytesThrow() {
        do {
            _ = try WKB.decode(WKB.encode(.point(Coordinate(x: 1, y: 2))) + [0])
            Issue.record("a trailing byte was accepted")
        } catch GeoError.malformedWKB(_) {
            // expected
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("An unsupported geometry type code throws malformedWKB")
    func unsupportedTypeThrows() {
        // Type 8 is CircularString (SQL/MM), which Shape does not model.
        let bytes = hexBytes("01080000000000000000")
        do {
            _ = try WKB.decode(bytes)
            Issue.record("type 8 was accepted")
        } catch GeoError.malformedWKB(_) {
            // expected
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("A multipolygon that claims 4 294 967 295 parts in nine bytes throws malformedWKB")
    func absurdPartCountThrows() {
        do {
            _ = try WKB.decode(hexBytes("0106000000FFFFFFFF"))
            Issue.record("an absurd part count was accepted")
        } catch GeoError.malformedWKB(_) {
            // expected
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("The envelope walk gives the decoded shape's envelope for every Shape case", arguments: WKBFixtures.everyShape)
    func envelopeWalk(shape: Shape) throws {
        #expect(try WKB.envelope(of: WKB.encode(shape)) == Envelope(covering: shape.coordinates))
    }

    @Test("The envelope walk refuses what decoding refuses: truncations, trailing bytes, unknown types, wrong members")
    func envelopeWalkRefusesMalformedWKB() {
        let full = WKB.encode(WKBFixtures.polygonWithHole)
        let multiPolygonOfAPoint = hexBytes("010600000001000000") + WKB.encode(.point(Coordinate(x: 1, y: 2)))
        let multiPointOfAnEmptyPoint = hexBytes("010400000001000000") + WKB.encode(.point(nil))
        let malformed = (0..<full.count).map { Array(full.prefix($0)) }
            + [full + [0], hexBytes("01080000000000000000"), hexBytes("0106000000FFFFFFFF"), multiPolygonOfAPoint, multiPointOfAnEmptyPoint]
        for bytes in malformed {
            #expect(throws: GeoError.self) { try WKB.decode(bytes) }
            #expect(throws: GeoError.self) { try WKB.envelope(of: bytes) }
        }
    }
}
