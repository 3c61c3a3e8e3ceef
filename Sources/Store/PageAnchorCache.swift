import Foundation
import Synchronization

/// Where the pages of a list begin: the sort key (batch, code) of the row at an offset, learnt from the
/// pages served. SQLite's OFFSET reads every row it skips, so page 100 of a province stepped over 4,950
/// index entries on every request; from a known start at or below the offset the list seeks on the
/// (batch, code) index and steps over the difference only (a clerk paging on steps over none).
///
/// An anchor is true of the rows as they were when it was learnt. Every write through the store forgets
/// them all; a write by another process (a CLI import while the server runs) can leave them stale, so an
/// anchor is trusted for `maximumAge` after the full OFFSET scan it descends from, never renewed by a page
/// that was itself read from an anchor. Counts are kept under the same rule (`ListCountCache`).
final class PageAnchorCache<Query: Hashable & Sendable>: Sendable {
    static var maximumAge: Duration { .seconds(5) }
    /// Distinct queries kept; beyond it the cache starts over.
    static var capacity: Int { 1_000 }
    /// Anchors kept per query; beyond it that query's anchors start over.
    static var anchorsPerQuery: Int { 256 }

    /// The first row of the page at `offset`, in the list's order.
    struct Anchor: Sendable, Equatable {
        let offset: Int
        let batch: String
        let code: String
    }

    /// Where a page read begins: the nearest trusted anchor at or below its offset (nil: from the first
    /// row), the store's generation then, and when the rows the anchor describes were read.
    struct Start: Sendable {
        let anchor: Anchor?
        let generation: Int
        let readAt: ContinuousClock.Instant
    }

    private struct Entry {
        let anchor: Anchor
        let readAt: ContinuousClock.Instant
    }

    private struct State {
        var generation = 0
        var anchors: [Query: [Int: Entry]] = [:]
    }

    private let state = Mutex(State())

    /// Forgets every anchor: called after each write.
    func invalidate() {
        state.withLock {
            $0.generation += 1
            $0.anchors.removeAll(keepingCapacity: true)
        }
    }

    /// The start for a page of `query` at `offset`. Take it before the read begins, so that a write
    /// committed meanwhile shows in the generation and what the read learns is not kept.
    func start(for query: Query, offset: Int, now: ContinuousClock.Instant = .now) -> Start {
        state.withLock { state in
            let nearest = state.anchors[query]?.values
                .filter { $0.anchor.offset <= offset && now - $0.readAt < Self.maximumAge }
                .max { $0.anchor.offset < $1.anchor.offset }
            return Start(anchor: nearest?.anchor, generation: state.generation, readAt: nearest?.readAt ?? now)
        }
    }

    /// Keeps `anchor`, learnt by a read that began at `start`, unless a write happened since.
    func remember(_ anchor: Anchor, for query: Query, from start: Start) {
        state.withLock { state in
            guard state.generation == start.generation else { return }
            if state.anchors[query] == nil, state.anchors.count >= Self.capacity { state.anchors.removeAll(keepingCapacity: true) }
            if state.anchors[query, default: [:]].count >= Self.anchorsPerQuery { state.anchors[query] = [:] }
            state.anchors[query, default: [:]][anchor.offset] = Entry(anchor: anchor, readAt: start.readAt)
        }
    }
}
