import Foundation
import Geo

/// Where a case stands.
public enum CaseStatus: String, Sendable, Codable, CaseIterable {
    /// 已立案
    case filed
    /// 已作出处罚决定: penalties and rectification set; rectification under way.
    case decided
    /// 已结案
    case closed

    public var chineseName: String {
        switch self {
        case .filed: return "已立案"
        case .decided: return "已处罚"
        case .closed: return "已结案"
        }
    }
}

/// 行政处罚: what the decision imposes.
public struct Penalty: Sendable, Equatable, Codable {
    /// 罚款
    public let fine: Yuan
    /// 没收: what is confiscated (e.g. 地上建筑物 1200 m²), empty when nothing.
    public let confiscation: String
    /// 拆除面积
    public let demolitionArea: Area

    public init(fine: Yuan, confiscation: String = "", demolitionArea: Area = .zero) {
        self.fine = fine
        self.confiscation = confiscation
        self.demolitionArea = demolitionArea
    }
}

/// A patch named by its batch and code.
public struct PatchKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let batch: String
    public let code: String

    public init(batch: String, code: String) {
        self.batch = batch
        self.code = code
    }

    public var description: String { "\(batch)/\(code)" }
    public static func < (a: Self, b: Self) -> Bool { (a.batch, a.code) < (b.batch, b.code) }
}

/// The named steps of a case after filing.
public enum CaseAction: Sendable, Equatable {
    case decide(Penalty, plan: RectificationPlan, on: CalendarDay)
    case rectification(RectificationPlan.Step)
    /// 罚没款缴纳: a payment received.
    case recordPayment(Yuan, on: CalendarDay)
    case close(on: CalendarDay)

    public var name: String {
        switch self {
        case .decide: return "case.decide"
        case .rectification(.submitEvidence): return "case.rectification-evidence"
        case .rectification(.accept): return "case.rectification-accept"
        case .rectification(.reject): return "case.rectification-reject"
        case .recordPayment: return "case.payment"
        case .close: return "case.close"
        }
    }
}

/// 立案查处: one case covering one or more illegal patches of one county, tracked until closed.
public struct EnforcementCase: Sendable, Equatable, Codable {
    /// 案件编号, e.g. 440103-2024-001.
    public let number: String
    public let region: RegionCode
    public let patches: [PatchKey]
    /// 当事人
    public let parties: [String]
    public let filedOn: CalendarDay
    public private(set) var status: CaseStatus
    public private(set) var version: Int
    public private(set) var decidedOn: CalendarDay?
    public private(set) var penalty: Penalty?
    public private(set) var rectification: RectificationPlan
    public private(set) var finesCollected: Yuan
    public private(set) var closedOn: CalendarDay?

    /// Files a case. The patches' own checks (approved, illegal, not in another case) are the
    /// patch workflow's `openCase`; these are the case's own.
    public static func file(number: String, region: RegionCode, patches: [PatchKey], parties: [String],
                            on day: CalendarDay) throws(EnforcementError) -> EnforcementCase {
        let trimmedNumber = number.trimmingCharacters(in: .whitespaces)
        guard !trimmedNumber.isEmpty else { throw .rejected(subject: nil, .caseWithoutNumber) }
        guard !patches.isEmpty else { throw .rejected(subject: trimmedNumber, .caseWithoutPatches) }
        let cleanParties = parties.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !cleanParties.isEmpty else { throw .rejected(subject: trimmedNumber, .caseWithoutParties) }
        return EnforcementCase(number: trimmedNumber, region: region, patches: Array(Set(patches)).sorted(),
                               parties: cleanParties, filedOn: day, status: .filed, version: 1,
                               rectification: .none, finesCollected: .zero)
    }

    public var subject: String { "案件 \(number)" }

    /// Fines imposed and not yet paid.
    public var finesOutstanding: Yuan {
        Yuan(fen: max(0, (penalty?.fine.fen ?? 0) - finesCollected.fen))
    }

    public func applying(_ action: CaseAction, by person: String) throws(EnforcementError) -> EnforcementCase {
        var next = self
        guard status != .closed else { throw reject(.caseClosed) }
        do throws(WorkflowRejection) {
            switch action {
            case .decide(let penalty, let plan, let day):
                guard status == .filed else { throw .caseAlreadyDecided }
                guard day >= filedOn else { throw .dateBeforeFiling(day: day, filed: filedOn) }
                next.penalty = penalty
                next.rectification = plan
                next.decidedOn = day
                next.status = .decided

            case .rectification(let step):
                guard status == .decided else { throw .caseNotDecided }
                try next.rectification.apply(step, by: person)

            case .recordPayment(let amount, let day):
                guard status == .decided, let penalty, let decidedOn else { throw .caseNotDecided }
                guard day >= decidedOn else { throw .dateBeforeDecision(day: day, decided: decidedOn) }
                guard amount.fen > 0 else { throw .nonPositivePayment }
                guard amount.fen <= penalty.fine.fen - finesCollected.fen else {  // no overflow on a huge amount
                    throw .paymentExceedsFine(fine: penalty.fine, collected: finesCollected, payment: amount)
                }
                next.finesCollected = finesCollected + amount

            case .close(let day):
                guard status == .decided else { throw .caseNotDecided }
                guard rectification.openCount == 0 else { throw .openRectification(count: rectification.openCount) }
                guard day >= filedOn else { throw .dateBeforeFiling(day: day, filed: filedOn) }
                next.closedOn = day
                next.status = .closed
            }
        } catch {
            throw reject(error)
        }
        next.version += 1
        return next
    }

    private func reject(_ rejection: WorkflowRejection) -> EnforcementError {
        .rejected(subject: subject, rejection)
    }
}
