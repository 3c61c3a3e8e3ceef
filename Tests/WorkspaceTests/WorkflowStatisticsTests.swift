import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport
import Workspace

private typealias F = WorkflowFixture

/// A hand-built batch, as of 2024-05-31 (every deadline, 2024-05-01, has passed):
/// - 越秀区 440103: S1 approved 未批先建 (in case C-1, fine 10 000 元, 4 000 paid); S2 approved split 2 亩 已批准用地 + rest 少批多占;
/// - 海珠区 440104: S3 approved 伪变化; S4 assigned, never verified; open problem DC-1 of 5 亩 (3 亩 cultivated), due 2024-05-15;
/// - 浈江区 440203: S5 approved 已批准用地;
/// - S6 with no region code at all.
private struct StatisticsScene {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let asOf = CalendarDay(year: 2024, month: 5, day: 31)!

    init() throws {
        workspace = try F.workspace(F.specs(["S1", "S2"], region: "440103") + F.specs(["S3", "S4"], region: "440104", row: 1)
                                    + F.specs(["S5"], region: "440203", row: 2) + F.specs(["S6"], region: "", row: 3), in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try F.approve("S1", as: F.illegal, in: workspace)
        try F.approve("S2", as: [DeterminationPartDraft(area: .given(Area(mu: 2)), subtype: "HF01", documents: ["粤府土〔2024〕7号"]),
                                 DeterminationPartDraft(area: .rest, subtype: "WF02")], in: workspace)
        try F.approve("S3", as: F.other, in: workspace)
        try F.approve("S5", as: F.legal, in: workspace)
        let officer = F.sign("执法科 吴十", "2024-05-10T09:00:00+08:00")
        let day = CalendarDay(year: 2024, month: 5, day: 10)!
        _ = try workspace.fileCase(number: "C-1", patches: [F.key("S1")], parties: ["某公司"], filedOn: day, signature: officer)
        let plan = RectificationPlan(measures: [RectificationMeasure(kind: .demolishAndRestore, detail: "拆除复耕")], deadline: nil)
        try workspace.changeCase("C-1", .decide(Penalty(fine: Yuan(fen: 1_000_000)), plan: plan, on: day), signature: officer)
        try workspace.changeCase("C-1", .recordPayment(Yuan(fen: 400_000), on: day), signature: officer)
        let problemPlan = RectificationPlan(measures: [RectificationMeasure(kind: .demolishAndRestore, detail: "拆除")],
                                            deadline: CalendarDay(year: 2024, month: 5, day: 15))
        try workspace.handDownProblem(try SupervisionProblem.handDown(
            number: "DC-1", kind: .special, region: try RegionCode("440104"), title: "占用耕地堆放砂石", on: day,
            area: Area(mu: 5), cultivatedArea: Area(mu: 3), plan: problemPlan), signature: officer)
    }

    func area(_ code: String) throws -> Double { try F.area(code, in: workspace).squareMetres }
}

private func near(_ actual: Area, _ expected: Double) -> Bool { abs(actual.squareMetres - expected) < 1e-6 }

@Suite("Statistics of a hand-built batch and the workbook a bureau files")
struct WorkflowStatisticsTests {
    @Test("Rows come county by county with each city's subtotal after its counties and the total last")
    func rowsInFilingOrder() throws {
        let scene = try StatisticsScene()
        let report = try scene.workspace.statistics(batch: F.batch, asOf: scene.asOf)
        #expect(report.rows.map(\.region?.rawValue) == ["440103", "440104", "440100", "440203", "440200", nil])
        #expect(report.rows.map(\.level) == [.county, .county, .city, .county, .city, .total])
        #expect(report.rows.map(\.patchCount) == [2, 2, 4, 1, 1, 5])
        #expect(report.withoutCounty == 1)
        #expect(report.patches.map(\.key.code) == ["S1", "S2", "S3", "S4", "S5"])
    }

    @Test("A county's counts and areas split a determination's parts by category and keep unfinished patches apart")
    func countyFigures() throws {
        let scene = try StatisticsScene()
        let rows = try scene.workspace.statistics(batch: F.batch, asOf: scene.asOf).rows
        let (s1, s2, s3, s4, s5) = (try scene.area("S1"), try scene.area("S2"), try scene.area("S3"), try scene.area("S4"), try scene.area("S5"))
        let twoMu = Area(mu: 2).squareMetres

        let yuexiu = rows[0]
        #expect(near(yuexiu.area, s1 + s2))
        #expect(yuexiu.tally(.illegal).count == 2 && near(yuexiu.tally(.illegal).area, s1 + s2 - twoMu))
        #expect(yuexiu.tally(.legal).count == 0 && near(yuexiu.tally(.legal).area, twoMu))
        #expect(yuexiu.tally(.other).count == 0 && yuexiu.pending.count == 0)
        #expect(yuexiu.illegalCount == 2 && yuexiu.caseCount == 1 && yuexiu.rectifiedCount == 0)
        #expect(yuexiu.finesImposed == Yuan(fen: 1_000_000) && yuexiu.finesCollected == Yuan(fen: 400_000))
        #expect(yuexiu.dueCount == 2 && yuexiu.verifiedOnTime == 2)
        #expect(yuexiu.caseFilingRate == 0.5)

        let haizhu = rows[1]
        #expect(haizhu.tally(.other).count == 1 && near(haizhu.tally(.other).area, s3))
        #expect(haizhu.pending.count == 1 && near(haizhu.pending.area, s4))
        #expect(haizhu.illegalCount == 0 && haizhu.caseFilingRate == nil)
        #expect(haizhu.dueCount == 2 && haizhu.verifiedOnTime == 1 && haizhu.onTimeRate == 0.5)

        let zhenjiang = rows[3]
        #expect(zhenjiang.tally(.legal).count == 1 && near(zhenjiang.tally(.legal).area, s5))
    }

    @Test("The city subtotal adds up its counties and the total adds up the cities")
    func subtotalsAndTotal() throws {
        let scene = try StatisticsScene()
        let rows = try scene.workspace.statistics(batch: F.batch, asOf: scene.asOf).rows
        let (s1, s2, s3, s4, s5) = (try scene.area("S1"), try scene.area("S2"), try scene.area("S3"), try scene.area("S4"), try scene.area("S5"))
        let twoMu = Area(mu: 2).squareMetres

        let guangzhou = rows[2]
        #expect(near(guangzhou.area, s1 + s2 + s3 + s4))
        #expect(guangzhou.tally(.illegal).count == 2 && guangzhou.tally(.legal).count == 0 && guangzhou.tally(.other).count == 1)
        #expect(near(guangzhou.tally(.legal).area, twoMu))
        #expect(guangzhou.pending.count == 1)
        #expect(guangzhou.dueCount == 4 && guangzhou.verifiedOnTime == 3)
        #expect(guangzhou.finesImposed == Yuan(fen: 1_000_000))

        let total = rows[5]
        #expect(near(total.area, s1 + s2 + s3 + s4 + s5))
        #expect(total.tally(.legal).count == 1 && near(total.tally(.legal).area, twoMu + s5))
        #expect(total.tally(.illegal).count == 2 && near(total.tally(.illegal).area, s1 + s2 - twoMu))
        #expect(total.tally(.other).count == 1 && near(total.tally(.other).area, s3))
        #expect(total.pending.count == 1 && near(total.pending.area, s4))
        #expect(total.dueCount == 5 && total.verifiedOnTime == 4)
        #expect(total.illegalCount == 2 && total.caseCount == 1)
        #expect(total.finesImposed == Yuan(fen: 1_000_000) && total.finesCollected == Yuan(fen: 400_000))
    }

    @Test("清零 lists the open illegal area per county and the overdue problem, with a total")
    func clearanceRows() throws {
        let scene = try StatisticsScene()
        let report = try scene.workspace.statistics(batch: F.batch, asOf: scene.asOf)
        let (s1, s2) = (try scene.area("S1"), try scene.area("S2"))
        #expect(report.clearance.map(\.county?.rawValue) == ["440103", "440104", nil])
        let yuexiu = report.clearance[0], haizhu = report.clearance[1], total = report.clearance[2]
        #expect(yuexiu.openPatches == 2 && yuexiu.withoutCase == 1 && yuexiu.openProblems == 0)
        #expect(near(yuexiu.openIllegalArea, s1 + s2 - Area(mu: 2).squareMetres))
        #expect(haizhu.openPatches == 0 && haizhu.openProblems == 1 && haizhu.overdueProblems == 1)
        #expect(haizhu.openProblemArea == Area(mu: 5) && haizhu.openProblemCultivatedArea == Area(mu: 3))
        #expect(total.openPatches == 2 && total.openProblems == 1 && total.overdueProblems == 1 && !total.isCleared)
        #expect(report.cases.map(\.number) == ["C-1"])
        #expect(report.problems.map(\.number) == ["DC-1"])
        #expect(report.concealment.isEmpty)
    }

    @Test("Without an audit sample the workbook's sheets, as ogrinfo lists them, leave out 瞒报率")
    func workbookSheetsWithoutSample() throws {
        let scene = try StatisticsScene()
        let path = scene.directory.path("统计 2024M04.xlsx")
        try StatisticsWorkbook.write(try scene.workspace.statistics(batch: F.batch, asOf: scene.asOf), to: path)
        #expect(try F.ogrLayers(path) == ["统计汇总", "清零", "立案查处", "督察问题", "图斑明细"])
    }

    @Test("A patch stated only as a city (440100) and never assigned is left out as without county, not made a county row")
    func cityCodedPatchLeftOut() throws {
        let directory = TemporaryDirectory()
        let workspace = try F.workspace(F.specs(["S1"], region: "440103") + F.specs(["X1"], region: "440100", row: 1), in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try F.approve("S1", as: F.illegal, in: workspace)
        let report = try workspace.statistics(batch: F.batch, asOf: CalendarDay(year: 2024, month: 5, day: 31)!)
        #expect(report.rows.map(\.region?.rawValue) == ["440103", "440100", nil])
        #expect(report.rows.map(\.level) == [.county, .city, .total])
        #expect(report.rows.map(\.patchCount) == [1, 1, 1])
        #expect(report.withoutCounty == 1)
        #expect(report.patches.map(\.key.code) == ["S1"])
    }

    @Test("Statistics of a batch that does not exist are refused")
    func unknownBatchRefused() throws {
        let scene = try StatisticsScene()
        #expect(throws: WorkspaceError.noBatch("2099M01")) {
            try scene.workspace.statistics(batch: "2099M01", asOf: scene.asOf)
        }
    }
}
