import Foundation
import Geo

/// 督察类型: where a supervision problem came from.
public enum InspectionKind: String, Sendable, Codable, CaseIterable {
    /// 例行督察
    case routine
    /// 耕地保护督察
    case farmlandProtection
    /// 专项督察
    case special

    public var chineseName: String {
        switch self {
        case .routine: return "例行督察"
        case .farmlandProtection: return "耕地保护督察"
        case .special: return "专项督察"
        }
    }

    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let kind = Self(rawValue: trimmed) { self = kind; return }
        guard let kind = Self.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = kind
    }
}

/// The named steps of a supervision problem after it is handed down.
public enum ProblemAction: Sendable, Equatable {
    case rectification(RectificationPlan.Step)
    case close(on: CalendarDay)

    public var name: String {
        switch self {
        case .rectification(.submitEvidence): return "problem.rectification-evidence"
        case .rectification(.accept): return "problem.rectification-accept"
        case .rectification(.reject): return "problem.rectification-reject"
        case .close: return "problem.close"
        }
    }
}

/// 督察问题: a problem handed down by an inspection, tracked like a case's rectification.
public struct SupervisionProblem: Sendable, Equatable, Codable {
    /// 问题编号
    public let number: String
    public let kind: InspectionKind
    public let region: RegionCode
    public let title: String
    public let handedDownOn: CalendarDay
    public let area: Area
    public let cultivatedArea: Area
    public private(set) var rectification: RectificationPlan
    public private(set) var closedOn: CalendarDay?
    public private(set) var version: Int

    public static func handDown(number: String, kind: InspectionKind, region: RegionCode, title: String,
                                on day: CalendarDay, area: Area, cultivatedArea: Area,
                                plan: RectificationPlan) throws(EnforcementError) -> SupervisionProblem {
        let trimmed = number.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .rejected(subject: nil, .problemWithoutNumber) }
        guard area.squareMetres >= 0, cultivatedArea.squareMetres >= 0,
              cultivatedArea.squareMetres <= area.squareMetres + Determination.areaTolerance.squareMetres else {
            throw .rejected(subject: "督察问题 \(trimmed)", .cultivatedExceedsArea(cultivated: cultivatedArea, area: area))
        }
        guard !plan.measures.isEmpty else { throw .rejected(subject: "督察问题 \(trimmed)", .problemWithoutMeasures) }
        return SupervisionProblem(number: trimmed, kind: kind, region: region, title: title, handedDownOn: day,
                                  area: area, cultivatedArea: cultivatedArea, rectification: plan, closedOn: nil, version: 1)
    }

    public var subject: String { "督察问题 \(number)" }
    public var isClosed: Bool { closedOn != nil }

    /// True when still open after its deadline.
    public func isOverdue(on day: CalendarDay) -> Bool {
        guard !isClosed, let deadline = rectification.deadline else { return false }
        return day > deadline
    }

    public func applying(_ action: ProblemAction, by person: String) throws(EnforcementError) -> SupervisionProblem {
        var next = self
        guard !isClosed else { throw .rejected(subject: subject, .problemClosed) }
        do throws(WorkflowRejection) {
            switch action {
            case .rectification(let step):
                try next.rectification.apply(step, by: person)
            case .close(let day):
                guard rectification.openCount == 0 else { throw .openRectification(count: rectification.openCount) }
                guard day >= handedDownOn else { throw .dateBeforeHandDown(day: day, handedDown: handedDownOn) }
                next.closedOn = day
            }
        } catch {
            throw .rejected(subject: subject, error)
        }
        next.version += 1
        return next
    }
}
