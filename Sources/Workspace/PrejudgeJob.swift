import Enforcement
import Foundation
import Geo
import Store

/// Pre-judges (预判) every patch of a batch from its stored overlay results. Checks first that the
/// workspace has a layer of every kind the rules use and that the batch's overlay on them is complete
/// and current, so nothing is written on a workspace that cannot be judged. Results are written per
/// chunk in one transaction each, replacing earlier ones; a re-run gives the same results.
public struct PrejudgeJob: Sendable {
    public var batchCode: String
    public var rules: PrejudgeRules
    /// Where the rules came from, stored with each result (a path, or 默认规则).
    public var rulesSource: String
    public var chunkSize = 1000

    public init(batchCode: String, rules: PrejudgeRules, rulesSource: String) {
        self.batchCode = batchCode
        self.rules = rules
        self.rulesSource = rulesSource
    }

    /// Counts per region: patches and their area per verdict, and high-priority patches.
    public struct RegionTally: Sendable, Equatable {
        public let regionCode: RegionCode?
        public internal(set) var counts: [PrejudgeVerdict: Int] = [:]
        public internal(set) var areas: [PrejudgeVerdict: Area] = [:]
        public internal(set) var highPriority = 0
    }

    public struct Report: Sendable {
        public let patches: Int
        /// In region-code order, patches without a region last.
        public let byRegion: [RegionTally]
        /// How often each rule decided a verdict, by rule id.
        public let decidedBy: [String: Int]
        public let seconds: Double
    }

    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Report {
        let store = workspace.store
        guard let summary = try store.batches().first(where: { $0.batch.code == batchCode }) else {
            throw WorkspaceError.noBatch(batchCode)
        }
        let present = Set(try store.layers().map(\.kind))
        let absent = rules.referencedKinds.subtracting(present)
        guard absent.isEmpty else {
            throw WorkspaceError.rulesNeedLayers(LayerKind.allCases.filter(absent.contains))
        }
        let missing = try store.missingOverlayCount(batch: batchCode, kinds: rules.referencedKinds)
        guard missing == 0 else { throw WorkspaceError.overlayIncomplete(batch: batchCode, missingPairs: missing) }

        let started = Date()
        progress.begin("预判 \(batchCode) / pre-judgement", total: summary.patchCount)
        defer { progress.end() }
        var tallies: [RegionCode?: RegionTally] = [:]
        var decidedBy: [String: Int] = [:]
        var cursor: PatchCursor?
        var done = 0
        while true {
            let chunk = try store.patchChunk(batch: batchCode, after: cursor, limit: chunkSize)
            guard let last = chunk.last else { break }
            cursor = last.cursor
            let facts = try store.prejudgeFacts(patchIDs: chunk.map(\.id))
            var results: [(patchID: Int64, prejudgement: Prejudgement)] = []
            for stored in chunk {
                let patch = stored.patch
                let result = rules.judge(facts[stored.id] ?? PrejudgeFacts(patchArea: patch.area, layers: [:]))
                results.append((stored.id, result))
                var tally = tallies[patch.regionCode] ?? RegionTally(regionCode: patch.regionCode)
                tally.counts[result.verdict, default: 0] += 1
                tally.areas[result.verdict, default: .zero] = tally.areas[result.verdict, default: .zero] + patch.area
                if result.priority == .high { tally.highPriority += 1 }
                tallies[patch.regionCode] = tally
                if let rule = result.decidingRule { decidedBy[rule, default: 0] += 1 }
            }
            try store.savePrejudgements(results, rulesSource: rulesSource)
            done += chunk.count
            progress.advance(to: done)
        }
        let ordered = tallies.values.sorted { ($0.regionCode?.rawValue ?? "~") < ($1.regionCode?.rawValue ?? "~") }
        return Report(patches: done, byRegion: ordered, decidedBy: decidedBy, seconds: Date().timeIntervalSince(started))
    }
}
