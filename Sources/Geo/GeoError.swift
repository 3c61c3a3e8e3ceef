/// The one error type of `Geo`: geometry (GEOS), coordinate reference systems and transforms (PROJ),
/// and the WKB / GeoJSON codecs. Each case carries the C library's own message where there is one.
public enum GeoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GEOS refused an operation; `operation` is the GEOS function, `message` what GEOS said.
    case geometryOperationFailed(operation: String, message: String)
    /// Bytes that are not well-formed WKB.
    case malformedWKB(String)
    /// Text that is not a GeoJSON geometry.
    case malformedGeoJSON(String)
    /// PROJ does not know the CRS (`definition` is what was asked for).
    case unknownCRS(definition: String, message: String)
    /// PROJ could not build or run a transformation between two CRSs.
    case transformFailed(source: String, target: String, message: String)
    /// An area was asked for a CRS whose ellipsoid PROJ could not determine.
    case noEllipsoid(crs: String)

    public var description: String {
        switch self {
        case let .geometryOperationFailed(operation, message):
            return "几何运算失败（\(operation)）：\(message) / Geometry operation \(operation) failed: \(message)"
        case let .malformedWKB(why):
            return "几何数据（WKB）格式错误：\(why) / Malformed WKB: \(why)"
        case let .malformedGeoJSON(why):
            return "GeoJSON 几何格式错误：\(why) / Malformed GeoJSON geometry: \(why)"
        case let .unknownCRS(definition, message):
            return "无法识别的坐标系「\(definition)」：\(message) / Unknown coordinate reference system \(definition): \(message)"
        case let .transformFailed(source, target, message):
            return "坐标转换失败（\(source) → \(target)）：\(message) / Coordinate transformation \(source) → \(target) failed: \(message)"
        case let .noEllipsoid(crs):
            return "坐标系「\(crs)」没有可用的椭球参数，无法计算椭球面积 / CRS \(crs) has no ellipsoid, so no ellipsoidal area"
        }
    }
}
