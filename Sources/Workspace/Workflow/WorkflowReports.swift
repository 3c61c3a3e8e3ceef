import Enforcement
import Foundation
import Geo
import Store

/// Statistics of a batch (or of all batches) as of a day, with the region names to print them under.
public struct StatisticsReport: Sendable {
    public let batch: String?
    public let asOf: CalendarDay
    public let rows: [RegionStatistics]
    public let clearance: [ClearanceRow]
    public let concealment: [ConcealmentRate]
    /// The cases and supervision problems the figures include.
    public let cases: [EnforcementCase]
    public let problems: [SupervisionProblem]
    /// Every patch counted, for the detail sheet.
    public let patches: [PatchFacts]
    public let regionNames: [RegionCode: String]
    /// Patches with no county (no assignment and no county-level region code), left out of every figure.
    public let withoutCounty: Int

    public func name(of region: RegionCode?) -> String {
        guard let region else { return "合计" }
        return regionNames[region] ?? region.rawValue
    }
}

extension Workspace {
    /// The figures bureaus file: per county, city and in total; 清零; 瞒报率 (when a batch is given).
    public func statistics(batch: String?, asOf day: CalendarDay) throws -> StatisticsReport {
        try requireBatch(batch)
        let (facts, withoutCounty) = try store.statisticsFacts(batch: batch)
        let keys = Set(facts.map(\.key))
        let cases = try store.enforcementCases().filter { batch == nil || $0.patches.contains(where: keys.contains) }
        let counties = Set(facts.map(\.county))
        let problems = try store.supervisionProblems().filter { batch == nil || counties.contains($0.region) }
        return StatisticsReport(
            batch: batch, asOf: day,
            rows: WorkflowStatistics.compute(patches: facts, cases: cases, asOf: day),
            clearance: Clearance.compute(patches: facts, problems: problems, asOf: day),
            concealment: batch == nil || !facts.contains(where: { $0.workflow.selectedForAudit }) ? [] : Self.concealment(facts),
            cases: cases, problems: problems, patches: facts.sorted { $0.key < $1.key },
            regionNames: try regionNames(), withoutCounty: withoutCounty)
    }
}

extension Workspace {
    /// 月度趋势 of the patches (of `batch`, or all) and the cases of the counties `covers` accepts: `months`
    /// months up to `last`, by default up to the latest month with any activity (else `today`'s month).
    public func monthlyTrend(batch: String?, months: Int, through last: CalendarMonth?, today: CalendarDay,
                             covering covers: (RegionCode) -> Bool) throws -> [MonthTrend] {
        try requireBatch(batch)
        let facts = try store.statisticsFacts(batch: batch).facts.filter { covers($0.county) }
        let keys = Set(facts.map(\.key))
        let cases = try store.enforcementCases().filter { covers($0.region) && (batch == nil || $0.patches.contains(where: keys.contains)) }
        let end = last ?? MonthlyTrend.latestMonth(patches: facts, cases: cases) ?? CalendarMonth(today)
        return MonthlyTrend.compute(patches: facts, cases: cases, from: end.adding(months: 1 - months), through: end)
    }
}
