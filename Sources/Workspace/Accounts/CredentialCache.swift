import Enforcement
import Foundation
import Store
import Synchronization

/// Credentials (API tokens and session cookies, by their SHA-256) that the store confirmed moments
/// ago, so that a busy client is not looked up again on every request.
///
/// An entry is trusted for `freshness` seconds. A change made through this workspace object (a user
/// disabled or re-passworded, a session closed) forgets every entry at once; a change made by another
/// process (`landwatch users disable` while the server runs) takes effect within `freshness`.
final class CredentialCache: Sendable {
    /// How long a confirmed credential is trusted without asking the store again (seconds).
    static let freshness: TimeInterval = 2
    /// Entries kept at most; beyond it the stale ones go, then all (a flood of distinct tokens gains nothing).
    static let capacity = 4096

    /// A credential by kind and SHA-256: a cookie value is never taken for a token, nor a token for a cookie.
    struct Key: Hashable, Sendable {
        enum Kind: Hashable, Sendable { case token, session }
        let kind: Kind
        let hash: String
    }

    struct Entry: Sendable {
        let account: UserAccount
        let session: StoredSession?
        let confirmedAt: Date
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The entry for `key` when it was confirmed less than `freshness` ago and its session, if any, has not expired.
    func fresh(_ key: Key, at now: Date) -> Entry? {
        entries.withLock { table in
            guard let entry = table[key] else { return nil }
            let age = now.timeIntervalSince(entry.confirmedAt)
            guard age >= 0, age < Self.freshness, entry.session.map({ $0.expiresAt > now }) ?? true else {
                table[key] = nil
                return nil
            }
            return entry
        }
    }

    func remember(_ key: Key, _ entry: Entry) {
        entries.withLock { table in
            if table.count >= Self.capacity {
                table = table.filter { entry.confirmedAt.timeIntervalSince($0.value.confirmedAt) < Self.freshness }
                if table.count >= Self.capacity { table.removeAll() }
            }
            table[key] = entry
        }
    }

    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}
