import Foundation
import Synchronization

/// 登录限速: after `limit` failed sign-ins for one username from one address within `window`, that
/// pair is refused until the window has passed since the first failure. Kept in memory: a restart
/// forgets it, which costs a guesser nothing it did not already have.
final class LoginThrottle: Sendable {
    let limit: Int
    let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    private func key(_ username: String, _ address: String) -> String { "\(username.lowercased())|\(address)" }

    /// Seconds until the pair may try again; nil when it may try now.
    func retryAfter(username: String, address: String, now: Date = Date()) -> Int? {
        failures.withLock { table in
            let recent = (table[key(username, address)] ?? []).filter { now.timeIntervalSince($0) < window }
            table[key(username, address)] = recent.isEmpty ? nil : recent
            guard recent.count >= limit, let first = recent.first else { return nil }
            return max(1, Int((window - now.timeIntervalSince(first)).rounded(.up)))
        }
    }

    func recordFailure(username: String, address: String, now: Date = Date()) {
        failures.withLock { $0[key(username, address), default: []].append(now) }
    }

    func recordSuccess(username: String, address: String) {
        failures.withLock { $0[key(username, address)] = nil }
    }
}
