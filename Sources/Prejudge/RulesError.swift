/// The one error type of `Prejudge`: a rules file that cannot be used, with where and why.
public struct RulesError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (or "默认规则" for the shipped rules).
    public let source: String
    /// 1-based line, when known.
    public let line: Int?
    public let chinese: String
    public let english: String

    public init(source: String, line: Int?, chinese: String, english: String) {
        self.source = source
        self.line = line
        self.chinese = chinese
        self.english = english
    }

    public var description: String {
        let place = line.map { "\(source) 第 \($0) 行" } ?? source
        let englishPlace = line.map { "\(source) line \($0)" } ?? source
        return "预判规则有误（\(place)）：\(chinese) / Invalid pre-judgement rules (\(englishPlace)): \(english)"
    }
}
