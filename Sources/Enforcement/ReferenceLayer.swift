import Geo
import Foundation

/// A reference layer (永久基本农田, 三调耕地, 生态保护红线 …) as imported into a workspace.
public struct ReferenceLayer: Sendable, Equatable {
    public let id: Int64
    public let kind: LayerKind
    public let name: String
    /// Increases each time the layer is re-imported, so results computed on an older version are known stale.
    public let version: Int
    public let sourcePath: String
    /// The CRS of the source file (features are stored in EPSG:4490).
    public let sourceCRS: String
    /// The attribute holding the land-class code (e.g. DLBM), when there is one.
    public let classField: String?
    public let featureCount: Int
    public let totalArea: Area
    public let importedAt: Date

    public init(id: Int64, kind: LayerKind, name: String, version: Int, sourcePath: String, sourceCRS: String,
                classField: String?, featureCount: Int, totalArea: Area, importedAt: Date) {
        self.id = id
        self.kind = kind
        self.name = name
        self.version = version
        self.sourcePath = sourcePath
        self.sourceCRS = sourceCRS
        self.classField = classField
        self.featureCount = featureCount
        self.totalArea = totalArea
        self.importedAt = importedAt
    }
}
