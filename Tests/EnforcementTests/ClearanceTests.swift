import Enforcement
import Foundation
import Geo
import Testing

/// 清零: what is still open per county, from hand-built patches and problems.
@Suite struct ClearanceTests {
    typealias F = Fixture

    func facts(_ workflow: PatchWorkflow, _ county: RegionCode, area: Double, cultivated: Double) -> PatchFacts {
        PatchFacts(key: PatchKey(batch: F.batch, code: workflow.patchCode), county: county, area: Area(squareMetres: area),
                   cultivatedArea: Area(squareMetres: cultivated), basicFarmlandArea: .zero, workflow: workflow)
    }

    func problem(_ number: String, county: RegionCode, deadline: String, closed: Bool) throws -> SupervisionProblem {
        var problem = try SupervisionProblem.handDown(
            number: number, kind: .farmlandProtection, region: county, title: "违法占用耕地", on: F.day("2024-04-01"),
            area: Area(squareMetres: 3000), cultivatedArea: Area(squareMetres: 2000),
            plan: RectificationPlan(measures: [F.measure()], deadline: F.day(deadline)))
        if closed {
            problem = try problem.applying(.rectification(.submitEvidence(measure: 1, F.evidence())), by: "县")
                .applying(.rectification(.accept(measure: 1, on: F.day("2024-05-20"))), by: "市")
                .applying(.close(on: F.day("2024-05-20")), by: "市")
        }
        return problem
    }

    func rows() throws -> [ClearanceRow] {
        // 440103: a split patch (400 of 1000 m² illegal) without a case, a whole illegal patch in a case,
        // one rectified patch (cleared) and one legal patch (never open).
        let split = try F.approved(try Determination.make(
            parts: [DeterminationPartDraft(area: .given(Area(squareMetres: 600)), subtype: "HF01", documents: [F.approvalNumber]),
                    DeterminationPartDraft(area: .rest, subtype: "WF01")],
            patchArea: Area(squareMetres: 1000), codes: F.codes), code: "A")
        let inCase = try F.approved(try F.illegal(Area(squareMetres: 2000)), code: "B").step(.openCase(number: "C-1"))
        let rectified = try F.approved(try F.illegal(Area(squareMetres: 500)), code: "C").step(.openCase(number: "C-2"))
            .step(.rectified(on: F.day("2024-05-01")))
        let legal = try F.approved(try F.legal(Area(squareMetres: 800)), code: "D")
        // 440104: a patch reported other that the audit found illegal counts whole.
        let concealed = try F.audited(try F.other(Area(squareMetres: 700)), judged: "WF04", code: "E", county: F.county440104)
        let patches = [
            facts(split, F.county440103, area: 1000, cultivated: 500),
            facts(inCase, F.county440103, area: 2000, cultivated: 1000),
            facts(rectified, F.county440103, area: 500, cultivated: 500),
            facts(legal, F.county440103, area: 800, cultivated: 800),
            facts(concealed, F.county440104, area: 700, cultivated: 350),
        ]
        let problems = [try problem("DC-1", county: F.county440104, deadline: "2024-06-15", closed: false),
                        try problem("DC-2", county: F.county440203, deadline: "2024-07-31", closed: false),
                        try problem("DC-3", county: F.county440203, deadline: "2024-06-15", closed: true)]
        return Clearance.compute(patches: patches, problems: problems, asOf: F.day("2024-06-30"))
    }

    @Test func oneRowPerCountyWithAnythingOpenThenTheTotal() throws {
        #expect(try rows().map(\.county) == [F.county440103, F.county440104, F.county440203, nil])
    }

    @Test func openIllegalAreaIsTheIllegalPartAndItsShareOfCultivatedLand() throws {
        let county = try rows()[0]
        #expect(county.openPatches == 2)
        #expect(abs(county.openIllegalArea.squareMetres - 2400) < 1e-6)
        #expect(abs(county.openCultivatedArea.squareMetres - 1200) < 1e-6)
        #expect(county.withoutCase == 1)
        #expect(county.openProblems == 0)
    }

    @Test func anAuditedConcealmentCountsWholeAndAnOverdueProblemIsCounted() throws {
        let county = try rows()[1]
        #expect(county.openPatches == 1)
        #expect(abs(county.openIllegalArea.squareMetres - 700) < 1e-6)
        #expect(abs(county.openCultivatedArea.squareMetres - 350) < 1e-6)
        #expect(county.openProblems == 1)
        #expect(county.overdueProblems == 1)
        #expect(abs(county.openProblemCultivatedArea.squareMetres - 2000) < 1e-6)
    }

    @Test func closedProblemsAreClearedAndNotYetDueOnesAreNotOverdue() throws {
        let county = try rows()[2]
        #expect(county.openPatches == 0)
        #expect(county.openProblems == 1)
        #expect(county.overdueProblems == 0)
        #expect(!county.isCleared)
    }

    @Test func theTotalAddsTheCounties() throws {
        let total = try rows()[3]
        #expect(total.openPatches == 3)
        #expect(abs(total.openIllegalArea.squareMetres - 3100) < 1e-6)
        #expect(total.withoutCase == 2)
        #expect(total.openProblems == 2)
        #expect(total.overdueProblems == 1)
    }
}
