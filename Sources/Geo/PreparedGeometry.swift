import CGEOS

/// A geometry prepared for many predicate tests against others (`GEOSPrepare_r`): GEOS indexes its
/// segments once, which makes repeated intersects/covers tests against a large polygon cheap.
/// Thread-confined: use it on the thread that created it.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let native: NativeGeometry
    private let prepared: OpaquePointer

    public init(_ geometry: Geometry) throws {
        self.geometry = geometry
        native = try geometry.native()
        guard let prepared = GEOSPrepare_r(native.context.handle, native.pointer) else {
            throw native.context.failure("GEOSPrepare_r")
        }
        self.prepared = prepared
    }

    deinit { GEOSPreparedGeom_destroy_r(native.context.handle, prepared) }

    public func intersects(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedIntersects_r", GEOSPreparedIntersects_r)
    }

    /// True when `other` has no point outside the prepared geometry (`GEOSPreparedCovers_r`).
    public func covers(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedCovers_r", GEOSPreparedCovers_r)
    }

    /// True when `other` lies in the interior, not touching the boundary (`GEOSPreparedContainsProperly_r`).
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try test(other, "GEOSPreparedContainsProperly_r", GEOSPreparedContainsProperly_r)
    }

    private func test(_ other: Geometry, _ name: String,
                      _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        if let a = geometry.envelope, let b = other.envelope, !a.intersects(b) { return false }
        return try test(try other.native(), name, op)
    }

    func test(_ other: NativeGeometry, _ name: String,
              _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        try native.predicate(op(native.context.handle, prepared, other.pointer), name)
    }
}
