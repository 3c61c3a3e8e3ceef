/// One attribute value of a feature, as read from or written to a vector file.
public enum AttributeValue: Sendable, Hashable, CustomStringConvertible {
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
}
