import Foundation
import Testing
@testable import Server

@Suite("The patch list's hand-written JSON")
struct JSONWriterTests {
    /// Two rows: one with every field and text that needs escaping, one with every optional field absent.
    private func payload() throws -> PatchListPayload {
        let rows: [[String: Any]] = [
            ["batch": "2024\"Q1\\", "code": "A/1\n\t\u{01}东岭", "county": "449901",
             "area": ["squareMetres": 1234.5678, "mu": 1.85185170000000001, "hectares": 0.12345678],
             "afterDate": "2024-03-20", "status": ["code": "assigned", "name": "待核查"], "version": 3, "due": "2024-05-01",
             "category": ["code": "illegal", "name": "违法"], "verdict": ["code": "suspectedIllegal", "name": "疑似违法"],
             "priority": ["code": "high", "name": "高"], "bbox": [113.3, 23.1, 113.301, 23.101]],
            ["batch": "2024Q1", "code": "B1", "area": ["squareMetres": 1e-7, "mu": 0, "hectares": 0],
             "status": ["code": "unassigned", "name": "待下发"], "version": 0],
        ]
        let items = try rows.map { try JSONDecoder().decode(PatchListItemPayload.self, from: JSONSerialization.data(withJSONObject: $0)) }
        return PatchListPayload(items: items, total: 10_000, totalCapped: true, limit: 50, offset: 100)
    }

    @Test("Decoding the hand-written text gives back the payload, escapes and absent fields included")
    func roundTrip() throws {
        let original = try payload()
        #expect(try JSONDecoder().decode(PatchListPayload.self, from: Data(original.json)) == original)
    }

    @Test("The hand-written text is the same JSON value Foundation's encoder writes")
    func sameAsEncoder() throws {
        let original = try payload()
        let written = try JSONSerialization.jsonObject(with: Data(original.json)) as? NSDictionary
        let encoded = try JSONSerialization.jsonObject(with: JSONResponse.encoder.encode(original)) as? NSDictionary
        #expect(written != nil && written == encoded)
    }
}
