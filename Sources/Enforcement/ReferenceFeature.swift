import Geo

/// One feature of a reference layer, stored in CGCS2000 longitude/latitude (EPSG:4490).
public struct ReferenceFeature: Sendable, Equatable {
    public let layerID: Int64
    /// The feature's id in the source file.
    public let sourceFID: Int64
    /// Land-class code (三调地类编码, e.g. 0101) when the layer has a class field.
    public let classCode: String?
    public let geometry: Geometry
    /// Ellipsoidal area on CGCS2000.
    public let area: Area
    public let invalidReason: String?
    public let repaired: Bool
    public let attributes: [String: AttributeValue]

    public init(layerID: Int64, sourceFID: Int64, classCode: String?, geometry: Geometry, area: Area,
                invalidReason: String?, repaired: Bool, attributes: [String: AttributeValue]) {
        self.layerID = layerID
        self.sourceFID = sourceFID
        self.classCode = classCode
        self.geometry = geometry
        self.area = area
        self.invalidReason = invalidReason
        self.repaired = repaired
        self.attributes = attributes
    }
}
