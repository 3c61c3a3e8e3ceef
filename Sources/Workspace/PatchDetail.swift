import Enforcement
import Foundation
import Store

/// Everything known of one patch, as its detail page shows it: the patch, its overlay per layer (with
/// the layer and the intersecting features), its pre-judgement, workflow, field verifications and history.
public struct PatchDetail: Sendable {
    public let patch: Patch
    public let overlays: [(layer: ReferenceLayer, overlay: LayerOverlay)]
    public let features: [Int64: ReferenceFeature]
    public let prejudgement: Prejudgement?
    public let workflow: PatchWorkflow
    public let verifications: [Verification]
    public let history: [AuditEvent]
}

extension Workspace {
    /// The patch's detail; `StoreError.notFound` when there is no such patch.
    public func patchDetail(_ key: PatchKey) throws -> PatchDetail {
        try store.snapshot {
            guard let patch = try store.patch(batch: key.batch, code: key.code), let workflow = try store.patchWorkflow(key) else {
                throw StoreError.notFound(subject: "图斑 \(key)")
            }
            let layers = Dictionary(try store.layers().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let overlays = try store.overlays(batch: key.batch, code: key.code).compactMap { overlay in
                layers[overlay.layerID].map { (layer: $0, overlay: overlay) }
            }
            let features = try store.referenceFeatures(ids: overlays.flatMap { $0.overlay.features.map { $0.featureID } })
            return PatchDetail(patch: patch, overlays: overlays, features: features,
                               prejudgement: try store.prejudgement(batch: key.batch, code: key.code), workflow: workflow,
                               verifications: try store.verifications(of: key), history: try store.auditEvents(subject: workflow.subject))
        }
    }
}
