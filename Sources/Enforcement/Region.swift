import Geo

/// An administrative region (行政区) with its boundary, in CGCS2000 longitude/latitude (EPSG:4490).
public struct Region: Sendable, Equatable {
    public let code: RegionCode
    public let name: String
    /// The enclosing region, given in the source data or derived from a GB code.
    public let parentCode: RegionCode?
    public let boundary: Geometry
    /// Ellipsoidal area of the boundary on CGCS2000.
    public let area: Area

    public init(code: RegionCode, name: String, parentCode: RegionCode?, boundary: Geometry, area: Area) {
        self.code = code
        self.name = name
        self.parentCode = parentCode ?? code.parent
        self.boundary = boundary
        self.area = area
    }
}
