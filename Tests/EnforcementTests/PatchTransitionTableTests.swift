import Enforcement
import Foundation
import Geo
import Testing

/// Every reachable state × every action: exactly the allowed steps succeed, each by one version.
@Suite struct PatchTransitionTableTests {
    enum Step: String, CaseIterable {
        case assign, verify, determine, approve, returnToCounty, selectForAudit, auditJudge, openCase, rectified

        func action() throws -> PatchAction {
            switch self {
            case .assign: return .assign(Fixture.assignment(due: "2024-04-30"))
            case .verify: return .recordVerification(at: Fixture.time("2024-03-15"))
            case .determine: return .determine(try Fixture.illegal())
            case .approve: return .approve
            case .returnToCounty: return .returnToCounty(reason: "面积有误")
            case .selectForAudit: return .selectForAudit
            case .auditJudge: return .auditJudge(try Fixture.audit("WF01"))
            case .openCase: return .openCase(number: "440103-2024-007")
            case .rectified: return .rectified(on: Fixture.day("2024-08-01"))
            }
        }
    }

    struct Row {
        let name: String
        let make: () throws -> PatchWorkflow
        let allowed: Set<Step>
    }

    static var rows: [Row] { [
        Row(name: "unassigned", make: { PatchWorkflow(batchCode: "2024Q1", patchCode: "440103-0001") }, allowed: [.assign]),
        Row(name: "assigned", make: { try Fixture.assigned() }, allowed: [.assign, .verify]),
        Row(name: "verified", make: { try Fixture.verified() }, allowed: [.verify, .determine]),
        Row(name: "submitted", make: { try Fixture.submitted(Fixture.legal()) }, allowed: [.approve, .returnToCounty]),
        Row(name: "returned", make: { try Fixture.submitted(Fixture.legal()).step(.returnToCounty(reason: "重判")) },
            allowed: [.verify, .determine]),
        Row(name: "approved legal", make: { try Fixture.approved(Fixture.legal()) }, allowed: [.selectForAudit]),
        Row(name: "approved other", make: { try Fixture.approved(Fixture.other()) }, allowed: [.selectForAudit]),
        Row(name: "approved illegal", make: { try Fixture.approved(Fixture.illegal()) }, allowed: [.selectForAudit, .openCase]),
        Row(name: "approved legal, selected", make: { try Fixture.approved(Fixture.legal()).step(.selectForAudit) },
            allowed: [.auditJudge]),
        Row(name: "approved illegal, selected", make: { try Fixture.approved(Fixture.illegal()).step(.selectForAudit) },
            allowed: [.auditJudge, .openCase]),
        Row(name: "reported legal, audited illegal", make: { try Fixture.audited(Fixture.legal(), judged: "WF04") },
            allowed: [.openCase]),
        Row(name: "reported illegal, audited legal", make: { try Fixture.audited(Fixture.illegal(), judged: "HF01") },
            allowed: []),
        Row(name: "in a case", make: { try Fixture.approved(Fixture.illegal()).step(.openCase(number: "C-1")) },
            allowed: [.selectForAudit, .rectified]),
        Row(name: "rectified", make: {
            try Fixture.approved(Fixture.illegal()).step(.openCase(number: "C-1")).step(.rectified(on: Fixture.day("2024-06-01")))
        }, allowed: [.selectForAudit]),
    ] }

    @Test func exactlyTheAllowedStepsSucceedFromEveryReachableState() throws {
        for row in Self.rows {
            let patch = try row.make()
            var succeeded: Set<Step> = []
            for step in Step.allCases {
                do {
                    let next = try patch.step(try step.action())
                    succeeded.insert(step)
                    #expect(next.version == patch.version + 1, "\(row.name) → \(step)")
                } catch let error as EnforcementError {
                    guard case .rejected(let subject, _) = error else {
                        Issue.record("\(row.name) → \(step): \(error)")
                        continue
                    }
                    #expect(subject == "2024Q1/440103-0001", "\(row.name) → \(step)")
                }
            }
            #expect(succeeded == row.allowed, "\(row.name)")
        }
    }

    @Test func eachStateRejectsTheOtherStepsWithTheRuleItBreaks() throws {
        // The status-bound rejections, per status, for a patch that has been verified once.
        let submitted = try Fixture.submitted(Fixture.legal())
        let approved = try Fixture.approved(Fixture.legal())
        func rejection(_ patch: PatchWorkflow, _ step: Step) -> WorkflowRejection? {
            do {
                _ = try patch.step(try step.action())
                return nil
            } catch let error as EnforcementError {
                guard case .rejected(_, let rejection) = error else { return nil }
                return rejection
            } catch {
                return nil
            }
        }
        #expect(rejection(submitted, .assign) == .cannotReassign(status: .submitted))
        #expect(rejection(submitted, .verify) == .cannotVerify(status: .submitted))
        #expect(rejection(submitted, .determine) == .cannotDetermine(status: .submitted))
        #expect(rejection(submitted, .selectForAudit) == .notApproved(status: .submitted))
        #expect(rejection(submitted, .auditJudge) == .notSelectedForAudit)
        #expect(rejection(submitted, .openCase) == .notApproved(status: .submitted))
        #expect(rejection(submitted, .rectified) == .noCase)
        #expect(rejection(approved, .assign) == .cannotReassign(status: .approved))
        #expect(rejection(approved, .verify) == .cannotVerify(status: .approved))
        #expect(rejection(approved, .determine) == .cannotDetermine(status: .approved))
        #expect(rejection(approved, .approve) == .notSubmitted(status: .approved))
        #expect(rejection(approved, .returnToCounty) == .notSubmitted(status: .approved))
        #expect(rejection(approved, .openCase) == .notIllegal)
        #expect(rejection(PatchWorkflow(batchCode: "2024Q1", patchCode: "440103-0001"), .determine) == .notVerified)
        #expect(try rejection(Fixture.assigned(), .approve) == .notSubmitted(status: .assigned))
    }

    @Test func aRejectedStepLeavesTheOriginalUntouched() throws {
        let patch = try Fixture.verified()
        let copy = patch
        #expect(throws: EnforcementError.self) { _ = try patch.step(.approve) }
        #expect(patch == copy)
        #expect(patch.version == 2)
        #expect(patch.status == .verified)
    }

    @Test func everySuccessfulStepAddsExactlyOneToTheVersion() throws {
        let actions: [PatchAction] = [
            .assign(Fixture.assignment()), .assign(Fixture.assignment(due: "2024-04-30")),
            .recordVerification(at: Fixture.time("2024-03-10")), .recordVerification(at: Fixture.time("2024-03-11")),
            .determine(try Fixture.legal()), .returnToCounty(reason: "补充材料"),
            .recordVerification(at: Fixture.time("2024-03-21")), .determine(try Fixture.legal()), .approve,
            .selectForAudit, .auditJudge(try Fixture.audit("WF04")), .openCase(number: "C-1"),
            .rectified(on: Fixture.day("2024-07-01")),
        ]
        var patch = PatchWorkflow(batchCode: "2024Q1", patchCode: "440103-0001")
        for (index, action) in actions.enumerated() {
            let next = try patch.step(action)
            #expect(next.version == patch.version + 1, "\(action.name)")
            #expect(next.version == index + 1)
            patch = next
        }
        #expect(patch.firstVerifiedAt == Fixture.time("2024-03-10"))
        #expect(patch.verificationCount == 3)
    }

    @Test func actionsHaveStableLogNames() throws {
        let names = try Step.allCases.map { try $0.action().name }
        #expect(names == ["patch.assign", "patch.verify", "patch.determine", "patch.approve", "patch.return",
                          "patch.audit-select", "patch.audit-judge", "patch.case-open", "patch.rectified"])
    }
}
