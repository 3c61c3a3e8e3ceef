import Foundation
import Geo

/// What pre-judgement knows of a patch: its area and, per layer kind, its overlay.
public struct PrejudgeFacts: Sendable, Equatable {
    public let patchArea: Area
    /// Per kind; with several layers of one kind, the one the patch overlaps most (layers of one kind
    /// may overlap each other, so their areas cannot be added).
    public let layers: [LayerKind: LayerFacts]

    public init(patchArea: Area, layers: [LayerKind: LayerFacts]) {
        self.patchArea = patchArea
        self.layers = layers
    }

    /// Facts from per-layer results, keeping per kind the largest overlap.
    public init(patchArea: Area, measured: [(kind: LayerKind, facts: LayerFacts)]) {
        var layers: [LayerKind: LayerFacts] = [:]
        for (kind, facts) in measured where facts.area > (layers[kind]?.area ?? Area(squareMetres: -1)) {
            layers[kind] = facts
        }
        self.init(patchArea: patchArea, layers: layers)
    }
}

/// A patch's overlay with one layer kind.
public struct LayerFacts: Sendable, Equatable {
    public let area: Area
    /// 0…1 of the patch.
    public let share: Double
    /// The cultivated (01xx) part, for land-class layers.
    public let cultivatedArea: Area

    public init(area: Area, share: Double, cultivatedArea: Area = .zero) {
        self.area = area
        self.share = share
        self.cultivatedArea = cultivatedArea
    }

    public static let none = LayerFacts(area: .zero, share: 0)
}

/// The pre-judgement of a patch: the verdict, the rule that decided it (nil when none fired) and every
/// rule that fired with its reasons in Chinese.
public struct Prejudgement: Sendable, Equatable, Codable {
    public let verdict: PrejudgeVerdict
    public let subtype: String?
    public let priority: PatchPriority
    public let decidingRule: String?
    public let fired: [FiredRule]

    public init(verdict: PrejudgeVerdict, subtype: String?, priority: PatchPriority, decidingRule: String?, fired: [FiredRule]) {
        self.verdict = verdict
        self.subtype = subtype
        self.priority = priority
        self.decidingRule = decidingRule
        self.fired = fired
    }
}

public struct FiredRule: Sendable, Equatable, Codable {
    public let id: String
    public let name: String
    /// One sentence per condition, with the measured values, e.g. "批准用地 占图斑 97.0% ≥ 95%".
    public let reasons: [String]

    public init(id: String, name: String, reasons: [String]) {
        self.id = id
        self.name = name
        self.reasons = reasons
    }
}

extension PrejudgeRules {
    /// Applies the rules to one patch. Pure: the same facts and rules always give the same result.
    public func judge(_ facts: PrejudgeFacts) -> Prejudgement {
        var fired: [FiredRule] = []
        var deciding: PrejudgeRule?
        for rule in rules {
            var reasons: [String] = []
            let holds = rule.conditions.allSatisfy { condition in
                let layer = effective(facts.layers[condition.kind] ?? .none)
                guard condition.test.holds(for: layer) else { return false }
                reasons.append(condition.reason(layer))
                return true
            }
            guard holds else { continue }
            fired.append(FiredRule(id: rule.id, name: rule.name, reasons: reasons))
            if deciding == nil { deciding = rule }
        }
        guard let rule = deciding else {
            return Prejudgement(verdict: fallbackVerdict, subtype: nil, priority: fallbackPriority, decidingRule: nil, fired: [])
        }
        return Prejudgement(verdict: rule.verdict, subtype: rule.subtype, priority: rule.priority, decidingRule: rule.id, fired: fired)
    }

    /// An overlap under the sliver tolerance counts as none.
    private func effective(_ layer: LayerFacts) -> LayerFacts {
        layer.area < sliver.area || layer.share < sliver.share ? .none : layer
    }
}

extension LayerTest {
    func holds(for layer: LayerFacts) -> Bool {
        switch self {
        case .touches(let wanted): return (layer.area > .zero) == wanted
        case .shareAtLeast(let value): return layer.share >= value
        case .shareBelow(let value): return layer.share < value
        case .areaAtLeast(let value): return layer.area >= value
        case .cultivatedAtLeast(let value): return layer.cultivatedArea >= value
        }
    }
}

extension LayerCondition {
    /// Why the condition holds, with the measured value, in Chinese.
    func reason(_ layer: LayerFacts) -> String {
        let name = kind.chineseName
        switch test {
        case .touches(true):
            return "压占\(name) \(layer.area.muText) 亩（\(Self.percent(layer.share))）"
        case .touches(false):
            return "未压占\(name)"
        case .shareAtLeast(let value):
            return "\(name)占图斑 \(Self.percent(layer.share)) ≥ \(Self.percent(value))"
        case .shareBelow(let value):
            return "\(name)占图斑 \(Self.percent(layer.share)) < \(Self.percent(value))"
        case .areaAtLeast(let value):
            return "压占\(name) \(layer.area.muText) 亩 ≥ \(value.muText) 亩"
        case .cultivatedAtLeast(let value):
            return "占用耕地 \(layer.cultivatedArea.muText) 亩 ≥ \(value.muText) 亩"
        }
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }
}
