import Enforcement
import Foundation
import GRDB

extension SQLiteStore {
    public func addUser(_ user: UserAccount, passwordHash: String, event: AuditEventDraft) throws {
        try write { db in
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM app_user WHERE username = ?"), arguments: [user.username]) == nil else {
                throw StoreError.duplicate(subject: "用户 \(user.username)")
            }
            try db.execute(sql: """
                INSERT INTO app_user(username, display_name, role, jurisdiction, password_hash, disabled, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [user.username, user.displayName, user.role.rawValue, user.jurisdiction.rawValue, passwordHash,
                                 user.disabled, RowCoding.text(user.createdAt)])
            try SQLiteWorkflowTransaction(db: db).append(event)
        }
    }

    public func users() throws -> [UserAccount] {
        try read { db in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM app_user ORDER BY username")).map(Self.account) }
    }

    public func user(_ username: String) throws -> (account: UserAccount, passwordHash: String)? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM app_user WHERE username = ?"), arguments: [username]).map {
                (try Self.account($0), $0["password_hash"])
            }
        }
    }

    public func setDisabled(_ disabled: Bool, username: String, event: AuditEventDraft) throws {
        try write { db in
            try db.execute(sql: "UPDATE app_user SET disabled = ? WHERE username = ?", arguments: [disabled, username])
            guard db.changesCount == 1 else { throw StoreError.notFound(subject: "用户 \(username)") }
            if disabled {
                try db.execute(sql: "DELETE FROM web_session WHERE username = ?", arguments: [username])
                try db.execute(sql: "DELETE FROM api_token WHERE username = ?", arguments: [username])
            }
            try SQLiteWorkflowTransaction(db: db).append(event)
        }
    }

    public func setPassword(_ username: String, passwordHash: String, event: AuditEventDraft) throws {
        try write { db in
            try db.execute(sql: "UPDATE app_user SET password_hash = ? WHERE username = ?", arguments: [passwordHash, username])
            guard db.changesCount == 1 else { throw StoreError.notFound(subject: "用户 \(username)") }
            try db.execute(sql: "DELETE FROM web_session WHERE username = ?", arguments: [username])
            try SQLiteWorkflowTransaction(db: db).append(event)
        }
    }

    public func saveSession(_ session: StoredSession) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at < ?", arguments: [RowCoding.text(session.createdAt)])
            try db.execute(sql: """
                INSERT INTO web_session(id_hash, username, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [session.idHash, session.username, session.csrfToken, RowCoding.text(session.createdAt),
                                 RowCoding.text(session.expiresAt)])
        }
    }

    public func sessionUser(idHash: String, at now: Date) throws -> (account: UserAccount, session: StoredSession)? {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT u.*, s.id_hash, s.csrf_token, s.created_at AS session_created, s.expires_at
                FROM web_session s JOIN app_user u ON u.username = s.username
                WHERE s.id_hash = ? AND s.expires_at > ? AND u.disabled = 0
                """), arguments: [idHash, RowCoding.text(now)]) else { return nil }
            let account = try Self.account(row)
            return (account, StoredSession(idHash: row["id_hash"], username: account.username, csrfToken: row["csrf_token"],
                                           createdAt: RowCoding.date(row["session_created"]), expiresAt: RowCoding.date(row["expires_at"])))
        }
    }

    public func deleteSession(idHash: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM web_session WHERE id_hash = ?", arguments: [idHash]) }
    }

    public func saveToken(hash: String, username: String, name: String, createdAt: Date) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO api_token(token_hash, username, name, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [hash, username, name, RowCoding.text(createdAt)])
        }
    }

    public func tokenUser(hash: String) throws -> UserAccount? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT u.* FROM api_token t JOIN app_user u ON u.username = t.username WHERE t.token_hash = ? AND u.disabled = 0
                """), arguments: [hash]).map(Self.account)
        }
    }

    static func account(_ row: Row) throws -> UserAccount {
        let username: String = row["username"]
        guard let role = Role(rawValue: row["role"]), let jurisdiction = RowCoding.regionCode(row["jurisdiction"]) else {
            throw StoreError.corruptRow(table: "app_user", id: username, detail: "role or jurisdiction")
        }
        return UserAccount(username: username, displayName: row["display_name"], role: role, jurisdiction: jurisdiction,
                           disabled: row["disabled"], createdAt: RowCoding.date(row["created_at"]))
    }
}
