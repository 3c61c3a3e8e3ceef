/// One attribute value of a feature, as read from or written to a vector file.
public enum AttributeValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case string(String)
    case integer(Int64)
    case real(Double)
    case null

    public var description: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .null: return ""
        }
    }

    /// The value as text, nil for null; numbers as they would be typed (6-digit codes stay codes).
    public var text: String? {
        switch self {
        case .null: return nil
        case .real(let d) where d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
        default: return description
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let i = try? container.decode(Int64.self) { self = .integer(i) }
        else if let d = try? container.decode(Double.self) { self = .real(d) }
        else { self = .string(try container.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .integer(let i): try container.encode(i)
        case .real(let d): try container.encode(d)
        case .null: try container.encodeNil()
        }
    }
}

