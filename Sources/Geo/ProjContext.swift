import CPROJ

/// Owns a PROJ context (`proj_context_create` / `proj_context_destroy`). Every PJ made in it holds
/// this object, so the context outlives them whatever order they are released in.
final class ProjContextHandle {
    let pointer: OpaquePointer

    init() {
        pointer = proj_context_create()
        proj_log_level(pointer, PJ_LOG_NONE)
    }

    deinit { proj_context_destroy(pointer) }

    /// PROJ's text for the context's current error (`proj_context_errno_string`).
    func lastError() -> String {
        let code = proj_context_errno(pointer)
        guard code != 0, let text = proj_context_errno_string(pointer, code) else { return "PROJ error" }
        return String(cString: text)
    }
}

/// The PROJ context of the current thread, with the transformers it has built. Building a
/// transformation costs tens of milliseconds, so each (source, target) pair is built once per thread
/// and kept; PJ objects are never shared across threads.
final class ProjContext {
    let handle = ProjContextHandle()
    var context: OpaquePointer { handle.pointer }
    private var transformers: [TransformKey: CoordinateTransformer] = [:]
    private var infos: [CRS: CRSInfo] = [:]

    private static let perThread = ThreadLocal { ProjContext() }

    static var current: ProjContext { perThread.value }

    private struct TransformKey: Hashable {
        let source: CRS
        let target: CRS
    }

    private init() {}

    func lastError() -> String { handle.lastError() }

    /// Builds a PJ for a CRS definition; the caller owns it (`proj_destroy`).
    func create(_ crs: CRS) throws -> OpaquePointer {
        guard let pj = proj_create(context, crs.definition) else {
            throw GeoError.unknownCRS(definition: crs.definition, message: lastError())
        }
        let type = proj_get_type(pj)
        let crsTypes: Set<PJ_TYPE> = [
            PJ_TYPE_GEOGRAPHIC_2D_CRS, PJ_TYPE_GEOGRAPHIC_3D_CRS, PJ_TYPE_PROJECTED_CRS,
            PJ_TYPE_GEODETIC_CRS, PJ_TYPE_GEOCENTRIC_CRS, PJ_TYPE_COMPOUND_CRS, PJ_TYPE_BOUND_CRS,
        ]
        guard crsTypes.contains(type) else {
            proj_destroy(pj)
            throw GeoError.unknownCRS(definition: crs.definition, message: "not a geodetic or projected CRS")
        }
        return pj
    }

    func transformer(from source: CRS, to target: CRS) throws -> CoordinateTransformer {
        let key = TransformKey(source: source, target: target)
        if let cached = transformers[key] { return cached }
        let made = try CoordinateTransformer(from: source, to: target, in: self)
        transformers[key] = made
        return made
    }

    func info(for crs: CRS) throws -> CRSInfo {
        if let cached = infos[crs] { return cached }
        let pj = try create(crs)
        defer { proj_destroy(pj) }
        let type = proj_get_type(pj)
        let name = proj_get_name(pj).map { String(cString: $0) } ?? crs.definition
        guard let geodetic = proj_crs_get_geodetic_crs(context, pj) else {
            throw GeoError.noEllipsoid(crs: crs.description)
        }
        defer { proj_destroy(geodetic) }
        guard let ellipsoidPJ = proj_get_ellipsoid(context, pj) else { throw GeoError.noEllipsoid(crs: crs.description) }
        defer { proj_destroy(ellipsoidPJ) }
        var a = 0.0, b = 0.0, inverseFlattening = 0.0
        var computed: Int32 = 0
        guard proj_ellipsoid_get_parameters(context, ellipsoidPJ, &a, &b, &computed, &inverseFlattening) == 1 else {
            throw GeoError.noEllipsoid(crs: crs.description)
        }
        let geographic: CRS
        if let authority = proj_get_id_auth_name(geodetic, 0), let code = proj_get_id_code(geodetic, 0),
           String(cString: authority) == "EPSG" {
            geographic = CRS(definition: "EPSG:\(String(cString: code))")
        } else if let wkt = proj_as_wkt(context, geodetic, PJ_WKT2_2019, nil) {
            geographic = CRS(definition: String(cString: wkt))
        } else {
            throw GeoError.unknownCRS(definition: crs.definition, message: "no geographic CRS")
        }
        let info = CRSInfo(
            name: name,
            isGeographic: type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS,
            isProjected: type == PJ_TYPE_PROJECTED_CRS,
            geographicCRS: geographic,
            ellipsoid: Ellipsoid(semiMajorAxisMetres: a, flattening: inverseFlattening == 0 ? 0 : 1 / inverseFlattening))
        infos[crs] = info
        return info
    }
}
