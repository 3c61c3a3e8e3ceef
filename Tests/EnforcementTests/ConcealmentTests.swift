import Enforcement
import Foundation
import Geo
import Testing

@Suite struct ConcealmentTests {
    typealias Sampled = (city: RegionCode, area: Area, workflow: PatchWorkflow)

    func row(_ city: RegionCode, _ squareMetres: Double, _ workflow: PatchWorkflow) -> Sampled {
        (city, Area(squareMetres: squareMetres), workflow)
    }

    func selected(_ determination: Determination, code: String) throws -> PatchWorkflow {
        try Fixture.approved(determination, code: code).step(.selectForAudit)
    }

    /// City 440100: five sampled patches reported legal/other (four judged, one of them illegal), one sampled
    /// patch reported illegal and one approved patch not sampled. City 440200: two sampled, both confirmed.
    func batch() throws -> [Sampled] {
        let a = Fixture.city4401, b = Fixture.city4402
        return [
            row(b, 1500, try Fixture.audited(Fixture.other(), judged: "QT01", code: "440203-0001")),
            row(a, 1000, try Fixture.audited(Fixture.legal(), judged: "WF01", code: "440103-0001")),
            row(a, 2000, try Fixture.audited(Fixture.other(), judged: "QT01", code: "440103-0002")),
            row(a, 3000, try Fixture.audited(Fixture.legal(), judged: "HF01", code: "440103-0003")),
            row(a, 4000, try Fixture.audited(Fixture.other(), judged: "HF02", code: "440103-0004")),
            row(a, 5000, try selected(Fixture.legal(), code: "440103-0005")),
            row(a, 9999, try Fixture.audited(Fixture.illegal(), judged: "WF04", code: "440103-0006")),
            row(a, 7777, try Fixture.approved(Fixture.legal(), code: "440103-0007")),
            row(b, 2500, try Fixture.audited(Fixture.legal(), judged: "HF01", code: "440203-0002")),
        ]
    }

    @Test func rowsAreCitiesInCodeOrderThenTheProvince() throws {
        let report = ConcealmentRate.report(try batch())
        #expect(report.map(\.city) == [Fixture.city4401, Fixture.city4402, nil])
    }

    @Test func aCityWithOneConcealedOfFourJudgedIsFlagged() throws {
        let city = ConcealmentRate.report(try batch())[0]
        #expect(city.reportedLegalOrOther == 5)
        #expect(city.reportedLegalOrOtherArea == Area(squareMetres: 15000))
        #expect(city.judged == 4)
        #expect(city.judgedArea == Area(squareMetres: 10000))
        #expect(city.concealed == 1)
        #expect(city.concealedArea == Area(squareMetres: 1000))
        #expect(city.rateByCount == 0.25)
        #expect(abs(try #require(city.rateByArea) - 0.1) < 1e-12)
        #expect(city.pending == 1)
        #expect(city.flagged)
    }

    @Test func aCityWithNothingConcealedHasRateZeroAndIsNotFlagged() throws {
        let city = ConcealmentRate.report(try batch())[1]
        #expect(city.reportedLegalOrOther == 2)
        #expect(city.judged == 2)
        #expect(city.judgedArea == Area(squareMetres: 4000))
        #expect(city.concealed == 0)
        #expect(city.concealedArea == .zero)
        #expect(city.rateByCount == 0)
        #expect(city.rateByArea == 0)
        #expect(city.pending == 0)
        #expect(!city.flagged)
    }

    @Test func theProvinceRowTotalsTheCities() throws {
        let province = try #require(ConcealmentRate.report(try batch()).last)
        #expect(province.city == nil)
        #expect(province.reportedLegalOrOther == 7)
        #expect(province.reportedLegalOrOtherArea == Area(squareMetres: 19000))
        #expect(province.judged == 6)
        #expect(province.judgedArea == Area(squareMetres: 14000))
        #expect(province.concealed == 1)
        #expect(province.concealedArea == Area(squareMetres: 1000))
        #expect(province.rateByCount == 1.0 / 6.0)
        #expect(province.rateByArea == 1000.0 / 14000.0)
        #expect(province.pending == 1)
        #expect(!province.flagged)
    }

    @Test func patchesReportedIllegalOrNotSampledAreLeftOut() throws {
        let a = Fixture.city4401
        let report = ConcealmentRate.report([
            row(a, 9999, try Fixture.audited(Fixture.illegal(), judged: "QT01", code: "440103-0006")),
            row(a, 7777, try Fixture.approved(Fixture.legal(), code: "440103-0007")),
        ])
        #expect(report.count == 1)
        #expect(report[0].city == nil)
        #expect(report[0].reportedLegalOrOther == 0)
        #expect(report[0].rateByCount == nil)
        #expect(report[0].rateByArea == nil)
        #expect(!report[0].flagged)
    }

    @Test func oneInFiveJudgedIsExactlyAtTheFlagLine() throws {
        let a = Fixture.city4401
        var sampled = [row(a, 100, try Fixture.audited(Fixture.other(), judged: "WF04", code: "440103-0001"))]
        for index in 2...5 {
            sampled.append(row(a, 1000, try Fixture.audited(Fixture.other(), judged: "QT01", code: "440103-000\(index)")))
        }
        let city = ConcealmentRate.report(sampled)[0]
        #expect(city.rateByCount == 0.2)
        #expect(city.rateByArea == 100.0 / 4100.0)
        #expect(city.flagged)
    }

    @Test func aLargeConcealedAreaFlagsTheCityEvenWhenFewAreConcealed() throws {
        let a = Fixture.city4401
        var sampled = [row(a, 5000, try Fixture.audited(Fixture.legal(), judged: "WF01", code: "440103-0001"))]
        for index in 2...6 {
            sampled.append(row(a, 1000, try Fixture.audited(Fixture.legal(), judged: "HF01", code: "440103-000\(index)")))
        }
        let city = ConcealmentRate.report(sampled)[0]
        #expect(city.rateByCount == 1.0 / 6.0)
        #expect(city.rateByArea == 0.5)
        #expect(city.flagged)
    }

    @Test func beforeAnyJudgementTheRatesAreUnknown() throws {
        let city = ConcealmentRate.report([row(Fixture.city4401, 800, try selected(Fixture.other(), code: "440103-0001"))])[0]
        #expect(city.reportedLegalOrOther == 1)
        #expect(city.pending == 1)
        #expect(city.rateByCount == nil)
        #expect(city.rateByArea == nil)
        #expect(!city.flagged)
    }
}
