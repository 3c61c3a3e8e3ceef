import Geo

/// What a patch has of one reference layer (叠加分析结果): the area on it, its share of the patch,
/// the features it touches and, for land-class layers, the area per class code.
public struct LayerOverlay: Sendable, Equatable {
    public let layerID: Int64
    /// The layer version the result was computed on; older than the layer's means stale.
    public let layerVersion: Int
    public let kind: LayerKind
    /// Ellipsoidal area (CGCS2000) of the patch on the layer, never more than the patch's area.
    public let area: Area
    /// `area` ÷ the patch's area, 0…1.
    public let share: Double
    /// The features the patch overlaps with positive area, by feature id.
    public let features: [FeatureHit]
    /// Area per land-class code (0101 水田 …); empty for layers without a class field.
    public let classBreakdown: [String: Area]

    public init(layerID: Int64, layerVersion: Int, kind: LayerKind, area: Area, share: Double,
                features: [FeatureHit], classBreakdown: [String: Area]) {
        self.layerID = layerID
        self.layerVersion = layerVersion
        self.kind = kind
        self.area = area
        self.share = share
        self.features = features
        self.classBreakdown = classBreakdown
    }
}

extension LayerOverlay {
    /// The part on cultivated land (耕地, class codes 01xx) of a land-class layer; zero without classes.
    public var cultivatedArea: Area {
        classBreakdown.filter { LandClass.isCultivated($0.key) }.values.reduce(.zero, +)
    }
}

/// One reference feature a patch overlaps, with the overlapping area.
public struct FeatureHit: Sendable, Equatable {
    /// The stored feature's id (layer_feature.id).
    public let featureID: Int64
    public let area: Area

    public init(featureID: Int64, area: Area) {
        self.featureID = featureID
        self.area = area
    }
}

/// A piece of a reference layer as the overlay engine sees it: a whole feature, or one part of a
/// large feature subdivided at import. Geometry in EPSG:4490; area ellipsoidal.
public struct ReferencePiece: Sendable, Equatable {
    public let featureID: Int64
    public let classCode: String?
    public let geometry: Geometry
    public let area: Area
    /// True when the stored geometry is invalid and unrepaired: overlay must use its make-valid form.
    public let isInvalid: Bool

    public init(featureID: Int64, classCode: String?, geometry: Geometry, area: Area, isInvalid: Bool = false) {
        self.featureID = featureID
        self.classCode = classCode
        self.geometry = geometry
        self.area = area
        self.isInvalid = isInvalid
    }
}

extension LayerKind {
    /// Layers whose features tile without overlapping (land-survey parcels, basic-farmland parcels):
    /// per-feature areas can simply be added. Others (approvals, land supply …) may overlap, so their
    /// pieces are dissolved before measuring.
    public var tiles: Bool { self == .cultivatedLand || self == .basicFarmland }
}
