/// Which editable file an error is about.
public enum RulesDocument: Sendable, Equatable {
    /// 预判规则
    case prejudgeRules
    /// 判定代码表
    case determinationCodes

    var names: (chinese: String, english: String) {
        switch self {
        case .prejudgeRules: return ("预判规则", "pre-judgement rules")
        case .determinationCodes: return ("判定代码表", "determination code list")
        }
    }
}

/// The one error type of `Prejudge`: a rules or code-list file that cannot be used, with where and why.
public struct RulesError: Error, Equatable, Sendable, CustomStringConvertible {
    public let document: RulesDocument
    /// The file (or "默认规则" for the shipped rules).
    public let source: String
    /// 1-based line, when known.
    public let line: Int?
    public let chinese: String
    public let english: String

    public init(source: String, line: Int?, chinese: String, english: String, document: RulesDocument = .prejudgeRules) {
        self.document = document
        self.source = source
        self.line = line
        self.chinese = chinese
        self.english = english
    }

    public var description: String {
        let place = line.map { "\(source) 第 \($0) 行" } ?? source
        let englishPlace = line.map { "\(source) line \($0)" } ?? source
        let (chineseName, englishName) = document.names
        return "\(chineseName)有误（\(place)）：\(chinese) / Invalid \(englishName) (\(englishPlace)): \(english)"
    }
}
