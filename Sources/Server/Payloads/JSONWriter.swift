import Foundation

/// JSON text written value by value, for the answers served most (the patch list): Foundation's
/// JSONEncoder was over half of a list request's CPU (perf; bench/RESULTS.md). Output matches
/// `JSONResponse`: keys in the order written (callers write them sorted), slashes unescaped.
///
/// Objects are written as `beginObject()`, then `key(_:)` before each value, then `endObject()`;
/// commas are placed by the writer.
struct JSONWriter {
    private(set) var text = ""
    /// True when the next key or array element needs a comma before it.
    private var afterValue = false

    init(capacity: Int) { text.reserveCapacity(capacity) }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        if afterValue { text.append(",") }
        afterValue = false
        quoted(name)
        text.append(":")
    }

    mutating func string(_ value: String) { element { $0.quoted(value) } }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { element { $0.text.append("null") } }
    }

    /// Shortest round-trip digits; a non-finite value (never an area) as null.
    mutating func number(_ value: Double) { element { $0.text.append(value.isFinite ? value.description : "null") } }
    mutating func number(_ value: Int) { element { $0.text.append(String(value)) } }
    mutating func bool(_ value: Bool) { element { $0.text.append(value ? "true" : "false") } }

    private mutating func open(_ bracket: String) {
        if afterValue { text.append(",") }
        text.append(bracket)
        afterValue = false
    }

    private mutating func close(_ bracket: String) {
        text.append(bracket)
        afterValue = true
    }

    /// A scalar value: in an array it follows a comma; after a key it does not (the key reset the flag).
    private mutating func element(_ write: (inout JSONWriter) -> Void) {
        if afterValue { text.append(",") }
        write(&self)
        afterValue = true
    }

    /// Codes, dates and most names need no escaping: they are appended whole.
    private mutating func quoted(_ value: String) {
        text.append("\"")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            text.append(value)
        } else {
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
        }
        text.append("\"")
    }
}
