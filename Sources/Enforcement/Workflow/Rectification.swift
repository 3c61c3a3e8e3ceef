import Foundation
import Geo

/// 整改措施的类型.
public enum RectificationKind: String, Sendable, Codable, CaseIterable {
    /// 拆除复耕: demolish and restore to farming.
    case demolishAndRestore
    /// 补办手续: obtain the missing approval.
    case retroactiveApproval
    /// 没收: confiscate the buildings and facilities.
    case confiscation

    public var chineseName: String {
        switch self {
        case .demolishAndRestore: return "拆除复耕"
        case .retroactiveApproval: return "补办手续"
        case .confiscation: return "没收"
        }
    }

    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let kind = Self(rawValue: trimmed) { self = kind; return }
        guard let kind = Self.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = kind
    }
}

/// Where one rectification measure stands.
public enum RectificationStatus: String, Sendable, Codable, CaseIterable {
    /// 整改中
    case open
    /// 待验收: evidence submitted, awaiting verification.
    case evidenceSubmitted
    /// 整改到位: verified.
    case done

    public var chineseName: String {
        switch self {
        case .open: return "整改中"
        case .evidenceSubmitted: return "待验收"
        case .done: return "整改到位"
        }
    }
}

/// 整改佐证: what was handed in to show a measure was carried out (photos stored by SHA-256).
public struct RectificationEvidence: Sendable, Equatable, Codable {
    public let note: String
    public let files: [String]
    public let by: String
    public let at: Date

    public init(note: String, files: [String], by: String, at: Date) {
        self.note = note
        self.files = files
        self.by = by
        self.at = at
    }
}

/// One measure of a rectification plan, tracked until verified (整改到位).
public struct RectificationMeasure: Sendable, Equatable, Codable {
    public let kind: RectificationKind
    public let detail: String
    /// Area to restore or confiscate, where the measure has one.
    public let area: Area?
    public private(set) var status: RectificationStatus
    public private(set) var evidence: [RectificationEvidence]
    public private(set) var verifiedBy: String?
    public private(set) var verifiedOn: CalendarDay?
    /// Why the last evidence was not accepted.
    public private(set) var lastRejection: String?

    public init(kind: RectificationKind, detail: String, area: Area? = nil) {
        self.kind = kind
        self.detail = detail
        self.area = area
        status = .open
        evidence = []
    }

    mutating func submit(_ item: RectificationEvidence) throws(WorkflowRejection) {
        guard status != .done else { throw .measureAlreadyDone(kind: kind) }
        guard !item.note.trimmingCharacters(in: .whitespaces).isEmpty || !item.files.isEmpty else { throw .emptyEvidence }
        evidence.append(item)
        status = .evidenceSubmitted
    }

    mutating func accept(by person: String, on day: CalendarDay) throws(WorkflowRejection) {
        guard status == .evidenceSubmitted else { throw .measureNotAwaitingVerification(kind: kind, status: status) }
        status = .done
        verifiedBy = person
        verifiedOn = day
        lastRejection = nil
    }

    mutating func reject(reason: String) throws(WorkflowRejection) {
        guard status == .evidenceSubmitted else { throw .measureNotAwaitingVerification(kind: kind, status: status) }
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .returnWithoutReason }
        status = .open
        lastRejection = trimmed
    }
}

/// 整改方案: the measures a case or a supervision problem must complete, with a deadline.
public struct RectificationPlan: Sendable, Equatable, Codable {
    public private(set) var measures: [RectificationMeasure]
    public let deadline: CalendarDay?

    public init(measures: [RectificationMeasure], deadline: CalendarDay?) {
        self.measures = measures
        self.deadline = deadline
    }

    public static let none = RectificationPlan(measures: [], deadline: nil)

    /// Measures not yet verified.
    public var openCount: Int { measures.filter { $0.status != .done }.count }

    /// The steps a plan's measure can take; `measure` counts from 1 as on the form.
    public enum Step: Sendable, Equatable {
        case submitEvidence(measure: Int, RectificationEvidence)
        case accept(measure: Int, on: CalendarDay)
        case reject(measure: Int, reason: String)
    }

    mutating func apply(_ step: Step, by person: String) throws(WorkflowRejection) {
        let number: Int
        switch step {
        case .submitEvidence(let n, _), .accept(let n, _), .reject(let n, _): number = n
        }
        guard measures.indices.contains(number - 1) else { throw .noSuchMeasure(number: number, count: measures.count) }
        switch step {
        case .submitEvidence(_, let evidence): try measures[number - 1].submit(evidence)
        case .accept(_, let day): try measures[number - 1].accept(by: person, on: day)
        case .reject(_, let reason): try measures[number - 1].reject(reason: reason)
        }
    }
}
