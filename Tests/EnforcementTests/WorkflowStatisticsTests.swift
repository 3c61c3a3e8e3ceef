import Enforcement
import Foundation
import Geo
import Testing

/// Three counties: 440103 and 440104 of city 440100, 440203 of city 440200, reported on 2024-04-30.
/// Deadlines are 2024-03-31 unless said otherwise.
@Suite struct WorkflowStatisticsTests {
    let asOf = Fixture.day("2024-04-30")

    func facts(_ workflow: PatchWorkflow, _ county: RegionCode, area: Double, cultivated: Double, basicFarmland: Double = 0) -> PatchFacts {
        PatchFacts(key: PatchKey(batch: workflow.batchCode, code: workflow.patchCode), county: county, area: Area(squareMetres: area),
                   cultivatedArea: Area(squareMetres: cultivated), basicFarmlandArea: Area(squareMetres: basicFarmland), workflow: workflow)
    }

    func split(legal: Double, patch: Double) throws(EnforcementError) -> Determination {
        try Fixture.determination([
            DeterminationPartDraft(area: .given(Area(squareMetres: legal)), subtype: "HF01", documents: [Fixture.approvalNumber]),
            DeterminationPartDraft(area: .rest, subtype: "WF01"),
        ], patchArea: Area(squareMetres: patch))
    }

    func patches() throws -> [PatchFacts] {
        let c103 = Fixture.county440103, c104 = Fixture.county440104, c203 = Fixture.county440203
        return [
            // 1000 m² legal + 3000 m² illegal; in a case and rectified.
            facts(try Fixture.approved(split(legal: 1000, patch: 4000), code: "440103-0001")
                    .step(.openCase(number: "440103-2024-001")).step(.rectified(on: Fixture.day("2024-04-20"))),
                  c103, area: 4000, cultivated: 2000, basicFarmland: 800),
            // Legal, verified 00:30 on 1 April Beijing time: one day late.
            facts(try Fixture.approved(Fixture.legal(Area(squareMetres: 8000)), code: "440103-0002",
                                       verifiedAt: Fixture.time("2024-04-01", hour: 0, minute: 30)),
                  c103, area: 8000, cultivated: 7500),
            // Reported other, found illegal by the audit (瞒报): counts as illegal, whole area.
            facts(try Fixture.audited(Fixture.other(Area(squareMetres: 1000)), judged: "WF04", code: "440103-0003",
                                      verifiedAt: Fixture.time("2024-03-20")),
                  c103, area: 1000, cultivated: 500),

            facts(try Fixture.approved(Fixture.whole("HF02", area: Area(squareMetres: 1000)), code: "440104-0001", county: c104,
                                       verifiedAt: Fixture.time("2024-03-15")),
                  c104, area: 1000, cultivated: 851),
            facts(try Fixture.approved(Fixture.whole("WF04", area: Area(squareMetres: 2000)), code: "440104-0002", county: c104,
                                       verifiedAt: Fixture.time("2024-03-30")).step(.openCase(number: "440104-2024-001")),
                  c104, area: 2000, cultivated: 149, basicFarmland: 100),
            // Not due until 15 May and not verified: pending, outside the on-time denominator.
            facts(try Fixture.assigned("440104-0003", county: c104, due: "2024-05-15"), c104, area: 500, cultivated: 100),
            // Verified late and submitted, not yet approved: pending.
            facts(try Fixture.submitted(Fixture.illegal(Area(squareMetres: 700)), code: "440104-0004", county: c104,
                                        verifiedAt: Fixture.time("2024-04-02")),
                  c104, area: 700, cultivated: 0),

            // Half legal, half illegal; verified 23:30 on the deadline, Beijing time: on time.
            facts(try Fixture.approved(split(legal: 1000, patch: 2000), code: "440203-0001", county: c203,
                                       verifiedAt: Fixture.time("2024-03-31", hour: 23, minute: 30)),
                  c203, area: 2000, cultivated: 600),
            facts(try Fixture.approved(Fixture.whole("HF02", area: Area(squareMetres: 1400)), code: "440203-0002", county: c203,
                                       verifiedAt: Fixture.time("2024-03-05")),
                  c203, area: 1400, cultivated: 1400),
            facts(try Fixture.approved(Fixture.other(Area(squareMetres: 600)), code: "440203-0003", county: c203,
                                       verifiedAt: Fixture.time("2024-03-06")),
                  c203, area: 600, cultivated: 0),
        ]
    }

    func cases() throws -> [EnforcementCase] {
        let decide = { (fine: Int64) in CaseAction.decide(Penalty(fine: Yuan(fen: fine)), plan: .none, on: Fixture.day("2024-04-15")) }
        return [
            try EnforcementCase.file(number: "440103-2024-001", region: Fixture.county440103,
                                     patches: [PatchKey(batch: "2024Q1", code: "440103-0001")], parties: ["张三"], on: Fixture.day("2024-04-10"))
                .applying(decide(5_000_000), by: "案审科")
                .applying(.recordPayment(Yuan(fen: 2_000_000), on: Fixture.day("2024-04-20")), by: "财务"),
            try EnforcementCase.file(number: "440104-2024-001", region: Fixture.county440104,
                                     patches: [PatchKey(batch: "2024Q1", code: "440104-0002")], parties: ["李四"], on: Fixture.day("2024-04-10"))
                .applying(decide(800_000), by: "案审科")
                .applying(.recordPayment(Yuan(fen: 800_000), on: Fixture.day("2024-04-20")), by: "财务"),
        ]
    }

    func rows() throws -> [RegionStatistics] {
        WorkflowStatistics.compute(patches: try patches(), cases: try cases(), asOf: asOf)
    }

    func expectTally(_ tally: CategoryTally, count: Int, area: Double, cultivated: Double, basicFarmland: Double = 0,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(tally.count == count, sourceLocation: sourceLocation)
        #expect(abs(tally.area.squareMetres - area) < 1e-6, "area \(tally.area.squareMetres)", sourceLocation: sourceLocation)
        #expect(abs(tally.cultivatedArea.squareMetres - cultivated) < 1e-6, "cultivated \(tally.cultivatedArea.squareMetres)", sourceLocation: sourceLocation)
        #expect(abs(tally.basicFarmlandArea.squareMetres - basicFarmland) < 1e-6, "basic farmland", sourceLocation: sourceLocation)
    }

    @Test func rowsAreCountiesThenTheirCityThenTheTotal() throws {
        let rows = try rows()
        #expect(rows.map(\.region?.rawValue) == ["440103", "440104", "440100", "440203", "440200", nil])
        #expect(rows.map(\.level) == [.county, .county, .city, .county, .city, .total])
    }

    @Test func aCountySplitsAreasByPartsAndCountsTheAuditOverride() throws {
        let county = try rows()[0]
        #expect(county.patchCount == 3)
        #expect(county.area == Area(squareMetres: 13000))
        expectTally(county.tally(.legal), count: 1, area: 9000, cultivated: 8000, basicFarmland: 200)
        expectTally(county.tally(.illegal), count: 2, area: 4000, cultivated: 2000, basicFarmland: 600)
        expectTally(county.tally(.other), count: 0, area: 0, cultivated: 0)
        expectTally(county.pending, count: 0, area: 0, cultivated: 0)
        #expect(county.illegalFarmlandRatio == 0.2)
        #expect(county.exceedsIllegalFarmlandLine)
        #expect(county.dueCount == 3)
        #expect(county.verifiedOnTime == 2)
        #expect(county.onTimeRate == 2.0 / 3.0)
        #expect(county.illegalCount == 2)
        #expect(county.caseCount == 1)
        #expect(county.rectifiedCount == 1)
        #expect(county.caseFilingRate == 0.5)
        #expect(county.rectificationRate == 0.5)
        #expect(county.finesImposed == Yuan(fen: 5_000_000))
        #expect(county.finesCollected == Yuan(fen: 2_000_000))
    }

    @Test func patchesNotYetApprovedArePendingAndNotYetDueOnesAreNotLate() throws {
        let county = try rows()[1]
        #expect(county.patchCount == 4)
        #expect(county.area == Area(squareMetres: 4200))
        expectTally(county.tally(.legal), count: 1, area: 1000, cultivated: 851)
        expectTally(county.tally(.illegal), count: 1, area: 2000, cultivated: 149, basicFarmland: 100)
        expectTally(county.pending, count: 2, area: 1200, cultivated: 100)
        #expect(county.illegalFarmlandRatio == 0.149)
        #expect(!county.exceedsIllegalFarmlandLine)
        #expect(county.dueCount == 3)
        #expect(county.verifiedOnTime == 2)
        #expect(county.caseFilingRate == 1)
        #expect(county.rectificationRate == 0)
        #expect(county.finesImposed == Yuan(fen: 800_000))
        #expect(county.finesCollected == Yuan(fen: 800_000))
    }

    @Test func theCitySubtotalAddsItsCounties() throws {
        let city = try rows()[2]
        #expect(city.region == Fixture.city4401)
        #expect(city.patchCount == 7)
        #expect(city.area == Area(squareMetres: 17200))
        expectTally(city.tally(.legal), count: 2, area: 10000, cultivated: 8851, basicFarmland: 200)
        expectTally(city.tally(.illegal), count: 3, area: 6000, cultivated: 2149, basicFarmland: 700)
        expectTally(city.pending, count: 2, area: 1200, cultivated: 100)
        #expect(city.illegalFarmlandRatio == 2149.0 / 11000.0)
        #expect(city.dueCount == 6)
        #expect(city.verifiedOnTime == 4)
        #expect(city.illegalCount == 3)
        #expect(city.caseCount == 2)
        #expect(city.rectifiedCount == 1)
        #expect(city.finesImposed == Yuan(fen: 5_800_000))
        #expect(city.finesCollected == Yuan(fen: 2_800_000))
    }

    @Test func aRatioOfExactlyFifteenPercentReachesTheLine() throws {
        let rows = try rows()
        let county = rows[3]
        expectTally(county.tally(.legal), count: 1, area: 2400, cultivated: 1700)
        expectTally(county.tally(.illegal), count: 1, area: 1000, cultivated: 300)
        expectTally(county.tally(.other), count: 1, area: 600, cultivated: 0)
        #expect(county.illegalFarmlandRatio == 0.15)
        #expect(county.exceedsIllegalFarmlandLine)
        #expect(county.dueCount == 3)
        #expect(county.onTimeRate == 1)
        #expect(county.caseFilingRate == 0)
        #expect(county.rectificationRate == 0)
        #expect(county.finesImposed == .zero)
        #expect(rows[4].region == Fixture.city4402)
        #expect(rows[4].patchCount == 3)
        #expect(rows[4].illegalFarmlandRatio == 0.15)
    }

    @Test func theTotalRowAddsEveryCity() throws {
        let total = try #require(try rows().last)
        #expect(total.region == nil)
        #expect(total.patchCount == 10)
        #expect(total.area == Area(squareMetres: 21200))
        expectTally(total.tally(.legal), count: 3, area: 12400, cultivated: 10551, basicFarmland: 200)
        expectTally(total.tally(.illegal), count: 4, area: 7000, cultivated: 2449, basicFarmland: 700)
        expectTally(total.tally(.other), count: 1, area: 600, cultivated: 0)
        expectTally(total.pending, count: 2, area: 1200, cultivated: 100)
        #expect(total.illegalFarmlandRatio == 2449.0 / 13000.0)
        #expect(total.dueCount == 9)
        #expect(total.verifiedOnTime == 7)
        #expect(total.caseFilingRate == 0.5)
        #expect(total.rectificationRate == 0.25)
        #expect(total.finesImposed == Yuan(fen: 5_800_000))
        #expect(total.finesCollected == Yuan(fen: 2_800_000))
    }

    @Test func withoutIllegalOrCultivatedLandTheRatesAreUnknown() throws {
        let rows = WorkflowStatistics.compute(
            patches: [facts(try Fixture.approved(Fixture.other(), code: "440103-0009"), Fixture.county440103, area: 1000, cultivated: 0)],
            cases: [], asOf: asOf)
        #expect(rows.count == 3)
        #expect(rows[0].illegalFarmlandRatio == nil)
        #expect(!rows[0].exceedsIllegalFarmlandLine)
        #expect(rows[0].caseFilingRate == nil)
        #expect(rows[0].rectificationRate == nil)
        #expect(rows[0].onTimeRate == 1)
    }
}
