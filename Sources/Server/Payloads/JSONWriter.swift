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

    /// A key is one of our own field names, written in the source: it is copied as it stands, unescaped.
    mutating func key(_ name: StaticString) {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        afterValue = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: #"":"#.utf8)
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

    /// UTF-8 passes through; quotes, backslashes and control characters are escaped. Runs of bytes that
    /// need no escape (nearly every string) are copied whole rather than byte by byte.
    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                bytes.append(contentsOf: Self.escape(byte).utf8)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): #"\""#
        case UInt8(ascii: "\\"): #"\\"#
        case UInt8(ascii: "\n"): #"\n"#
        case UInt8(ascii: "\r"): #"\r"#
        case UInt8(ascii: "\t"): #"\t"#
        default: String(format: #"\u%04x"#, byte)
        }
    }
}
