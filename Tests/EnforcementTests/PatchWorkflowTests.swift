import Enforcement
import Foundation
import Geo
import Testing

@Suite struct PatchWorkflowTests {
    let subject = "2024Q1/440103-0001"

    @Test func aNewPatchIsUnassignedAtVersionZero() {
        let patch = PatchWorkflow(batchCode: "2024Q1", patchCode: "440103-0001")
        #expect(patch.status == .unassigned)
        #expect(patch.version == 0)
        #expect(patch.verificationCount == 0)
        #expect(patch.subject == subject)
        #expect(patch.effectiveCategory == nil)
    }

    @Test func assigningGivesTheCountyAndDeadline() throws {
        let patch = try Fixture.assigned()
        #expect(patch.status == .assigned)
        #expect(patch.version == 1)
        #expect(patch.assignment == Assignment(county: Fixture.county440103, due: Fixture.day("2024-03-31")))
    }

    @Test func reassigningAnAssignedPatchReplacesTheAssignment() throws {
        let patch = try Fixture.assigned().step(.assign(Fixture.assignment(Fixture.county440104, due: "2024-04-15")))
        #expect(patch.status == .assigned)
        #expect(patch.version == 2)
        #expect(patch.assignment == Assignment(county: Fixture.county440104, due: Fixture.day("2024-04-15")))
    }

    @Test func reassigningAfterVerificationIsRejected() throws {
        let patch = try Fixture.verified()
        #expect(throws: EnforcementError.rejected(subject: subject, .cannotReassign(status: .verified))) {
            _ = try patch.step(.assign(Fixture.assignment()))
        }
    }

    @Test func assigningToACityOrProvinceIsRejected() {
        let patch = PatchWorkflow(batchCode: "2024Q1", patchCode: "440103-0001")
        #expect(throws: EnforcementError.rejected(subject: subject, .notACounty(Fixture.city4401))) {
            _ = try patch.step(.assign(Fixture.assignment(Fixture.city4401)))
        }
        #expect(throws: EnforcementError.rejected(subject: subject, .notACounty(Fixture.province44))) {
            _ = try patch.step(.assign(Fixture.assignment(Fixture.province44)))
        }
    }

    @Test func verifyingAnUnassignedPatchIsRejected() {
        let patch = PatchWorkflow(batchCode: "2024Q1", patchCode: "440103-0001")
        #expect(throws: EnforcementError.rejected(subject: subject, .notAssigned)) {
            _ = try patch.step(.recordVerification(at: Fixture.time("2024-03-10")))
        }
    }

    @Test func aSecondVerificationKeepsTheFirstTime() throws {
        let first = Fixture.time("2024-03-10")
        let patch = try Fixture.verified(at: first).step(.recordVerification(at: Fixture.time("2024-03-12")))
        #expect(patch.status == .verified)
        #expect(patch.verificationCount == 2)
        #expect(patch.firstVerifiedAt == first)
        #expect(patch.version == 3)
    }

    @Test func determiningANeverVerifiedPatchIsRejected() throws {
        let patch = try Fixture.assigned()
        #expect(throws: EnforcementError.rejected(subject: subject, .notVerified)) {
            _ = try patch.step(.determine(Fixture.illegal()))
        }
    }

    @Test func determiningSubmitsToTheCity() throws {
        let determination = try Fixture.illegal()
        let patch = try Fixture.verified().step(.determine(determination), by: "县执法员")
        #expect(patch.status == .submitted)
        #expect(patch.determination == determination)
        #expect(patch.determinedBy == "县执法员")
        #expect(patch.version == 3)
    }

    @Test func determiningASubmittedPatchAgainIsRejected() throws {
        let patch = try Fixture.submitted(Fixture.illegal())
        #expect(throws: EnforcementError.rejected(subject: subject, .cannotDetermine(status: .submitted))) {
            _ = try patch.step(.determine(Fixture.legal()))
        }
    }

    @Test func approvingAVerifiedPatchIsRejected() throws {
        let patch = try Fixture.verified()
        #expect(throws: EnforcementError.rejected(subject: subject, .notSubmitted(status: .verified))) {
            _ = try patch.step(.approve)
        }
    }

    @Test func approvingRecordsTheReviewer() throws {
        let patch = try Fixture.approved(Fixture.legal())
        #expect(patch.status == .approved)
        #expect(patch.approvedBy == "市审核员")
        #expect(patch.version == 4)
    }

    @Test func aReturnWithABlankReasonIsRejected() throws {
        let patch = try Fixture.submitted(Fixture.legal())
        #expect(throws: EnforcementError.rejected(subject: subject, .returnWithoutReason)) {
            _ = try patch.step(.returnToCounty(reason: "  \n "))
        }
    }

    @Test func aReturnRecordsTheTrimmedReasonWhoAndWhen() throws {
        let at = Fixture.time("2024-03-22", hour: 15)
        let patch = try Fixture.submitted(Fixture.legal()).step(.returnToCounty(reason: " 缺少批准文件 "), by: "市审核员", at: at)
        #expect(patch.status == .returned)
        #expect(patch.lastReturn?.reason == "缺少批准文件")
        #expect(patch.lastReturn?.by == "市审核员")
        #expect(patch.lastReturn?.at == at)
        #expect(patch.version == 4)
    }

    @Test func aReturnedPatchCanBeVerifiedAgainAndStaysReturned() throws {
        let patch = try Fixture.submitted(Fixture.legal()).step(.returnToCounty(reason: "补拍照片"))
            .step(.recordVerification(at: Fixture.time("2024-03-25")))
        #expect(patch.status == .returned)
        #expect(patch.verificationCount == 2)
        #expect(patch.firstVerifiedAt == Fixture.time("2024-03-10"))
    }

    @Test func aReturnedPatchCanBeDeterminedAgainAndResubmitted() throws {
        let corrected = try Fixture.illegal()
        let patch = try Fixture.submitted(Fixture.legal()).step(.returnToCounty(reason: "实为未批先建"))
            .step(.determine(corrected))
        #expect(patch.status == .submitted)
        #expect(patch.determination == corrected)
        #expect(patch.version == 5)
    }

    @Test func selectingForAuditNeedsAnApprovedPatchOnce() throws {
        let submitted = try Fixture.submitted(Fixture.legal())
        #expect(throws: EnforcementError.rejected(subject: subject, .notApproved(status: .submitted))) {
            _ = try submitted.step(.selectForAudit)
        }
        let selected = try Fixture.approved(Fixture.legal()).step(.selectForAudit)
        #expect(selected.selectedForAudit)
        #expect(selected.status == .approved)
        #expect(selected.version == 5)
        #expect(throws: EnforcementError.rejected(subject: subject, .alreadySelected)) {
            _ = try selected.step(.selectForAudit)
        }
    }

    @Test func auditingAnUnsampledPatchIsRejected() throws {
        let patch = try Fixture.approved(Fixture.legal())
        #expect(throws: EnforcementError.rejected(subject: subject, .notSelectedForAudit)) {
            _ = try patch.step(.auditJudge(Fixture.audit("WF01")))
        }
    }

    @Test func aSecondAuditIsRejected() throws {
        let patch = try Fixture.audited(Fixture.legal(), judged: "HF01")
        #expect(patch.auditedBy == "省审核员")
        #expect(patch.version == 6)
        #expect(throws: EnforcementError.rejected(subject: subject, .alreadyAudited)) {
            _ = try patch.step(.auditJudge(Fixture.audit("WF01")))
        }
    }

    @Test func anAuditFindingIllegalOverridesAndMarksConcealment() throws {
        let patch = try Fixture.audited(Fixture.other(), judged: "乱占耕地建房")
        #expect(patch.determination?.reportedCategory == .other)
        #expect(patch.effectiveCategory == .illegal)
        #expect(patch.concealed)
    }

    @Test func concealmentNeedsALegalOrOtherReportAndAnIllegalAudit() throws {
        #expect(try !Fixture.approved(Fixture.legal()).concealed)
        #expect(try !Fixture.audited(Fixture.legal(), judged: "HF02").concealed)
        let reportedIllegal = try Fixture.audited(Fixture.illegal(), judged: "QT01")
        #expect(!reportedIllegal.concealed)
        #expect(reportedIllegal.effectiveCategory == .other)
        #expect(try Fixture.approved(Fixture.legal()).effectiveCategory == .legal)
    }

    @Test func aCaseOpensOnAnApprovedIllegalPatch() throws {
        let patch = try Fixture.approved(Fixture.illegal()).step(.openCase(number: "440103-2024-001"))
        #expect(patch.caseNumber == "440103-2024-001")
        #expect(patch.version == 5)
    }

    @Test func aCaseOpensOnAReportedLegalPatchTheAuditFoundIllegal() throws {
        let patch = try Fixture.audited(Fixture.legal(), judged: "WF01").step(.openCase(number: "440103-2024-002"))
        #expect(patch.caseNumber == "440103-2024-002")
    }

    @Test func aCaseOnALegalPatchIsRejected() throws {
        let patch = try Fixture.approved(Fixture.legal())
        #expect(throws: EnforcementError.rejected(subject: subject, .notIllegal)) {
            _ = try patch.step(.openCase(number: "440103-2024-001"))
        }
    }

    @Test func aCaseOnAPatchNotYetApprovedIsRejected() throws {
        let patch = try Fixture.submitted(Fixture.illegal())
        #expect(throws: EnforcementError.rejected(subject: subject, .notApproved(status: .submitted))) {
            _ = try patch.step(.openCase(number: "440103-2024-001"))
        }
    }

    @Test func aSecondCaseIsRejectedNamingTheFirst() throws {
        let patch = try Fixture.approved(Fixture.illegal()).step(.openCase(number: "440103-2024-001"))
        #expect(throws: EnforcementError.rejected(subject: subject, .alreadyInCase(number: "440103-2024-001"))) {
            _ = try patch.step(.openCase(number: "440103-2024-009"))
        }
    }

    @Test func rectifiedWithoutACaseIsRejected() throws {
        let patch = try Fixture.approved(Fixture.illegal())
        #expect(throws: EnforcementError.rejected(subject: subject, .noCase)) {
            _ = try patch.step(.rectified(on: Fixture.day("2024-06-01")))
        }
    }

    @Test func rectifiedAfterTheCaseRecordsTheDayOnce() throws {
        let patch = try Fixture.approved(Fixture.illegal()).step(.openCase(number: "440103-2024-001"))
            .step(.rectified(on: Fixture.day("2024-06-01")))
        #expect(patch.rectifiedOn == Fixture.day("2024-06-01"))
        #expect(patch.version == 6)
        #expect(throws: EnforcementError.rejected(subject: subject, .alreadyRectified)) {
            _ = try patch.step(.rectified(on: Fixture.day("2024-06-02")))
        }
    }

    @Test func aPatchRoundTripsThroughWorkflowJSON() throws {
        let patch = try Fixture.audited(Fixture.legal(), judged: "WF01").step(.openCase(number: "C-1"))
        let text = try WorkflowJSON.encode(patch)
        #expect(try WorkflowJSON.decode(PatchWorkflow.self, from: text) == patch)
        #expect(try WorkflowJSON.encode(WorkflowJSON.decode(PatchWorkflow.self, from: text)) == text)
    }
}
