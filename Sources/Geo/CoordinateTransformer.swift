import CPROJ

/// A transformation between two CRSs (`proj_create_crs_to_crs` + `proj_normalize_for_visualization`,
/// so both sides are easting/longitude first). Owned by the thread's `ProjContext`; obtain one with
/// `CoordinateTransformer.cached(from:to:)`.
public final class CoordinateTransformer {
    public let source: CRS
    public let target: CRS
    private let pj: OpaquePointer
    private let context: ProjContextHandle

    init(from source: CRS, to target: CRS, in owner: ProjContext) throws {
        self.source = source
        self.target = target
        context = owner.handle
        // Validate both ends first so the error names the CRS that is wrong.
        proj_destroy(try owner.create(source))
        proj_destroy(try owner.create(target))
        guard let raw = proj_create_crs_to_crs(owner.context, source.definition, target.definition, nil) else {
            throw GeoError.transformFailed(source: source.description, target: target.description, message: owner.lastError())
        }
        defer { proj_destroy(raw) }
        guard let normalized = proj_normalize_for_visualization(owner.context, raw) else {
            throw GeoError.transformFailed(source: source.description, target: target.description, message: owner.lastError())
        }
        pj = normalized
    }

    deinit { proj_destroy(pj) }

    /// The current thread's transformer between `source` and `target`, built on first use.
    public static func cached(from source: CRS, to target: CRS) throws -> CoordinateTransformer {
        try ProjContext.current.transformer(from: source, to: target)
    }

    /// Transforms coordinates in place (`proj_trans_generic`); throws if any comes out non-finite.
    public func transform(_ coordinates: inout [Coordinate]) throws {
        guard !coordinates.isEmpty else { return }
        let stride = MemoryLayout<Coordinate>.stride
        proj_errno_reset(pj)
        let count = coordinates.count
        coordinates.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            let x = base.assumingMemoryBound(to: Double.self)
            let y = (base + MemoryLayout<Double>.stride).assumingMemoryBound(to: Double.self)
            _ = proj_trans_generic(pj, PJ_FWD, x, stride, count, y, stride, count, nil, 0, 0, nil, 0, 0)
        }
        if let bad = coordinates.firstIndex(where: { !$0.x.isFinite || !$0.y.isFinite }) {
            let code = proj_errno(pj)
            let message = code != 0 ? String(cString: proj_context_errno_string(context.pointer, code)) : "point outside the CRS's area"
            throw GeoError.transformFailed(source: source.description, target: target.description,
                                           message: "\(message) (coordinate #\(bad + 1))")
        }
    }

    public func transform(_ c: Coordinate) throws -> Coordinate {
        var one = [c]
        try transform(&one)
        return one[0]
    }

    public func transform(_ shape: Shape) throws -> Shape {
        var all = shape.coordinates
        try transform(&all)
        var next = all.makeIterator()
        return shape.mapCoordinates { _ in next.next()! }
    }
}

extension Geometry {
    /// This geometry reprojected from `source` to `target`, vertex by vertex (edges are not densified).
    public func transformed(from source: CRS, to target: CRS) throws -> Geometry {
        if source == target { return self }
        return Geometry(try CoordinateTransformer.cached(from: source, to: target).transform(shape))
    }
}
