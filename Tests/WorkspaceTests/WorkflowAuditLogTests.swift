import Enforcement
import Foundation
import GRDB
import Store
import Testing
import TestSupport
import Workspace

private typealias F = WorkflowFixture

/// A workspace after a full walk of P001 (assign … approve) and P002 assigned: 7 audit events (2 assignments, then 5 steps of P001).
private func walkedWorkspace(_ directory: TemporaryDirectory) throws -> Workspace {
    let workspace = try F.workspace(F.specs(["P001", "P002"], region: "440103"), in: directory)
    _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
    try workspace.recordVerification(F.key("P001"), F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
    try workspace.determine(F.key("P001"), parts: F.legal, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"))
    try workspace.returnToCounty(F.key("P001"), reason: "缺批准文件扫描件", signature: F.sign("市审核 赵六", "2024-04-09T09:30:00+08:00"))
    try workspace.determine(F.key("P001"), parts: F.illegal, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-09T16:00:00+08:00"))
    try workspace.approve(F.key("P001"), signature: F.sign("市审核 赵六", "2024-04-10T11:00:00+08:00"))
    return workspace
}

/// A second connection straight to the workspace's SQLite file, as a tamperer with file access would open it.
private func rawDatabase(_ workspace: Workspace) throws -> DatabaseQueue {
    try DatabaseQueue(path: workspace.root.appendingPathComponent(Workspace.databaseName).path)
}

/// Drops the append-only triggers, as only someone bypassing LandWatch could.
private func dropTriggers(_ database: DatabaseQueue) throws {
    try database.write { db in
        try db.execute(sql: "DROP TRIGGER audit_event_append_only_update; DROP TRIGGER audit_event_append_only_delete")
    }
}

@Suite("The hash-chained audit log on disk: intact after a walk, append-only in SQLite, and tampering detected")
struct WorkflowAuditLogTests {
    @Test("After a full walk the audit log verifies intact, every event counted, and its head is the last event's hash")
    func logIntactAfterWalk() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let check = try workspace.verifyAuditLog()
        #expect(check.isIntact)
        #expect(check.verifiedEvents == 7)
        #expect(try F.auditLength(workspace) == 7)
        let last = try #require(try workspace.store.auditEvents(after: 6, limit: 10).first)
        #expect(check.head == last.hash)
        #expect(try workspace.verifyAuditLog(expectedHead: check.head).isIntact)
        #expect(try workspace.verifyAuditLog(pageSize: 3) == check)
    }

    @Test("Each event chains to the one before it, starting from the genesis hash")
    func eventsChain() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let events = try workspace.store.auditEvents(after: 0, limit: 100)
        #expect(events.map(\.sequence) == Array(1...7))
        #expect(events.first?.previousHash == AuditChain.genesis)
        for (previous, event) in zip(events, events.dropFirst()) { #expect(event.previousHash == previous.hash) }
    }

    @Test("SQLite itself refuses UPDATE and DELETE on audit_event through the append-only triggers")
    func triggersRefuseUpdateAndDelete() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let database = try rawDatabase(workspace)
        let update = #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "UPDATE audit_event SET actor = '某人' WHERE sequence = 3") }
        }
        #expect(update?.message?.contains("the audit log is append-only") == true)
        let delete = #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "DELETE FROM audit_event WHERE sequence = 7") }
        }
        #expect(delete?.message?.contains("审计日志只能追加") == true)
        #expect(try F.auditLength(workspace) == 7)
        #expect(try workspace.store.auditEvents(subject: "\(F.batch)/P001")[2].actor == "县执法 李四")
        #expect(try workspace.verifyAuditLog().isIntact)
    }

    @Test("A tamperer who drops the triggers and edits one event's actor is caught at exactly that event")
    func editedEventDetected() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let database = try rawDatabase(workspace)
        try dropTriggers(database)
        try database.write { db in try db.execute(sql: "UPDATE audit_event SET actor = '市审核 钱八' WHERE sequence = 5") }
        let check = try workspace.verifyAuditLog()
        #expect(check.problem == .hashMismatch(sequence: 5))
        #expect(check.verifiedEvents == 4)
        #expect(check.head == (try workspace.store.auditEvents(after: 3, limit: 1).first?.hash))
    }

    @Test("A tamperer who deletes an event in the middle leaves a sequence gap")
    func deletedEventDetected() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let database = try rawDatabase(workspace)
        try dropTriggers(database)
        try database.write { db in try db.execute(sql: "DELETE FROM audit_event WHERE sequence = 4") }
        let check = try workspace.verifyAuditLog()
        #expect(check.problem == .sequenceGap(expected: 4, found: 5))
        #expect(check.verifiedEvents == 3)
    }

    @Test("A tamperer who renumbers after deleting an event breaks the chain at the renumbered event")
    func renumberedEventsDetected() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let database = try rawDatabase(workspace)
        try dropTriggers(database)
        try database.write { db in
            try db.execute(sql: "DELETE FROM audit_event WHERE sequence = 4")
            try db.execute(sql: "UPDATE audit_event SET sequence = sequence - 1 WHERE sequence > 4")
        }
        #expect(try workspace.verifyAuditLog().problem == .previousHashMismatch(sequence: 4))
    }

    @Test("Deleting the last event leaves a log that checks intact alone but not against the head published before")
    func truncatedLogDetectedByPublishedHead() throws {
        let directory = TemporaryDirectory()
        let workspace = try walkedWorkspace(directory)
        let published = try workspace.verifyAuditLog().head
        let database = try rawDatabase(workspace)
        try dropTriggers(database)
        try database.write { db in try db.execute(sql: "DELETE FROM audit_event WHERE sequence = 7") }

        let alone = try workspace.verifyAuditLog()
        #expect(alone.isIntact)
        #expect(alone.verifiedEvents == 6)
        let sixth = try #require(try workspace.store.auditEvents(after: 5, limit: 1).first)
        #expect(alone.head == sixth.hash)
        let against = try workspace.verifyAuditLog(expectedHead: published)
        #expect(against.problem == .headMismatch(expected: published, found: sixth.hash))
    }

    @Test("An empty log is intact with the genesis hash as its head")
    func emptyLogIntact() throws {
        let directory = TemporaryDirectory()
        let workspace = try F.workspace(F.specs(["P001"], region: "440103"), in: directory)
        let check = try workspace.verifyAuditLog()
        #expect(check.isIntact)
        #expect(check.verifiedEvents == 0)
        #expect(check.head == AuditChain.genesis)
    }
}
