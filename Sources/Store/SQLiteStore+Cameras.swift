import Enforcement
import Foundation
import Geo
import GRDB

extension SQLiteStore {
    public func saveCamera(_ camera: TowerCamera) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO camera(id, name, lon, lat, height_m, region_code, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, lon = excluded.lon, lat = excluded.lat,
                    height_m = excluded.height_m, region_code = excluded.region_code, saved_at = excluded.saved_at
                """, arguments: [camera.id, camera.name, camera.position.x, camera.position.y, camera.heightMetres,
                                 camera.regionCode?.rawValue, RowCoding.text(Date())])
        }
    }

    public func cameras() throws -> [TowerCamera] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM camera ORDER BY id").map(Self.camera) }
    }

    public func camera(_ id: String) throws -> TowerCamera? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM camera WHERE id = ?", arguments: [id]).map(Self.camera) }
    }

    private static func camera(_ row: Row) throws -> TowerCamera {
        let id: String = row["id"]
        do {
            return try TowerCamera(id: id, name: row["name"], position: Coordinate(x: row["lon"], y: row["lat"]),
                                   heightMetres: row["height_m"], regionCode: RowCoding.regionCode(row["region_code"]))
        } catch {
            throw StoreError.corruptRow(table: "camera", id: id, detail: "\(error)")
        }
    }

    public func savePreset(_ preset: CameraPreset) throws {
        let points = String(decoding: try JSONEncoder().encode(preset.controlPoints), as: UTF8.self)
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM camera WHERE id = ?", arguments: [preset.cameraID]) != nil else {
                throw StoreError.notFound(subject: "摄像机 camera \(preset.cameraID)")
            }
            try db.execute(sql: """
                INSERT INTO camera_preset(camera_id, number, control_points, mask, reference_frame, saved_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(camera_id, number) DO UPDATE SET control_points = excluded.control_points, mask = excluded.mask,
                    saved_at = excluded.saved_at
                """, arguments: [preset.cameraID, preset.number, points, preset.mask.map { Data($0.wkb) }, preset.referenceFrame,
                                 RowCoding.text(Date())])
        }
    }

    public func presets(camera: String?) throws -> [CameraPreset] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM camera_preset WHERE ? IS NULL OR camera_id = ? ORDER BY camera_id, number",
                             arguments: [camera, camera]).map(Self.preset)
        }
    }

    public func preset(camera: String, number: Int) throws -> CameraPreset? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM camera_preset WHERE camera_id = ? AND number = ?", arguments: [camera, number]).map(Self.preset)
        }
    }

    private static func preset(_ row: Row) throws -> CameraPreset {
        let subject = "\(row["camera_id"] as String)/\(row["number"] as Int)"
        do {
            let points = try JSONDecoder().decode([ImageControlPoint].self, from: Data((row["control_points"] as String).utf8))
            let mask = try (row["mask"] as Data?).map { try Geometry(wkb: [UInt8]($0)) }
            return try CameraPreset(cameraID: row["camera_id"], number: row["number"], controlPoints: points, mask: mask,
                                    referenceFrame: row["reference_frame"])
        } catch {
            throw StoreError.corruptRow(table: "camera_preset", id: subject, detail: "\(error)")
        }
    }

    public func monitorMemory(camera: String, preset: Int) throws -> Data? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT monitor_memory FROM camera_preset WHERE camera_id = ? AND number = ?", arguments: [camera, preset])
        }
    }

    public func passTimes(camera: String, preset: Int) throws -> Set<Date> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT captured_at FROM camera_frame WHERE camera_id = ? AND preset = ?",
                                    arguments: [camera, preset]).map(RowCoding.date))
        }
    }

    public func recordPass(_ pass: CameraPass, alarms: [CameraAlarm], memory: Data, referenceFrame: String) throws {
        try write { db in
            let latest = try String.fetchOne(db, sql: "SELECT MAX(captured_at) FROM camera_frame WHERE camera_id = ? AND preset = ?",
                                             arguments: [pass.cameraID, pass.preset])
            if let latest, latest >= RowCoding.text(pass.capturedAt) { throw StoreError.passOutOfTurn(camera: pass.cameraID, preset: pass.preset) }
            try db.execute(sql: """
                INSERT INTO camera_frame(camera_id, preset, captured_at, source, frame, outcome, changed_cells, correlation, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [pass.cameraID, pass.preset, RowCoding.text(pass.capturedAt), pass.source, pass.frame,
                                 pass.outcome.rawValue, pass.changedCells, pass.correlation, RowCoding.text(Date())])
            for alarm in alarms {
                try db.execute(sql: """
                    INSERT INTO camera_alarm(code, camera_id, preset, captured_at, frame, view_min_x, view_min_y, view_max_x, view_max_y,
                                             ground, area_m2, incident, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [alarm.code, alarm.cameraID, alarm.preset, RowCoding.text(alarm.capturedAt), alarm.frame,
                                     alarm.view.minX, alarm.view.minY, alarm.view.maxX, alarm.view.maxY,
                                     alarm.ground.map { Data($0.wkb) }, alarm.area?.squareMetres, alarm.incident, alarm.status.rawValue])
            }
            try db.execute(sql: """
                UPDATE camera_preset SET monitor_memory = ?, reference_frame = COALESCE(reference_frame, ?)
                WHERE camera_id = ? AND number = ?
                """, arguments: [memory, referenceFrame, pass.cameraID, pass.preset])
        }
    }

    public func passes(camera: String, preset: Int) throws -> [CameraPass] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM camera_frame WHERE camera_id = ? AND preset = ? ORDER BY captured_at",
                             arguments: [camera, preset]).map(Self.pass)
        }
    }

    public func pass(camera: String, preset: Int, capturedAt time: Date) throws -> CameraPass? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM camera_frame WHERE camera_id = ? AND preset = ? AND captured_at = ?",
                             arguments: [camera, preset, RowCoding.text(time)]).map(Self.pass)
        }
    }

    private static func pass(_ row: Row) throws -> CameraPass {
        guard let outcome = CameraPass.Outcome(rawValue: row["outcome"]) else {
            throw StoreError.corruptRow(table: "camera_frame", id: "\(row["id"] as Int64)", detail: "outcome")
        }
        return CameraPass(cameraID: row["camera_id"], preset: row["preset"], capturedAt: RowCoding.date(row["captured_at"]),
                          source: row["source"], frame: row["frame"], outcome: outcome, changedCells: row["changed_cells"],
                          correlation: row["correlation"])
    }

    public func alarms(_ filter: AlarmFilter) throws -> [CameraAlarm] {
        var conditions: [String] = [], values: [(any DatabaseValueConvertible)?] = []
        if let status = filter.status { conditions.append("a.status = ?"); values.append(status.rawValue) }
        if let camera = filter.camera { conditions.append("a.camera_id = ?"); values.append(camera) }
        if let since = filter.since { conditions.append("a.captured_at >= ?"); values.append(RowCoding.text(since)) }
        if let incident = filter.incident { conditions.append("a.incident = ?"); values.append(incident) }
        if let region = filter.region {
            let county = RowCoding.countyCondition(inside: region, column: "c.region_code")
            conditions.append(county.sql)
            values += county.values
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limitClause = filter.limit.map { " LIMIT \($0)" } ?? ""
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.* FROM camera_alarm a JOIN camera c ON c.id = a.camera_id \(whereClause)
                ORDER BY a.captured_at, a.code\(limitClause)
                """, arguments: StatementArguments(values)).map(Self.alarm)
        }
    }

    public func alarm(code: String) throws -> CameraAlarm? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM camera_alarm WHERE code = ?", arguments: [code]).map(Self.alarm) }
    }

    private static func alarm(_ row: Row) throws -> CameraAlarm {
        let code: String = row["code"]
        guard let status = AlarmStatus(rawValue: row["status"]) else {
            throw StoreError.corruptRow(table: "camera_alarm", id: code, detail: "status")
        }
        let ground = try (row["ground"] as Data?).map { data in
            do { return try Geometry(wkb: [UInt8](data)) } catch { throw StoreError.corruptRow(table: "camera_alarm", id: code, detail: "ground") }
        }
        let decision = (row["decided_at"] as String?).map { decidedAt in
            AlarmDecision(status: status, reason: (row["reason"] as String?).flatMap(DismissalReason.init(rawValue:)),
                          note: row["note"] ?? "", by: row["decided_by"] ?? "", at: RowCoding.date(decidedAt))
        }
        return CameraAlarm(code: code, cameraID: row["camera_id"], preset: row["preset"], capturedAt: RowCoding.date(row["captured_at"]),
                           frame: row["frame"], view: Envelope(minX: row["view_min_x"], minY: row["view_min_y"], maxX: row["view_max_x"], maxY: row["view_max_y"]),
                           ground: ground, area: (row["area_m2"] as Double?).map { Area(squareMetres: $0) }, incident: row["incident"],
                           status: status, decision: decision)
    }

    public func decideIncident(_ incident: String, decision: AlarmDecision, memories: [PresetMemory]) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE camera_alarm SET status = ?, reason = ?, note = ?, decided_by = ?, decided_at = ? WHERE incident = ?
                """, arguments: [decision.status.rawValue, decision.reason?.rawValue, decision.note, decision.by,
                                 RowCoding.text(decision.at), incident])
            guard db.changesCount > 0 else { throw StoreError.notFound(subject: "告警事件 incident \(incident)") }
            for memory in memories {
                try db.execute(sql: "UPDATE camera_preset SET monitor_memory = ? WHERE camera_id = ? AND number = ?",
                               arguments: [memory.memory, memory.camera, memory.preset])
                if let mask = memory.mask {
                    try db.execute(sql: "UPDATE camera_preset SET mask = ?, saved_at = ? WHERE camera_id = ? AND number = ?",
                                   arguments: [Data(mask.wkb), RowCoding.text(Date()), memory.camera, memory.preset])
                }
            }
        }
    }
}
