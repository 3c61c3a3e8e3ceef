import Foundation
import Hummingbird

/// JSON bodies as the API writes them: UTF-8, ISO 8601 dates, keys sorted so responses are stable.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `value` (which encodes as an object) with more members whose values are JSON texts written
    /// elsewhere (GeoJSON from GEOS), added after its own.
    static func make(_ value: some Encodable, adding members: [(key: String, json: String)]) throws -> Response {
        var data = try encoder.encode(value)
        guard data.last == UInt8(ascii: "}") else { return try make(value) }
        data.removeLast()
        for member in members {
            if data.count > 1 { data.append(UInt8(ascii: ",")) }
            data.append(contentsOf: Array("\"\(member.key)\":".utf8))
            data.append(contentsOf: Array(member.json.utf8))
        }
        data.append(UInt8(ascii: "}"))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
