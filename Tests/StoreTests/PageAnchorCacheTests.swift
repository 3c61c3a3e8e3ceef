import Testing
@testable import Store

@Suite("Known page starts")
struct PageAnchorCacheTests {
    private typealias Cache = PageAnchorCache<String>
    private let t0 = ContinuousClock.now

    private func anchor(_ offset: Int) -> Cache.Anchor { .init(offset: offset, batch: "2024Q1", code: "P\(offset)") }

    @Test("A page starts from the nearest known start at or below its offset, and of its own list only")
    func nearestAtOrBelow() {
        let cache = Cache()
        for offset in [50, 100, 200] { cache.remember(anchor(offset), for: "list", from: cache.start(for: "list", offset: 0, now: t0)) }
        #expect(cache.start(for: "list", offset: 150, now: t0).anchor == anchor(100))
        #expect(cache.start(for: "list", offset: 200, now: t0).anchor == anchor(200))
        #expect(cache.start(for: "list", offset: 40, now: t0).anchor == nil)
        #expect(cache.start(for: "other list", offset: 150, now: t0).anchor == nil)
    }

    @Test("A start is trusted for five seconds after the full read it descends from, and a page read from it does not renew it")
    func ageComesFromTheFullRead() {
        let cache = Cache()
        cache.remember(anchor(100), for: "list", from: cache.start(for: "list", offset: 100, now: t0))
        let fromAnchor = cache.start(for: "list", offset: 150, now: t0 + .seconds(3))
        #expect(fromAnchor.anchor == anchor(100))
        cache.remember(anchor(150), for: "list", from: fromAnchor)
        #expect(cache.start(for: "list", offset: 150, now: t0 + .seconds(4)).anchor == anchor(150))
        #expect(cache.start(for: "list", offset: 150, now: t0 + .seconds(5)).anchor == nil)
    }

    @Test("A write forgets every start, and what a read begun before it learnt is not kept")
    func writesForget() {
        let cache = Cache()
        cache.remember(anchor(100), for: "list", from: cache.start(for: "list", offset: 100, now: t0))
        let begun = cache.start(for: "list", offset: 200, now: t0)
        cache.invalidate()
        #expect(cache.start(for: "list", offset: 100, now: t0).anchor == nil)
        cache.remember(anchor(200), for: "list", from: begun)
        #expect(cache.start(for: "list", offset: 200, now: t0).anchor == nil)
    }
}
