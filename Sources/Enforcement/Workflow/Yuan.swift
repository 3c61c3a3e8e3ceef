import Foundation

/// An amount of money in 元, held exactly as whole 分 (0.01 元) so that fines add up to the fen.
public struct Yuan: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// Parses 12345, 12345.6 or 12,345.67 (元); nil for anything else or more than two decimals.
    public init?(_ text: String) {
        let cleaned = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        // ASCII digits only: Character.isNumber also admits ５, ½ or 五, which Int64 cannot read.
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(isDigit),
              let whole = Int64(parts[0]) else { return nil }
        var (fen, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        if parts.count == 2 {
            let decimals = parts[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy(isDigit),
                  let cents = Int64(decimals.count == 1 ? decimals + "0" : String(decimals)) else { return nil }
            (fen, overflow) = fen.addingReportingOverflow(cents)
            guard !overflow else { return nil }
        }
        self.fen = fen
    }

    public init(from decoder: Decoder) throws {
        fen = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fen)
    }

    public static let zero = Yuan(fen: 0)

    /// In 元, for reports; exact up to 2^53 分.
    public var yuan: Double { Double(fen) / 100 }

    /// 12345.60
    public var description: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public static func < (a: Yuan, b: Yuan) -> Bool { a.fen < b.fen }
    public static func + (a: Yuan, b: Yuan) -> Yuan { Yuan(fen: a.fen + b.fen) }
}
