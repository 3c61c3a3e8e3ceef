import Geo

/// The outcome classes of pre-judgement (预判): a suggestion for the county, never a determination.
public enum PrejudgeVerdict: String, Sendable, Codable, CaseIterable {
    case suspectedLegal
    case suspectedIllegal
    case needsReview

    public var chineseName: String {
        switch self {
        case .suspectedLegal: return "疑似合法"
        case .suspectedIllegal: return "疑似违法"
        case .needsReview: return "待核查"
        }
    }

    /// Accepts the code name or the Chinese name.
    public init?(parsing text: String) {
        guard let verdict = Self.allCases.first(where: { $0.rawValue == text || $0.chineseName == text }) else { return nil }
        self = verdict
    }
}

/// How urgently a patch should be verified in the field.
public enum PatchPriority: String, Sendable, Codable, CaseIterable, Comparable {
    case low
    case medium
    case high

    public var chineseName: String {
        switch self {
        case .low: return "低"
        case .medium: return "中"
        case .high: return "高"
        }
    }

    public init?(parsing text: String) {
        guard let priority = Self.allCases.first(where: { $0.rawValue == text || $0.chineseName == text }) else { return nil }
        self = priority
    }

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One test on a patch's overlay with one kind of layer. Areas and shares are after the sliver tolerance.
public enum LayerTest: Sendable, Equatable {
    /// Overlaps the layer (true) or not (false).
    case touches(Bool)
    /// Share of the patch on the layer ≥ the value (0…1).
    case shareAtLeast(Double)
    /// Share of the patch on the layer < the value (0…1).
    case shareBelow(Double)
    /// Area on the layer ≥ the value.
    case areaAtLeast(Area)
    /// Cultivated (耕地, 01xx) area on a land-class layer ≥ the value.
    case cultivatedAtLeast(Area)
}

/// A test bound to a kind of layer.
public struct LayerCondition: Sendable, Equatable {
    public let kind: LayerKind
    public let test: LayerTest

    public init(kind: LayerKind, test: LayerTest) {
        self.kind = kind
        self.test = test
    }
}

/// A pre-judgement rule: when every condition holds, it fires.
public struct PrejudgeRule: Sendable, Equatable {
    public let id: String
    public let name: String
    public let conditions: [LayerCondition]
    public let verdict: PrejudgeVerdict
    /// The kind of legality or illegality suggested, e.g. 已批 or 占用永久基本农田.
    public let subtype: String?
    public let priority: PatchPriority

    public init(id: String, name: String, conditions: [LayerCondition], verdict: PrejudgeVerdict,
                subtype: String?, priority: PatchPriority) {
        self.id = id
        self.name = name
        self.conditions = conditions
        self.verdict = verdict
        self.subtype = subtype
        self.priority = priority
    }
}

/// Overlaps too small to mean anything (boundary slivers between layers digitised separately): an
/// overlap below either threshold counts as none.
public struct SliverTolerance: Sendable, Equatable {
    public let area: Area
    /// Share of the patch, 0…1.
    public let share: Double

    public init(area: Area, share: Double) {
        self.area = area
        self.share = share
    }
}

/// A validated rule set. Rules are tried in order: the first that fires decides; every rule that fires
/// is recorded, so a clerk sees all the reasons.
public struct PrejudgeRules: Sendable, Equatable {
    public let sliver: SliverTolerance
    /// Used when no rule fires.
    public let fallbackVerdict: PrejudgeVerdict
    public let fallbackPriority: PatchPriority
    public let rules: [PrejudgeRule]

    public init(sliver: SliverTolerance, fallbackVerdict: PrejudgeVerdict, fallbackPriority: PatchPriority, rules: [PrejudgeRule]) {
        self.sliver = sliver
        self.fallbackVerdict = fallbackVerdict
        self.fallbackPriority = fallbackPriority
        self.rules = rules
    }

    /// The layer kinds the rules need overlay results for.
    public var referencedKinds: Set<LayerKind> {
        Set(rules.flatMap { $0.conditions.map(\.kind) })
    }
}
