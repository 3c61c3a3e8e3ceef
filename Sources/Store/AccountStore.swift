import Enforcement
import Foundation

/// Persistence of users, web sessions and API tokens. Secrets are never stored: passwords as bcrypt
/// hashes, session ids and tokens as SHA-256 hex of the random value handed to the client. Changes to
/// users land together with their audit event (`event`), which never carries a secret.
public protocol AccountStore: Sendable {
    /// Inserts a user; `StoreError.duplicate` when the username is taken.
    func addUser(_ user: UserAccount, passwordHash: String, event: AuditEventDraft) throws
    func users() throws -> [UserAccount]
    /// The user with its password hash; nil when there is none.
    func user(_ username: String) throws -> (account: UserAccount, passwordHash: String)?
    /// Disables the user and ends its sessions and tokens, or enables it again, in one transaction.
    func setDisabled(_ disabled: Bool, username: String, event: AuditEventDraft) throws
    func setPassword(_ username: String, passwordHash: String, event: AuditEventDraft) throws

    func saveSession(_ session: StoredSession) throws
    /// The session's user while the session is live (not expired, user not disabled).
    func sessionUser(idHash: String, at now: Date) throws -> (account: UserAccount, session: StoredSession)?
    func deleteSession(idHash: String) throws

    func saveToken(hash: String, username: String, name: String, createdAt: Date) throws
    func tokenUser(hash: String) throws -> UserAccount?
}

/// A signed-in browser: the hash of its cookie value and the CSRF token its page must echo.
public struct StoredSession: Sendable, Equatable {
    public let idHash: String
    public let username: String
    public let csrfToken: String
    public let createdAt: Date
    public let expiresAt: Date

    public init(idHash: String, username: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.username = username
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
