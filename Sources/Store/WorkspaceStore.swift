import Foundation
import Enforcement
import Geo

/// Persistence of a workspace: regions, reference layers, batches and patches, all geometries in
/// CGCS2000 longitude/latitude (EPSG:4490). Every import is one transaction: a failure or a kill
/// leaves the store as it was before the import started.
public protocol WorkspaceStore: WorkflowStore, AccountStore, CameraStore {
    /// Runs `body` with every read it makes on this thread in one read transaction: one consistent
    /// view of the workspace, and one transaction instead of one per read (a patch's detail makes
    /// nine). For read-only work: a write inside is not seen by the reads after it.
    func snapshot<T>(_ body: () throws -> T) throws -> T

    /// Inserts or updates regions by code, in one transaction.
    func saveRegions(_ regions: [Region]) throws -> UpsertCounts
    func regions() throws -> [Region]

    /// Creates the layer (kind, name) or replaces all its features with a new version, in one
    /// transaction. `fill` streams the features into the sink.
    func replaceLayer(_ draft: LayerDraft, fill: (any ReferenceFeatureSink) throws -> Void) throws -> ReferenceLayer
    func layers() throws -> [ReferenceLayer]
    /// Features of a layer whose bounding box meets `envelope` (all when nil), by R*Tree.
    func features(ofLayer layerID: Int64, intersecting envelope: Envelope?) throws -> [ReferenceFeature]
    /// At most `limit` features of a layer whose envelope meets `envelope` (lon/lat), by id: for maps.
    func features(ofLayer layerID: Int64, meeting envelope: Envelope, limit: Int) throws -> [ReferenceFeature]

    /// Creates or updates a batch and upserts its patches by code, in one transaction.
    func importBatch(_ batch: Batch, fill: (any PatchSink) throws -> Void) throws -> UpsertCounts
    func batches() throws -> [BatchSummary]
    /// Whether a batch of this code was imported (without counting its patches, as `batches()` does).
    func hasBatch(_ code: String) throws -> Bool
    func patches(matching query: PatchQuery) throws -> [Patch]
    func patch(batch: String, code: String) throws -> Patch?
    /// Registers an image and returns it with its id.
    func addImagery(_ draft: ImageryDraft) throws -> Imagery
    /// Images of a batch and those for every batch (batch nil), before ones first.
    func imagery(batch: String?) throws -> [Imagery]
    func imagery(id: Int64) throws -> Imagery?
    /// Refreshes the query planner's statistics after a bulk change (an import, assigning a batch).
    func refreshPlannerStatistics() throws
    /// A filtered page of patches with workflow and pre-judgement, for lists and maps.
    func patchList(_ filter: PatchListFilter) throws -> PatchListPage
    /// The county a patch answers to; nil when there is no such patch.
    func patchOwnership(_ key: PatchKey) throws -> PatchOwnership?

    /// A batch's (or all) patches grouped by region, region source, located region and validity,
    /// with their count and total area: what a summary needs without decoding any geometry.
    func patchTallies(batch: String?) throws -> [PatchTally]
    /// Per layer id, how many features are invalid and kept unrepaired (overlay uses their make-valid form).
    func unrepairedInvalidFeatureCounts() throws -> [Int64: Int]

    /// The pieces of a layer (whole features, or the parts of subdivided ones) meeting any of `boxes`,
    /// each piece once.
    func pieces(ofLayer layerID: Int64, intersectingAny boxes: [Envelope]) throws -> [ReferencePiece]
    /// Up to `limit` patches of a batch in spatial (Morton) order after `cursor`, for streaming work.
    func patchChunk(batch: String, after cursor: PatchCursor?, limit: Int) throws -> [StoredPatch]
    /// The layer versions of the overlay results stored for these patches.
    func overlayVersions(patchIDs: [Int64]) throws -> [Int64: [Int64: Int]]
    /// Stores overlay results (replacing earlier ones for the same patch and layer) in one transaction.
    func saveOverlays(_ results: [(patchID: Int64, overlays: [LayerOverlay])]) throws
    /// The overlay results of a patch, by layer.
    func overlays(batch: String, code: String) throws -> [LayerOverlay]
    /// Stored reference features by their ids (as in `FeatureHit.featureID`).
    func referenceFeatures(ids: [Int64]) throws -> [Int64: ReferenceFeature]
    /// Overlay areas summed per patch region and layer kind, for a batch.
    func overlayTotals(batch: String) throws -> [OverlayTotal]

    /// How many (patch, layer) pairs of a batch on layers of these kinds lack a result on the layer's
    /// current version.
    func missingOverlayCount(batch: String, kinds: Set<LayerKind>) throws -> Int
    /// What pre-judgement needs of these patches: area and current overlay results, by patch id.
    func prejudgeFacts(patchIDs: [Int64]) throws -> [Int64: PrejudgeFacts]
    /// The same for a whole batch, by patch code.
    func prejudgeFacts(batch: String) throws -> [String: PrejudgeFacts]
    /// Stores pre-judgements (replacing earlier ones) in one transaction; `rulesSource` names the rules file.
    func savePrejudgements(_ results: [(patchID: Int64, prejudgement: Prejudgement)], rulesSource: String) throws
    /// A batch's pre-judgements by patch code.
    func prejudgements(batch: String) throws -> [String: Prejudgement]
    func prejudgement(batch: String, code: String) throws -> Prejudgement?
}

/// The overlay area of a batch's patches in one region on one kind of layer; for land-class layers
/// (三调地类), the cultivated part (01xx) only.
public struct OverlayTotal: Sendable, Equatable {
    public let regionCode: RegionCode?
    public let kind: LayerKind
    public let area: Area
    /// Patches with a positive area on the layer.
    public let patchCount: Int
}

/// Patches sharing region, region source, located region and validity.
public struct PatchTally: Sendable, Equatable {
    public let regionCode: RegionCode?
    public let regionSource: RegionSource
    public let spatialRegionCode: RegionCode?
    public let invalid: Bool
    public let count: Int
    public let area: Area

    public init(regionCode: RegionCode?, regionSource: RegionSource, spatialRegionCode: RegionCode?, invalid: Bool, count: Int, area: Area) {
        self.regionCode = regionCode
        self.regionSource = regionSource
        self.spatialRegionCode = spatialRegionCode
        self.invalid = invalid
        self.count = count
        self.area = area
    }
}

/// A patch with its storage id and spatial sort key.
public struct StoredPatch: Sendable {
    public let id: Int64
    public let cursor: PatchCursor
    public let patch: Patch
}

/// A position in a batch's spatial order.
public struct PatchCursor: Sendable, Equatable {
    public let sortKey: Int64
    public let id: Int64
}

/// What a layer import is told before features arrive.
public struct LayerDraft: Sendable {
    public let kind: LayerKind
    public let name: String
    public let sourcePath: String
    public let sourceCRS: String
    public let classField: String?

    public init(kind: LayerKind, name: String, sourcePath: String, sourceCRS: String, classField: String?) {
        self.kind = kind
        self.name = name
        self.sourcePath = sourcePath
        self.sourceCRS = sourceCRS
        self.classField = classField
    }
}

/// Receives the features of a layer being imported (inside the import's transaction).
public protocol ReferenceFeatureSink {
    /// `feature.layerID` is ignored: the sink knows its layer. `parts` are the pieces of a large
    /// feature subdivided for overlay (geometry in EPSG:4490, ellipsoidal area); empty when the
    /// feature is small enough to be used whole.
    func add(_ feature: ReferenceFeature, parts: [(geometry: Geometry, area: Area)]) throws
}

extension ReferenceFeatureSink {
    /// Adds a feature small enough to be used whole by overlay.
    public func add(_ feature: ReferenceFeature) throws { try add(feature, parts: []) }
}

/// Receives the patches of a batch being imported (inside the import's transaction).
public protocol PatchSink {
    /// Inserts a new patch or updates the one with the same code.
    @discardableResult
    func upsert(_ patch: Patch) throws -> UpsertOutcome
}

public enum UpsertOutcome: Sendable, Equatable {
    case inserted, updated, unchanged
}

public struct UpsertCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0

    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }

    public mutating func count(_ outcome: UpsertOutcome) {
        switch outcome {
        case .inserted: inserted += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// A batch with its patch count and total area.
public struct BatchSummary: Sendable, Equatable {
    public let batch: Batch
    public let patchCount: Int
    public let totalArea: Area
}

/// An image to register: everything but the id.
public struct ImageryDraft: Sendable {
    public let batch: String?
    public let phase: ImageryPhase
    public let name: String
    public let path: String
    public let acquired: CalendarDay?
    public let envelope: Envelope
    public let registeredAt: Date

    public init(batch: String?, phase: ImageryPhase, name: String, path: String, acquired: CalendarDay?, envelope: Envelope, registeredAt: Date) {
        self.batch = batch
        self.phase = phase
        self.name = name
        self.path = path
        self.acquired = acquired
        self.envelope = envelope
        self.registeredAt = registeredAt
    }
}

/// Which patches to list.
public struct PatchQuery: Sendable {
    public var batch: String?
    /// Patches in this region or any region inside it (a city's code lists its counties' patches).
    public var region: RegionCode?
    /// Patches answering to this county or any inside this region (their assignment's county, else
    /// their region code): the jurisdiction filter, as the web lists apply it.
    public var county: RegionCode?
    public var envelope: Envelope?
    public var limit: Int?
    public var offset: Int

    public init(batch: String? = nil, region: RegionCode? = nil, envelope: Envelope? = nil, limit: Int? = nil, offset: Int = 0) {
        self.batch = batch
        self.region = region
        self.envelope = envelope
        self.limit = limit
        self.offset = offset
    }
}
