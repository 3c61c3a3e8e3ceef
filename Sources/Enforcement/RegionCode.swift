import Foundation

/// 行政区划代码: a region's code. GB/T 2260 codes are 6 digits (44 province → 440000, 4401 city →
/// 440100, 440103 county); 2- and 4-digit forms are padded to 6. Other coding schemes (letters and
/// digits, up to 12) are kept as given, without a derived level.
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ text: String) throws {
        // Codes read back from the store are already clean: checked byte by byte, without Foundation's trimming.
        let isClean = (2...12).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
        let trimmed = isClean ? text : text.trimmingCharacters(in: .whitespaces)
        guard isClean || ((2...12).contains(trimmed.count) && trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })) else {
            throw EnforcementError.invalidRegionCode(text)
        }
        let allDigits = trimmed.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        if allDigits, trimmed.count == 2 || trimmed.count == 4 {
            rawValue = trimmed + String(repeating: "0", count: 6 - trimmed.count)
        } else {
            rawValue = trimmed
        }
    }

    public init(from decoder: Decoder) throws {
        try self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (a: RegionCode, b: RegionCode) -> Bool { a.rawValue < b.rawValue }

    private var isGB: Bool { rawValue.utf8.count == 6 && rawValue.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }

    /// Province, city or county for a GB/T 2260 code; nil for other schemes.
    public var level: RegionLevel? {
        guard isGB else { return nil }
        if rawValue.hasSuffix("0000") { return .province }
        if rawValue.hasSuffix("00") { return .city }
        return .county
    }

    /// The prefix every code inside this region starts with: 44 for 440000, 4401 for 440100, the whole code otherwise.
    public var containmentPrefix: Substring {
        switch level {
        case .province: return rawValue.prefix(2)
        case .city: return rawValue.prefix(4)
        default: return Substring(rawValue)
        }
    }

    /// The enclosing GB region (county → city → province); nil for a province or a non-GB code.
    public var parent: RegionCode? {
        switch level {
        case .county: return try? RegionCode(String(rawValue.prefix(4)))
        case .city: return try? RegionCode(String(rawValue.prefix(2)))
        default: return nil
        }
    }

    /// The city a county belongs to; any other region stands for itself (the level audits and subtotals group by).
    public var enclosingCity: RegionCode {
        level == .county ? parent ?? self : self
    }

    /// True when this region is `other` or lies inside it (440103 is within 440100 and 440000;
    /// for other schemes, a longer code extending a shorter one lies within it).
    public func isWithin(_ other: RegionCode) -> Bool {
        if self == other { return true }
        switch other.level {
        case .province, .city: return rawValue.hasPrefix(other.containmentPrefix)
        default: return rawValue.count > other.rawValue.count && rawValue.hasPrefix(other.rawValue)
        }
    }
}

/// The three administrative levels that run enforcement monitoring.
public enum RegionLevel: String, Sendable, Codable, CaseIterable {
    case province, city, county

    public var chineseName: String {
        switch self {
        case .province: return "省"
        case .city: return "市"
        case .county: return "县"
        }
    }
}
