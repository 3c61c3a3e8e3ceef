import CGEOS

/// Why a geometry is invalid, as GEOS reports it (`GEOSisValidDetail_r`).
public struct Validity: Sendable, Equatable {
    public let isValid: Bool
    /// GEOS's reason, e.g. "Self-intersection"; empty when valid.
    public let reason: String
    /// Where the problem is, in the geometry's CRS; nil when valid.
    public let location: Coordinate?
}

/// Topological predicates and overlay operations (GEOS, planar in the geometry's CRS units).
extension Geometry {
    public func intersects(_ other: Geometry) throws -> Bool {
        if let a = envelope, let b = other.envelope, !a.intersects(b) { return false }
        return try predicate(other, "GEOSIntersects_r", GEOSIntersects_r)
    }

    /// True when no point of `other` lies outside this geometry (`GEOSCovers_r`).
    public func covers(_ other: Geometry) throws -> Bool {
        try predicate(other, "GEOSCovers_r", GEOSCovers_r)
    }

    public func within(_ other: Geometry) throws -> Bool {
        try predicate(other, "GEOSWithin_r", GEOSWithin_r)
    }

    public func intersection(_ other: Geometry) throws -> Geometry {
        try binary(other, "GEOSIntersection_r", GEOSIntersection_r)
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try binary(other, "GEOSUnion_r", GEOSUnion_r)
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try binary(other, "GEOSDifference_r", GEOSDifference_r)
    }

    /// Dissolves all parts of this geometry into one (`GEOSUnaryUnion_r`).
    public func unaryUnion() throws -> Geometry {
        try unary("GEOSUnaryUnion_r") { GEOSUnaryUnion_r($0, $1) }
    }

    /// Buffer by `distance` in CRS units (metres for projected CRSs), 8 segments per quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int32 = 8) throws -> Geometry {
        try unary("GEOSBuffer_r") { GEOSBuffer_r($0, $1, distance, quadrantSegments) }
    }

    /// Douglas-Peucker simplification that keeps topology (`GEOSTopologyPreserveSimplify_r`).
    public func simplified(tolerance: Double) throws -> Geometry {
        try unary("GEOSTopologyPreserveSimplify_r") { GEOSTopologyPreserveSimplify_r($0, $1, tolerance) }
    }

    /// Planar area in squared CRS units (`GEOSArea_r`). For official areas use `EllipsoidalArea`.
    public func planarArea() throws -> Double {
        let native = try native()
        var area = 0.0
        guard GEOSArea_r(native.context.handle, native.pointer, &area) == 1 else {
            throw native.context.failure("GEOSArea_r")
        }
        return area
    }

    public func validity() throws -> Validity {
        let native = try native()
        let h = native.context.handle
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let result = GEOSisValidDetail_r(h, native.pointer, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(h, reason) }
            if let location { GEOSGeom_destroy_r(h, location) }
        }
        switch result {
        case 1: return Validity(isValid: true, reason: "", location: nil)
        case 0:
            var where_: Coordinate?
            if let location {
                var x = 0.0, y = 0.0
                if GEOSGeomGetX_r(h, location, &x) == 1, GEOSGeomGetY_r(h, location, &y) == 1 {
                    where_ = Coordinate(x: x, y: y)
                }
            }
            return Validity(isValid: false, reason: reason.map { String(cString: $0) } ?? "", location: where_)
        default: throw native.context.failure("GEOSisValidDetail_r")
        }
    }

    /// A valid geometry covering the same area, by GEOS's "structure" method (`GEOSMakeValidWithParams_r`):
    /// polygons stay polygons, collapsed parts are dropped.
    public func madeValid() throws -> Geometry {
        let native = try native()
        let h = native.context.handle
        guard let params = GEOSMakeValidParams_create_r(h) else { throw native.context.failure("GEOSMakeValidParams_create_r") }
        defer { GEOSMakeValidParams_destroy_r(h, params) }
        GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE)
        GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0)
        return try native.adopt(GEOSMakeValidWithParams_r(h, native.pointer, params), "GEOSMakeValidWithParams_r").toGeometry()
    }

    private func predicate(_ other: Geometry, _ name: String,
                           _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        let a = try native(), b = try other.native()
        return try a.predicate(op(a.context.handle, a.pointer, b.pointer), name)
    }

    private func binary(_ other: Geometry, _ name: String,
                        _ op: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        let a = try native(), b = try other.native()
        return try a.adopt(op(a.context.handle, a.pointer, b.pointer), name).toGeometry()
    }

    fileprivate func unary(_ name: String, _ op: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        let a = try native()
        return try a.adopt(op(a.context.handle, a.pointer), name).toGeometry()
    }
}

extension Geometry {
    /// A point guaranteed to lie inside the geometry (`GEOSPointOnSurface_r`); nil for an empty geometry.
    public func pointOnSurface() throws -> Coordinate? {
        guard !isEmpty else { return nil }
        guard case .point(let c) = try unary("GEOSPointOnSurface_r", { GEOSPointOnSurface_r($0, $1) }).shape else { return nil }
        return c
    }
}

extension Geometry {
    /// Planar distance in CRS units to `other` (`GEOSDistance_r`); 0 when they meet.
    public func planarDistance(to other: Geometry) throws -> Double {
        let a = try native(), b = try other.native()
        var distance = 0.0
        guard GEOSDistance_r(a.context.handle, a.pointer, b.pointer, &distance) == 1 else {
            throw a.context.failure("GEOSDistance_r")
        }
        return distance
    }

    /// Distance in metres from a CGCS2000 longitude/latitude point to this CGCS2000 longitude/latitude
    /// geometry (0 inside). Both are projected to a transverse Mercator on GRS80 centred on the point's whole
    /// degree of longitude, where scale error within a degree is below 2e-4: centimetres over the hundred
    /// metres that field-photo checks care about.
    public func distanceMetres(fromLonLat point: Coordinate) throws -> Double {
        let meridian = point.x.rounded()
        let local = CRS(definition: "+proj=tmerc +lat_0=0 +lon_0=\(Int(meridian)) +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs +type=crs")
        let transformer = try CoordinateTransformer.cached(from: .cgcs2000, to: local)
        let projected = Geometry(try transformer.transform(shape))
        let projectedPoint = Geometry(.point(try transformer.transform(point)))
        return try projected.planarDistance(to: projectedPoint)
    }
}
