import Enforcement
import Foundation
import Geo
import Store

/// Who takes a step and when: what the audit log records as actor and time.
public struct Signature: Sendable, Equatable {
    public let person: String
    public let at: Date

    public init(person: String, at: Date = Date()) {
        self.person = person
        self.at = at
    }
}

/// What a patch event records after the step: the new state, and the verification when one was added.
private struct PatchEventRecord: Encodable {
    let state: PatchWorkflow
    let verification: Verification?
}

extension WorkflowTransaction {
    /// Appends the event of a change signed by `signature`: the records before (nil for a creation) and after, as WorkflowJSON.
    func record(_ action: String, subject: String, before: (any Encodable)?, after: any Encodable, by signature: Signature) throws {
        try append(AuditEventDraft(at: signature.at, actor: signature.person, action: action, subject: subject,
                                   before: try before.map { try WorkflowJSON.encode($0) }, after: try WorkflowJSON.encode(after)))
    }
}

extension Workspace {
    /// Refuses a step taken on a version the caller saw (nil: whatever is current) that is no longer the stored one.
    static func expect(_ expectedVersion: Int?, stored: Int, subject: String) throws {
        if let expectedVersion, expectedVersion != stored {
            throw StoreError.conflict(subject: subject, expectedVersion: expectedVersion, storedVersion: stored)
        }
    }

    /// One patch step inside a transaction: checks the version the caller saw (nil: whatever is current),
    /// applies the domain rule, writes the new state if nobody changed it meanwhile, and appends its event.
    static func step(_ action: PatchAction, patch workflow: PatchWorkflow, expectedVersion: Int?, signature: Signature,
                     verification: Verification? = nil, in transaction: any WorkflowTransaction) throws -> PatchWorkflow {
        try expect(expectedVersion, stored: workflow.version, subject: "图斑 \(workflow.subject)")
        let next = try workflow.applying(action, by: signature.person, at: signature.at)
        try transaction.save(next, expectedVersion: workflow.version)
        if let verification {
            try transaction.addVerification(verification, to: PatchKey(batch: next.batchCode, code: next.patchCode))
        }
        try transaction.record(action.name, subject: workflow.subject, before: workflow.version == 0 ? nil : workflow,
                               after: PatchEventRecord(state: next, verification: verification), by: signature)
        return next
    }

    /// Reads the patch and applies one step decided from it, in one transaction.
    func changePatch(_ key: PatchKey, expectedVersion: Int?, signature: Signature,
                     _ decide: (Patch, PatchWorkflow) throws -> PatchAction) throws -> PatchWorkflow {
        try store.change { transaction in
            let (patch, workflow) = try transaction.patch(key)
            return try Self.step(try decide(patch, workflow), patch: workflow, expectedVersion: expectedVersion,
                                 signature: signature, in: transaction)
        }
    }

    // MARK: 下发

    /// What assigning a batch did.
    public struct AssignmentReport: Sendable, Equatable {
        public let due: CalendarDay
        public internal(set) var assigned = 0
        /// Patches already assigned or further along, left as they were.
        public internal(set) var alreadyAssigned = 0
        /// Patches whose region is not a county (or unknown): they need `assign --patch … --county …`.
        public internal(set) var withoutCounty: [String] = []
    }

    /// 任务下发: gives every not-yet-assigned patch of the batch to the county of its region code, due
    /// `dueInDays` after the signature's day. One transaction: all or nothing.
    public func assign(batch: String, dueInDays: Int, signature: Signature) throws -> AssignmentReport {
        let due = CalendarDay(signature.at).adding(days: dueInDays)
        let patches = try store.patches(matching: PatchQuery(batch: batch))
        guard !patches.isEmpty else { throw WorkspaceError.noBatch(batch) }
        let report = try store.change { transaction in
            var report = AssignmentReport(due: due)
            for patch in patches {
                let workflow = try transaction.workflow(PatchKey(batch: batch, code: patch.code))
                guard workflow.status == .unassigned else { report.alreadyAssigned += 1; continue }
                guard let county = patch.regionCode, county.level == .county || county.level == nil else {
                    report.withoutCounty.append(patch.code)
                    continue
                }
                _ = try Self.step(.assign(Assignment(county: county, due: due)), patch: workflow, expectedVersion: nil,
                                  signature: signature, in: transaction)
                report.assigned += 1
            }
            return report
        }
        try store.refreshPlannerStatistics()
        return report
    }

    /// Assigns (or re-assigns, before any verification) one patch to a county with a deadline.
    @discardableResult
    public func assign(_ key: PatchKey, to county: RegionCode, due: CalendarDay, signature: Signature,
                       expectedVersion: Int? = nil) throws -> PatchWorkflow {
        try changePatch(key, expectedVersion: expectedVersion, signature: signature) { _, _ in
            .assign(Assignment(county: county, due: due))
        }
    }

    // MARK: 内业判定, 市级审核

    /// 内业判定: the county's determination, checked against the code list and the patch's area.
    @discardableResult
    public func determine(_ key: PatchKey, parts: [DeterminationPartDraft], note: String = "", codes: DeterminationCodeList,
                          signature: Signature, expectedVersion: Int? = nil) throws -> PatchWorkflow {
        try changePatch(key, expectedVersion: expectedVersion, signature: signature) { patch, _ in
            .determine(try Determination.make(parts: parts, note: note, patchArea: patch.area, codes: codes))
        }
    }

    /// 市级审核通过.
    @discardableResult
    public func approve(_ key: PatchKey, signature: Signature, expectedVersion: Int? = nil) throws -> PatchWorkflow {
        try changePatch(key, expectedVersion: expectedVersion, signature: signature) { _, _ in .approve }
    }

    /// 市级退回 with a reason; the county verifies or determines again.
    @discardableResult
    public func returnToCounty(_ key: PatchKey, reason: String, signature: Signature, expectedVersion: Int? = nil) throws -> PatchWorkflow {
        try changePatch(key, expectedVersion: expectedVersion, signature: signature) { _, _ in .returnToCounty(reason: reason) }
    }
}
