import Foundation

/// Well-known binary (OGC / ISO 13249) to and from `Shape`. Reads both byte orders, ISO Z/M type
/// codes and PostGIS EWKB flags, dropping Z and M; writes little-endian 2D WKB.
public enum WKB {
    public static func decode(_ bytes: [UInt8]) throws -> Shape {
        var reader = Reader(bytes: bytes)
        let shape = try reader.readShape()
        guard reader.offset == bytes.count else {
            throw GeoError.malformedWKB("\(bytes.count - reader.offset) trailing bytes")
        }
        return shape
    }

    /// The envelope of the coordinates of `bytes`, nil when there are none, validating the WKB as
    /// `decode` does but without building a `Shape`: reading stored geometries and GEOS results only
    /// needs their bounding box, and building rings of coordinates for it cost more than the GEOS
    /// work on them (overlay profile, bench/RESULTS.md).
    public static func envelope(of bytes: [UInt8]) throws -> Envelope? {
        var reader = Reader(bytes: bytes)
        var envelope: Envelope?
        try reader.scan(expecting: nil) { c in
            if envelope == nil { envelope = Envelope(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y) } else { envelope!.expand(toInclude: c) }
        }
        guard reader.offset == bytes.count else {
            throw GeoError.malformedWKB("\(bytes.count - reader.offset) trailing bytes")
        }
        return envelope
    }

    public static func encode(_ shape: Shape) -> [UInt8] {
        var writer = Writer()
        writer.write(shape)
        return writer.bytes
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var littleEndian = true
        var dimensions = 2

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// A geometry's byte order and type; sets `dimensions`. Returns the 2D type code (1 point …
        /// 7 collection) and the full code for messages.
        private mutating func readHeader() throws -> (kind: UInt32, code: UInt32) {
            littleEndian = try readByte() == 1
            var type = try readUInt32()
            dimensions = 2
            // EWKB flags (PostGIS): high bits say Z, M, SRID.
            if type & 0x8000_0000 != 0 { dimensions += 1 }
            if type & 0x4000_0000 != 0 { dimensions += 1 }
            if type & 0x2000_0000 != 0 { _ = try readUInt32() }
            type &= 0x0FFF_FFFF
            // ISO: 1000s are Z, 2000s M, 3000s ZM.
            switch type / 1000 {
            case 1, 2: dimensions += 1
            case 3: dimensions += 2
            default: break
            }
            return (type % 1000, type)
        }

        /// Walks one geometry, handing `visit` every coordinate (an empty point has none), with the
        /// checks `readShape` makes; `expecting` is the type a multi-geometry's member must have.
        mutating func scan(expecting: UInt32?, _ visit: (Coordinate) -> Void) throws {
            let (kind, code) = try readHeader()
            let savedDimensions = dimensions
            defer { dimensions = savedDimensions }
            if let expecting, kind != expecting { throw GeoError.malformedWKB("member of type \(kind) where \(expecting) was expected") }
            switch kind {
            case 1:
                let c = try readCoordinate()
                if !(c.x.isNaN && c.y.isNaN) {
                    visit(c)
                } else if expecting == 1 {
                    throw GeoError.malformedWKB("multipoint member is an empty point")
                }
            case 2: try scanCoordinates(visit)
            case 3: for _ in 0..<(try readCount(minimumBytesEach: 4)) { try scanCoordinates(visit) }
            case 4, 5, 6, 7:
                let member: UInt32? = kind == 7 ? nil : kind - 3
                for _ in 0..<(try readCount(minimumBytesEach: 9)) { try scan(expecting: member, visit) }
            default: throw GeoError.malformedWKB("unsupported geometry type \(code)")
            }
        }

        private mutating func scanCoordinates(_ visit: (Coordinate) -> Void) throws {
            for _ in 0..<(try readCount(minimumBytesEach: 8 * dimensions)) { visit(try readCoordinate()) }
        }

        mutating func readShape() throws -> Shape {
            let (kind, code) = try readHeader()
            let savedDimensions = dimensions
            defer { dimensions = savedDimensions }
            switch kind {
            case 1:
                let c = try readCoordinate()
                return .point(c.x.isNaN && c.y.isNaN ? nil : c)
            case 2: return .lineString(try readCoordinates())
            case 3: return .polygon(try readPolygonBody())
            case 4: return .multiPoint(try readParts { try $0.readPointPart() })
            case 5: return .multiLineString(try readParts { try $0.readLineStringPart() })
            case 6: return .multiPolygon(try readParts { try $0.readPolygonPart() })
            case 7: return .collection(try readParts { try $0.readShape() })
            default: throw GeoError.malformedWKB("unsupported geometry type \(code)")
            }
        }

        private mutating func readParts<T>(_ part: (inout Reader) throws -> T) throws -> [T] {
            // Every part is a whole WKB geometry of at least 9 bytes: never trust a count the data cannot hold.
            let count = try readCount(minimumBytesEach: 9)
            var parts: [T] = []
            parts.reserveCapacity(count)
            for _ in 0..<count { parts.append(try part(&self)) }
            return parts
        }

        private mutating func readPointPart() throws -> Coordinate {
            guard case .point(let c?) = try readShape() else { throw GeoError.malformedWKB("multipoint member is not a point") }
            return c
        }

        private mutating func readLineStringPart() throws -> [Coordinate] {
            guard case .lineString(let cs) = try readShape() else { throw GeoError.malformedWKB("multilinestring member is not a linestring") }
            return cs
        }

        private mutating func readPolygonPart() throws -> Polygon {
            guard case .polygon(let p) = try readShape() else { throw GeoError.malformedWKB("multipolygon member is not a polygon") }
            return p
        }

        private mutating func readPolygonBody() throws -> Polygon {
            let ringCount = try readCount(minimumBytesEach: 4)
            var rings: [Ring] = []
            rings.reserveCapacity(ringCount)
            for _ in 0..<ringCount { rings.append(try readCoordinates()) }
            return Polygon(rings: rings)
        }

        private mutating func readCoordinates() throws -> [Coordinate] {
            let count = try readCount(minimumBytesEach: 8 * dimensions)
            var cs: [Coordinate] = []
            cs.reserveCapacity(count)
            for _ in 0..<count { cs.append(try readCoordinate()) }
            return cs
        }

        private mutating func readCoordinate() throws -> Coordinate {
            let x = try readDouble(), y = try readDouble()
            for _ in 2..<dimensions { _ = try readDouble() }
            return Coordinate(x: x, y: y)
        }

        private mutating func readCount(minimumBytesEach: Int) throws -> Int {
            let count = Int(try readUInt32())
            guard count <= (bytes.count - offset) / minimumBytesEach else {
                throw GeoError.malformedWKB("count \(count) exceeds the data")
            }
            return count
        }

        private mutating func readByte() throws -> UInt8 {
            guard offset < bytes.count else { throw GeoError.malformedWKB("unexpected end of data") }
            defer { offset += 1 }
            return bytes[offset]
        }

        private mutating func readUInt32() throws -> UInt32 {
            guard offset + 4 <= bytes.count else { throw GeoError.malformedWKB("unexpected end of data") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[offset + i]) << (8 * i) }
            offset += 4
            return littleEndian ? v : v.byteSwapped
        }

        private mutating func readDouble() throws -> Double {
            guard offset + 8 <= bytes.count else { throw GeoError.malformedWKB("unexpected end of data") }
            var v: UInt64 = 0
            for i in 0..<8 { v |= UInt64(bytes[offset + i]) << (8 * i) }
            offset += 8
            return Double(bitPattern: littleEndian ? v : v.byteSwapped)
        }
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func write(_ shape: Shape) {
            switch shape {
            case .point(let c):
                header(1)
                write(c ?? Coordinate(x: .nan, y: .nan))
            case .lineString(let cs):
                header(2); write(cs)
            case .polygon(let p):
                header(3); write(p)
            case .multiPoint(let cs):
                header(4); write(UInt32(cs.count))
                for c in cs { write(.point(c)) }
            case .multiLineString(let ls):
                header(5); write(UInt32(ls.count))
                for l in ls { write(.lineString(l)) }
            case .multiPolygon(let ps):
                header(6); write(UInt32(ps.count))
                for p in ps { write(.polygon(p)) }
            case .collection(let shapes):
                header(7); write(UInt32(shapes.count))
                for s in shapes { write(s) }
            }
        }

        private mutating func header(_ type: UInt32) {
            bytes.append(1)
            write(type)
        }

        private mutating func write(_ p: Polygon) {
            write(UInt32(p.rings.count))
            for ring in p.rings { write(ring) }
        }

        private mutating func write(_ cs: [Coordinate]) {
            write(UInt32(cs.count))
            bytes.reserveCapacity(bytes.count + cs.count * 16)
            for c in cs { write(c) }
        }

        private mutating func write(_ c: Coordinate) {
            write(c.x.bitPattern); write(c.y.bitPattern)
        }

        private mutating func write(_ v: UInt32) {
            for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) }
        }

        private mutating func write(_ v: UInt64) {
            for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * i))) }
        }
    }
}
