import Testing
import Geo

enum IndexFixtures {
    /// 1000 half-unit cells on a 40 × 25 grid: item i covers [c, c + 0.5] × [r, r + 0.5] with c = i % 40,
    /// r = i / 40. Every bound is exact in binary, so touching queries are exact.
    static let grid: [Envelope] = (0..<1000).map { i in
        let c = Double(i % 40), r = Double(i / 40)
        return Envelope(minX: c, minY: r, maxX: c + 0.5, maxY: r + 0.5)
    }

    static let queries: [Envelope] = [
        Envelope(minX: 3.25, minY: 2.25, maxX: 7.5, maxY: 4.0),       // touches cells on its east and north sides
        Envelope(minX: 10.5, minY: 10.5, maxX: 10.75, maxY: 10.75),   // touches one cell at its corner only
        Envelope(minX: 10.6, minY: 10.6, maxX: 10.9, maxY: 10.9),     // in a gap between cells
        Envelope(minX: 17.2, minY: 8.2, maxX: 17.2, maxY: 8.2),       // a point inside one cell
        Envelope(minX: -100, minY: -100, maxX: 100, maxY: 100),       // everything
        Envelope(minX: 0, minY: 0, maxX: 39.5, maxY: 0),              // the bottom edge of the first row
        Envelope(minX: 40.25, minY: 0, maxX: 50, maxY: 30),           // east of the grid
        Envelope(minX: -3, minY: 12.3, maxX: 12.3, maxY: 12.4),       // a thin horizontal strip
    ]

    static func bruteForce(_ query: Envelope) -> [Int] {
        grid.indices.filter { grid[$0].intersects(query) }
    }
}

@Suite("SpatialIndex")
struct SpatialIndexTests {
    @Test("A query returns exactly the items whose envelopes intersect it, as brute force finds them",
          arguments: IndexFixtures.queries)
    func matchesBruteForce(query: Envelope) throws {
        let index = try SpatialIndex(envelopes: IndexFixtures.grid)
        #expect(try index.query(query).sorted() == IndexFixtures.bruteForce(query))
    }

    @Test("The node capacity does not change the answer", arguments: [2, 4, 10, 64])
    func nodeCapacityDoesNotMatter(nodeCapacity: Int) throws {
        let index = try SpatialIndex(envelopes: IndexFixtures.grid, nodeCapacity: nodeCapacity)
        for query in IndexFixtures.queries {
            #expect(try index.query(query).sorted() == IndexFixtures.bruteForce(query), "query \(query)")
        }
    }

    @Test("Touching envelopes count as intersecting")
    func touchingCounts() throws {
        let index = try SpatialIndex(envelopes: IndexFixtures.grid)
        // Columns 3…7 (col 7 starts at x = 7.5) × rows 2…4 (row 4 starts at y = 4.0): 15 cells.
        #expect(try index.query(Envelope(minX: 3.25, minY: 2.25, maxX: 7.5, maxY: 4.0)).count == 15)
        // Only cell (10, 10), whose corner is (10.5, 10.5): item 10 × 40 + 10.
        #expect(try index.query(Envelope(minX: 10.5, minY: 10.5, maxX: 10.75, maxY: 10.75)) == [410])
    }

    @Test("Each item is returned once and the whole grid is found by a covering query")
    func everyItemOnce() throws {
        let index = try SpatialIndex(envelopes: IndexFixtures.grid)
        let all = try index.query(Envelope(minX: -1, minY: -1, maxX: 41, maxY: 26))
        #expect(all.count == 1000)
        #expect(Set(all).count == 1000)
        #expect(index.count == 1000)
    }

    @Test("Repeated queries give the same answer")
    func repeatedQueries() throws {
        let index = try SpatialIndex(envelopes: IndexFixtures.grid)
        let query = Envelope(minX: 3.25, minY: 2.25, maxX: 7.5, maxY: 4.0)
        let first = try index.query(query).sorted()
        #expect(try index.query(query).sorted() == first)
        #expect(try index.query(query).sorted() == first)
    }

    @Test("An index over zero items returns nothing")
    func emptyIndex() throws {
        let index = try SpatialIndex(envelopes: [])
        #expect(index.count == 0)
        #expect(try index.query(Envelope(minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9)).isEmpty)
    }

    @Test("Index 0 is a real item, not a null pointer")
    func firstItemIsFound() throws {
        let index = try SpatialIndex(envelopes: [Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1),
                                                 Envelope(minX: 5, minY: 5, maxX: 6, maxY: 6)])
        #expect(try index.query(Envelope(minX: 0.5, minY: 0.5, maxX: 0.6, maxY: 0.6)) == [0])
        #expect(try index.query(Envelope(minX: 5.5, minY: 5.5, maxX: 5.6, maxY: 5.6)) == [1])
    }
}
