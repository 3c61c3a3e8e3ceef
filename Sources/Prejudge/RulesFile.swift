import Enforcement
import Foundation
import Geo
import Yams

/// Reads a pre-judgement rules file (YAML, see `DefaultRules`) into validated `PrejudgeRules`.
/// Everything is checked before any patch is judged: unknown keys, layer kinds, verdicts and
/// priorities, shares outside 0…1, duplicate ids, rules without conditions; each error names the line.
public enum RulesFile {
    public static func load(path: String) throws -> PrejudgeRules {
        try parse(yaml: try Reader.text(path: path, document: .prejudgeRules), source: path)
    }

    public static func parse(yaml: String, source: String) throws -> PrejudgeRules {
        let reader = Reader(source: source, document: .prejudgeRules)
        return try reader.rules(try reader.root(yaml))
    }

    /// The shipped rules, parsed once. They are checked by the tests: failing here is a build defect.
    public static let defaults: PrejudgeRules = try! parse(yaml: DefaultRules.yaml, source: "默认规则")
}

/// Walks the YAML tree, keeping the source name for errors.
struct Reader {
    let source: String
    let document: RulesDocument

    /// The file's text; errors when it is missing or not UTF-8.
    static func text(path: String, document: RulesDocument) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RulesError(source: path, line: nil, chinese: "文件不存在或无法读取", english: "the file does not exist or cannot be read", document: document)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RulesError(source: path, line: nil, chinese: "文件不是 UTF-8 文本", english: "the file is not UTF-8 text", document: document)
        }
        return text
    }

    /// The YAML tree; errors for an empty file or bad syntax, with the line.
    func root(_ yaml: String) throws -> Node {
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw error(nil, "文件为空", "the file is empty") }
            return node
        } catch let error as YamlError {
            throw syntaxError(error)
        }
    }

    func error(_ node: Node?, _ chinese: String, _ english: String) -> RulesError {
        RulesError(source: source, line: node?.mark?.line, chinese: chinese, english: english, document: document)
    }

    func syntaxError(_ error: YamlError) -> RulesError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RulesError(source: source, line: mark.line, chinese: "YAML 格式错误：\(problem)", english: "YAML syntax error: \(problem)", document: document)
        default:
            return RulesError(source: source, line: nil, chinese: "YAML 格式错误：\(error)", english: "YAML syntax error: \(error)", document: document)
        }
    }

    func rules(_ root: Node) throws -> PrejudgeRules {
        let top = try mapping(root, "规则文件", allowed: ["version", "sliver", "fallback", "rules"])
        guard let version = top["version"] else { throw error(root, "缺少 version: 1", "missing version: 1") }
        guard version.int == 1 else { throw error(version, "不支持的版本 \(version.string ?? "")，应为 1", "unsupported version \(version.string ?? ""); expected 1") }
        let sliver = try top["sliver"].map(self.sliver) ?? SliverTolerance(area: .zero, share: 0)
        var fallbackVerdict = PrejudgeVerdict.needsReview, fallbackPriority = PatchPriority.medium
        if let fallback = top["fallback"] {
            let fields = try mapping(fallback, "fallback", allowed: ["verdict", "priority"])
            if let node = fields["verdict"] { fallbackVerdict = try verdict(node) }
            if let node = fields["priority"] { fallbackPriority = try priority(node) }
        }
        guard let list = top["rules"], case .sequence(let sequence) = list, !sequence.isEmpty else {
            throw error(top["rules"] ?? root, "rules 应为至少一条规则的列表", "rules must be a list of at least one rule")
        }
        var seen: Set<String> = []
        let parsed = try sequence.map { node -> PrejudgeRule in
            let rule = try self.rule(node)
            guard seen.insert(rule.id).inserted else {
                throw error(node, "规则编号 \(rule.id) 重复", "duplicate rule id \(rule.id)")
            }
            return rule
        }
        return PrejudgeRules(sliver: sliver, fallbackVerdict: fallbackVerdict, fallbackPriority: fallbackPriority, rules: parsed)
    }

    private func sliver(_ node: Node) throws -> SliverTolerance {
        let fields = try mapping(node, "sliver", allowed: ["area_m2", "share"])
        let area = try fields["area_m2"].map { try number($0, "sliver.area_m2", range: 0...Double.greatestFiniteMagnitude) } ?? 0
        let share = try fields["share"].map { try number($0, "sliver.share", range: 0...1) } ?? 0
        return SliverTolerance(area: Area(squareMetres: area), share: share)
    }

    private func rule(_ node: Node) throws -> PrejudgeRule {
        let fields = try mapping(node, "规则", allowed: ["id", "name", "when", "verdict", "subtype", "priority"])
        guard let idNode = fields["id"], let id = idNode.string, !id.isEmpty else {
            throw error(node, "规则缺少 id", "a rule has no id")
        }
        guard let when = fields["when"] else { throw error(node, "规则 \(id) 缺少 when 条件", "rule \(id) has no when conditions") }
        let conditionFields = try mapping(when, "when", allowed: nil)
        guard !conditionFields.pairs.isEmpty else { throw error(when, "规则 \(id) 的 when 为空", "rule \(id) has empty conditions") }
        var conditions: [LayerCondition] = []
        for (key, value) in conditionFields.pairs {
            guard let kind = try? LayerKind(parsing: key.string ?? "") else {
                let known = LayerKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw error(key, "未知的图层类型「\(key.string ?? "")」，可用：\(known)", "unknown layer kind \(key.string ?? ""); known: \(known)")
            }
            let tests = try mapping(value, "\(kind.rawValue)", allowed: LayerTestKey.allCases.map(\.rawValue))
            guard !tests.pairs.isEmpty else { throw error(value, "\(kind.chineseName) 下没有检验", "no test under \(kind.rawValue)") }
            for (testKey, testValue) in tests.pairs {
                conditions.append(LayerCondition(kind: kind, test: try test(LayerTestKey(rawValue: testKey.string!)!, testValue, kind)))
            }
        }
        guard let verdictNode = fields["verdict"] else { throw error(node, "规则 \(id) 缺少 verdict", "rule \(id) has no verdict") }
        return PrejudgeRule(id: id, name: fields["name"]?.string ?? id, conditions: conditions, verdict: try verdict(verdictNode),
                            subtype: fields["subtype"]?.string, priority: try fields["priority"].map(priority) ?? .medium)
    }

    private func test(_ key: LayerTestKey, _ node: Node, _ kind: LayerKind) throws -> LayerTest {
        switch key {
        case .touches:
            guard let value = node.bool else { throw error(node, "touches 应为 true 或 false", "touches must be true or false") }
            return .touches(value)
        case .shareAtLeast:
            return .shareAtLeast(try number(node, key.rawValue, range: 0...1))
        case .shareBelow:
            return .shareBelow(try number(node, key.rawValue, range: 0...1))
        case .areaMuAtLeast:
            return .areaAtLeast(Area(mu: try number(node, key.rawValue, range: 0...Double.greatestFiniteMagnitude)))
        case .cultivatedMuAtLeast:
            guard kind == .cultivatedLand else {
                throw error(node, "cultivated_mu_at_least 只适用于 cultivatedLand（三调地类）", "cultivated_mu_at_least applies to cultivatedLand only")
            }
            return .cultivatedAtLeast(Area(mu: try number(node, key.rawValue, range: 0...Double.greatestFiniteMagnitude)))
        }
    }

    private func verdict(_ node: Node) throws -> PrejudgeVerdict {
        guard let verdict = node.string.flatMap(PrejudgeVerdict.init(parsing:)) else {
            let known = PrejudgeVerdict.allCases.map(\.chineseName).joined(separator: "、")
            throw error(node, "未知的结论「\(node.string ?? "")」，可用：\(known)",
                        "unknown verdict \(node.string ?? ""); known: \(PrejudgeVerdict.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return verdict
    }

    private func priority(_ node: Node) throws -> PatchPriority {
        guard let priority = node.string.flatMap(PatchPriority.init(parsing:)) else {
            throw error(node, "未知的优先级「\(node.string ?? "")」，可用：高、中、低", "unknown priority \(node.string ?? ""); known: high, medium, low")
        }
        return priority
    }

    private func number(_ node: Node, _ name: String, range: ClosedRange<Double>) throws -> Double {
        guard let value = node.float, value.isFinite, range.contains(value) else {
            let bounds = range.upperBound == 1 ? "0 到 1 之间的小数（如 0.95）" : "不小于 0 的数"
            throw error(node, "\(name) 应为\(bounds)，而不是「\(node.string ?? "")」",
                        "\(name) must be \(range.upperBound == 1 ? "a number from 0 to 1 (e.g. 0.95)" : "a number ≥ 0"), not \(node.string ?? "")")
        }
        return value
    }

    /// A mapping's pairs by key, refusing keys outside `allowed` (nil: any key) and duplicates.
    func mapping(_ node: Node, _ what: String, allowed: [String]?) throws -> Fields {
        guard case .mapping(let mapping) = node else {
            throw error(node, "\(what) 应为键值映射", "\(what) must be a mapping")
        }
        var fields = Fields()
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, "\(what) 的键应为文字", "keys of \(what) must be text") }
            if let allowed, !allowed.contains(name) {
                throw error(key, "\(what) 中未知的键「\(name)」，可用：\(allowed.joined(separator: ", "))",
                            "unknown key \(name) in \(what); known: \(allowed.joined(separator: ", "))")
            }
            guard fields[name] == nil else { throw error(key, "\(what) 中的键「\(name)」重复", "duplicate key \(name) in \(what)") }
            fields.pairs.append((key, value))
        }
        return fields
    }
}

/// The keys of a mapping in file order.
struct Fields {
    var pairs: [(key: Node, value: Node)] = []

    subscript(name: String) -> Node? {
        pairs.first { $0.key.string == name }?.value
    }
}

/// The test names a layer condition may use.
private enum LayerTestKey: String, CaseIterable {
    case touches
    case shareAtLeast = "share_at_least"
    case shareBelow = "share_below"
    case areaMuAtLeast = "area_mu_at_least"
    case cultivatedMuAtLeast = "cultivated_mu_at_least"
}
