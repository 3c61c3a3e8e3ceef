import CGEOS
import Foundation

/// A geometry as an immutable, Sendable value: its WKB (2D, little-endian) and its envelope.
/// The CRS is not stored here: whoever holds a geometry knows its CRS (stored data is always
/// geographic CGCS2000, EPSG:4490, lon/lat). Operations run on GEOS through the current thread's
/// context and return new values.
public struct Geometry: Sendable, Hashable {
    public let wkb: [UInt8]
    /// Bounding box in the geometry's own CRS units; nil for an empty geometry.
    public let envelope: Envelope?

    /// Validates the WKB by walking it (`WKB.envelope(of:)`).
    public init(wkb: [UInt8]) throws {
        envelope = try WKB.envelope(of: wkb)
        self.wkb = wkb
    }

    public init(_ shape: Shape) {
        self.wkb = WKB.encode(shape)
        self.envelope = Envelope(covering: shape.coordinates)
    }

    /// A rectangle polygon covering `envelope`.
    public init(rectangle e: Envelope) {
        self.init(.polygon(Polygon(exterior: [
            Coordinate(x: e.minX, y: e.minY), Coordinate(x: e.maxX, y: e.minY),
            Coordinate(x: e.maxX, y: e.maxY), Coordinate(x: e.minX, y: e.maxY),
            Coordinate(x: e.minX, y: e.minY),
        ])))
    }

    /// Parses WKT through GEOS (`GEOSWKTReader_read_r`).
    public init(wkt: String) throws {
        let context = GEOSContext.current
        let reader = GEOSWKTReader_create_r(context.handle)
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        guard let pointer = GEOSWKTReader_read_r(context.handle, reader, wkt) else {
            throw context.failure("GEOSWKTReader_read_r")
        }
        self = try NativeGeometry(pointer, context: context).toGeometry()
    }

    public var shape: Shape {
        // The initialisers validated the WKB, so decoding cannot fail here.
        (try? WKB.decode(wkb)) ?? .collection([])
    }

    public var isEmpty: Bool { envelope == nil }

    /// WKT through GEOS (`GEOSWKTWriter_write_r`), trimmed of trailing zeros.
    public var wkt: String {
        let context = GEOSContext.current
        guard let native = try? context.read(wkb) else { return "" }
        let writer = GEOSWKTWriter_create_r(context.handle)
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        GEOSWKTWriter_setOutputDimension_r(context.handle, writer, 2)
        guard let text = GEOSWKTWriter_write_r(context.handle, writer, native.pointer) else { return "" }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    func native() throws -> NativeGeometry { try GEOSContext.current.read(wkb) }
}
