import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport
import Workspace

private typealias F = WorkflowFixture

/// Approved patches: 越秀区 440103 A1, A2, A3, A4 illegal and A5 legal; 海珠区 440104 B1 illegal.
private func caseWorkspace(_ directory: TemporaryDirectory) throws -> Workspace {
    let workspace = try F.workspace(F.specs(["A1", "A2", "A3", "A4", "A5"], region: "440103")
                                    + F.specs(["B1"], region: "440104", row: 1), in: directory)
    _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
    for code in ["A1", "A2", "A3", "A4", "B1"] { try F.approve(code, as: F.illegal, in: workspace) }
    try F.approve("A5", as: F.legal, in: workspace)
    return workspace
}

private let officer = F.sign("执法科 吴十", "2024-05-10T09:00:00+08:00")
private let filedOn = CalendarDay(year: 2024, month: 5, day: 10)!

private func caseNumber(_ workspace: Workspace, _ code: String) throws -> String? {
    try workspace.store.patchWorkflow(F.key(code))?.caseNumber
}

@Suite("Cases and supervision problems through the workspace, with the real store and audit log")
struct WorkflowCaseTests {
    @Test("Filing a case over two approved illegal patches of one county puts both patches in it")
    func fileCaseOverTwoPatches() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        let filed = try workspace.fileCase(number: "440103-2024-001", patches: [F.key("A2"), F.key("A1")], parties: ["某实业有限公司"],
                                           filedOn: filedOn, signature: officer)
        #expect(filed.region == (try RegionCode("440103")))
        #expect(filed.patches == [F.key("A1"), F.key("A2")])
        #expect(filed.status == .filed && filed.version == 1)
        #expect(try workspace.store.enforcementCase("440103-2024-001") == filed)
        #expect(try caseNumber(workspace, "A1") == "440103-2024-001")
        #expect(try caseNumber(workspace, "A2") == "440103-2024-001")
        #expect(try workspace.store.auditEvents(subject: "案件 440103-2024-001").map(\.action) == ["case.file"])
        #expect(try workspace.store.auditEvents(subject: "\(F.batch)/A1").last?.action == "patch.case-open")
    }

    @Test("A patch named twice in one filing is filed once, with one case-open event")
    func patchNamedTwiceFiledOnce() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        let filed = try workspace.fileCase(number: "440103-2024-004", patches: [F.key("A3"), F.key("A4"), F.key("A3")], parties: ["某公司"],
                                           filedOn: filedOn, signature: officer)
        #expect(filed.patches == [F.key("A3"), F.key("A4")])
        #expect(try caseNumber(workspace, "A3") == "440103-2024-004")
        #expect(try workspace.store.auditEvents(subject: "\(F.batch)/A3").filter { $0.action == "patch.case-open" }.count == 1)
    }

    @Test("A case over patches of two counties is refused, naming both")
    func caseSpanningCountiesRefused() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        let events = try F.auditLength(workspace)
        #expect(throws: WorkspaceError.caseSpansCounties([try RegionCode("440103"), try RegionCode("440104")])) {
            try workspace.fileCase(number: "440103-2024-002", patches: [F.key("A1"), F.key("B1")], parties: ["某村委会"],
                                   filedOn: filedOn, signature: officer)
        }
        #expect(try workspace.store.enforcementCase("440103-2024-002") == nil)
        #expect(try F.auditLength(workspace) == events)
    }

    @Test("A case including a legal patch is refused and the whole transaction rolls back: no case, no case number on the illegal patch")
    func caseWithLegalPatchRollsBack() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        let events = try F.auditLength(workspace)
        let a1Version = try #require(try workspace.store.patchWorkflow(F.key("A1"))).version
        // A1 comes first, so its openCase step is written before A5 refuses.
        #expect(throws: EnforcementError.rejected(subject: "\(F.batch)/A5", .notIllegal)) {
            try workspace.fileCase(number: "440103-2024-003", patches: [F.key("A1"), F.key("A5")], parties: ["某公司"],
                                   filedOn: filedOn, signature: officer)
        }
        #expect(try workspace.store.enforcementCase("440103-2024-003") == nil)
        #expect(try workspace.store.enforcementCases() == [])
        #expect(try caseNumber(workspace, "A1") == nil)
        #expect(try workspace.store.patchWorkflow(F.key("A1"))?.version == a1Version)
        #expect(try F.auditLength(workspace) == events)
    }

    @Test("Decision, evidence, acceptance and closing mark both patches rectified on the closing day")
    func closingCaseRectifiesPatches() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        let number = "440103-2024-001"
        _ = try workspace.fileCase(number: number, patches: [F.key("A1"), F.key("A2")], parties: ["某实业有限公司"],
                                   filedOn: filedOn, signature: officer)
        let plan = RectificationPlan(measures: [RectificationMeasure(kind: .demolishAndRestore, detail: "拆除厂房并复耕", area: Area(mu: 2))],
                                     deadline: CalendarDay(year: 2024, month: 8, day: 31))
        try workspace.changeCase(number, .decide(Penalty(fine: Yuan(fen: 5_336_000), demolitionArea: Area(mu: 2)), plan: plan,
                                                 on: CalendarDay(year: 2024, month: 6, day: 1)!), signature: officer)
        let evidence = RectificationEvidence(note: "已拆除并复耕", files: [], by: "某实业有限公司", at: F.moment("2024-08-01T10:00:00+08:00"))
        try workspace.changeCase(number, .rectification(.submitEvidence(measure: 1, evidence)), signature: officer)
        try workspace.changeCase(number, .rectification(.accept(measure: 1, on: CalendarDay(year: 2024, month: 8, day: 5)!)),
                                 signature: F.sign("执法科 吴十", "2024-08-05T10:00:00+08:00"))
        try workspace.changeCase(number, .recordPayment(Yuan(fen: 5_336_000), on: CalendarDay(year: 2024, month: 8, day: 6)!), signature: officer)
        let closeDay = CalendarDay(year: 2024, month: 8, day: 10)!
        let closed = try workspace.changeCase(number, .close(on: closeDay), signature: officer, expectedVersion: 5)
        #expect(closed.status == .closed && closed.version == 6)
        #expect(closed.finesOutstanding == .zero)
        #expect(try workspace.store.enforcementCase(number) == closed)
        for code in ["A1", "A2"] {
            #expect(try workspace.store.patchWorkflow(F.key(code))?.rectifiedOn == closeDay)
            #expect(try workspace.store.auditEvents(subject: "\(F.batch)/\(code)").last?.action == "patch.rectified")
        }
        #expect(try workspace.store.patchWorkflow(F.key("A3"))?.rectifiedOn == nil)
        #expect(try workspace.store.auditEvents(subject: "案件 \(number)").map(\.action) == [
            "case.file", "case.decide", "case.rectification-evidence", "case.rectification-accept", "case.payment", "case.close",
        ])
    }

    @Test("A second case with a number already taken is refused as a duplicate and changes nothing")
    func duplicateCaseNumberRefused() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        let first = try workspace.fileCase(number: "440103-2024-001", patches: [F.key("A1")], parties: ["甲"], filedOn: filedOn, signature: officer)
        let events = try F.auditLength(workspace)
        let error = #expect(throws: StoreError.self) {
            try workspace.fileCase(number: "440103-2024-001", patches: [F.key("A3"), F.key("A4")], parties: ["乙"],
                                   filedOn: filedOn, signature: officer)
        }
        guard case .duplicate(let subject)? = error else {
            Issue.record("expected duplicate, got \(String(describing: error))")
            return
        }
        #expect(subject == "案件 440103-2024-001")
        #expect(try workspace.store.enforcementCase("440103-2024-001") == first)
        #expect(try caseNumber(workspace, "A3") == nil && caseNumber(workspace, "A4") == nil)
        #expect(try F.auditLength(workspace) == events)
    }

    @Test("A case step on a stale version is refused with a conflict")
    func staleCaseStepConflicts() throws {
        let directory = TemporaryDirectory()
        let workspace = try caseWorkspace(directory)
        _ = try workspace.fileCase(number: "C-1", patches: [F.key("A1")], parties: ["甲"], filedOn: filedOn, signature: officer)
        let plan = RectificationPlan(measures: [RectificationMeasure(kind: .confiscation, detail: "没收地上建筑物")], deadline: nil)
        try workspace.changeCase("C-1", .decide(Penalty(fine: Yuan(fen: 100_000)), plan: plan, on: filedOn), signature: officer, expectedVersion: 1)
        let error = #expect(throws: StoreError.self) {
            try workspace.changeCase("C-1", .recordPayment(Yuan(fen: 100), on: filedOn), signature: officer, expectedVersion: 1)
        }
        guard case .conflict("案件 C-1", 1, 2)? = error else {
            Issue.record("expected conflict(案件 C-1, 1, 2), got \(String(describing: error))")
            return
        }
        #expect(try workspace.store.enforcementCase("C-1")?.finesCollected == .zero)
    }

    @Test("A supervision problem is handed down, rectified, accepted and closed, each step versioned and logged")
    func supervisionProblemLifecycle() throws {
        let directory = TemporaryDirectory()
        let workspace = try F.workspace(F.specs(["A1"], region: "440103"), in: directory)
        let plan = RectificationPlan(measures: [RectificationMeasure(kind: .demolishAndRestore, detail: "拆除厂房复耕", area: Area(mu: 9.8))],
                                     deadline: CalendarDay(year: 2024, month: 12, day: 31))
        let problem = try SupervisionProblem.handDown(number: "DC-2024-07", kind: .farmlandProtection, region: try RegionCode("440103"),
                                                      title: "某村违法占用耕地建厂房", on: CalendarDay(year: 2024, month: 6, day: 1)!,
                                                      area: Area(mu: 12.5), cultivatedArea: Area(mu: 9.8), plan: plan)
        let inspector = F.sign("督察办 郑一", "2024-06-01T09:00:00+08:00")
        try workspace.handDownProblem(problem, signature: inspector)
        #expect(try workspace.store.supervisionProblem("DC-2024-07") == problem)

        let county = F.sign("越秀区 执法 李四", "2024-09-01T09:00:00+08:00")
        let evidence = RectificationEvidence(note: "厂房已拆除，已复耕", files: [], by: county.person, at: county.at)
        let submitted = try workspace.changeProblem("DC-2024-07", .rectification(.submitEvidence(measure: 1, evidence)), signature: county)
        #expect(submitted.version == 2 && submitted.rectification.measures[0].status == .evidenceSubmitted)
        let accepted = try workspace.changeProblem("DC-2024-07", .rectification(.accept(measure: 1, on: CalendarDay(year: 2024, month: 9, day: 5)!)),
                                                   signature: inspector, expectedVersion: 2)
        #expect(accepted.version == 3 && accepted.rectification.openCount == 0)
        #expect(accepted.rectification.measures[0].verifiedBy == "督察办 郑一")
        let closed = try workspace.changeProblem("DC-2024-07", .close(on: CalendarDay(year: 2024, month: 9, day: 10)!), signature: inspector)
        #expect(closed.isClosed && closed.version == 4)
        #expect(try workspace.store.supervisionProblem("DC-2024-07") == closed)
        #expect(try workspace.store.supervisionProblems() == [closed])

        let events = try workspace.store.auditEvents(subject: "督察问题 DC-2024-07")
        #expect(events.map(\.action) == ["problem.hand-down", "problem.rectification-evidence", "problem.rectification-accept", "problem.close"])
        #expect(events.map(\.actor) == ["督察办 郑一", "越秀区 执法 李四", "督察办 郑一", "督察办 郑一"])
        #expect(throws: EnforcementError.rejected(subject: "督察问题 DC-2024-07", .problemClosed)) {
            try workspace.changeProblem("DC-2024-07", .close(on: CalendarDay(year: 2024, month: 9, day: 11)!), signature: inspector)
        }
        #expect(try workspace.store.auditEvents(subject: "督察问题 DC-2024-07").count == 4)
    }

    @Test("Closing a problem with a measure still open is refused and stores nothing")
    func problemWithOpenMeasureCannotClose() throws {
        let directory = TemporaryDirectory()
        let workspace = try F.workspace(F.specs(["A1"], region: "440103"), in: directory)
        let plan = RectificationPlan(measures: [RectificationMeasure(kind: .retroactiveApproval, detail: "补办用地手续")], deadline: nil)
        let problem = try SupervisionProblem.handDown(number: "DC-2024-08", kind: .routine, region: try RegionCode("440103"), title: "未批先建",
                                                      on: CalendarDay(year: 2024, month: 6, day: 1)!, area: Area(mu: 3),
                                                      cultivatedArea: .zero, plan: plan)
        try workspace.handDownProblem(problem, signature: officer)
        #expect(throws: EnforcementError.rejected(subject: "督察问题 DC-2024-08", .openRectification(count: 1))) {
            try workspace.changeProblem("DC-2024-08", .close(on: CalendarDay(year: 2024, month: 9, day: 10)!), signature: officer)
        }
        #expect(try workspace.store.supervisionProblem("DC-2024-08") == problem)
        #expect(try F.auditLength(workspace) == 1)
    }
}
