import Enforcement
import Foundation
import Geo
import Testing

@Suite("Monthly trend")
struct MonthlyTrendTests {
    let c103 = Fixture.county440103

    func facts(_ workflow: PatchWorkflow, area: Double) -> PatchFacts {
        PatchFacts(key: PatchKey(batch: workflow.batchCode, code: workflow.patchCode), county: c103, area: Area(squareMetres: area),
                   cultivatedArea: .zero, basicFarmlandArea: .zero, workflow: workflow)
    }

    @Test("A verification at 00:30 on 1 April Beijing time counts in April, not March")
    func monthsAreBeijingTime() throws {
        let patch = facts(try Fixture.verified(at: Fixture.time("2024-04-01", hour: 0, minute: 30)), area: 100)
        let trend = MonthlyTrend.compute(patches: [patch], cases: [], from: CalendarMonth("2024-03")!, through: CalendarMonth("2024-04")!)
        #expect(trend.map(\.verified) == [0, 1])
    }

    @Test("Each month counts first verifications, filed and closed cases, and rectified patches with their area")
    func countsByMonth() throws {
        let rectified = facts(try Fixture.approved(Fixture.illegal(Area(squareMetres: 800)), code: "440103-0001",
                                                    verifiedAt: Fixture.time("2024-03-10"))
                                .step(.openCase(number: "C1")).step(.rectified(on: Fixture.day("2024-05-20"))), area: 800)
        let verifiedOnly = facts(try Fixture.verified("440103-0002", at: Fixture.time("2024-04-02")), area: 300)
        let filed = try EnforcementCase.file(number: "C1", region: c103, patches: [rectified.key], parties: ["某公司"], on: Fixture.day("2024-04-15"))
        let trend = MonthlyTrend.compute(patches: [rectified, verifiedOnly], cases: [filed], from: CalendarMonth("2024-03")!,
                                         through: CalendarMonth("2024-05")!)
        #expect(trend.map(\.month.description) == ["2024-03", "2024-04", "2024-05"])
        #expect(trend.map(\.verified) == [1, 1, 0])
        #expect(trend.map(\.casesFiled) == [0, 1, 0])
        #expect(trend.map(\.rectified) == [0, 0, 1])
        #expect(abs(trend[2].rectifiedArea.squareMetres - 800) < 1e-6)
    }

    @Test("Events outside the range are left out, and a backwards range is empty")
    func rangeBounds() throws {
        let patch = facts(try Fixture.verified(at: Fixture.time("2023-12-31")), area: 100)
        #expect(MonthlyTrend.compute(patches: [patch], cases: [], from: CalendarMonth("2024-01")!, through: CalendarMonth("2024-02")!)
                    .map(\.verified) == [0, 0])
        #expect(MonthlyTrend.compute(patches: [patch], cases: [], from: CalendarMonth("2024-02")!, through: CalendarMonth("2024-01")!).isEmpty)
    }

    @Test("The latest month is the last verification, case or rectification; nil with no activity")
    func latestMonth() throws {
        let patch = facts(try Fixture.verified(at: Fixture.time("2024-04-02")), area: 100)
        let filedLater = try EnforcementCase.file(number: "C1", region: c103, patches: [patch.key], parties: ["某公司"], on: Fixture.day("2024-06-15"))
        #expect(MonthlyTrend.latestMonth(patches: [patch], cases: []) == CalendarMonth("2024-04"))
        #expect(MonthlyTrend.latestMonth(patches: [patch], cases: [filedLater]) == CalendarMonth("2024-06"))
        #expect(MonthlyTrend.latestMonth(patches: [], cases: []) == nil)
    }

    @Test("Months parse as 2024-05 or 2024/5, step across years, and refuse month 13")
    func monthParsing() {
        #expect(CalendarMonth("2024/5") == CalendarMonth("2024-05"))
        #expect(CalendarMonth("2024-12")!.adding(months: 1).description == "2025-01")
        #expect(CalendarMonth("2024-13") == nil)
        #expect(CalendarMonth("2024-05-01") == nil)
    }
}
