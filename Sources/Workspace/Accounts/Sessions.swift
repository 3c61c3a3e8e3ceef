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
    /// How long (seconds) a token or session the store confirmed is trusted without asking again; a
    /// change made by another process (`landwatch users disable`) shows within this time.
    public static var credentialFreshness: TimeInterval { CredentialCache.freshness }

    public func openSession(for account: UserAccount, at now: Date = Date()) throws -> OpenedSession {
        let cookie = Secret.generate()
        let csrf = Secret.generate().value
        let expires = now.addingTimeInterval(Self.sessionLifetime)
        try store.saveSession(StoredSession(idHash: cookie.hash, username: account.username, csrfToken: csrf,
                                            createdAt: now, expiresAt: expires))
        return OpenedSession(account: account, cookie: cookie, csrfToken: csrf, expiresAt: expires)
    }

    /// The live session behind a cookie value, with its user, from the store (and remembered for
    /// `credentialFreshness` seconds).
    public func session(cookie: String, at now: Date = Date()) throws -> (account: UserAccount, session: StoredSession)? {
        let key = CredentialCache.Key(kind: .session, hash: Secret(value: cookie).hash)
        if let recent = recentSession(key, at: now) { return recent }
        guard let found = try store.sessionUser(idHash: key.hash, at: now) else { return nil }
        credentials.remember(key, .init(account: found.account, session: found.session, confirmedAt: now))
        return found
    }

    /// The session behind a cookie when the store confirmed it moments ago; no I/O. nil: ask `session(cookie:)`.
    public func recentlyConfirmedSession(cookie: String, at now: Date = Date()) -> (account: UserAccount, session: StoredSession)? {
        recentSession(CredentialCache.Key(kind: .session, hash: Secret(value: cookie).hash), at: now)
    }

    private func recentSession(_ key: CredentialCache.Key, at now: Date) -> (account: UserAccount, session: StoredSession)? {
        guard let entry = credentials.fresh(key, at: now), let session = entry.session else { return nil }
        return (entry.account, session)
    }

    public func closeSession(cookie: String) throws {
        try store.deleteSession(idHash: Secret(value: cookie).hash)
        credentials.forgetAll()
    }

    /// Issues an API token for scripts; the value is returned once and stored only as its hash.
    public func issueToken(for username: String, name: String, at now: Date = Date()) throws -> Secret {
        guard let (account, _) = try store.user(username) else { throw StoreError.notFound(subject: "用户 \(username)") }
        guard !account.disabled else { throw WorkspaceError.userDisabled(username) }
        let token = Secret.generate()
        try store.saveToken(hash: token.hash, username: username, name: name, createdAt: now)
        return token
    }

    /// The enabled user an API token belongs to, from the store (and remembered for `credentialFreshness` seconds).
    public func tokenUser(_ token: String, at now: Date = Date()) throws -> UserAccount? {
        let key = CredentialCache.Key(kind: .token, hash: Secret(value: token).hash)
        if let recent = credentials.fresh(key, at: now) { return recent.account }
        guard let account = try store.tokenUser(hash: key.hash) else { return nil }
        credentials.remember(key, .init(account: account, session: nil, confirmedAt: now))
        return account
    }

    /// The token's user when the store confirmed it moments ago; no I/O. nil: ask `tokenUser(_:)`.
    public func recentlyConfirmedTokenUser(_ token: String, at now: Date = Date()) -> UserAccount? {
        credentials.fresh(CredentialCache.Key(kind: .token, hash: Secret(value: token).hash), at: now)?.account
    }
}
