import Enforcement
import Foundation
import Geo
import GRDB

/// Conversions between stored columns and domain values, in one place.
enum RowCoding {
    static func attributes(_ json: String, table: String, id: Int64) throws -> [String: AttributeValue] {
        do {
            return try AttributeJSON.decode(json)
        } catch {
            throw StoreError.corruptRow(table: table, id: String(id), detail: "attributes: \(error)")
        }
    }

    static func geometry(_ row: Row, table: String) throws -> Geometry {
        try geometry(wkb: [UInt8](row["geometry"] as Data), table: table, id: row["id"])
    }

    /// A stored WKB column's bytes; `id` names the row in the error.
    static func geometry(wkb: [UInt8], table: String, id: Int64?) throws -> Geometry {
        do {
            return try Geometry(wkb: wkb)
        } catch {
            throw StoreError.corruptRow(table: table, id: String(describing: id), detail: "\(error)")
        }
    }

    /// The envelope of stored WKB without building the geometry (`WKB.envelope(of:)`).
    static func envelope(wkb: [UInt8], table: String, id: Int64) throws -> Envelope? {
        do {
            return try WKB.envelope(of: wkb)
        } catch {
            throw StoreError.corruptRow(table: table, id: String(id), detail: "\(error)")
        }
    }

    static func regionCode(_ text: String?) -> RegionCode? {
        text.flatMap { try? RegionCode($0) }
    }

    /// The SQL condition on `p.county` (the county a patch answers to) for "inside `region`". A county
    /// is one value: equality lets the (county, batch, code) index hand rows over in list order. Larger
    /// regions are code ranges; region codes are ASCII letters and digits, all below "~", so
    /// [prefix, prefix~) is everything inside.
    static func countyCondition(inside region: RegionCode, column: String = "p.county") -> (sql: String, values: [String]) {
        if region.level == .county { return ("\(column) = ?", [region.rawValue]) }
        let prefix = String(region.containmentPrefix)
        return ("\(column) >= ? AND \(column) < ?", [prefix, prefix + "~"])
    }

    static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func date(_ text: String) -> Date { (try? timestamp.parse(text)) ?? Date(timeIntervalSince1970: 0) }

    static func text(_ date: Date) -> String { timestamp.format(date) }

    /// The exact envelope test after an R*Tree query: SQLite's R*Tree keeps boxes as 32-bit floats
    /// rounded outwards, so it may return features up to ~1e-5° outside the query box.
    static func meets(_ geometry: Geometry, _ envelope: Envelope?) -> Bool {
        guard let envelope else { return true }
        return geometry.envelope.map { $0.intersects(envelope) } ?? false
    }

    /// Writes the R*Tree row for `id`, replacing any previous box.
    static func index(_ db: Database, table: String, id: Int64, envelope: Envelope?) throws {
        guard let e = envelope else { return }
        try db.execute(sql: "INSERT OR REPLACE INTO \(table)(id, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)",
                       arguments: [id, e.minX, e.maxX, e.minY, e.maxY])
    }
}

extension Geometry {
    var blob: Data { Data(wkb) }
}
