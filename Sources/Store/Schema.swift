import Enforcement
import GRDB

/// The workspace schema, as GRDB migrations: one entry per change, never edited once released.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: regions, layers, batches, patches") { db in
            try db.execute(sql: """
                CREATE TABLE region (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    parent_code TEXT,
                    area_m2 REAL NOT NULL,
                    geometry BLOB NOT NULL
                );
                CREATE VIRTUAL TABLE region_rtree USING rtree(id, min_x, max_x, min_y, max_y);

                CREATE TABLE layer (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    source_path TEXT NOT NULL,
                    source_crs TEXT NOT NULL,
                    class_field TEXT,
                    feature_count INTEGER NOT NULL DEFAULT 0,
                    total_area_m2 REAL NOT NULL DEFAULT 0,
                    imported_at TEXT NOT NULL,
                    UNIQUE (kind, name)
                );
                CREATE TABLE layer_feature (
                    id INTEGER PRIMARY KEY,
                    layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
                    source_fid INTEGER NOT NULL,
                    class_code TEXT,
                    area_m2 REAL NOT NULL,
                    invalid_reason TEXT,
                    repaired INTEGER NOT NULL DEFAULT 0,
                    attributes TEXT NOT NULL,
                    geometry BLOB NOT NULL
                );
                CREATE INDEX layer_feature_layer ON layer_feature(layer_id);
                CREATE VIRTUAL TABLE layer_feature_rtree USING rtree(id, min_x, max_x, min_y, max_y);

                CREATE TABLE batch (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    source_path TEXT NOT NULL,
                    imported_at TEXT NOT NULL
                );
                CREATE TABLE patch (
                    id INTEGER PRIMARY KEY,
                    batch_code TEXT NOT NULL REFERENCES batch(code),
                    code TEXT NOT NULL,
                    region_code TEXT,
                    region_source TEXT NOT NULL,
                    spatial_region_code TEXT,
                    area_m2 REAL NOT NULL,
                    before_date TEXT,
                    after_date TEXT,
                    invalid_reason TEXT,
                    repaired INTEGER NOT NULL DEFAULT 0,
                    attributes TEXT NOT NULL,
                    geometry BLOB NOT NULL,
                    UNIQUE (batch_code, code)
                );
                CREATE INDEX patch_region ON patch(region_code);
                CREATE VIRTUAL TABLE patch_rtree USING rtree(id, min_x, max_x, min_y, max_y);
                """)
        }
        migrator.registerMigration("v2: subdivided parts, spatial sort key, overlay results") { db in
            try db.execute(sql: """
                ALTER TABLE layer_feature ADD COLUMN part_count INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE layer_feature_part (
                    id INTEGER PRIMARY KEY,
                    feature_id INTEGER NOT NULL REFERENCES layer_feature(id) ON DELETE CASCADE,
                    layer_id INTEGER NOT NULL,
                    area_m2 REAL NOT NULL,
                    geometry BLOB NOT NULL
                );
                CREATE INDEX layer_feature_part_feature ON layer_feature_part(feature_id);
                CREATE INDEX layer_feature_part_layer ON layer_feature_part(layer_id);
                CREATE VIRTUAL TABLE layer_feature_part_rtree USING rtree(id, min_x, max_x, min_y, max_y);

                ALTER TABLE patch ADD COLUMN sort_key INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX patch_batch_sort ON patch(batch_code, sort_key, id);

                CREATE TABLE overlay_result (
                    patch_id INTEGER NOT NULL REFERENCES patch(id) ON DELETE CASCADE,
                    layer_id INTEGER NOT NULL REFERENCES layer(id) ON DELETE CASCADE,
                    layer_version INTEGER NOT NULL,
                    area_m2 REAL NOT NULL,
                    share REAL NOT NULL,
                    cultivated_m2 REAL NOT NULL,
                    features TEXT NOT NULL,
                    classes TEXT NOT NULL,
                    PRIMARY KEY (patch_id, layer_id)
                );
                """)
        }
        migrator.registerMigration("v3: pre-judgement") { db in
            try db.execute(sql: """
                CREATE TABLE prejudgement (
                    patch_id INTEGER PRIMARY KEY REFERENCES patch(id) ON DELETE CASCADE,
                    verdict TEXT NOT NULL,
                    subtype TEXT,
                    priority TEXT NOT NULL,
                    deciding_rule TEXT,
                    fired TEXT NOT NULL,
                    rules_source TEXT NOT NULL,
                    judged_at TEXT NOT NULL
                );
                CREATE INDEX overlay_result_layer ON overlay_result(layer_id);
                """)
        }
        migrator.registerMigration("v4: enforcement workflow, cases, problems, audit log") { db in
            try db.execute(sql: """
                CREATE TABLE patch_workflow (
                    patch_id INTEGER PRIMARY KEY REFERENCES patch(id) ON DELETE CASCADE,
                    status TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    county TEXT,
                    due TEXT,
                    case_number TEXT,
                    state TEXT NOT NULL
                );
                CREATE INDEX patch_workflow_status ON patch_workflow(status);
                CREATE INDEX patch_workflow_county ON patch_workflow(county);

                CREATE TABLE verification (
                    id INTEGER PRIMARY KEY,
                    patch_id INTEGER NOT NULL REFERENCES patch(id) ON DELETE CASCADE,
                    at TEXT NOT NULL,
                    officer TEXT NOT NULL,
                    flagged INTEGER NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE INDEX verification_patch ON verification(patch_id);

                CREATE TABLE enforcement_case (
                    number TEXT PRIMARY KEY,
                    region TEXT NOT NULL,
                    status TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE TABLE supervision_problem (
                    number TEXT PRIMARY KEY,
                    region TEXT NOT NULL,
                    closed INTEGER NOT NULL,
                    version INTEGER NOT NULL,
                    record TEXT NOT NULL
                );
                CREATE TABLE audit_seed (
                    batch TEXT PRIMARY KEY REFERENCES batch(code),
                    published_at TEXT NOT NULL,
                    record TEXT NOT NULL
                );

                CREATE TABLE audit_event (
                    sequence INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    before TEXT,
                    after TEXT,
                    previous_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX audit_event_subject ON audit_event(subject);
                CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
                    BEGIN SELECT RAISE(ABORT, '审计日志只能追加 / the audit log is append-only'); END;
                CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
                    BEGIN SELECT RAISE(ABORT, '审计日志只能追加 / the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v5: users, sessions, tokens; determination category for lists") { db in
            try db.execute(sql: """
                CREATE TABLE app_user (
                    username TEXT PRIMARY KEY,
                    display_name TEXT NOT NULL,
                    role TEXT NOT NULL,
                    jurisdiction TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    disabled INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE web_session (
                    id_hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES app_user(username) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL
                );
                CREATE INDEX web_session_user ON web_session(username);
                CREATE TABLE api_token (
                    token_hash TEXT PRIMARY KEY,
                    username TEXT NOT NULL REFERENCES app_user(username) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                ALTER TABLE patch_workflow ADD COLUMN category TEXT;
                CREATE INDEX patch_workflow_category ON patch_workflow(category);
                CREATE INDEX prejudgement_verdict ON prejudgement(verdict, priority);
                """)
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT patch_id, state FROM patch_workflow"))
            for row in rows {
                let workflow = try WorkflowJSON.decode(PatchWorkflow.self, from: row["state"])
                try db.execute(sql: "UPDATE patch_workflow SET category = ? WHERE patch_id = ?",
                               arguments: [workflow.effectiveCategory?.rawValue, row["patch_id"] as Int64])
            }
        }
        migrator.registerMigration("v6: imagery") { db in
            try db.execute(sql: """
                CREATE TABLE imagery (
                    id INTEGER PRIMARY KEY,
                    batch TEXT REFERENCES batch(code),
                    phase TEXT NOT NULL,
                    name TEXT NOT NULL,
                    path TEXT NOT NULL,
                    acquired TEXT,
                    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
                    registered_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v7: the county each patch answers to, indexed for jurisdiction lists") { db in
            try db.execute(sql: """
                ALTER TABLE patch ADD COLUMN county TEXT;
                UPDATE patch SET county = COALESCE((SELECT w.county FROM patch_workflow w WHERE w.patch_id = patch.id), region_code);
                CREATE INDEX patch_county ON patch(county, batch_code, code);
                PRAGMA analysis_limit = 1000;
                ANALYZE;
                """)
        }
        migrator.registerMigration("v8: tower cameras, presets, frames, alarms") { db in
            try db.execute(sql: """
                CREATE TABLE camera (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    lon REAL NOT NULL,
                    lat REAL NOT NULL,
                    height_m REAL NOT NULL,
                    region_code TEXT,
                    saved_at TEXT NOT NULL
                );
                CREATE TABLE camera_preset (
                    camera_id TEXT NOT NULL REFERENCES camera(id),
                    number INTEGER NOT NULL,
                    control_points TEXT NOT NULL,
                    mask BLOB,
                    reference_frame TEXT,
                    monitor_memory BLOB,
                    saved_at TEXT NOT NULL,
                    PRIMARY KEY (camera_id, number)
                );
                CREATE TABLE camera_frame (
                    id INTEGER PRIMARY KEY,
                    camera_id TEXT NOT NULL,
                    preset INTEGER NOT NULL,
                    captured_at TEXT NOT NULL,
                    source TEXT NOT NULL,
                    frame TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    changed_cells INTEGER NOT NULL,
                    correlation REAL NOT NULL,
                    ingested_at TEXT NOT NULL,
                    UNIQUE (camera_id, preset, captured_at),
                    FOREIGN KEY (camera_id, preset) REFERENCES camera_preset(camera_id, number)
                );
                CREATE TABLE camera_alarm (
                    code TEXT PRIMARY KEY,
                    camera_id TEXT NOT NULL,
                    preset INTEGER NOT NULL,
                    captured_at TEXT NOT NULL,
                    frame TEXT NOT NULL,
                    view_min_x REAL NOT NULL, view_min_y REAL NOT NULL, view_max_x REAL NOT NULL, view_max_y REAL NOT NULL,
                    ground BLOB,
                    area_m2 REAL,
                    incident TEXT NOT NULL,
                    status TEXT NOT NULL,
                    reason TEXT,
                    note TEXT,
                    decided_by TEXT,
                    decided_at TEXT,
                    FOREIGN KEY (camera_id, preset) REFERENCES camera_preset(camera_id, number)
                );
                CREATE INDEX camera_alarm_time ON camera_alarm(captured_at);
                CREATE INDEX camera_alarm_incident ON camera_alarm(incident);
                """)
        }
        return migrator
    }
}
