import Enforcement
import Geo
import GeoIO
import Store

/// Imports a reference layer (永久基本农田, 三调地类图斑 …) from any OGR vector file.
public struct LayerImport {
    public var path: String
    public var kind: LayerKind
    public var name: String
    public var classField: String?
    public var layerName: String?
    public var assumeCRS: CRS?
    public var repairInvalid = false
    /// Features with more vertices are also stored subdivided into parts of at most this many, for overlay.
    public var subdivideAbove = 256

    public init(path: String, kind: LayerKind, name: String) {
        self.path = path
        self.kind = kind
        self.name = name
    }

    public struct Report: Sendable {
        public let layer: ReferenceLayer
        public let invalid: [InvalidGeometryNote]
        public let withoutGeometry: Int
    }

    /// One transaction: on any error the workspace keeps the previous version of the layer.
    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Report {
        let source = try VectorSource(path: path)
        let layer = try source.layer(layerName)
        if let classField { try layer.requireField(classField) }
        let crs = try layer.crs(assuming: assumeCRS)
        let preparation = try FeaturePreparation(path: path, sourceCRS: crs, repairInvalid: repairInvalid)
        var invalid: [InvalidGeometryNote] = []
        var withoutGeometry = 0
        progress.begin("导入图层 \(name) / importing layer", total: layer.featureCount)
        defer { progress.end() }
        let draft = LayerDraft(kind: kind, name: name, sourcePath: path, sourceCRS: crs.description, classField: classField)
        let stored = try workspace.store.replaceLayer(draft) { sink in
            var done = 0
            try layer.forEachFeature { feature in
                done += 1
                progress.advance(to: done)
                guard let geometry = feature.geometry, !geometry.isEmpty else {
                    withoutGeometry += 1
                    return
                }
                let prepared = try preparation.prepare(geometry, fid: feature.fid)
                if let reason = prepared.invalidReason {
                    invalid.append(InvalidGeometryNote(feature: "FID \(feature.fid)", reason: reason, repaired: prepared.repaired))
                }
                let parts = try parts(of: prepared)
                try sink.add(ReferenceFeature(
                    layerID: 0, sourceFID: feature.fid, classCode: classField.flatMap { feature.attributes[$0]?.text },
                    geometry: prepared.geometry, area: prepared.area, invalidReason: prepared.invalidReason,
                    repaired: prepared.repaired, attributes: feature.attributes), parts: parts)
            }
        }
        return Report(layer: stored, invalid: invalid, withoutGeometry: withoutGeometry)
    }

    /// A large polygon (red line, urban boundary) cut into parts of at most `subdivideAbove` vertices,
    /// each with its ellipsoidal area; none for a small one. Invalid geometries are not cut (GEOS
    /// cannot clip them); overlay then uses them whole.
    private func parts(of prepared: FeaturePreparation.Prepared) throws -> [(geometry: Geometry, area: Area)] {
        let usable = prepared.invalidReason == nil || prepared.repaired
        guard usable, prepared.geometry.shape.coordinates.count > subdivideAbove else { return [] }
        return try prepared.geometry.subdivided(maxVertices: subdivideAbove).map { ($0, EllipsoidalArea.of(lonLat: $0.shape)) }
    }
}
