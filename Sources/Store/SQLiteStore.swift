import Enforcement
import Foundation
import Geo
import GRDB

/// `WorkspaceStore` on SQLite through GRDB: WAL journal, migrations, R*Tree spatial indexes,
/// geometries as WKB blobs. Thread-safe (GRDB's `DatabasePool`).
public final class SQLiteStore: WorkspaceStore {
    public let path: String
    private let pool: DatabasePool
    let listCounts = ListCountCache()
    let pageAnchors = PageAnchorCache<PatchListFilter>()
    private let snapshots = OpenSnapshots()

    public init(path: String) throws {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError.cannotOpen(path: path, message: Self.message(error))
        }
    }

    private static func message(_ error: Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        // Whatever the write did (or began before failing), cached counts and page starts are no longer to be trusted.
        defer {
            listCounts.invalidate()
            pageAnchors.invalidate()
        }
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw StoreError.database(Self.message(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            if let db = snapshots.current { return try body(db) }
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError.database(Self.message(error))
        }
    }

    /// True while `snapshot` holds a read open on this thread: its rows may be older than the caches' generation.
    var inSnapshot: Bool { snapshots.current != nil }

    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        if snapshots.current != nil { return try body() }
        return try read { db in
            snapshots.enter(db)
            defer { snapshots.leave() }
            return try body()
        }
    }

    // MARK: Regions

    public func saveRegions(_ regions: [Region]) throws -> UpsertCounts {
        try write { db in
            var counts = UpsertCounts()
            for region in regions {
                let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, name, parent_code, geometry FROM region WHERE code = ?"),
                                                arguments: [region.code.rawValue])
                let id: Int64
                if let existing {
                    id = existing["id"]
                    let same = existing["name"] == region.name && existing["parent_code"] == region.parentCode?.rawValue
                        && (existing["geometry"] as Data) == region.boundary.blob
                    if same { counts.count(.unchanged); continue }
                    try db.execute(sql: "UPDATE region SET name = ?, parent_code = ?, area_m2 = ?, geometry = ? WHERE id = ?",
                                   arguments: [region.name, region.parentCode?.rawValue, region.area.squareMetres, region.boundary.blob, id])
                    counts.count(.updated)
                } else {
                    try db.execute(sql: "INSERT INTO region(code, name, parent_code, area_m2, geometry) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [region.code.rawValue, region.name, region.parentCode?.rawValue,
                                               region.area.squareMetres, region.boundary.blob])
                    id = db.lastInsertedRowID
                    counts.count(.inserted)
                }
                try RowCoding.index(db, table: "region_rtree", id: id, envelope: region.boundary.envelope)
            }
            return counts
        }
    }

    public func regions() throws -> [Region] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM region ORDER BY code")).map { row in
                guard let code = RowCoding.regionCode(row["code"]) else {
                    throw StoreError.corruptRow(table: "region", id: row["code"], detail: "invalid code")
                }
                return Region(code: code, name: row["name"], parentCode: RowCoding.regionCode(row["parent_code"]),
                              boundary: try RowCoding.geometry(row, table: "region"), area: Area(squareMetres: row["area_m2"]))
            }
        }
    }

    // MARK: Layers

    public func replaceLayer(_ draft: LayerDraft, fill: (any ReferenceFeatureSink) throws -> Void) throws -> ReferenceLayer {
        try write { db in
            let now = RowCoding.text(Date())
            let layerID: Int64
            if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM layer WHERE kind = ? AND name = ?"),
                                                 arguments: [draft.kind.rawValue, draft.name]) {
                layerID = existing
                try db.execute(sql: "DELETE FROM layer_feature_rtree WHERE id IN (SELECT id FROM layer_feature WHERE layer_id = ?)",
                               arguments: [layerID])
                try db.execute(sql: "DELETE FROM layer_feature_part_rtree WHERE id IN (SELECT id FROM layer_feature_part WHERE layer_id = ?)",
                               arguments: [layerID])
                try db.execute(sql: "DELETE FROM layer_feature_part WHERE layer_id = ?", arguments: [layerID])
                try db.execute(sql: "DELETE FROM layer_feature WHERE layer_id = ?", arguments: [layerID])
                try db.execute(sql: """
                    UPDATE layer SET version = version + 1, source_path = ?, source_crs = ?, class_field = ?, imported_at = ?
                    WHERE id = ?
                    """, arguments: [draft.sourcePath, draft.sourceCRS, draft.classField, now, layerID])
            } else {
                try db.execute(sql: """
                    INSERT INTO layer(kind, name, version, source_path, source_crs, class_field, imported_at)
                    VALUES (?, ?, 1, ?, ?, ?, ?)
                    """, arguments: [draft.kind.rawValue, draft.name, draft.sourcePath, draft.sourceCRS, draft.classField, now])
                layerID = db.lastInsertedRowID
            }
            let sink = FeatureInserter(db: db, layerID: layerID)
            try fill(sink)
            try db.execute(sql: "UPDATE layer SET feature_count = ?, total_area_m2 = ? WHERE id = ?",
                           arguments: [sink.count, sink.totalArea, layerID])
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM layer WHERE id = ?"), arguments: [layerID]) else {
                throw StoreError.noSuchLayer(draft.name)
            }
            return try Self.layer(row)
        }
    }

    public func layers() throws -> [ReferenceLayer] {
        try read { db in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM layer ORDER BY kind, name")).map(Self.layer) }
    }

    private static func layer(_ row: Row) throws -> ReferenceLayer {
        let id: Int64 = row["id"]
        guard let kind = LayerKind(rawValue: row["kind"]) else {
            throw StoreError.corruptRow(table: "layer", id: String(id), detail: "unknown kind")
        }
        return ReferenceLayer(id: id, kind: kind, name: row["name"], version: row["version"], sourcePath: row["source_path"],
                              sourceCRS: row["source_crs"], classField: row["class_field"], featureCount: row["feature_count"],
                              totalArea: Area(squareMetres: row["total_area_m2"]), importedAt: RowCoding.date(row["imported_at"]))
    }

    public func features(ofLayer layerID: Int64, intersecting envelope: Envelope?) throws -> [ReferenceFeature] {
        try read { db in
            let rows: [Row]
            if let e = envelope {
                rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT f.* FROM layer_feature_rtree r CROSS JOIN layer_feature f ON f.id = r.id
                    WHERE f.layer_id = ? AND r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?
                    ORDER BY f.id
                    """), arguments: [layerID, e.minX, e.maxX, e.minY, e.maxY])
            } else {
                rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM layer_feature WHERE layer_id = ? ORDER BY id"), arguments: [layerID])
            }
            return try rows.map(Self.referenceFeature).filter { RowCoding.meets($0.geometry, envelope) }
        }
    }

    public func features(ofLayer layerID: Int64, meeting envelope: Envelope, limit: Int) throws -> [ReferenceFeature] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT f.* FROM layer_feature_rtree r CROSS JOIN layer_feature f ON f.id = r.id
                WHERE f.layer_id = ? AND r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?
                ORDER BY f.id LIMIT ?
                """), arguments: [layerID, envelope.minX, envelope.maxX, envelope.minY, envelope.maxY, limit]).map(Self.referenceFeature)
        }
    }

    private static func referenceFeature(_ row: Row) throws -> ReferenceFeature {
        ReferenceFeature(layerID: row["layer_id"], sourceFID: row["source_fid"], classCode: row["class_code"],
                         geometry: try RowCoding.geometry(row, table: "layer_feature"),
                         area: Area(squareMetres: row["area_m2"]), invalidReason: row["invalid_reason"],
                         repaired: row["repaired"],
                         attributes: try RowCoding.attributes(row["attributes"], table: "layer_feature", id: row["id"]))
    }

    // MARK: Batches and patches

    public func importBatch(_ batch: Batch, fill: (any PatchSink) throws -> Void) throws -> UpsertCounts {
        let counts = try write { db in
            try db.execute(sql: """
                INSERT INTO batch(code, name, source_path, imported_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(code) DO UPDATE SET name = excluded.name, source_path = excluded.source_path,
                                                imported_at = excluded.imported_at
                """, arguments: [batch.code, batch.name, batch.sourcePath, RowCoding.text(batch.importedAt)])
            let sink = PatchUpserter(db: db, batchCode: batch.code)
            try fill(sink)
            return sink.counts
        }
        try refreshPlannerStatistics()
        return counts
    }

    /// Lets SQLite's query planner see how patches spread over batches, counties and statuses
    /// (`ANALYZE`, sampling at most 1,000 rows per index so a million patches take a fraction of a
    /// second). Stale statistics make it start a county's list from a million workflow rows.
    public func refreshPlannerStatistics() throws {
        try write { db in try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE") }
    }

    public func batches() throws -> [BatchSummary] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT b.*, COUNT(p.id) AS patch_count, COALESCE(SUM(p.area_m2), 0) AS total_area
                FROM batch b LEFT JOIN patch p ON p.batch_code = b.code GROUP BY b.code ORDER BY b.code
                """)).map { row in
                BatchSummary(batch: try Batch(code: row["code"], name: row["name"], sourcePath: row["source_path"],
                                              importedAt: RowCoding.date(row["imported_at"])),
                             patchCount: row["patch_count"], totalArea: Area(squareMetres: row["total_area"]))
            }
        }
    }

    public func hasBatch(_ code: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM batch WHERE code = ?"), arguments: [code]) != nil }
    }

    public func patches(matching query: PatchQuery) throws -> [Patch] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            var from = "patch p"
            if let batch = query.batch {
                conditions.append("p.batch_code = ?")
                _ = arguments.append(contentsOf: [batch])
            }
            if let region = query.region {
                conditions.append("(p.region_code = ? OR p.region_code LIKE ?)")
                _ = arguments.append(contentsOf: [region.rawValue, region.containmentPrefix + "%"])
            }
            if let county = query.county {
                let (condition, values) = RowCoding.countyCondition(inside: county)
                conditions.append(condition)
                _ = arguments.append(contentsOf: StatementArguments(values))
            }
            if let e = query.envelope {
                // The R*Tree drives: left to itself SQLite walks the batch index and probes the tree per row.
                from = "patch_rtree r CROSS JOIN patch p ON p.id = r.id"
                conditions.append("r.max_x >= ? AND r.min_x <= ? AND r.max_y >= ? AND r.min_y <= ?")
                _ = arguments.append(contentsOf: [e.minX, e.maxX, e.minY, e.maxY])
            }
            var sql = "SELECT p.* FROM \(from)"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY p.batch_code, p.code LIMIT ? OFFSET ?"
            _ = arguments.append(contentsOf: [query.limit ?? -1, query.offset])
            let statement = try db.cachedStatement(sql: sql)
            let columns = try PatchColumns(statement.columnNames)
            return try Row.fetchAll(statement, arguments: arguments).map(columns.patch).filter { RowCoding.meets($0.geometry, query.envelope) }
        }
    }

    public func patch(batch: String, code: String) throws -> Patch? {
        try read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM patch WHERE batch_code = ? AND code = ?")
            return try Row.fetchOne(statement, arguments: [batch, code]).map(PatchColumns(statement.columnNames).patch)
        }
    }
}

/// Inserts a layer's features inside the import transaction.
private final class FeatureInserter: ReferenceFeatureSink {
    let db: Database
    let layerID: Int64
    private(set) var count = 0
    private(set) var totalArea = 0.0

    init(db: Database, layerID: Int64) {
        self.db = db
        self.layerID = layerID
    }

    func add(_ feature: ReferenceFeature, parts: [(geometry: Geometry, area: Area)]) throws {
        try db.execute(sql: """
            INSERT INTO layer_feature(layer_id, source_fid, class_code, area_m2, invalid_reason, repaired, attributes, geometry, part_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [layerID, feature.sourceFID, feature.classCode, feature.area.squareMetres, feature.invalidReason,
                             feature.repaired, AttributeJSON.encode(feature.attributes), feature.geometry.blob, parts.count])
        let featureID = db.lastInsertedRowID
        try RowCoding.index(db, table: "layer_feature_rtree", id: featureID, envelope: feature.geometry.envelope)
        for part in parts {
            try db.execute(sql: "INSERT INTO layer_feature_part(feature_id, layer_id, area_m2, geometry) VALUES (?, ?, ?, ?)",
                           arguments: [featureID, layerID, part.area.squareMetres, part.geometry.blob])
            try RowCoding.index(db, table: "layer_feature_part_rtree", id: db.lastInsertedRowID, envelope: part.geometry.envelope)
        }
        count += 1
        totalArea += feature.area.squareMetres
    }
}

/// Upserts a batch's patches by code inside the import transaction.
private final class PatchUpserter: PatchSink {
    let db: Database
    let batchCode: String
    private(set) var counts = UpsertCounts()

    init(db: Database, batchCode: String) {
        self.db = db
        self.batchCode = batchCode
    }

    func upsert(_ patch: Patch) throws -> UpsertOutcome {
        let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM patch WHERE batch_code = ? AND code = ?"),
                                        arguments: [batchCode, patch.code])
        let attributes = AttributeJSON.encode(patch.attributes)
        let columns: [(String, DatabaseValue)] = [
            ("region_code", patch.regionCode?.rawValue.databaseValue ?? .null),
            ("region_source", patch.regionSource.rawValue.databaseValue),
            ("spatial_region_code", patch.spatialRegionCode?.rawValue.databaseValue ?? .null),
            ("area_m2", patch.area.squareMetres.databaseValue),
            ("before_date", patch.beforeDate?.databaseValue ?? .null),
            ("after_date", patch.afterDate?.databaseValue ?? .null),
            ("invalid_reason", patch.invalidReason?.databaseValue ?? .null),
            ("repaired", patch.repaired.databaseValue),
            ("attributes", attributes.databaseValue),
            ("geometry", patch.geometry.blob.databaseValue),
            ("sort_key", (patch.geometry.envelope?.mortonKey ?? 0).databaseValue),
        ]
        let values = StatementArguments(columns.map(\.1))
        let outcome: UpsertOutcome
        let id: Int64
        if let existing {
            id = existing["id"]
            // Compare stored columns, not decoded values: JSON cannot tell 2.0 from 2.
            if columns.allSatisfy({ existing[$0.0] as DatabaseValue == $0.1 }) {
                outcome = .unchanged
            } else {
                try db.execute(sql: """
                    UPDATE patch SET \(columns.map { "\($0.0) = ?" }.joined(separator: ", ")) WHERE id = ?
                    """, arguments: values + [id])
                // A changed patch must be overlaid again; a new region code moves it unless it is assigned.
                try db.execute(sql: "DELETE FROM overlay_result WHERE patch_id = ?", arguments: [id])
                try SQLiteWorkflowTransaction.updateCounty(db, patchID: id, assigned: nil)
                outcome = .updated
            }
        } else {
            try db.execute(sql: """
                INSERT INTO patch(\(columns.map(\.0).joined(separator: ", ")), batch_code, code, county)
                VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))
                """, arguments: values + [batchCode, patch.code, patch.regionCode?.rawValue])
            id = db.lastInsertedRowID
            outcome = .inserted
        }
        if outcome != .unchanged {
            try RowCoding.index(db, table: "patch_rtree", id: id, envelope: patch.geometry.envelope)
        }
        counts.count(outcome)
        return outcome
    }
}
