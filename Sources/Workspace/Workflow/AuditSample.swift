import Enforcement
import Foundation
import Geo
import Store

/// What the seed event records: the seed and how many unfinished patches the audit leaves out.
private struct PublishedSeed: Encodable {
    let seed: AuditSeed
    let pendingLeftOut: Int
}

extension Workspace {
    /// The city a patch counts under in the audit: its county's city.
    static func city(of workflow: PatchWorkflow, patch: Patch) -> RegionCode? {
        (workflow.assignment?.county ?? patch.regionCode)?.enclosingCity
    }

    /// 瞒报率 rows of these patches, each under its county's city.
    static func concealment(_ facts: [PatchFacts]) -> [ConcealmentRate] {
        ConcealmentRate.report(facts.map { ($0.county.enclosingCity, $0.area, $0.workflow) })
    }

    private func candidates(batch: String, in transaction: any WorkflowTransaction) throws -> [SamplingCandidate] {
        try transaction.approvedPatches(batch: batch).compactMap { patch, workflow in
            guard let determination = workflow.determination, let city = Self.city(of: workflow, patch: patch) else { return nil }
            return SamplingCandidate(key: PatchKey(batch: batch, code: patch.code), city: city, determination: determination)
        }
    }

    /// 公布抽样种子: fixes the seed from the batch's approved determinations and a value announced in advance.
    /// Refused once a sample has been drawn, and while any assigned patch still awaits verification,
    /// determination or review unless `allowPending` (those patches then stay out of this audit: the
    /// event records how many).
    public func publishAuditSeed(batch: String, announcedValue: String, ratePercent: Int = AuditSampling.defaultRatePercent,
                                 minimumPerStratum: Int = AuditSampling.defaultMinimumPerStratum, allowPending: Bool = false,
                                 signature: Signature) throws -> AuditSeed {
        let workflows = try store.patchWorkflows(batch: batch)
        guard !workflows.isEmpty else { throw WorkspaceError.noBatch(batch) }
        let pending = workflows.values.filter { $0.status != .approved && $0.status != .unassigned }.count
        guard pending == 0 || allowPending else { throw WorkspaceError.sampleNotReady(batch: batch, pending: pending) }
        guard !workflows.values.contains(where: \.selectedForAudit) else { throw WorkspaceError.alreadyDrawn(batch: batch) }
        return try store.change { transaction in
            let seed = try AuditSampling.seed(batch: batch, candidates: try candidates(batch: batch, in: transaction),
                                              announcedValue: announcedValue, ratePercent: ratePercent,
                                              minimumPerStratum: minimumPerStratum)
            try transaction.saveAuditSeed(seed, publishedAt: signature.at)
            try transaction.record("audit.seed", subject: "批次 \(batch)", before: nil,
                                   after: PublishedSeed(seed: seed, pendingLeftOut: pending), by: signature)
            return seed
        }
    }

    /// 抽样: draws the published seed's sample and marks the drawn patches. Refused when the determinations
    /// changed since the seed was published, or when the batch was already drawn.
    public func drawAuditSample(batch: String, signature: Signature) throws -> (seed: AuditSeed, strata: [AuditStratum]) {
        try store.change { transaction in
            guard let seed = try transaction.auditSeed(batch: batch) else { throw WorkspaceError.noAuditSeed(batch: batch) }
            let strata = try AuditSampling.draw(seed, candidates: try candidates(batch: batch, in: transaction))
            for key in strata.flatMap(\.sampled) {
                let workflow = try transaction.workflow(key)
                guard !workflow.selectedForAudit else { throw WorkspaceError.alreadyDrawn(batch: batch) }
                _ = try Self.step(.selectForAudit, patch: workflow, expectedVersion: nil, signature: signature, in: transaction)
            }
            try transaction.record("audit.draw", subject: "批次 \(batch)", before: nil, after: strata, by: signature)
            return (seed, strata)
        }
    }

    /// Re-draws from the stored determinations and the published seed, as anyone could, and compares with
    /// the patches marked as drawn: true when they are the same.
    public func checkAuditSample(batch: String) throws -> Bool {
        guard let seed = try store.auditSeed(batch: batch) else { throw WorkspaceError.noAuditSeed(batch: batch) }
        let strata = try store.change { transaction in
            try AuditSampling.draw(seed, candidates: try candidates(batch: batch, in: transaction))
        }
        let marked = try store.patchWorkflows(batch: batch).filter { $0.value.selectedForAudit }.map(\.key)
        return Set(marked) == Set(strata.flatMap(\.sampled))
    }

    /// 省级复核: the auditor's own judgement of a drawn patch.
    @discardableResult
    public func auditJudge(_ key: PatchKey, subtype: String, note: String = "", codes: DeterminationCodeList,
                           signature: Signature, expectedVersion: Int? = nil) throws -> PatchWorkflow {
        try changePatch(key, expectedVersion: expectedVersion, signature: signature) { _, _ in
            .auditJudge(try AuditJudgement.make(subtype: subtype, note: note, codes: codes))
        }
    }

    /// 瞒报率 per city and for the whole batch (last row).
    public func concealment(batch: String) throws -> [ConcealmentRate] {
        let (facts, _) = try store.statisticsFacts(batch: batch)
        return Self.concealment(facts)
    }
}
