import Enforcement
import Foundation
import Geo
import GRDB

extension SQLiteStore {
    public func missingOverlayCount(batch: String, kinds: Set<LayerKind>) throws -> Int {
        guard !kinds.isEmpty else { return 0 }
        let marks = Array(repeating: "?", count: kinds.count).joined(separator: ",")
        return try read { db in
            try Int.fetchOne(db.cachedStatement(sql: """
                SELECT COUNT(*) FROM patch p CROSS JOIN layer l
                LEFT JOIN overlay_result o ON o.patch_id = p.id AND o.layer_id = l.id AND o.layer_version = l.version
                WHERE p.batch_code = ? AND l.kind IN (\(marks)) AND o.patch_id IS NULL
                """), arguments: StatementArguments([batch] + kinds.map(\.rawValue).sorted())) ?? 0
        }
    }

    public func prejudgeFacts(patchIDs: [Int64]) throws -> [Int64: PrejudgeFacts] {
        guard !patchIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: patchIDs.count).joined(separator: ",")
        return try facts(where: "p.id IN (\(marks))", StatementArguments(patchIDs), key: { $0["id"] as Int64 })
    }

    public func prejudgeFacts(batch: String) throws -> [String: PrejudgeFacts] {
        try facts(where: "p.batch_code = ?", [batch], key: { $0["code"] as String })
    }

    /// Patch areas and current overlay results of the patches matching `condition` (on alias `p`).
    private func facts<Key: Hashable>(where condition: String, _ arguments: StatementArguments,
                                      key: (Row) -> Key) throws -> [Key: PrejudgeFacts] {
        try read { db in
            var areas: [Key: Area] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT p.id, p.code, p.area_m2 FROM patch p WHERE \(condition)"), arguments: arguments) {
                areas[key(row)] = Area(squareMetres: row["area_m2"])
            }
            var measured: [Key: [(kind: LayerKind, facts: LayerFacts)]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.id, p.code, o.area_m2, o.share, o.cultivated_m2, l.kind
                FROM overlay_result o JOIN patch p ON p.id = o.patch_id JOIN layer l ON l.id = o.layer_id
                WHERE \(condition) AND o.layer_version = l.version
                """), arguments: arguments) {
                guard let kind = LayerKind(rawValue: row["kind"]) else { continue }
                measured[key(row), default: []].append((kind, LayerFacts(
                    area: Area(squareMetres: row["area_m2"]), share: row["share"], cultivatedArea: Area(squareMetres: row["cultivated_m2"]))))
            }
            return areas.reduce(into: [:]) { facts, entry in
                facts[entry.key] = PrejudgeFacts(patchArea: entry.value, measured: measured[entry.key] ?? [])
            }
        }
    }

    public func savePrejudgements(_ results: [(patchID: Int64, prejudgement: Prejudgement)], rulesSource: String) throws {
        let now = RowCoding.text(Date())
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try write { db in
            for (patchID, p) in results {
                let fired = String(decoding: try encoder.encode(p.fired), as: UTF8.self)
                try db.execute(sql: """
                    INSERT OR REPLACE INTO prejudgement(patch_id, verdict, subtype, priority, deciding_rule, fired, rules_source, judged_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [patchID, p.verdict.rawValue, p.subtype, p.priority.rawValue, p.decidingRule, fired, rulesSource, now])
            }
        }
    }

    public func prejudgements(batch: String) throws -> [String: Prejudgement] {
        try read { db in
            var found: [String: Prejudgement] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.code, j.* FROM prejudgement j JOIN patch p ON p.id = j.patch_id WHERE p.batch_code = ?
                """), arguments: [batch]) {
                found[row["code"]] = try Self.prejudgement(row)
            }
            return found
        }
    }

    public func prejudgement(batch: String, code: String) throws -> Prejudgement? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT j.* FROM prejudgement j JOIN patch p ON p.id = j.patch_id WHERE p.batch_code = ? AND p.code = ?
                """), arguments: [batch, code]).map(Self.prejudgement)
        }
    }

    private static func prejudgement(_ row: Row) throws -> Prejudgement {
        let id = "\(row["patch_id"] as Int64)"
        guard let verdict = PrejudgeVerdict(rawValue: row["verdict"]), let priority = PatchPriority(rawValue: row["priority"]),
              let fired = try? JSONDecoder().decode([FiredRule].self, from: Data((row["fired"] as String).utf8)) else {
            throw StoreError.corruptRow(table: "prejudgement", id: id, detail: "verdict, priority or fired rules")
        }
        return Prejudgement(verdict: verdict, subtype: row["subtype"], priority: priority, decidingRule: row["deciding_rule"], fired: fired)
    }
}
