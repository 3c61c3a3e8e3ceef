import Enforcement
import Yams

/// Reads a determination code list (YAML, see `DefaultDeterminationCodes`): every entry needs a unique
/// code and name and a category; legal entries need the name of the document they cite, and 其他 entries
/// may say `no_change: true` (the ground did not change; see `DeterminationCodeList.noChangeCodes`).
public enum DeterminationCodesFile {
    public static func load(path: String) throws -> DeterminationCodeList {
        try parse(yaml: try Reader.text(path: path, document: .determinationCodes), source: path)
    }

    public static func parse(yaml: String, source: String) throws -> DeterminationCodeList {
        let reader = Reader(source: source, document: .determinationCodes)
        let root = try reader.root(yaml)
        let top = try reader.mapping(root, "代码表", allowed: ["version", "codes"])
        guard let version = top["version"], version.int == 1 else {
            throw reader.error(top["version"] ?? root, "缺少 version: 1 或版本不支持", "missing or unsupported version (expected 1)")
        }
        guard let list = top["codes"], case .sequence(let entries) = list, !entries.isEmpty else {
            throw reader.error(top["codes"] ?? root, "codes 应为非空列表", "codes must be a non-empty list")
        }
        var codes: [DeterminationCode] = []
        var noChangeCodes: Set<String> = []
        for entry in entries {
            let fields = try reader.mapping(entry, "代码项", allowed: ["code", "name", "category", "document", "no_change"])
            guard let code = fields["code"]?.string, !code.isEmpty else { throw reader.error(entry, "缺少 code", "missing code") }
            guard let name = fields["name"]?.string, !name.isEmpty else { throw reader.error(entry, "\(code) 缺少 name", "\(code) has no name") }
            guard let categoryNode = fields["category"], let category = categoryNode.string.flatMap(DeterminationCategory.init(text:)) else {
                throw reader.error(fields["category"] ?? entry, "\(code) 的 category 应为 合法、违法 或 其他",
                                   "\(code): category must be 合法 (legal), 违法 (illegal) or 其他 (other)")
            }
            let document = fields["document"]?.string
            if category == .legal, document?.isEmpty ?? true {
                throw reader.error(entry, "合法子类 \(code) \(name) 必须写明 document（如 批准文号）",
                                   "legal sub-type \(code) \(name) needs a document label (e.g. 批准文号)")
            }
            if codes.contains(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame || $0.name == name }) {
                throw reader.error(entry, "代码 \(code) 或名称 \(name) 重复", "duplicate code \(code) or name \(name)")
            }
            if let flag = fields["no_change"] {
                guard let noChange = flag.bool else {
                    throw reader.error(flag, "\(code) 的 no_change 应为 true 或 false", "\(code): no_change must be true or false")
                }
                if noChange, category != .other {
                    throw reader.error(flag, "只有“其他”类可以标 no_change（\(code) \(name) 是\(category.chineseName)）",
                                       "only 其他 (other) sub-types can be no_change; \(code) \(name) is \(category.chineseName)")
                }
                if noChange { noChangeCodes.insert(code) }
            }
            codes.append(DeterminationCode(code: code, name: name, category: category, documentLabel: category == .legal ? document : nil))
        }
        return DeterminationCodeList(codes: codes, noChangeCodes: noChangeCodes)
    }

    /// The shipped list, parsed once; the tests check it parses.
    public static let defaults: DeterminationCodeList = try! parse(yaml: DefaultDeterminationCodes.yaml, source: "默认代码表")
}
