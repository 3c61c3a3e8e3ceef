import Enforcement
import Foundation
import Geo

/// Persistence of the enforcement workflow: patch workflow states, field verifications, cases,
/// supervision problems, audit seeds and the hash-chained audit log. Every change goes through
/// `change`, one transaction in which the new state is written only if nobody changed it since it was
/// read, together with its audit event: either both land or neither does.
public protocol WorkflowStore: Sendable {
    func change<T>(_ body: (any WorkflowTransaction) throws -> T) throws -> T

    /// The workflow of a patch (version 0 and 待下发 when it has never changed); nil when no such patch.
    func patchWorkflow(_ key: PatchKey) throws -> PatchWorkflow?
    /// Workflows of a batch's patches (all batches when nil), including untouched ones, by patch key.
    func patchWorkflows(batch: String?) throws -> [PatchKey: PatchWorkflow]
    func verifications(of key: PatchKey) throws -> [Verification]
    func enforcementCase(_ number: String) throws -> EnforcementCase?
    func enforcementCases() throws -> [EnforcementCase]
    func supervisionProblem(_ number: String) throws -> SupervisionProblem?
    func supervisionProblems() throws -> [SupervisionProblem]
    func auditSeed(batch: String) throws -> AuditSeed?

    /// Up to `limit` audit events after `sequence`, in order: for checking the chain a page at a time.
    func auditEvents(after sequence: Int64, limit: Int) throws -> [AuditEvent]
    /// The sequence number of the last event, 0 when the log is empty.
    func lastAuditSequence() throws -> Int64
    /// The events about one subject, in order.
    func auditEvents(subject: String) throws -> [AuditEvent]

    /// What statistics need of every patch of a batch (all when nil) that has a county (assigned, or by
    /// its region code when that is a county's); the count of those without one is returned beside.
    func statisticsFacts(batch: String?) throws -> (facts: [PatchFacts], withoutCounty: Int)
}

/// What one `WorkflowStore.change` transaction can read and write.
public protocol WorkflowTransaction {
    /// The patch with its current workflow; throws `StoreError.notFound` when there is no such patch.
    func patch(_ key: PatchKey) throws -> (patch: Patch, workflow: PatchWorkflow)
    /// The current workflow alone, without the patch's geometry; `StoreError.notFound` when there is no such patch.
    func workflow(_ key: PatchKey) throws -> PatchWorkflow
    /// Writes `workflow` if the stored version is still `expectedVersion`, else `StoreError.conflict`.
    func save(_ workflow: PatchWorkflow, expectedVersion: Int) throws
    func addVerification(_ verification: Verification, to key: PatchKey) throws

    func enforcementCase(_ number: String) throws -> EnforcementCase?
    /// Inserts the case when `expectedVersion` is nil (`StoreError.duplicate` if the number is taken).
    func save(_ enforcementCase: EnforcementCase, expectedVersion: Int?) throws
    func supervisionProblem(_ number: String) throws -> SupervisionProblem?
    func save(_ problem: SupervisionProblem, expectedVersion: Int?) throws

    /// Saves a batch's seed, replacing an earlier one only when no patch of the batch was drawn yet.
    func saveAuditSeed(_ seed: AuditSeed, publishedAt: Date) throws
    func auditSeed(batch: String) throws -> AuditSeed?
    /// Approved patches of a batch with the city they count under, for drawing the audit sample.
    func approvedPatches(batch: String) throws -> [(patch: Patch, workflow: PatchWorkflow)]

    /// Seals the event onto the end of the chain.
    @discardableResult
    func append(_ event: AuditEventDraft) throws -> AuditEvent
}
