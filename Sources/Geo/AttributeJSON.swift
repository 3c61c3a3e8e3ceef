import Foundation

/// Attributes as a JSON object that keeps each value's type: reals are always written with a
/// decimal point or exponent (400.0, not 400), so a real read back stays a real. `JSONEncoder`
/// cannot do this, which would turn a whole-number TBMJ into an integer.
public enum AttributeJSON {
    public static func encode(_ attributes: [String: AttributeValue]) -> String {
        var out = "{"
        for (i, key) in attributes.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            out += quoted(key) + ":"
            switch attributes[key]! {
            case .null: out += "null"
            case .string(let s): out += quoted(s)
            case .integer(let n): out += String(n)
            case .real(let d): out += d.isFinite ? d.description : "null"
            }
        }
        return out + "}"
    }

    /// Parses what `encode` wrote (or any flat JSON object of strings, numbers and nulls).
    public static func decode(_ text: String) throws -> [String: AttributeValue] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw GeoError.malformedGeoJSON("attributes are not a JSON object")
        }
        var attributes: [String: AttributeValue] = [:]
        for (key, value) in object {
            switch value {
            case is NSNull: attributes[key] = .null
            case let s as String: attributes[key] = .string(s)
            case let n as NSNumber:
                let type = String(cString: n.objCType)
                attributes[key] = type == "d" || type == "f" ? .real(n.doubleValue) : .integer(n.int64Value)
            default: attributes[key] = .string("\(value)")
            }
        }
        return attributes
    }

    /// A JSON string literal (RFC 8259 escaping).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
