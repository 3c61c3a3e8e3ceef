import Enforcement
import Foundation
import Geo
import Store

/// One measure of a rectification plan as the API shows it; `number` counts from 1 as on the form.
struct MeasurePayload: Encodable, Sendable {
    let number: Int
    let kind: NamedCode
    let detail: String
    let area: AreaPayload?
    let status: NamedCode
    let evidence: [RectificationEvidence]
    let verifiedBy: String?
    let verifiedOn: String?
    let lastRejection: String?
}

/// 整改方案: the measures, the deadline and how many are still open.
struct PlanPayload: Encodable, Sendable {
    let measures: [MeasurePayload]
    let deadline: String?
    let openCount: Int

    init(_ plan: RectificationPlan) {
        measures = plan.measures.enumerated().map { index, measure in
            MeasurePayload(number: index + 1, kind: NamedCode(code: measure.kind.rawValue, name: measure.kind.chineseName),
                           detail: measure.detail, area: measure.area.map(AreaPayload.init),
                           status: NamedCode(code: measure.status.rawValue, name: measure.status.chineseName),
                           evidence: measure.evidence, verifiedBy: measure.verifiedBy, verifiedOn: measure.verifiedOn?.description,
                           lastRejection: measure.lastRejection)
        }
        deadline = plan.deadline?.description
        openCount = plan.openCount
    }
}

/// An audit-log entry of a record's history.
struct HistoryEventPayload: Encodable, Sendable {
    let sequence: Int64
    let at: String
    let actor: String
    let action: String

    init(_ event: AuditEvent) {
        sequence = event.sequence
        at = event.at
        actor = event.actor
        action = event.action
    }
}

/// 案件: amounts in 元 as decimal text ("53360.00"), so no client rounds money through a float.
struct CasePayload: Encodable, Sendable {
    struct PatchRef: Encodable, Sendable {
        let batch: String
        let code: String
        let status: NamedCode?
    }
    struct PenaltyPayload: Encodable, Sendable {
        let fineYuan: String
        let confiscation: String
        let demolitionArea: AreaPayload
    }

    let number: String
    let region: String
    let patches: [PatchRef]
    let parties: [String]
    let filedOn: String
    let status: NamedCode
    let version: Int
    let decidedOn: String?
    let penalty: PenaltyPayload?
    let rectification: PlanPayload
    let finesCollectedYuan: String
    let finesOutstandingYuan: String
    let closedOn: String?
    /// Only in a single case's answer.
    let history: [HistoryEventPayload]?

    init(_ enforcementCase: EnforcementCase, patchStatus: [PatchKey: PatchStatus] = [:], history: [AuditEvent]? = nil) {
        number = enforcementCase.number
        region = enforcementCase.region.rawValue
        patches = enforcementCase.patches.map { key in
            PatchRef(batch: key.batch, code: key.code,
                     status: patchStatus[key].map { NamedCode(code: $0.rawValue, name: $0.chineseName) })
        }
        parties = enforcementCase.parties
        filedOn = enforcementCase.filedOn.description
        status = NamedCode(code: enforcementCase.status.rawValue, name: enforcementCase.status.chineseName)
        version = enforcementCase.version
        decidedOn = enforcementCase.decidedOn?.description
        penalty = enforcementCase.penalty.map {
            PenaltyPayload(fineYuan: $0.fine.description, confiscation: $0.confiscation, demolitionArea: AreaPayload($0.demolitionArea))
        }
        rectification = PlanPayload(enforcementCase.rectification)
        finesCollectedYuan = enforcementCase.finesCollected.description
        finesOutstandingYuan = enforcementCase.finesOutstanding.description
        closedOn = enforcementCase.closedOn?.description
        self.history = history.map { $0.map(HistoryEventPayload.init) }
    }
}

/// 督察问题.
struct ProblemPayload: Encodable, Sendable {
    let number: String
    let kind: NamedCode
    let region: String
    let title: String
    let handedDownOn: String
    let area: AreaPayload
    let cultivatedArea: AreaPayload
    let rectification: PlanPayload
    let closedOn: String?
    let overdue: Bool
    let version: Int
    let history: [HistoryEventPayload]?

    init(_ problem: SupervisionProblem, today: CalendarDay, history: [AuditEvent]? = nil) {
        number = problem.number
        kind = NamedCode(code: problem.kind.rawValue, name: problem.kind.chineseName)
        region = problem.region.rawValue
        title = problem.title
        handedDownOn = problem.handedDownOn.description
        area = AreaPayload(problem.area)
        cultivatedArea = AreaPayload(problem.cultivatedArea)
        rectification = PlanPayload(problem.rectification)
        closedOn = problem.closedOn?.description
        overdue = problem.isOverdue(on: today)
        version = problem.version
        self.history = history.map { $0.map(HistoryEventPayload.init) }
    }
}
