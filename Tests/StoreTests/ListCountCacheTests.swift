import Testing
@testable import Store

@Suite("Cached list counts")
struct ListCountCacheTests {
    /// Counts how often the cache asks for a count.
    final class Counter: @unchecked Sendable {
        var calls = 0
        func count() -> Int {
            calls += 1
            return 42
        }
    }

    @Test("A query is counted once until a write; after the write it is counted again")
    func countedOnceUntilWrite() throws {
        let cache = ListCountCache()
        let counter = Counter()
        #expect(try cache.count(for: "q", compute: counter.count) == 42)
        #expect(try cache.count(for: "q", compute: counter.count) == 42)
        #expect(counter.calls == 1)
        cache.invalidate()
        #expect(try cache.count(for: "q", compute: counter.count) == 42)
        #expect(counter.calls == 2)
    }

    @Test("Different queries are counted apart, and a failed count keeps nothing")
    func separateKeysAndFailures() throws {
        struct Refused: Error {}
        let cache = ListCountCache()
        #expect(try cache.count(for: "a") { 1 } == 1)
        #expect(try cache.count(for: "b") { 2 } == 2)
        #expect(throws: Refused.self) { try cache.count(for: "c") { throw Refused() } }
        #expect(try cache.count(for: "c") { 3 } == 3)
        #expect(try cache.count(for: "a") { 9 } == 1)
    }
}
