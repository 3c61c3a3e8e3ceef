import Foundation
import Synchronization

/// Counts of list queries, kept until the next write through the store or for `maximumAge`: paging
/// through a county's list, or sixty-four clerks opening it at once, counts its rows once. A write by
/// another process (a CLI import while the server runs) shows in counts after `maximumAge` at most;
/// the rows themselves are always read fresh.
final class ListCountCache: Sendable {
    static let maximumAge: Duration = .seconds(5)
    /// Distinct queries kept; beyond it the cache starts over (filters are few, bboxes are many).
    static let capacity = 1_000

    private struct Entry {
        let count: Int
        let generation: Int
        let at: ContinuousClock.Instant
    }

    private struct State {
        var generation = 0
        var entries: [String: Entry] = [:]
    }

    private let state = Mutex(State())
    private let computing = Mutex(())

    /// Forgets every count: called after each write.
    func invalidate() {
        state.withLock {
            $0.generation += 1
            $0.entries.removeAll(keepingCapacity: true)
        }
    }

    /// The cached count for `key`, or `compute()`'s, kept unless a write happened while it ran. Counts are
    /// computed one at a time: when many requests miss at once (a list opened by everyone at 9 o'clock),
    /// the first counts and the others take its answer instead of counting the same rows again. A count
    /// only too old (no write since) is recounted by one request while the others still take it.
    func count(for key: String, compute: () throws -> Int) throws -> Int {
        let now = ContinuousClock.now
        if let cached = lookup(key) {
            if now - cached.at < Self.maximumAge { return cached.count }
            return try computing.withLockIfAvailable { _ in try recount(key, compute) } ?? cached.count
        }
        return try computing.withLock { _ in
            if let cached = lookup(key), now - cached.at < Self.maximumAge { return cached.count }
            return try recount(key, compute)
        }
    }

    /// Counts and keeps the result, unless a write happened meanwhile. Called holding `computing`.
    private func recount(_ key: String, _ compute: () throws -> Int) throws -> Int {
        let generation = state.withLock { $0.generation }
        let now = ContinuousClock.now
        let counted = try compute()
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(count: counted, generation: generation, at: now)
        }
        return counted
    }

    /// The entry kept for `key` since the last write, however old.
    private func lookup(_ key: String) -> Entry? {
        state.withLock { state in
            guard let entry = state.entries[key], entry.generation == state.generation else { return nil }
            return entry
        }
    }
}
