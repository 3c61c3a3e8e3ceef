import Enforcement
import Foundation
import Geo
import GRDB

extension SQLiteStore {
    public func addImagery(_ draft: ImageryDraft) throws -> Imagery {
        try write { db in
            try db.execute(sql: """
                INSERT INTO imagery(batch, phase, name, path, acquired, min_lon, min_lat, max_lon, max_lat, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.batch, draft.phase.rawValue, draft.name, draft.path, draft.acquired?.description,
                                 draft.envelope.minX, draft.envelope.minY, draft.envelope.maxX, draft.envelope.maxY,
                                 RowCoding.text(draft.registeredAt)])
            return Imagery(id: db.lastInsertedRowID, batch: draft.batch, phase: draft.phase, name: draft.name, path: draft.path,
                           acquired: draft.acquired, envelope: draft.envelope, registeredAt: draft.registeredAt)
        }
    }

    public func imagery(batch: String?) throws -> [Imagery] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM imagery WHERE batch IS NULL OR batch = ? ORDER BY phase DESC, acquired, id"),
                             arguments: [batch]).map(Self.imagery)
        }
    }

    public func imagery(id: Int64) throws -> Imagery? {
        try read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM imagery WHERE id = ?"), arguments: [id]).map(Self.imagery) }
    }

    private static func imagery(_ row: Row) throws -> Imagery {
        let id: Int64 = row["id"]
        guard let phase = ImageryPhase(rawValue: row["phase"]) else {
            throw StoreError.corruptRow(table: "imagery", id: String(id), detail: "phase")
        }
        let acquired: String? = row["acquired"]
        let envelope = Envelope(minX: row["min_lon"], minY: row["min_lat"], maxX: row["max_lon"], maxY: row["max_lat"])
        return Imagery(id: id, batch: row["batch"], phase: phase, name: row["name"], path: row["path"],
                       acquired: acquired.flatMap { CalendarDay($0) }, envelope: envelope, registeredAt: RowCoding.date(row["registered_at"]))
    }
}
