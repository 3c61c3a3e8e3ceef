import Geo

/// 清零: what is still open in one county — illegal patches not yet rectified and supervision problems not
/// yet closed — with the areas that matter.
public struct ClearanceRow: Sendable, Equatable {
    /// nil for the total row.
    public let county: RegionCode?
    public internal(set) var openPatches = 0
    /// The illegal part of those patches, and the cultivated land in it.
    public internal(set) var openIllegalArea = Area.zero
    public internal(set) var openCultivatedArea = Area.zero
    /// Open patches not yet in any case (立案 still to do).
    public internal(set) var withoutCase = 0
    public internal(set) var openProblems = 0
    public internal(set) var openProblemArea = Area.zero
    public internal(set) var openProblemCultivatedArea = Area.zero
    /// Open problems past their rectification deadline.
    public internal(set) var overdueProblems = 0

    public var isCleared: Bool { openPatches == 0 && openProblems == 0 }

    mutating func add(_ other: ClearanceRow) {
        openPatches += other.openPatches
        openIllegalArea = openIllegalArea + other.openIllegalArea
        openCultivatedArea = openCultivatedArea + other.openCultivatedArea
        withoutCase += other.withoutCase
        openProblems += other.openProblems
        openProblemArea = openProblemArea + other.openProblemArea
        openProblemCultivatedArea = openProblemCultivatedArea + other.openProblemCultivatedArea
        overdueProblems += other.overdueProblems
    }
}

public enum Clearance {
    /// One row per county with anything open, in code order, and the total last.
    public static func compute(patches: [PatchFacts], problems: [SupervisionProblem], asOf day: CalendarDay) -> [ClearanceRow] {
        var rows: [RegionCode: ClearanceRow] = [:]
        for facts in patches {
            let w = facts.workflow
            guard w.status == .approved, w.effectiveCategory == .illegal, w.rectifiedOn == nil else { continue }
            let share: Double
            if w.auditJudgement != nil || facts.area.squareMetres <= 0 {
                share = 1
            } else {
                share = (w.determination?.area(of: .illegal).squareMetres ?? facts.area.squareMetres) / facts.area.squareMetres
            }
            var row = rows[facts.county] ?? ClearanceRow(county: facts.county)
            row.openPatches += 1
            row.openIllegalArea = row.openIllegalArea + Area(squareMetres: facts.area.squareMetres * share)
            row.openCultivatedArea = row.openCultivatedArea + Area(squareMetres: facts.cultivatedArea.squareMetres * share)
            if w.caseNumber == nil { row.withoutCase += 1 }
            rows[facts.county] = row
        }
        for problem in problems where !problem.isClosed {
            var row = rows[problem.region] ?? ClearanceRow(county: problem.region)
            row.openProblems += 1
            row.openProblemArea = row.openProblemArea + problem.area
            row.openProblemCultivatedArea = row.openProblemCultivatedArea + problem.cultivatedArea
            if problem.isOverdue(on: day) { row.overdueProblems += 1 }
            rows[problem.region] = row
        }
        var total = ClearanceRow(county: nil)
        let ordered = rows.keys.sorted().map { rows[$0]! }
        for row in ordered { total.add(row) }
        return ordered + [total]
    }
}
