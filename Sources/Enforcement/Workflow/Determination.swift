import Foundation
import Geo

/// 判定类型: the three outcomes of 内业判定.
public enum DeterminationCategory: String, Sendable, Codable, CaseIterable, Comparable {
    /// 合法
    case legal
    /// 违法
    case illegal
    /// 其他（伪变化、耕地内部调整、季节性变化 …）
    case other

    public var chineseName: String {
        switch self {
        case .legal: return "合法"
        case .illegal: return "违法"
        case .other: return "其他"
        }
    }

    /// Accepts 合法/违法/其他 as well as legal/illegal/other.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let category = Self(rawValue: trimmed.lowercased()) { self = category; return }
        guard let category = Self.allCases.first(where: { $0.chineseName == trimmed }) else { return nil }
        self = category
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
}

/// One entry of the determination code list (判定子类), e.g. WF01 未批先建 (违法).
public struct DeterminationCode: Sendable, Equatable, Codable {
    public let code: String
    public let name: String
    public let category: DeterminationCategory
    /// What a legal part must cite, e.g. 批准文号 or 备案编号; nil for 违法 and 其他.
    public let documentLabel: String?

    public init(code: String, name: String, category: DeterminationCategory, documentLabel: String?) {
        self.code = code
        self.name = name
        self.category = category
        self.documentLabel = documentLabel
    }
}

/// Whether the ground under a determined patch changed, as far as a change model can learn from it.
public enum GroundChange: Sendable, Equatable {
    case changed, unchanged, mixed
}

/// The editable list of determination sub-types a bureau uses (shipped default in the Prejudge module's
/// DeterminationCodes.yaml). Codes are looked up by code or by Chinese name.
public struct DeterminationCodeList: Sendable, Equatable {
    public let codes: [DeterminationCode]
    /// The 其他 codes that say the ground did not change as monitoring means it (伪变化, 季节性变化,
    /// 实地未变化): a change model learns such patches as unchanged (`no_change: true` in the list).
    public let noChangeCodes: Set<String>

    public init(codes: [DeterminationCode], noChangeCodes: Set<String> = []) {
        self.codes = codes
        self.noChangeCodes = noChangeCodes
    }

    /// What a determination says of the ground: unchanged when every part is a no-change code, changed
    /// when none is, mixed otherwise (a patch split by area, whose parts have no outline).
    public func groundChange(in determination: Determination) -> GroundChange {
        let unchanged = determination.parts.filter { noChangeCodes.contains($0.subtype.code) }.count
        return unchanged == 0 ? .changed : unchanged == determination.parts.count ? .unchanged : .mixed
    }

    public func lookup(_ text: String) -> DeterminationCode? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return codes.first { $0.code.caseInsensitiveCompare(trimmed) == .orderedSame }
            ?? codes.first { $0.name == trimmed }
    }
}

/// One part of a determination: a share of the patch's area with its own outcome (a patch may be
/// split, e.g. 2 亩 已批准用地 and the rest 未批先建).
public struct DeterminationPart: Sendable, Equatable, Codable {
    public let area: Area
    public let subtype: DeterminationCode
    /// Approval or filing document numbers (批准文号 / 备案编号); at least one for a legal part.
    public let documents: [String]

    public var category: DeterminationCategory { subtype.category }

    public init(area: Area, subtype: DeterminationCode, documents: [String]) {
        self.area = area
        self.subtype = subtype
        self.documents = documents
    }
}

/// The area a part may be given as: an amount, or whatever the other parts leave (剩余).
public enum PartArea: Sendable, Equatable {
    case given(Area)
    case rest
}

/// A part as a clerk states it, before it is checked against the code list and the patch's area.
public struct DeterminationPartDraft: Sendable, Equatable {
    public let area: PartArea
    public let subtype: String
    public let documents: [String]

    public init(area: PartArea, subtype: String, documents: [String] = []) {
        self.area = area
        self.subtype = subtype
        self.documents = documents.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// 内业判定: the county's determination of a patch, checked against the code list and the patch's area.
/// Only `Determination.make` builds one, so a stored determination always satisfies the rules.
public struct Determination: Sendable, Equatable, Codable {
    public let parts: [DeterminationPart]
    public let note: String

    /// Parts' areas must add up to the patch's area within this (entered areas are rounded to 0.01 亩 ≈ 6.7 m²
    /// on forms; one square metre is well inside that and well above floating-point noise).
    public static let areaTolerance = Area(squareMetres: 1)

    /// The category a patch is reported under: 违法 if any part is illegal, else 合法 if any part is legal,
    /// else 其他. This is the stratum of the audit sample and the category of the patch count.
    public var reportedCategory: DeterminationCategory {
        let categories = Set(parts.map(\.category))
        if categories.contains(.illegal) { return .illegal }
        if categories.contains(.legal) { return .legal }
        return .other
    }

    public func area(of category: DeterminationCategory) -> Area {
        parts.filter { $0.category == category }.reduce(.zero) { $0 + $1.area }
    }

    /// Checks drafts against `codes` and the patch's area; `rest` takes what the given parts leave.
    public static func make(parts drafts: [DeterminationPartDraft], note: String = "", patchArea: Area,
                            codes: DeterminationCodeList) throws(EnforcementError) -> Determination {
        guard !drafts.isEmpty else { throw .rejected(subject: nil, .noDeterminationParts) }
        guard drafts.filter({ $0.area == .rest }).count <= 1 else { throw .rejected(subject: nil, .moreThanOneRestPart) }
        let given = drafts.reduce(Area.zero) { sum, draft in
            if case .given(let area) = draft.area { return sum + area }
            return sum
        }
        var parts: [DeterminationPart] = []
        for draft in drafts {
            guard let code = codes.lookup(draft.subtype) else { throw .rejected(subject: nil, .unknownSubtype(draft.subtype)) }
            if code.category == .legal, draft.documents.isEmpty {
                throw .rejected(subject: nil, .missingDocument(subtype: "\(code.code) \(code.name)", label: code.documentLabel ?? "批准文号"))
            }
            let area: Area
            switch draft.area {
            case .given(let value): area = value
            case .rest: area = patchArea - given
            }
            guard area.squareMetres > 0 else { throw .rejected(subject: nil, .nonPositivePart(subtype: code.name, area: area)) }
            parts.append(DeterminationPart(area: area, subtype: code, documents: draft.documents))
        }
        let total = parts.reduce(Area.zero) { $0 + $1.area }
        guard abs(total.squareMetres - patchArea.squareMetres) <= areaTolerance.squareMetres else {
            throw .rejected(subject: nil, .partsDoNotAddUp(parts: total, patch: patchArea))
        }
        return Determination(parts: parts, note: note)
    }

    private init(parts: [DeterminationPart], note: String) {
        self.parts = parts
        self.note = note
    }
}

/// 省级复核: the provincial auditor's own judgement of a sampled patch.
public struct AuditJudgement: Sendable, Equatable, Codable {
    public let subtype: DeterminationCode
    public let note: String

    public var category: DeterminationCategory { subtype.category }

    public static func make(subtype text: String, note: String, codes: DeterminationCodeList) throws(EnforcementError) -> AuditJudgement {
        guard let code = codes.lookup(text) else { throw .rejected(subject: nil, .unknownSubtype(text)) }
        return AuditJudgement(subtype: code, note: note)
    }

    private init(subtype: DeterminationCode, note: String) {
        self.subtype = subtype
        self.note = note
    }
}
