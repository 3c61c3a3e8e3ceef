import Enforcement
import Geo
import Store

/// The numbers a clerk looks at first: per layer, per batch and per region.
public struct WorkspaceSummary: Sendable {
    public struct RegionRow: Sendable, Equatable {
        public let code: RegionCode?
        public let name: String
        public let patchCount: Int
        public let area: Area
    }

    public let layers: [ReferenceLayer]
    public let batches: [BatchSummary]
    /// Patches of `batch` (or all) by region, in code order; patches without a region last.
    public let byRegion: [RegionRow]
    public let regionMismatchCount: Int
    public let invalidGeometryCount: Int

    public init(workspace: Workspace, batch: String? = nil) throws {
        let store = workspace.store
        layers = try store.layers()
        batches = try store.batches()
        let names = try workspace.regionNames()
        let tallies = try store.patchTallies(batch: batch)
        var groups: [RegionCode?: (count: Int, area: Area)] = [:]
        for tally in tallies {
            let current = groups[tally.regionCode] ?? (0, .zero)
            groups[tally.regionCode] = (current.count + tally.count, current.area + tally.area)
        }
        byRegion = groups.map { code, value in
            RegionRow(code: code, name: code.flatMap { names[$0] } ?? (code == nil ? "（未落区）" : ""),
                      patchCount: value.count, area: value.area)
        }.sorted { ($0.code?.rawValue ?? "~") < ($1.code?.rawValue ?? "~") }
        regionMismatchCount = tallies.filter {
            Patch.regionDisagrees(source: $0.regionSource, stated: $0.regionCode, found: $0.spatialRegionCode)
        }.reduce(0) { $0 + $1.count }
        invalidGeometryCount = tallies.filter(\.invalid).reduce(0) { $0 + $1.count }
    }
}
