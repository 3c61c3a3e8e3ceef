import Enforcement
import Foundation
import Geo

/// Which patches a list shows: every filter is optional; `within` is the caller's jurisdiction and is
/// applied to the patch's county (its assignment, else its region code).
public struct PatchListFilter: Sendable, Hashable {
    public var batch: String?
    public var within: RegionCode?
    public var region: RegionCode?
    public var status: PatchStatus?
    public var category: DeterminationCategory?
    public var verdict: PrejudgeVerdict?
    public var priority: PatchPriority?
    /// 省级抽样: only patches drawn for the audit and still awaiting (false: already judged) or judged (true).
    public var auditJudged: Bool?
    /// Lon/lat (EPSG:4490) box the patch's envelope must meet.
    public var envelope: Envelope?
    public var limit: Int
    public var offset: Int
    /// Rows are counted up to this many: a clerk pages through hundreds, not millions, and beyond it
    /// "10000+" says enough at a fraction of the cost of counting a province.
    public var countLimit = 10_000

    public init(batch: String? = nil, within: RegionCode? = nil, region: RegionCode? = nil, status: PatchStatus? = nil,
                category: DeterminationCategory? = nil, verdict: PrejudgeVerdict? = nil, priority: PatchPriority? = nil,
                auditJudged: Bool? = nil, envelope: Envelope? = nil, limit: Int = 50, offset: Int = 0) {
        self.batch = batch
        self.within = within
        self.region = region
        self.status = status
        self.category = category
        self.verdict = verdict
        self.priority = priority
        self.auditJudged = auditJudged
        self.envelope = envelope
        self.limit = limit
        self.offset = offset
    }

    /// The same rows without the page: every page of one list shares its anchors (`PageAnchorCache`).
    var rows: PatchListFilter {
        var rows = self
        rows.limit = 0
        rows.offset = 0
        return rows
    }
}

/// One row of a patch list: what a clerk scans before opening the patch, without its geometry.
public struct PatchListItem: Sendable, Equatable {
    public let batch: String
    public let code: String
    /// The county responsible: the assignment's, else the patch's region code.
    public let county: RegionCode?
    public let area: Area
    public let afterDate: String?
    public let status: PatchStatus
    public let version: Int
    public let due: CalendarDay?
    public let category: DeterminationCategory?
    public let verdict: PrejudgeVerdict?
    public let priority: PatchPriority?
    /// Lon/lat envelope (EPSG:4490), for placing the patch on a map.
    public let envelope: Envelope?
}

/// A page of a list and how many rows match in all, counted up to the filter's `countLimit`.
public struct PatchListPage: Sendable, Equatable {
    public let items: [PatchListItem]
    /// Exact when `totalIsCapped` is false; the filter's `countLimit` otherwise.
    public let total: Int
    public let totalIsCapped: Bool
}

/// The county a patch answers to, for authorising a request on it.
public struct PatchOwnership: Sendable, Equatable {
    public let county: RegionCode?
}
