import Foundation

/// JSON text written value by value, for the answers served most (the patch list): Foundation's
/// JSONEncoder was over half of a list request's CPU (perf; bench/RESULTS.md). Output matches
/// `JSONResponse`: keys in the order written (callers write them sorted), slashes unescaped.
///
/// Objects are written as `beginObject()`, then `key(_:)` before each value, then `endObject()`;
/// commas are placed by the writer. The text is kept as UTF-8 bytes: appending to a `String` checks
/// every piece as Unicode, which was half the writer's time.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// True when the next key or array element needs a comma before it.
    private var afterValue = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func key(_ name: String) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        afterValue = false
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func string(_ value: String) { element { $0.quoted(value) } }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { element { $0.bytes.append(contentsOf: "null".utf8) } }
    }

    /// Shortest round-trip digits; a non-finite value (never an area) as null.
    mutating func number(_ value: Double) { element { $0.bytes.append(contentsOf: (value.isFinite ? value.description : "null").utf8) } }
    mutating func number(_ value: Int) { element { $0.bytes.append(contentsOf: String(value).utf8) } }
    mutating func bool(_ value: Bool) { element { $0.bytes.append(contentsOf: (value ? "true" : "false").utf8) } }

    private mutating func open(_ bracket: UInt8) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        bytes.append(bracket)
        afterValue = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        afterValue = true
    }

    /// A scalar value: in an array it follows a comma; after a key it does not (the key reset the flag).
    private mutating func element(_ write: (inout JSONWriter) -> Void) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        write(&self)
        afterValue = true
    }

    /// UTF-8 passes through; quotes, backslashes and control characters are escaped.
    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case ..<0x20: bytes.append(contentsOf: String(format: #"\u%04x"#, byte).utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
