import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport
import Workspace

private typealias F = WorkflowFixture

/// P001 and P002 in 越秀区 440103, P003 stated only as 广州市 440100 (no county).
private func threePatches(_ directory: TemporaryDirectory) throws -> Workspace {
    try F.workspace(F.specs(["P001", "P002"], region: "440103") + F.specs(["P003"], region: "440100", row: 1), in: directory)
}

@Suite("Workflow steps on a real workspace: assignment, the determine/review loop, versions and refusals")
struct WorkflowStepTests {
    @Test("Assigning a batch gives every county-coded patch its county, due 30 days after the signature day, and lists city-coded ones")
    func assignBatchByCounty() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        let report = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        #expect(report.assigned == 2)
        #expect(report.alreadyAssigned == 0)
        #expect(report.withoutCounty == ["P003"])
        #expect(report.due == CalendarDay(year: 2024, month: 5, day: 1))

        let county = try RegionCode("440103")
        for code in ["P001", "P002"] {
            let workflow = try #require(try workspace.store.patchWorkflow(F.key(code)))
            #expect(workflow.status == .assigned)
            #expect(workflow.version == 1)
            #expect(workflow.assignment == Assignment(county: county, due: CalendarDay(year: 2024, month: 5, day: 1)!))
        }
        let cityOnly = try #require(try workspace.store.patchWorkflow(F.key("P003")))
        #expect(cityOnly.status == .unassigned)
        #expect(cityOnly.version == 0)
        #expect(try F.auditLength(workspace) == 2)
    }

    @Test("A second assignment run leaves assigned patches alone and reports them as already assigned")
    func secondAssignReportsAlreadyAssigned() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        let again = try workspace.assign(batch: F.batch, dueInDays: 10, signature: F.sign("省技术中心 张三", "2024-04-02T09:00:00+08:00"))
        #expect(again.assigned == 0)
        #expect(again.alreadyAssigned == 2)
        #expect(again.withoutCounty == ["P003"])
        #expect(try workspace.store.patchWorkflow(F.key("P001"))?.assignment?.due == CalendarDay(year: 2024, month: 5, day: 1))
        #expect(try F.auditLength(workspace) == 2)
    }

    @Test("Assign, verify, determine split, return, determine, approve: each step stores its status and version and logs its event")
    func fullWalkOfOnePatch() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        let key = F.key("P001")
        func stored() throws -> PatchWorkflow {
            guard let workflow = try workspace.store.patchWorkflow(key) else { throw FixtureError.noPatch(key.code) }
            return workflow
        }

        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        #expect(try stored().status == .assigned && stored().version == 1)

        let (_, verification) = try workspace.recordVerification(key, F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
        #expect(verification.flags == [.noPhotos])
        #expect(try stored().status == .verified && stored().version == 2)
        #expect(try stored().firstVerifiedAt == F.moment("2024-04-05T10:00:00+08:00"))
        #expect(try workspace.store.verifications(of: key) == [verification])

        let area = try F.area("P001", in: workspace)
        let split = [DeterminationPartDraft(area: .given(Area(mu: 2)), subtype: "HF01", documents: ["粤府土〔2024〕12号"]),
                     DeterminationPartDraft(area: .rest, subtype: "未批先建")]
        try workspace.determine(key, parts: split, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"))
        let determined = try stored()
        #expect(determined.status == .submitted && determined.version == 3)
        #expect(determined.determinedBy == "县执法 李四")
        #expect(determined.determination?.reportedCategory == .illegal)
        #expect(determined.determination?.parts.map(\.subtype.code) == ["HF01", "WF01"])
        #expect(determined.determination?.area(of: .legal) == Area(mu: 2))
        #expect(abs((determined.determination?.area(of: .illegal).squareMetres ?? 0) - (area.squareMetres - Area(mu: 2).squareMetres)) < 1e-6)

        try workspace.returnToCounty(key, reason: "  合法部分批准文号与用地范围不符  ", signature: F.sign("市审核 赵六", "2024-04-09T09:30:00+08:00"))
        #expect(try stored().status == .returned && stored().version == 4)
        #expect(try stored().lastReturn?.reason == "合法部分批准文号与用地范围不符")
        #expect(try stored().lastReturn?.by == "市审核 赵六")

        try workspace.determine(key, parts: F.illegal, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-09T16:00:00+08:00"))
        #expect(try stored().status == .submitted && stored().version == 5)
        #expect(try stored().determination?.parts.map(\.subtype.code) == ["WF01"])

        try workspace.approve(key, signature: F.sign("市审核 赵六", "2024-04-10T11:00:00+08:00"))
        let approved = try stored()
        #expect(approved.status == .approved && approved.version == 6)
        #expect(approved.approvedBy == "市审核 赵六")

        let events = try workspace.store.auditEvents(subject: "\(F.batch)/P001")
        #expect(events.map(\.action) == ["patch.assign", "patch.verify", "patch.determine", "patch.return", "patch.determine", "patch.approve"])
        #expect(events.map(\.actor) == ["省技术中心 张三", "县核查员 王五", "县执法 李四", "市审核 赵六", "县执法 李四", "市审核 赵六"])
        #expect(events.first?.before == nil)
        #expect(events.dropFirst().allSatisfy { $0.before != nil })
        #expect(events.first?.at == "2024-04-01T01:00:00.000Z")
    }

    @Test("Two clerks determine from the same version: the first wins, the second gets a conflict and nothing of it is stored")
    func staleDetermineConflicts() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        let key = F.key("P001")
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try workspace.recordVerification(key, F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
        let seen = try #require(try workspace.store.patchWorkflow(key)).version
        #expect(seen == 2)

        // The second clerk works in a workspace opened separately, as another process would.
        let secondClerk = try Workspace.open(at: workspace.root)
        #expect(try secondClerk.store.patchWorkflow(key)?.version == seen)

        try workspace.determine(key, parts: F.illegal, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"),
                                expectedVersion: seen)
        let events = try F.auditLength(workspace)
        let error = #expect(throws: StoreError.self) {
            try secondClerk.determine(key, parts: F.legal, codes: F.codes, signature: F.sign("县执法 孙七", "2024-04-08T15:01:00+08:00"),
                                      expectedVersion: seen)
        }
        guard case .conflict(let subject, let expected, let storedVersion)? = error else {
            Issue.record("expected a conflict, got \(String(describing: error))")
            return
        }
        #expect(subject == "图斑 \(F.batch)/P001")
        #expect(expected == 2 && storedVersion == 3)

        let stored = try #require(try workspace.store.patchWorkflow(key))
        #expect(stored.version == 3 && stored.status == .submitted)
        #expect(stored.determinedBy == "县执法 李四")
        #expect(stored.determination?.reportedCategory == .illegal)
        #expect(try F.auditLength(workspace) == events)
    }

    @Test("Eight clerks in eight connections determine the same version at once: exactly one is stored, seven get conflicts")
    func simultaneousDeterminationsConflict() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        let key = F.key("P001")
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try workspace.recordVerification(key, F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
        let before = try F.auditLength(workspace)
        let root = workspace.root
        let outcomes = Outcomes()
        DispatchQueue.concurrentPerform(iterations: 8) { clerk in
            do {
                let own = try Workspace.open(at: root)
                try own.determine(key, parts: clerk % 2 == 0 ? F.illegal : F.other, codes: F.codes,
                                  signature: F.sign("县执法 \(clerk)", "2024-04-08T15:00:00+08:00"), expectedVersion: 2)
                outcomes.add("stored")
            } catch StoreError.conflict(_, 2, 3) {
                outcomes.add("conflict")
            } catch {
                outcomes.add("\(error)")
            }
        }
        #expect(outcomes.sorted == ["conflict", "conflict", "conflict", "conflict", "conflict", "conflict", "conflict", "stored"])
        #expect(try workspace.store.patchWorkflow(key)?.version == 3)
        #expect(try F.auditLength(workspace) == before + 1)
        #expect(try workspace.verifyAuditLog().isIntact)
    }

    @Test("Two reviewers act on the same submitted version: the approval wins and the late return is refused with a conflict")
    func staleReviewConflicts() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        let key = F.key("P002")
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try workspace.recordVerification(key, F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
        try workspace.determine(key, parts: F.other, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"))

        try workspace.approve(key, signature: F.sign("市审核 赵六", "2024-04-10T11:00:00+08:00"), expectedVersion: 3)
        let events = try F.auditLength(workspace)
        let error = #expect(throws: StoreError.self) {
            try workspace.returnToCounty(key, reason: "照片不清", signature: F.sign("市审核 钱八", "2024-04-10T11:05:00+08:00"), expectedVersion: 3)
        }
        guard case .conflict(let subject, 3, 4)? = error else {
            Issue.record("expected conflict(expected 3, stored 4), got \(String(describing: error))")
            return
        }
        #expect(subject == "图斑 \(F.batch)/P002")
        let stored = try #require(try workspace.store.patchWorkflow(key))
        #expect(stored.status == .approved && stored.version == 4 && stored.lastReturn == nil)
        #expect(try F.auditLength(workspace) == events)
    }

    @Test("Determining a patch that was never field-verified is refused and writes nothing")
    func refusedStepWritesNothing() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        let events = try F.auditLength(workspace)
        #expect(throws: EnforcementError.rejected(subject: "\(F.batch)/P001", .notVerified)) {
            try workspace.determine(F.key("P001"), parts: F.illegal, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"))
        }
        let stored = try #require(try workspace.store.patchWorkflow(F.key("P001")))
        #expect(stored.version == 1 && stored.status == .assigned && stored.determination == nil)
        #expect(try F.auditLength(workspace) == events)
    }

    @Test("A patch that is not in the workspace is reported as not found")
    func unknownPatchNotFound() throws {
        let directory = TemporaryDirectory()
        let workspace = try threePatches(directory)
        let error = #expect(throws: StoreError.self) {
            try workspace.approve(F.key("P999"), signature: F.sign("市审核 赵六", "2024-04-10T11:00:00+08:00"))
        }
        guard case .notFound(let subject)? = error else {
            Issue.record("expected notFound, got \(String(describing: error))")
            return
        }
        #expect(subject == "图斑 \(F.batch)/P999")
        #expect(try F.auditLength(workspace) == 0)
    }
}

/// Outcomes gathered from several threads.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ item: String) { lock.withLock { items.append(item) } }
    var sorted: [String] { lock.withLock { items.sorted() } }
}
