import Enforcement
import Foundation
import Geo
import Overlay
import Store
import Workers

/// Overlays a batch's patches on reference layers (叠加分析) and stores the per-layer results.
/// Patches stream in spatial order, in chunks: each worker thread loads the layer pieces near its
/// chunk, builds its own indexes (GEOS objects never cross threads) and writes the chunk's results in
/// one transaction. Pairs already computed on the current layer version are skipped, so an
/// interrupted run resumes where it stopped and a re-run after a layer update redoes only that layer.
public struct OverlayJob: Sendable {
    public var batchCode: String
    /// The layer kinds to use; nil for all layers in the workspace.
    public var kinds: Set<LayerKind>?
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// The most patches a worker takes at a time; each chunk's results are one transaction. Large
    /// chunks read each layer piece fewer times and commit less often (every commit rewrites the
    /// result index's pages it touched: 256-patch chunks wrote 500 MB for 200,000 results); on the
    /// 100,000-patch bench 4096 took 7 s where 1024 took 8.3 s and 256 took 11 s.
    public var chunkSize = 4096
    /// Recompute even what is up to date.
    public var force = false

    public init(batchCode: String) { self.batchCode = batchCode }

    public struct Report: Sendable {
        public let patches: Int
        public let computed: Int
        public let upToDate: Int
        public let layers: [ReferenceLayer]
        /// Invalid patches overlaid on their make-valid form (their stored geometry is unchanged).
        public let repairedPatches: [String]
        /// Per layer used, how many of its invalid features (kept unrepaired at import) were overlaid on
        /// their make-valid form; layers without such features are absent.
        public let repairedFeatures: [(layer: ReferenceLayer, count: Int)]
        public let seconds: Double
    }

    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Report {
        let store = workspace.store
        guard let summary = try store.batches().first(where: { $0.batch.code == batchCode }) else {
            throw WorkspaceError.noBatch(batchCode)
        }
        let layers = try store.layers().filter { kinds?.contains($0.kind) ?? true }
        let started = Date()
        let state = OverlayProgress()
        progress.begin("叠加分析 \(batchCode) / overlay", total: summary.patchCount)
        defer { progress.end() }
        // Small batches still give every worker several chunks.
        let perChunk = max(16, min(chunkSize, summary.patchCount / (max(1, threads) * 4)))
        let feeder = ChunkFeeder(store: store, batch: batchCode, chunkSize: perChunk)
        let failure = FirstError()
        // The reporter is not thread-safe: only this thread talks to it, polling the workers' counts.
        WorkerThreads.run(threads, waiting: { progress.advance(to: state.done) }) {
            do {
                while failure.isEmpty, let chunk = try feeder.next() {
                    state.add(patches: chunk.count, try overlay(chunk, layers: layers, store: store))
                }
            } catch {
                failure.record(error)
            }
        }
        progress.advance(to: state.done)
        if let error = failure.error { throw error }
        let invalidFeatures = try store.unrepairedInvalidFeatureCounts()
        return Report(patches: state.done, computed: state.computed, upToDate: state.upToDate, layers: layers,
                      repairedPatches: state.repairedPatches.sorted(),
                      repairedFeatures: layers.compactMap { layer in invalidFeatures[layer.id].map { (layer, $0) } },
                      seconds: Date().timeIntervalSince(started))
    }

    private func overlay(_ chunk: [StoredPatch], layers: [ReferenceLayer], store: any WorkspaceStore) throws -> ChunkOutcome {
        let existing = force ? [:] : try store.overlayVersions(patchIDs: chunk.map(\.id))
        let boxes = Envelope.cover(chunk.compactMap(\.patch.geometry.envelope), looseness: Self.coverLooseness)
        guard !boxes.isEmpty else { return ChunkOutcome(computed: 0, upToDate: 0, repairedPatches: []) }
        var computed = 0, upToDate = 0
        var repairedPatches: [String] = []
        var indexes: [Int64: LayerOverlayIndex] = [:]
        var results: [(patchID: Int64, overlays: [LayerOverlay])] = []
        for stored in chunk {
            let stale = layers.filter { existing[stored.id]?[$0.id] != $0.version }
            upToDate += layers.count - stale.count
            guard !stale.isEmpty, !stored.patch.geometry.isEmpty else { continue }
            let patch = stored.patch
            let probe = try PatchProbe(geometry: patch.geometry, area: patch.area, isInvalid: patch.invalidReason != nil && !patch.repaired)
            if probe.usesRepair { repairedPatches.append(patch.code) }
            var overlays: [LayerOverlay] = []
            for layer in stale {
                if indexes[layer.id] == nil {
                    indexes[layer.id] = try LayerOverlayIndex(layer: layer, pieces: store.pieces(ofLayer: layer.id, intersectingAny: boxes))
                }
                overlays.append(try indexes[layer.id]!.overlay(probe))
            }
            computed += overlays.count
            results.append((stored.id, overlays))
        }
        try store.saveOverlays(results)
        return ChunkOutcome(computed: computed, upToDate: upToDate, repairedPatches: repairedPatches)
    }

    /// How loosely a chunk's layer reads may cover its patches (see `Envelope.cover`). On the
    /// 100,000-patch bench (measured with 256-patch chunks), 4 read 4.7× fewer layer rows than one box
    /// per chunk, at about 65 index queries per chunk; 2 and 8 timed the same within the machine's noise.
    static let coverLooseness = 4.0

    fileprivate struct ChunkOutcome {
        let computed: Int
        let upToDate: Int
        let repairedPatches: [String]
    }
}

/// Hands out consecutive chunks of a batch in spatial order to worker threads.
private final class ChunkFeeder: @unchecked Sendable {
    // @unchecked: `cursor` and `finished` are only touched under `lock`.
    private let store: any WorkspaceStore
    private let batch: String
    private let chunkSize: Int
    private let lock = NSLock()
    private var cursor: PatchCursor?
    private var finished = false

    init(store: any WorkspaceStore, batch: String, chunkSize: Int) {
        self.store = store
        self.batch = batch
        self.chunkSize = chunkSize
    }

    func next() throws -> [StoredPatch]? {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return nil }
        let chunk = try store.patchChunk(batch: batch, after: cursor, limit: chunkSize)
        guard let last = chunk.last else {
            finished = true
            return nil
        }
        cursor = last.cursor
        return chunk
    }
}

/// Counts shared by the workers.
private final class OverlayProgress: @unchecked Sendable {
    // @unchecked: every field is only touched under `lock`.
    private let lock = NSLock()
    private var counts = (done: 0, computed: 0, upToDate: 0)
    private var repaired: [String] = []

    var done: Int { lock.withLock { counts.done } }
    var computed: Int { lock.withLock { counts.computed } }
    var upToDate: Int { lock.withLock { counts.upToDate } }
    var repairedPatches: [String] { lock.withLock { repaired } }

    fileprivate func add(patches: Int, _ outcome: OverlayJob.ChunkOutcome) {
        lock.withLock {
            counts.done += patches
            counts.computed += outcome.computed
            counts.upToDate += outcome.upToDate
            repaired += outcome.repairedPatches
        }
    }
}

/// The first error any worker met; the others stop at their next chunk.
private final class FirstError: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: Error?

    var isEmpty: Bool { lock.withLock { stored == nil } }
    var error: Error? { lock.withLock { stored } }

    func record(_ error: Error) {
        lock.withLock { if stored == nil { stored = error } }
    }
}
