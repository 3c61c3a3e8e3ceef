import Foundation

/// JSON text written value by value, for the answers served most (the patch list): Foundation's
/// JSONEncoder was over half of a list request's CPU (perf; bench/RESULTS.md). Output matches
/// `JSONResponse`: keys in the order written (callers write them sorted), slashes unescaped.
struct JSONWriter {
    private(set) var text = ""

    init(capacity: Int) { text.reserveCapacity(capacity) }

    mutating func string(_ value: String) {
        text.append("\"")
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case _ where scalar.value < 0x20: text.append(String(format: "\\u%04x", scalar.value))
            default: text.unicodeScalars.append(scalar)
            }
        }
        text.append("\"")
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { text.append("null") }
    }

    /// Shortest round-trip digits; a non-finite value (never an area) as null.
    mutating func number(_ value: Double) {
        text.append(value.isFinite ? value.description : "null")
    }

    mutating func number(_ value: Int) { text.append(String(value)) }
    mutating func bool(_ value: Bool) { text.append(value ? "true" : "false") }

    /// `{"k1":…,"k2":…}`: each field writes its key, then `value` writes the value.
    mutating func object(_ fields: [(String, (inout JSONWriter) -> Void)]) {
        text.append("{")
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { text.append(",") }
            string(key)
            text.append(":")
            value(&self)
        }
        text.append("}")
    }

    mutating func array<T>(_ items: [T], _ write: (inout JSONWriter, T) -> Void) {
        text.append("[")
        for (index, item) in items.enumerated() {
            if index > 0 { text.append(",") }
            write(&self, item)
        }
        text.append("]")
    }

    mutating func null() { text.append("null") }
}
