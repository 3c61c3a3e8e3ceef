import CGEOS

/// A geometry parsed into GEOS once, for many operations against others: overlay tests each
/// reference piece against many patches, and re-parsing WKB every time would dominate.
/// Thread-confined (lives in the current thread's GEOS context).
public final class ParsedGeometry {
    public let geometry: Geometry
    let native: NativeGeometry

    public init(_ geometry: Geometry) throws {
        self.geometry = geometry
        native = try geometry.native()
    }

    /// True when no point of `other` lies outside this geometry (`GEOSCovers_r`).
    public func covers(_ other: ParsedGeometry) throws -> Bool {
        try native.predicate(GEOSCovers_r(native.context.handle, native.pointer, other.native.pointer), "GEOSCovers_r")
    }

    public func intersection(_ other: ParsedGeometry) throws -> Geometry {
        try native.adopt(GEOSIntersection_r(native.context.handle, native.pointer, other.native.pointer), "GEOSIntersection_r").toGeometry()
    }
}

extension PreparedGeometry {
    public func intersects(_ other: ParsedGeometry) throws -> Bool {
        try test(other.native, "GEOSPreparedIntersects_r", GEOSPreparedIntersects_r)
    }

    public func covers(_ other: ParsedGeometry) throws -> Bool {
        try test(other.native, "GEOSPreparedCovers_r", GEOSPreparedCovers_r)
    }
}
