import Foundation
import Geo

/// Where a patch's region code came from.
public enum RegionSource: String, Sendable, Codable {
    /// From the patch's own attribute (e.g. XZQDM).
    case attribute
    /// From the region boundary containing the patch.
    case spatial
    /// Neither was available.
    case none
}

/// 图斑: a monitored change polygon of a batch, stored in CGCS2000 longitude/latitude (EPSG:4490).
public struct Patch: Sendable, Equatable {
    /// 图斑编号 (JCBH), unique within its batch.
    public let code: String
    public let batchCode: String
    public let regionCode: RegionCode?
    public let regionSource: RegionSource
    /// The region whose boundary contains the patch, when region boundaries are known.
    public let spatialRegionCode: RegionCode?
    public let geometry: Geometry
    /// Ellipsoidal area on CGCS2000.
    public let area: Area
    /// 前时相 / 后时相
    public let beforeDate: String?
    public let afterDate: String?
    /// GEOS's reason when the geometry as delivered is invalid, nil when valid.
    public let invalidReason: String?
    /// True when the stored geometry is the make-valid repair of the delivered one.
    public let repaired: Bool
    /// The delivered attributes, by field name.
    public let attributes: [String: AttributeValue]

    public init(code: String, batchCode: String, regionCode: RegionCode?, regionSource: RegionSource,
                spatialRegionCode: RegionCode?, geometry: Geometry, area: Area, beforeDate: String?,
                afterDate: String?, invalidReason: String?, repaired: Bool, attributes: [String: AttributeValue]) {
        self.code = code
        self.batchCode = batchCode
        self.regionCode = regionCode
        self.regionSource = regionSource
        self.spatialRegionCode = spatialRegionCode
        self.geometry = geometry
        self.area = area
        self.beforeDate = beforeDate
        self.afterDate = afterDate
        self.invalidReason = invalidReason
        self.repaired = repaired
        self.attributes = attributes
    }

    /// True when the attribute's region and the boundary's region disagree (neither lies within the other).
    public var regionDisagrees: Bool {
        Self.regionDisagrees(source: regionSource, stated: regionCode, found: spatialRegionCode)
    }

    public static func regionDisagrees(source: RegionSource, stated: RegionCode?, found: RegionCode?) -> Bool {
        guard source == .attribute, let stated, let found else { return false }
        return !(stated.isWithin(found) || found.isWithin(stated))
    }
}
