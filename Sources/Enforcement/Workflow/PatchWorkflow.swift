import Foundation

/// Where a patch stands in the monthly loop (月清、月核).
public enum PatchStatus: String, Sendable, Codable, CaseIterable {
    /// 待下发: imported (and perhaps pre-judged), not yet given to a county.
    case unassigned
    /// 待核查: assigned to a county with a deadline.
    case assigned
    /// 已核查: at least one field verification recorded; awaiting the county's determination.
    case verified
    /// 待审核: determined by the county and submitted to the city.
    case submitted
    /// 已退回: the city sent it back with a reason; the county verifies or determines again.
    case returned
    /// 已审核: the city approved the determination.
    case approved

    public var chineseName: String {
        switch self {
        case .unassigned: return "待下发"
        case .assigned: return "待核查"
        case .verified: return "已核查"
        case .submitted: return "待审核"
        case .returned: return "已退回"
        case .approved: return "已审核"
        }
    }
}

/// 任务下发: the county a patch is given to and its deadline (e.g. 30 days for monthly batches).
public struct Assignment: Sendable, Equatable, Codable {
    public let county: RegionCode
    public let due: CalendarDay

    public init(county: RegionCode, due: CalendarDay) {
        self.county = county
        self.due = due
    }
}

/// 退回: why the city sent a determination back.
public struct ReturnNote: Sendable, Equatable, Codable {
    public let reason: String
    public let by: String
    public let at: Date
}

/// The named steps a patch can take. Every stored change of a patch is one of these.
public enum PatchAction: Sendable, Equatable {
    case assign(Assignment)
    /// A field verification was recorded (the record itself is kept beside the workflow).
    case recordVerification(at: Date)
    case determine(Determination)
    case approve
    case returnToCounty(reason: String)
    case selectForAudit
    case auditJudge(AuditJudgement)
    case openCase(number: String)
    /// The patch's case was closed with its rectification verified (整改到位).
    case rectified(on: CalendarDay)

    /// A stable name for the audit log: patch.assign, patch.determine, …
    public var name: String {
        switch self {
        case .assign: return "patch.assign"
        case .recordVerification: return "patch.verify"
        case .determine: return "patch.determine"
        case .approve: return "patch.approve"
        case .returnToCounty: return "patch.return"
        case .selectForAudit: return "patch.audit-select"
        case .auditJudge: return "patch.audit-judge"
        case .openCase: return "patch.case-open"
        case .rectified: return "patch.rectified"
        }
    }

    public var chineseName: String {
        switch self {
        case .assign: return "下发"
        case .recordVerification: return "外业核查"
        case .determine: return "内业判定"
        case .approve: return "市级审核通过"
        case .returnToCounty: return "市级退回"
        case .selectForAudit: return "抽中省级复核"
        case .auditJudge: return "省级复核"
        case .openCase: return "立案"
        case .rectified: return "整改到位"
        }
    }
}

/// The workflow state of one patch: pure data with one transition function, so every rule can be
/// tested without storage. `version` grows by one with every change (optimistic concurrency: a
/// writer that read an older version loses with a conflict instead of overwriting).
public struct PatchWorkflow: Sendable, Equatable, Codable {
    public let batchCode: String
    public let patchCode: String
    public private(set) var status: PatchStatus
    public private(set) var version: Int
    public private(set) var assignment: Assignment?
    /// When the first field verification was recorded (月清: on time when not after the deadline).
    public private(set) var firstVerifiedAt: Date?
    public private(set) var verificationCount: Int
    public private(set) var determination: Determination?
    public private(set) var determinedBy: String?
    public private(set) var lastReturn: ReturnNote?
    public private(set) var approvedBy: String?
    public private(set) var selectedForAudit: Bool
    public private(set) var auditJudgement: AuditJudgement?
    public private(set) var auditedBy: String?
    public private(set) var caseNumber: String?
    public private(set) var rectifiedOn: CalendarDay?

    /// A patch that has just been imported.
    public init(batchCode: String, patchCode: String) {
        self.batchCode = batchCode
        self.patchCode = patchCode
        status = .unassigned
        version = 0
        verificationCount = 0
        selectedForAudit = false
    }

    /// "2024Q1/440103-0001": how the patch is named in messages and in the audit log.
    public var subject: String { "\(batchCode)/\(patchCode)" }

    /// The outcome that counts: the provincial audit's where there is one, else the county's.
    public var effectiveCategory: DeterminationCategory? {
        auditJudgement?.category ?? determination?.reportedCategory
    }

    /// True when the audit found illegal a patch the county reported legal or other (瞒报).
    public var concealed: Bool {
        guard let reported = determination?.reportedCategory, let audit = auditJudgement else { return false }
        return reported != .illegal && audit.category == .illegal
    }

    /// The state after `action` by `person` at `time`, or the rule it breaks.
    public func applying(_ action: PatchAction, by person: String, at time: Date) throws(EnforcementError) -> PatchWorkflow {
        var next = self
        switch action {
        case .assign(let assignment):
            guard status == .unassigned || status == .assigned else {
                throw reject(.cannotReassign(status: status))
            }
            guard assignment.county.level == .county || assignment.county.level == nil else {
                throw reject(.notACounty(assignment.county))
            }
            next.assignment = assignment
            next.status = .assigned

        case .recordVerification(let at):
            guard [.assigned, .verified, .returned].contains(status) else {
                throw reject(status == .unassigned ? .notAssigned : .cannotVerify(status: status))
            }
            if next.firstVerifiedAt == nil { next.firstVerifiedAt = at }
            next.verificationCount += 1
            if status == .assigned { next.status = .verified }

        case .determine(let determination):
            guard verificationCount > 0 else { throw reject(.notVerified) }
            guard status == .verified || status == .returned else { throw reject(.cannotDetermine(status: status)) }
            next.determination = determination
            next.determinedBy = person
            next.status = .submitted

        case .approve:
            guard status == .submitted else { throw reject(.notSubmitted(status: status)) }
            next.approvedBy = person
            next.status = .approved

        case .returnToCounty(let reason):
            guard status == .submitted else { throw reject(.notSubmitted(status: status)) }
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw reject(.returnWithoutReason) }
            next.lastReturn = ReturnNote(reason: trimmed, by: person, at: time)
            next.status = .returned

        case .selectForAudit:
            guard status == .approved else { throw reject(.notApproved(status: status)) }
            guard !selectedForAudit else { throw reject(.alreadySelected) }
            next.selectedForAudit = true

        case .auditJudge(let judgement):
            guard selectedForAudit else { throw reject(.notSelectedForAudit) }
            guard auditJudgement == nil else { throw reject(.alreadyAudited) }
            next.auditJudgement = judgement
            next.auditedBy = person

        case .openCase(let number):
            guard status == .approved else { throw reject(.notApproved(status: status)) }
            guard effectiveCategory == .illegal else { throw reject(.notIllegal) }
            if let caseNumber { throw reject(.alreadyInCase(number: caseNumber)) }
            next.caseNumber = number

        case .rectified(let day):
            guard caseNumber != nil else { throw reject(.noCase) }
            guard rectifiedOn == nil else { throw reject(.alreadyRectified) }
            next.rectifiedOn = day
        }
        next.version += 1
        return next
    }

    private func reject(_ rejection: WorkflowRejection) -> EnforcementError {
        .rejected(subject: subject, rejection)
    }
}
