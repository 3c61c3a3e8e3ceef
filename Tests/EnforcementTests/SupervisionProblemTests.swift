import Enforcement
import Foundation
import Geo
import Testing

@Suite struct SupervisionProblemTests {
    let subject = "督察问题 DC2024-015"

    func plan(_ measures: [RectificationMeasure] = [Fixture.measure()], deadline: String? = "2024-06-30") -> RectificationPlan {
        RectificationPlan(measures: measures, deadline: deadline.map(Fixture.day))
    }

    func handDown(number: String = " DC2024-015 ", area: Double = 5000, cultivated: Double = 3000,
                  plan: RectificationPlan? = nil) throws(EnforcementError) -> SupervisionProblem {
        try SupervisionProblem.handDown(number: number, kind: .farmlandProtection, region: Fixture.county440103,
                                        title: "某村违法占用耕地建设厂房", on: Fixture.day("2024-04-01"),
                                        area: Area(squareMetres: area), cultivatedArea: Area(squareMetres: cultivated),
                                        plan: plan ?? self.plan())
    }

    @Test func closingBeforeTheProblemWasHandedDownIsRejected() throws {
        let accepted = try handDown()
            .applying(.rectification(.submitEvidence(measure: 1, Fixture.evidence())), by: "县自然资源局")
            .applying(.rectification(.accept(measure: 1, on: Fixture.day("2024-05-12"))), by: "省督察办")
        #expect(throws: EnforcementError.rejected(subject: subject, .dateBeforeHandDown(day: Fixture.day("2024-03-31"), handedDown: Fixture.day("2024-04-01")))) {
            _ = try accepted.applying(.close(on: Fixture.day("2024-03-31")), by: "省督察办")
        }
    }

    @Test func handingDownStartsAnOpenProblemAtVersionOne() throws {
        let problem = try handDown()
        #expect(problem.number == "DC2024-015")
        #expect(problem.subject == subject)
        #expect(problem.version == 1)
        #expect(!problem.isClosed)
        #expect(problem.rectification.openCount == 1)
        #expect(problem.area == Area(squareMetres: 5000))
        #expect(problem.cultivatedArea == Area(squareMetres: 3000))
    }

    @Test func handingDownWithoutNumberOrMeasuresIsRejected() {
        #expect(throws: EnforcementError.rejected(subject: nil, .problemWithoutNumber)) {
            _ = try handDown(number: "  ")
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .problemWithoutMeasures)) {
            _ = try handDown(plan: plan([]))
        }
    }

    @Test func cultivatedAreaLargerThanTheProblemIsRejected() throws {
        #expect(throws: EnforcementError.rejected(subject: subject, .cultivatedExceedsArea(cultivated: Area(squareMetres: 5001.5), area: Area(squareMetres: 5000)))) {
            _ = try handDown(cultivated: 5001.5)
        }
        // Within the one-square-metre tolerance it is rounding, not a contradiction.
        #expect(try handDown(cultivated: 5000.5).cultivatedArea == Area(squareMetres: 5000.5))
    }

    @Test func evidenceAcceptedThenCloseClosesTheProblem() throws {
        let submitted = try handDown().applying(.rectification(.submitEvidence(measure: 1, Fixture.evidence())), by: "县自然资源局")
        #expect(submitted.rectification.measures[0].status == .evidenceSubmitted)
        #expect(submitted.version == 2)
        let accepted = try submitted.applying(.rectification(.accept(measure: 1, on: Fixture.day("2024-06-10"))), by: "省督察办")
        #expect(accepted.rectification.measures[0].status == .done)
        #expect(accepted.rectification.openCount == 0)
        let closed = try accepted.applying(.close(on: Fixture.day("2024-06-15")), by: "省督察办")
        #expect(closed.isClosed)
        #expect(closed.closedOn == Fixture.day("2024-06-15"))
        #expect(closed.version == 4)
    }

    @Test func closingWithAnOpenMeasureIsRejected() throws {
        let problem = try handDown(plan: plan([Fixture.measure(), Fixture.measure(.retroactiveApproval, "补办农转用手续")]))
            .applying(.rectification(.submitEvidence(measure: 1, Fixture.evidence())), by: "县自然资源局")
        #expect(throws: EnforcementError.rejected(subject: subject, .openRectification(count: 2))) {
            _ = try problem.applying(.close(on: Fixture.day("2024-06-15")), by: "省督察办")
        }
    }

    @Test func aClosedProblemRejectsEverything() throws {
        let closed = try handDown()
            .applying(.rectification(.submitEvidence(measure: 1, Fixture.evidence())), by: "县自然资源局")
            .applying(.rectification(.accept(measure: 1, on: Fixture.day("2024-06-10"))), by: "省督察办")
            .applying(.close(on: Fixture.day("2024-06-15")), by: "省督察办")
        let actions: [ProblemAction] = [
            .rectification(.submitEvidence(measure: 1, Fixture.evidence())),
            .rectification(.accept(measure: 1, on: Fixture.day("2024-06-20"))),
            .rectification(.reject(measure: 1, reason: "复查不合格")),
            .close(on: Fixture.day("2024-06-20")),
        ]
        for action in actions {
            #expect(throws: EnforcementError.rejected(subject: subject, .problemClosed), "\(action.name)") {
                _ = try closed.applying(action, by: "省督察办")
            }
        }
    }

    @Test func aStepRejectedByTheMeasureNamesTheProblem() throws {
        #expect(throws: EnforcementError.rejected(subject: subject, .noSuchMeasure(number: 2, count: 1))) {
            _ = try handDown().applying(.rectification(.submitEvidence(measure: 2, Fixture.evidence())), by: "县自然资源局")
        }
    }

    @Test func aProblemIsOverdueOnlyWhileOpenAfterItsDeadline() throws {
        let open = try handDown()
        #expect(!open.isOverdue(on: Fixture.day("2024-06-30")))
        #expect(open.isOverdue(on: Fixture.day("2024-07-01")))
        #expect(try !handDown(plan: plan(deadline: nil)).isOverdue(on: Fixture.day("2030-01-01")))
        let closed = try open
            .applying(.rectification(.submitEvidence(measure: 1, Fixture.evidence())), by: "县自然资源局")
            .applying(.rectification(.accept(measure: 1, on: Fixture.day("2024-07-05"))), by: "省督察办")
            .applying(.close(on: Fixture.day("2024-07-06")), by: "省督察办")
        #expect(!closed.isOverdue(on: Fixture.day("2024-07-10")))
    }

    @Test func inspectionKindsReadChineseOrEnglish() {
        #expect(InspectionKind(text: "耕地保护督察") == .farmlandProtection)
        #expect(InspectionKind(text: "routine") == .routine)
        #expect(InspectionKind(text: "督察") == nil)
        #expect(RectificationKind(text: "拆除复耕") == .demolishAndRestore)
    }
}
