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
        let names = Dictionary(try store.regions().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let patches = try store.patches(matching: PatchQuery(batch: batch))
        var groups: [RegionCode?: (Int, Double)] = [:]
        for patch in patches {
            let current = groups[patch.regionCode] ?? (0, 0)
            groups[patch.regionCode] = (current.0 + 1, current.1 + patch.area.squareMetres)
        }
        byRegion = groups.map { code, value in
            RegionRow(code: code, name: code.flatMap { names[$0] } ?? (code == nil ? "（未落区）" : ""),
                      patchCount: value.0, area: Area(squareMetres: value.1))
        }.sorted { ($0.code?.rawValue ?? "~") < ($1.code?.rawValue ?? "~") }
        regionMismatchCount = patches.filter(\.regionDisagrees).count
        invalidGeometryCount = patches.filter { $0.invalidReason != nil }.count
    }
}
