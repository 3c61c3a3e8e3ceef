import Enforcement
import Foundation
import Store

/// A random secret handed to a client once (a session cookie, a CSRF token, an API token); the store
/// keeps only its SHA-256.
public struct Secret: Sendable, Equatable {
    public let value: String

    /// 32 bytes from the system's CSPRNG (getrandom on Linux), as lowercase hex.
    public static func generate() -> Secret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Secret(value: bytes.map { String(format: "%02x", $0) }.joined())
    }

    public init(value: String) { self.value = value }

    public var hash: String { ContentHash.sha256Hex(Data(value.utf8)) }
}

/// A browser session just opened: the cookie value and the CSRF token, both shown only now.
public struct OpenedSession: Sendable {
    public let account: UserAccount
    public let cookie: Secret
    public let csrfToken: String
    public let expiresAt: Date
}

extension Workspace {
    /// How long a browser stays signed in without signing in again: one working day.
    public static let sessionLifetime: TimeInterval = 12 * 3600

    public func openSession(for account: UserAccount, at now: Date = Date()) throws -> OpenedSession {
        let cookie = Secret.generate()
        let csrf = Secret.generate().value
        let expires = now.addingTimeInterval(Self.sessionLifetime)
        try store.saveSession(StoredSession(idHash: cookie.hash, username: account.username, csrfToken: csrf,
                                            createdAt: now, expiresAt: expires))
        return OpenedSession(account: account, cookie: cookie, csrfToken: csrf, expiresAt: expires)
    }

    /// The live session behind a cookie value, with its user.
    public func session(cookie: String, at now: Date = Date()) throws -> (account: UserAccount, session: StoredSession)? {
        try store.sessionUser(idHash: Secret(value: cookie).hash, at: now)
    }

    public func closeSession(cookie: String) throws {
        try store.deleteSession(idHash: Secret(value: cookie).hash)
    }

    /// Issues an API token for scripts; the value is returned once and stored only as its hash.
    public func issueToken(for username: String, name: String, at now: Date = Date()) throws -> Secret {
        guard let (account, _) = try store.user(username) else { throw StoreError.notFound(subject: "用户 \(username)") }
        guard !account.disabled else { throw WorkspaceError.userDisabled(username) }
        let token = Secret.generate()
        try store.saveToken(hash: token.hash, username: username, name: name, createdAt: now)
        return token
    }

    public func tokenUser(_ token: String) throws -> UserAccount? {
        try store.tokenUser(hash: Secret(value: token).hash)
    }
}
