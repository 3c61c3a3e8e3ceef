import Enforcement
import Foundation
import Geo
import GRDB

extension SQLiteStore {
    public func pieces(ofLayer layerID: Int64, intersectingAny boxes: [Envelope]) throws -> [ReferencePiece] {
        // CROSS JOIN makes the R*Tree drive each query; otherwise SQLite scans the whole layer by its
        // layer_id index and probes the tree once per feature (a 250 000-parcel layer per chunk).
        try read { db in
            let whole = try db.cachedStatement(sql: """
                SELECT f.id, f.class_code, f.area_m2, f.geometry, (f.invalid_reason IS NOT NULL AND f.repaired = 0) AS invalid, f.id
                FROM layer_feature_rtree r CROSS JOIN layer_feature f ON f.id = r.id
                WHERE f.layer_id = ? AND f.part_count = 0
                  AND r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?
                """)
            let parts = try db.cachedStatement(sql: """
                SELECT p.feature_id AS id, f.class_code, p.area_m2, p.geometry, 0 AS invalid, p.id FROM layer_feature_part_rtree r
                CROSS JOIN layer_feature_part p ON p.id = r.id JOIN layer_feature f ON f.id = p.feature_id
                WHERE p.layer_id = ? AND r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?
                """)
            // Every chunk reads its layer pieces, so they are read lean: through a cursor (rows are not
            // copied), columns by position, the WKB copied once out of SQLite's buffer. Each showed in
            // the overlay's profile (perf). A piece under two boxes is read once: rows are told apart by
            // their own id (column 5), a part's differing from its feature's.
            // A layer whose features are all subdivided (a red line) has no whole pieces, and most layers
            // have no parts: the tree holds every layer's boxes, so asking anyway would read and drop
            // another layer's rows under each box (the red line's reads went through every parcel).
            let hasWhole = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS(SELECT 1 FROM layer_feature WHERE layer_id = ? AND part_count = 0)
                """), arguments: [layerID]) ?? true
            let hasParts = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS(SELECT 1 FROM layer_feature_part WHERE layer_id = ?)
                """), arguments: [layerID]) ?? true
            let sources = [(0, whole, hasWhole), (1, parts, hasParts)].filter(\.2)
            var pieces: [ReferencePiece] = []
            var seen: [Set<Int64>] = [[], []]
            for box in boxes {
                for (source, statement, _) in sources {
                    let rows = try Row.fetchCursor(statement, arguments: [layerID, box.minX, box.maxX, box.minY, box.maxY])
                    while let row = try rows.next() {
                        let rowID: Int64 = row[5]
                        guard !seen[source].contains(rowID) else { continue }
                        let id: Int64 = row[0]
                        let wkb = try row.withUnsafeData(atIndex: 3) { [UInt8]($0 ?? Data()) }
                        let geometry = try RowCoding.geometry(wkb: wkb, table: "layer_feature", id: id)
                        guard RowCoding.meets(geometry, box) else { continue }
                        seen[source].insert(rowID)
                        pieces.append(ReferencePiece(featureID: id, classCode: row[1], geometry: geometry,
                                                     area: Area(squareMetres: row[2]), isInvalid: row[4]))
                    }
                }
            }
            return pieces
        }
    }

    public func patchChunk(batch: String, after cursor: PatchCursor?, limit: Int) throws -> [StoredPatch] {
        try read { db in
            let statement: Statement
            let arguments: StatementArguments
            if let cursor {
                statement = try db.cachedStatement(sql: """
                    SELECT * FROM patch WHERE batch_code = ? AND (sort_key, id) > (?, ?)
                    ORDER BY sort_key, id LIMIT ?
                    """)
                arguments = [batch, cursor.sortKey, cursor.id, limit]
            } else {
                statement = try db.cachedStatement(sql: "SELECT * FROM patch WHERE batch_code = ? ORDER BY sort_key, id LIMIT ?")
                arguments = [batch, limit]
            }
            let columns = try PatchColumns(statement.columnNames)
            return try Row.fetchAll(statement, arguments: arguments).map(columns.stored)
        }
    }

    public func overlayVersions(patchIDs: [Int64]) throws -> [Int64: [Int64: Int]] {
        guard !patchIDs.isEmpty else { return [:] }
        return try read { db in
            var versions: [Int64: [Int64: Int]] = [:]
            let marks = Array(repeating: "?", count: patchIDs.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT patch_id, layer_id, layer_version FROM overlay_result WHERE patch_id IN (\(marks))",
                                        arguments: StatementArguments(patchIDs)) {
                versions[row["patch_id"], default: [:]][row["layer_id"]] = row["layer_version"]
            }
            return versions
        }
    }

    public func saveOverlays(_ results: [(patchID: Int64, overlays: [LayerOverlay])]) throws {
        try write { db in
            // One compiled statement for the whole chunk: compiling it per row (GRDB's authorizer
            // included) showed in the overlay's profile.
            let insert = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO overlay_result(patch_id, layer_id, layer_version, area_m2, share, cultivated_m2, features, classes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (patchID, overlays) in results {
                for o in overlays {
                    try insert.execute(arguments: [patchID, o.layerID, o.layerVersion, o.area.squareMetres, o.share, o.cultivatedArea.squareMetres,
                                                   OverlayCoding.features(o.features), OverlayCoding.classes(o.classBreakdown)])
                }
            }
        }
    }

    public func overlays(batch: String, code: String) throws -> [LayerOverlay] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT o.*, l.kind FROM overlay_result o JOIN patch p ON p.id = o.patch_id JOIN layer l ON l.id = o.layer_id
                WHERE p.batch_code = ? AND p.code = ? ORDER BY l.kind, l.id
                """), arguments: [batch, code]).map { row in
                guard let kind = LayerKind(rawValue: row["kind"]) else {
                    throw StoreError.corruptRow(table: "overlay_result", id: "\(row["patch_id"] as Int64)", detail: "unknown layer kind")
                }
                return LayerOverlay(layerID: row["layer_id"], layerVersion: row["layer_version"], kind: kind,
                                    area: Area(squareMetres: row["area_m2"]), share: row["share"],
                                    features: try OverlayCoding.features(row["features"]), classBreakdown: try OverlayCoding.classes(row["classes"]))
            }
        }
    }
}

extension SQLiteStore {
    public func referenceFeatures(ids: [Int64]) throws -> [Int64: ReferenceFeature] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            var found: [Int64: ReferenceFeature] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM layer_feature WHERE id IN (\(marks))", arguments: StatementArguments(ids)) {
                found[row["id"]] = ReferenceFeature(
                    layerID: row["layer_id"], sourceFID: row["source_fid"], classCode: row["class_code"],
                    geometry: try RowCoding.geometry(row, table: "layer_feature"), area: Area(squareMetres: row["area_m2"]),
                    invalidReason: row["invalid_reason"], repaired: row["repaired"],
                    attributes: try RowCoding.attributes(row["attributes"], table: "layer_feature", id: row["id"]))
            }
            return found
        }
    }

    public func overlayTotals(batch: String) throws -> [OverlayTotal] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.region_code, l.kind,
                       SUM(CASE WHEN l.kind = 'cultivatedLand' THEN o.cultivated_m2 ELSE o.area_m2 END) AS area,
                       SUM(CASE WHEN l.kind = 'cultivatedLand' THEN o.cultivated_m2 > 0 ELSE o.area_m2 > 0 END) AS patches
                FROM overlay_result o JOIN patch p ON p.id = o.patch_id JOIN layer l ON l.id = o.layer_id
                WHERE p.batch_code = ? AND o.layer_version = l.version
                GROUP BY p.region_code, l.kind ORDER BY p.region_code, l.kind
                """), arguments: [batch]).compactMap { row in
                LayerKind(rawValue: row["kind"]).map {
                    OverlayTotal(regionCode: RowCoding.regionCode(row["region_code"]), kind: $0,
                                 area: Area(squareMetres: row["area"]), patchCount: row["patches"])
                }
            }
        }
    }
}

/// Overlay details as compact JSON: features as [[id, m²], …], classes as {"0101": m², …}.
enum OverlayCoding {
    static func features(_ hits: [FeatureHit]) -> String {
        "[" + hits.map { "[\($0.featureID),\($0.area.squareMetres)]" }.joined(separator: ",") + "]"
    }

    static func features(_ json: String) throws -> [FeatureHit] {
        guard let pairs = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[NSNumber]] else {
            throw StoreError.corruptRow(table: "overlay_result", id: "?", detail: "features")
        }
        return pairs.filter { $0.count == 2 }.map { FeatureHit(featureID: $0[0].int64Value, area: Area(squareMetres: $0[1].doubleValue)) }
    }

    static func classes(_ breakdown: [String: Area]) -> String {
        "{" + breakdown.keys.sorted().map { "\(AttributeJSON.quoted($0)):\(breakdown[$0]!.squareMetres)" }.joined(separator: ",") + "}"
    }

    static func classes(_ json: String) throws -> [String: Area] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: NSNumber] else {
            throw StoreError.corruptRow(table: "overlay_result", id: "?", detail: "classes")
        }
        return object.mapValues { Area(squareMetres: $0.doubleValue) }
    }
}
