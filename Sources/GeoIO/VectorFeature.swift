import Geo

/// A feature read from a vector file: its id in the file, its geometry, its attributes by field name.
public struct VectorFeature: Sendable {
    /// OGR's feature id (FID), as the file numbers it.
    public let fid: Int64
    /// nil when the feature has no geometry.
    public let geometry: Geometry?
    public let attributes: [String: AttributeValue]

    public init(fid: Int64, geometry: Geometry?, attributes: [String: AttributeValue]) {
        self.fid = fid
        self.geometry = geometry
        self.attributes = attributes
    }
}

