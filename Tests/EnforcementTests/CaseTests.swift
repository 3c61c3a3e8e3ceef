import Enforcement
import Foundation
import Geo
import Testing

@Suite struct CaseTests {
    let number = "440103-2024-001"
    let subject = "案件 440103-2024-001"
    let filed = Fixture.day("2024-04-10")

    func key(_ code: String) -> PatchKey { PatchKey(batch: "2024Q1", code: code) }

    func filedCase() throws(EnforcementError) -> EnforcementCase {
        try EnforcementCase.file(number: number, region: Fixture.county440103, patches: [key("440103-0001")],
                                 parties: ["张三"], on: filed)
    }

    /// Filed and decided with a fine of 50,000.00 元 and two measures.
    func decidedCase() throws(EnforcementError) -> EnforcementCase {
        let plan = RectificationPlan(measures: [Fixture.measure(), Fixture.measure(.confiscation, "没收地上建筑物")],
                                     deadline: Fixture.day("2024-09-30"))
        return try filedCase().applying(.decide(Penalty(fine: Yuan(fen: 5_000_000)), plan: plan, on: Fixture.day("2024-05-01")), by: "案审科")
    }

    func step(_ step: RectificationPlan.Step) -> CaseAction { .rectification(step) }

    @Test func filingTrimsDedupsAndSorts() throws {
        let filedCase = try EnforcementCase.file(
            number: "  440103-2024-001 ", region: Fixture.county440103,
            patches: [key("440103-0003"), key("440103-0001"), key("440103-0003")],
            parties: [" 张三 ", "", "  ", "某某建材有限公司"], on: filed)
        #expect(filedCase.number == number)
        #expect(filedCase.patches == [key("440103-0001"), key("440103-0003")])
        #expect(filedCase.parties == ["张三", "某某建材有限公司"])
        #expect(filedCase.status == .filed)
        #expect(filedCase.version == 1)
        #expect(filedCase.filedOn == filed)
        #expect(filedCase.rectification == .none)
        #expect(filedCase.finesCollected == .zero)
        #expect(filedCase.subject == subject)
    }

    @Test func filingWithoutNumberPatchesOrPartiesIsRejected() {
        #expect(throws: EnforcementError.rejected(subject: nil, .caseWithoutNumber)) {
            _ = try EnforcementCase.file(number: "  ", region: Fixture.county440103, patches: [key("440103-0001")], parties: ["张三"], on: filed)
        }
        #expect(throws: EnforcementError.rejected(subject: number, .caseWithoutPatches)) {
            _ = try EnforcementCase.file(number: number, region: Fixture.county440103, patches: [], parties: ["张三"], on: filed)
        }
        #expect(throws: EnforcementError.rejected(subject: number, .caseWithoutParties)) {
            _ = try EnforcementCase.file(number: number, region: Fixture.county440103, patches: [key("440103-0001")], parties: [" ", ""], on: filed)
        }
    }

    @Test func decidingSetsPenaltyAndPlan() throws {
        let decided = try decidedCase()
        #expect(decided.status == .decided)
        #expect(decided.version == 2)
        #expect(decided.decidedOn == Fixture.day("2024-05-01"))
        #expect(decided.penalty?.fine == Yuan(fen: 5_000_000))
        #expect(decided.rectification.openCount == 2)
        #expect(decided.finesOutstanding == Yuan(fen: 5_000_000))
    }

    @Test func aDecisionDatedBeforeFilingIsRejected() throws {
        let day = Fixture.day("2024-04-09")
        #expect(throws: EnforcementError.rejected(subject: subject, .dateBeforeFiling(day: day, filed: filed))) {
            _ = try filedCase().applying(.decide(Penalty(fine: .zero), plan: .none, on: day), by: "案审科")
        }
    }

    @Test func aSecondDecisionIsRejected() throws {
        #expect(throws: EnforcementError.rejected(subject: subject, .caseAlreadyDecided)) {
            _ = try decidedCase().applying(.decide(Penalty(fine: .zero), plan: .none, on: Fixture.day("2024-05-02")), by: "案审科")
        }
    }

    @Test func rectificationAndPaymentNeedADecision() throws {
        let filedCase = try filedCase()
        #expect(throws: EnforcementError.rejected(subject: subject, .caseNotDecided)) {
            _ = try filedCase.applying(step(.submitEvidence(measure: 1, Fixture.evidence())), by: "县执法员")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .caseNotDecided)) {
            _ = try filedCase.applying(.recordPayment(Yuan(fen: 100), on: Fixture.day("2024-05-01")), by: "财务")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .caseNotDecided)) {
            _ = try filedCase.applying(.close(on: Fixture.day("2024-05-01")), by: "案审科")
        }
    }

    @Test func evidenceAcceptedForEveryMeasureLetsTheCaseClose() throws {
        var current = try decidedCase()
        for measure in 1...2 {
            current = try current.applying(step(.submitEvidence(measure: measure, Fixture.evidence())), by: "县执法员")
            #expect(current.rectification.measures[measure - 1].status == .evidenceSubmitted)
            current = try current.applying(step(.accept(measure: measure, on: Fixture.day("2024-06-01"))), by: "市执法监察")
            #expect(current.rectification.measures[measure - 1].status == .done)
            #expect(current.rectification.measures[measure - 1].verifiedBy == "市执法监察")
            #expect(current.rectification.measures[measure - 1].verifiedOn == Fixture.day("2024-06-01"))
        }
        #expect(current.rectification.openCount == 0)
        #expect(current.version == 6)
        let closed = try current.applying(.close(on: Fixture.day("2024-06-05")), by: "案审科")
        #expect(closed.status == .closed)
        #expect(closed.closedOn == Fixture.day("2024-06-05"))
        #expect(closed.version == 7)
    }

    @Test func closingWithOpenMeasuresIsRejectedWithTheirCount() throws {
        let oneDone = try decidedCase()
            .applying(step(.submitEvidence(measure: 2, Fixture.evidence())), by: "县执法员")
            .applying(step(.accept(measure: 2, on: Fixture.day("2024-06-01"))), by: "市执法监察")
        #expect(throws: EnforcementError.rejected(subject: subject, .openRectification(count: 1))) {
            _ = try oneDone.applying(.close(on: Fixture.day("2024-06-05")), by: "案审科")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .openRectification(count: 2))) {
            _ = try decidedCase().applying(.close(on: Fixture.day("2024-06-05")), by: "案审科")
        }
    }

    @Test func rejectedEvidenceSendsTheMeasureBackToOpen() throws {
        let rejected = try decidedCase()
            .applying(step(.submitEvidence(measure: 1, Fixture.evidence())), by: "县执法员")
            .applying(step(.reject(measure: 1, reason: " 照片看不出已复耕 ")), by: "市执法监察")
        let measure = rejected.rectification.measures[0]
        #expect(measure.status == .open)
        #expect(measure.lastRejection == "照片看不出已复耕")
        #expect(measure.evidence.count == 1)
        #expect(rejected.rectification.openCount == 2)
        let accepted = try rejected
            .applying(step(.submitEvidence(measure: 1, Fixture.evidence("已翻耕种植"))), by: "县执法员")
            .applying(step(.accept(measure: 1, on: Fixture.day("2024-07-01"))), by: "市执法监察")
        #expect(accepted.rectification.measures[0].lastRejection == nil)
        #expect(accepted.rectification.measures[0].evidence.count == 2)
    }

    @Test func measureStepsOutOfOrderAreRejected() throws {
        let decided = try decidedCase()
        #expect(throws: EnforcementError.rejected(subject: subject, .measureNotAwaitingVerification(kind: .demolishAndRestore, status: .open))) {
            _ = try decided.applying(step(.accept(measure: 1, on: Fixture.day("2024-06-01"))), by: "市执法监察")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .emptyEvidence)) {
            _ = try decided.applying(step(.submitEvidence(measure: 1, Fixture.evidence("  ", files: []))), by: "县执法员")
        }
        let submitted = try decided.applying(step(.submitEvidence(measure: 1, Fixture.evidence())), by: "县执法员")
        #expect(throws: EnforcementError.rejected(subject: subject, .returnWithoutReason)) {
            _ = try submitted.applying(step(.reject(measure: 1, reason: " ")), by: "市执法监察")
        }
        let done = try submitted.applying(step(.accept(measure: 1, on: Fixture.day("2024-06-01"))), by: "市执法监察")
        #expect(throws: EnforcementError.rejected(subject: subject, .measureAlreadyDone(kind: .demolishAndRestore))) {
            _ = try done.applying(step(.submitEvidence(measure: 1, Fixture.evidence())), by: "县执法员")
        }
    }

    @Test func aMeasureNumberOutOfRangeIsRejected() throws {
        let decided = try decidedCase()
        #expect(throws: EnforcementError.rejected(subject: subject, .noSuchMeasure(number: 3, count: 2))) {
            _ = try decided.applying(step(.submitEvidence(measure: 3, Fixture.evidence())), by: "县执法员")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .noSuchMeasure(number: 0, count: 2))) {
            _ = try decided.applying(step(.accept(measure: 0, on: Fixture.day("2024-06-01"))), by: "市执法监察")
        }
    }

    @Test func paymentsAccumulateExactlyInFen() throws {
        let paid = try decidedCase()
            .applying(.recordPayment(Yuan("12,345.6")!, on: Fixture.day("2024-05-10")), by: "财务")
            .applying(.recordPayment(Yuan("7654.40")!, on: Fixture.day("2024-05-20")), by: "财务")
        #expect(paid.finesCollected == Yuan(fen: 2_000_000))
        #expect(paid.finesOutstanding == Yuan(fen: 3_000_000))
        #expect(paid.version == 4)
        let settled = try paid.applying(.recordPayment(Yuan("30000")!, on: Fixture.day("2024-05-30")), by: "财务")
        #expect(settled.finesOutstanding == .zero)
    }

    @Test func anOverpaymentOrNonPositivePaymentIsRejected() throws {
        let paid = try decidedCase().applying(.recordPayment(Yuan(fen: 4_000_000), on: Fixture.day("2024-05-10")), by: "财务")
        #expect(throws: EnforcementError.rejected(subject: subject, .paymentExceedsFine(fine: Yuan(fen: 5_000_000), collected: Yuan(fen: 4_000_000), payment: Yuan(fen: 1_000_001)))) {
            _ = try paid.applying(.recordPayment(Yuan(fen: 1_000_001), on: Fixture.day("2024-05-11")), by: "财务")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .paymentExceedsFine(fine: Yuan(fen: 5_000_000), collected: Yuan(fen: 4_000_000), payment: Yuan(fen: .max)))) {
            _ = try paid.applying(.recordPayment(Yuan(fen: .max), on: Fixture.day("2024-05-11")), by: "财务")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .nonPositivePayment)) {
            _ = try paid.applying(.recordPayment(.zero, on: Fixture.day("2024-05-11")), by: "财务")
        }
    }

    @Test func aPaymentDatedBeforeTheDecisionIsRejected() throws {
        #expect(throws: EnforcementError.rejected(subject: subject, .dateBeforeDecision(day: Fixture.day("2024-04-30"), decided: Fixture.day("2024-05-01")))) {
            _ = try decidedCase().applying(.recordPayment(Yuan(fen: 100), on: Fixture.day("2024-04-30")), by: "财务")
        }
    }

    @Test func aClosedCaseRejectsEveryAction() throws {
        let closed = try filedCase()
            .applying(.decide(Penalty(fine: Yuan(fen: 100)), plan: .none, on: Fixture.day("2024-05-01")), by: "案审科")
            .applying(.close(on: Fixture.day("2024-05-02")), by: "案审科")
        #expect(closed.status == .closed)
        let actions: [CaseAction] = [
            .decide(Penalty(fine: .zero), plan: .none, on: Fixture.day("2024-05-03")),
            step(.submitEvidence(measure: 1, Fixture.evidence())),
            .recordPayment(Yuan(fen: 100), on: Fixture.day("2024-05-03")),
            .close(on: Fixture.day("2024-05-03")),
        ]
        for action in actions {
            #expect(throws: EnforcementError.rejected(subject: subject, .caseClosed), "\(action.name)") {
                _ = try closed.applying(action, by: "案审科")
            }
        }
    }

    @Test func yuanParsesWholeAndTwoDecimalAmounts() {
        #expect(Yuan("12345")?.fen == 1_234_500)
        #expect(Yuan("12,345.6")?.fen == 1_234_560)
        #expect(Yuan(" 0.05 ")?.fen == 5)
        #expect(Yuan("1.234") == nil)
        #expect(Yuan("1.") == nil)
        #expect(Yuan(".5") == nil)
        #expect(Yuan("-5") == nil)
        #expect(Yuan("五元") == nil)
        #expect(Yuan("1.５") == nil)
        #expect(Yuan("99999999999999999999") == nil)
        #expect(Yuan("999999999999999999") == nil)
        #expect(Yuan("92233720368547758.07")?.fen == Int64.max)
        #expect(Yuan("92233720368547758.08") == nil)
        #expect(Yuan("12,345.6")?.description == "12345.60")
        #expect(Yuan(fen: 5).description == "0.05")
        #expect(Yuan(fen: -150).description == "-1.50")
    }
}
