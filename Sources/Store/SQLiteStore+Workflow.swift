import Enforcement
import Foundation
import Geo
import GRDB

extension SQLiteStore {
    public func change<T>(_ body: (any WorkflowTransaction) throws -> T) throws -> T {
        try write { db in try body(SQLiteWorkflowTransaction(db: db)) }
    }

    public func patchWorkflow(_ key: PatchKey) throws -> PatchWorkflow? {
        try read { db in try SQLiteWorkflowTransaction(db: db).existingWorkflow(key) }
    }

    public func patchWorkflows(batch: String?) throws -> [PatchKey: PatchWorkflow] {
        try read { db in
            var result: [PatchKey: PatchWorkflow] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT p.id, p.batch_code, p.code, w.state FROM patch p LEFT JOIN patch_workflow w ON w.patch_id = p.id
                WHERE ?1 IS NULL OR p.batch_code = ?1
                """), arguments: [batch])
            while let row = try rows.next() {
                let workflow = try WorkflowCoding.workflow(row)
                result[PatchKey(batch: workflow.batchCode, code: workflow.patchCode)] = workflow
            }
            return result
        }
    }

    public func verifications(of key: PatchKey) throws -> [Verification] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT v.id, v.record FROM verification v JOIN patch p ON p.id = v.patch_id
                WHERE p.batch_code = ? AND p.code = ? ORDER BY v.at, v.id
                """), arguments: [key.batch, key.code]).map { try WorkflowCoding.decode(Verification.self, $0["record"], table: "verification", id: "\($0["id"] as Int64)") }
        }
    }

    public func enforcementCase(_ number: String) throws -> EnforcementCase? {
        try read { db in try SQLiteWorkflowTransaction(db: db).enforcementCase(number) }
    }

    public func enforcementCases() throws -> [EnforcementCase] {
        try read { db in try WorkflowCoding.numbered(EnforcementCase.self, table: "enforcement_case", in: db) }
    }

    public func supervisionProblem(_ number: String) throws -> SupervisionProblem? {
        try read { db in try SQLiteWorkflowTransaction(db: db).supervisionProblem(number) }
    }

    public func supervisionProblems() throws -> [SupervisionProblem] {
        try read { db in try WorkflowCoding.numbered(SupervisionProblem.self, table: "supervision_problem", in: db) }
    }

    public func auditSeed(batch: String) throws -> AuditSeed? {
        try read { db in try SQLiteWorkflowTransaction(db: db).auditSeed(batch: batch) }
    }

    public func auditEvents(after sequence: Int64, limit: Int) throws -> [AuditEvent] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM audit_event WHERE sequence > ? ORDER BY sequence LIMIT ?"),
                             arguments: [sequence, limit]).map(WorkflowCoding.event)
        }
    }

    public func lastAuditSequence() throws -> Int64 {
        try read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM audit_event")) ?? 0 }
    }

    public func auditEvents(subject: String) throws -> [AuditEvent] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM audit_event WHERE subject = ? ORDER BY sequence"),
                             arguments: [subject]).map(WorkflowCoding.event)
        }
    }

    public func statisticsFacts(batch: String?) throws -> (facts: [PatchFacts], withoutCounty: Int) {
        try read { db in
            // Several layers of one kind would each carry the same land: the largest overlap counts, not the sum.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT p.id, p.batch_code, p.code, p.region_code, p.area_m2, w.state,
                    (SELECT MAX(o.cultivated_m2) FROM overlay_result o JOIN layer l ON l.id = o.layer_id
                     WHERE o.patch_id = p.id AND o.layer_version = l.version AND l.kind = 'cultivatedLand') AS cultivated_m2,
                    (SELECT MAX(o.area_m2) FROM overlay_result o JOIN layer l ON l.id = o.layer_id
                     WHERE o.patch_id = p.id AND o.layer_version = l.version AND l.kind = 'basicFarmland') AS basic_m2
                FROM patch p LEFT JOIN patch_workflow w ON w.patch_id = p.id
                WHERE ?1 IS NULL OR p.batch_code = ?1
                """), arguments: [batch])
            var facts: [PatchFacts] = []
            var withoutCounty = 0
            while let row = try rows.next() {
                let workflow = try WorkflowCoding.workflow(row)
                // Only a county's code stands in for an assignment: a patch stated as a city (440100) has no county yet.
                let ownCounty = RowCoding.regionCode(row["region_code"]).flatMap { $0.level == .county || $0.level == nil ? $0 : nil }
                guard let county = workflow.assignment?.county ?? ownCounty else {
                    withoutCounty += 1
                    continue
                }
                facts.append(PatchFacts(key: PatchKey(batch: workflow.batchCode, code: workflow.patchCode), county: county,
                                        area: Area(squareMetres: row["area_m2"]),
                                        cultivatedArea: Area(squareMetres: row["cultivated_m2"] ?? 0),
                                        basicFarmlandArea: Area(squareMetres: row["basic_m2"] ?? 0), workflow: workflow))
            }
            return (facts, withoutCounty)
        }
    }
}

/// JSON records and audit rows, decoded in one place.
enum WorkflowCoding {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String, table: String, id: String) throws -> T {
        do {
            return try WorkflowJSON.decode(type, from: json)
        } catch {
            throw StoreError.corruptRow(table: table, id: id, detail: "\(error)")
        }
    }

    /// The records of a table keyed by number (cases, problems), in number order; only `number` when given.
    static func numbered<T: Decodable>(_ type: T.Type, table: String, in db: Database, number: String? = nil) throws -> [T] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT number, record FROM \(table) WHERE ?1 IS NULL OR number = ?1 ORDER BY number"),
                         arguments: [number]).map { try decode(type, $0["record"], table: table, id: $0["number"]) }
    }

    /// A row with batch_code, code and (possibly NULL) state.
    static func workflow(_ row: Row) throws -> PatchWorkflow {
        guard let state: String = row["state"] else {
            return PatchWorkflow(batchCode: row["batch_code"], patchCode: row["code"])
        }
        return try decode(PatchWorkflow.self, state, table: "patch_workflow", id: "\(row["batch_code"] as String)/\(row["code"] as String)")
    }

    static func event(_ row: Row) -> AuditEvent {
        AuditEvent(sequence: row["sequence"], at: row["at"], actor: row["actor"], action: row["action"], subject: row["subject"],
                   before: row["before"], after: row["after"], previousHash: row["previous_hash"], hash: row["hash"])
    }
}

/// One write transaction of the workflow.
struct SQLiteWorkflowTransaction: WorkflowTransaction {
    let db: Database

    func patch(_ key: PatchKey) throws -> (patch: Patch, workflow: PatchWorkflow) {
        let statement = try db.cachedStatement(sql: """
            SELECT p.*, w.state FROM patch p LEFT JOIN patch_workflow w ON w.patch_id = p.id
            WHERE p.batch_code = ? AND p.code = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [key.batch, key.code]) else {
            throw StoreError.notFound(subject: "图斑 \(key)")
        }
        return (try PatchColumns(statement.columnNames).patch(row), try WorkflowCoding.workflow(row))
    }

    func workflow(_ key: PatchKey) throws -> PatchWorkflow {
        guard let workflow = try existingWorkflow(key) else { throw StoreError.notFound(subject: "图斑 \(key)") }
        return workflow
    }

    /// The workflow without decoding the patch's geometry; nil when there is no such patch.
    func existingWorkflow(_ key: PatchKey) throws -> PatchWorkflow? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT p.batch_code, p.code, w.state FROM patch p LEFT JOIN patch_workflow w ON w.patch_id = p.id
            WHERE p.batch_code = ? AND p.code = ?
            """), arguments: [key.batch, key.code]).map(WorkflowCoding.workflow)
    }

    private func patchID(_ key: PatchKey) throws -> Int64 {
        guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM patch WHERE batch_code = ? AND code = ?"),
                                          arguments: [key.batch, key.code]) else {
            throw StoreError.notFound(subject: "图斑 \(key)")
        }
        return id
    }

    func save(_ workflow: PatchWorkflow, expectedVersion: Int) throws {
        let key = PatchKey(batch: workflow.batchCode, code: workflow.patchCode)
        let id = try patchID(key)
        let stored = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM patch_workflow WHERE patch_id = ?"), arguments: [id]) ?? 0
        guard stored == expectedVersion else {
            throw StoreError.conflict(subject: "图斑 \(key)", expectedVersion: expectedVersion, storedVersion: stored)
        }
        try db.execute(sql: """
            INSERT INTO patch_workflow(patch_id, status, version, county, due, case_number, category, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(patch_id) DO UPDATE SET status = excluded.status, version = excluded.version, county = excluded.county,
                due = excluded.due, case_number = excluded.case_number, category = excluded.category, state = excluded.state
            """, arguments: [id, workflow.status.rawValue, workflow.version, workflow.assignment?.county.rawValue,
                             workflow.assignment?.due.description, workflow.caseNumber, workflow.effectiveCategory?.rawValue,
                             try WorkflowJSON.encode(workflow)])
        try Self.updateCounty(db, patchID: id, assigned: workflow.assignment?.county)
    }

    /// Keeps `patch.county` (what lists filter jurisdictions on) equal to the county the patch answers
    /// to: its assignment's (given, or as stored), else its region code.
    static func updateCounty(_ db: Database, patchID: Int64, assigned: RegionCode?) throws {
        try db.execute(sql: """
            UPDATE patch SET county = COALESCE(?, (SELECT w.county FROM patch_workflow w WHERE w.patch_id = patch.id), region_code)
            WHERE id = ?
            """, arguments: [assigned?.rawValue, patchID])
    }

    func addVerification(_ verification: Verification, to key: PatchKey) throws {
        try db.execute(sql: "INSERT INTO verification(patch_id, at, officer, flagged, record) VALUES (?, ?, ?, ?, ?)",
                       arguments: [try patchID(key), RowCoding.text(verification.at), verification.officer,
                                   verification.isFlagged, try WorkflowJSON.encode(verification)])
    }

    func enforcementCase(_ number: String) throws -> EnforcementCase? {
        try WorkflowCoding.numbered(EnforcementCase.self, table: "enforcement_case", in: db, number: number).first
    }

    func save(_ enforcementCase: EnforcementCase, expectedVersion: Int?) throws {
        try saveVersioned(table: "enforcement_case", number: enforcementCase.number, subject: enforcementCase.subject,
                          expectedVersion: expectedVersion, version: enforcementCase.version,
                          columns: ["region": enforcementCase.region.rawValue, "status": enforcementCase.status.rawValue],
                          record: try WorkflowJSON.encode(enforcementCase))
    }

    func supervisionProblem(_ number: String) throws -> SupervisionProblem? {
        try WorkflowCoding.numbered(SupervisionProblem.self, table: "supervision_problem", in: db, number: number).first
    }

    func save(_ problem: SupervisionProblem, expectedVersion: Int?) throws {
        try saveVersioned(table: "supervision_problem", number: problem.number, subject: problem.subject,
                          expectedVersion: expectedVersion, version: problem.version,
                          columns: ["region": problem.region.rawValue, "closed": problem.isClosed],
                          record: try WorkflowJSON.encode(problem))
    }

    /// Insert (no expected version) or compare-and-update a numbered record.
    private func saveVersioned(table: String, number: String, subject: String, expectedVersion: Int?, version: Int,
                               columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>, record: String) throws {
        let stored = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM \(table) WHERE number = ?"), arguments: [number])
        let names = columns.map(\.key)
        let values = columns.map(\.value)
        switch (expectedVersion, stored) {
        case (nil, nil):
            let all = ["number", "version", "record"] + names
            try db.execute(sql: "INSERT INTO \(table)(\(all.joined(separator: ", "))) VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))",
                           arguments: StatementArguments([number, version, record] as [(any DatabaseValueConvertible)?] + values))
        case (nil, .some):
            throw StoreError.duplicate(subject: subject)
        case (.some(let expected), let stored):
            guard stored == expected else {
                if stored == nil { throw StoreError.notFound(subject: subject) }
                throw StoreError.conflict(subject: subject, expectedVersion: expected, storedVersion: stored!)
            }
            let assignments = (["version", "record"] + names).map { "\($0) = ?" }.joined(separator: ", ")
            try db.execute(sql: "UPDATE \(table) SET \(assignments) WHERE number = ?",
                           arguments: StatementArguments([version, record] as [(any DatabaseValueConvertible)?] + values + [number]))
        }
    }

    func saveAuditSeed(_ seed: AuditSeed, publishedAt: Date) throws {
        try db.execute(sql: """
            INSERT INTO audit_seed(batch, published_at, record) VALUES (?, ?, ?)
            ON CONFLICT(batch) DO UPDATE SET published_at = excluded.published_at, record = excluded.record
            """, arguments: [seed.batch, RowCoding.text(publishedAt), try WorkflowJSON.encode(seed)])
    }

    func auditSeed(batch: String) throws -> AuditSeed? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT record FROM audit_seed WHERE batch = ?"), arguments: [batch]).map {
            try WorkflowCoding.decode(AuditSeed.self, $0, table: "audit_seed", id: batch)
        }
    }

    func approvedPatches(batch: String) throws -> [(patch: Patch, workflow: PatchWorkflow)] {
        let statement = try db.cachedStatement(sql: """
            SELECT p.*, w.state FROM patch p JOIN patch_workflow w ON w.patch_id = p.id
            WHERE p.batch_code = ? AND w.status = ? ORDER BY p.code
            """)
        let columns = try PatchColumns(statement.columnNames)
        return try Row.fetchAll(statement, arguments: [batch, PatchStatus.approved.rawValue]).map {
            (try columns.patch($0), try WorkflowCoding.workflow($0))
        }
    }

    @discardableResult
    func append(_ draft: AuditEventDraft) throws -> AuditEvent {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT sequence, hash FROM audit_event ORDER BY sequence DESC LIMIT 1"))
        let event = AuditChain.seal(draft, sequence: (last?["sequence"] as Int64? ?? 0) + 1,
                                    previousHash: last?["hash"] ?? AuditChain.genesis)
        try db.execute(sql: """
            INSERT INTO audit_event(sequence, at, actor, action, subject, before, after, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [event.sequence, event.at, event.actor, event.action, event.subject, event.before, event.after,
                             event.previousHash, event.hash])
        return event
    }
}
