import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

@Suite("Regions in the store")
struct RegionStoreTests {
    static func guangzhou() throws -> [Region] {
        [
            try region("440104", "越秀区", squareWKT(lon: 113.25, lat: 23.10, size: 0.05)),
            try region("440100", "广州市", squareWKT(lon: 113.00, lat: 22.90, size: 0.60)),
            try region("440103", "荔湾区", squareWKT(lon: 113.20, lat: 23.10, size: 0.05)),
            try region("440000", "广东省", squareWKT(lon: 109.70, lat: 20.20, size: 7.00)),
        ]
    }

    @Test("Saving new regions inserts them all")
    func insert() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.store.saveRegions(try Self.guangzhou()) == UpsertCounts(inserted: 4))
    }

    @Test("Saving the same regions again reports all unchanged")
    func sameAgainIsUnchanged() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveRegions(try Self.guangzhou())
        #expect(try fixture.store.saveRegions(try Self.guangzhou()) == UpsertCounts(unchanged: 4))
        #expect(try fixture.store.regions().count == 4)
    }

    @Test("Changing a region's name reports it updated and stores the new name")
    func renameIsUpdated() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveRegions(try Self.guangzhou())
        var regions = try Self.guangzhou()
        regions[2] = try region("440103", "荔湾区（新）", squareWKT(lon: 113.20, lat: 23.10, size: 0.05))
        #expect(try fixture.store.saveRegions(regions) == UpsertCounts(updated: 1, unchanged: 3))
        #expect(try fixture.store.regions().first { $0.code.rawValue == "440103" }?.name == "荔湾区（新）")
        #expect(try fixture.store.regions().count == 4)
    }

    @Test("Changing a region's boundary reports it updated and stores the new boundary and area")
    func reshapeIsUpdated() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveRegions(try Self.guangzhou())
        let moved = try region("440104", "越秀区", squareWKT(lon: 113.26, lat: 23.11, size: 0.04))
        #expect(try fixture.store.saveRegions([moved]) == UpsertCounts(updated: 1))
        let stored = try #require(try fixture.store.regions().first { $0.code.rawValue == "440104" })
        #expect(stored == moved)
    }

    @Test("Regions come back ordered by code with every field as saved")
    func orderedByCode() throws {
        let fixture = try StoreFixture()
        let saved = try Self.guangzhou()
        _ = try fixture.store.saveRegions(saved)
        let read = try fixture.store.regions()
        #expect(read.map(\.code.rawValue) == ["440000", "440100", "440103", "440104"])
        #expect(read == saved.sorted { $0.code < $1.code })
    }

    @Test("Parent codes are derived from GB codes: 440103 → 440100 → 440000 → none")
    func parentCodes() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveRegions(try Self.guangzhou())
        let parents = Dictionary(uniqueKeysWithValues: try fixture.store.regions().map { ($0.code.rawValue, $0.parentCode?.rawValue) })
        #expect(parents == ["440000": nil, "440100": "440000", "440103": "440100", "440104": "440100"])
    }

    @Test("A parent given in the source data is kept, and a non-GB code has no derived parent")
    func explicitParent() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveRegions([
            try region("440103001", "沙面街道", squareWKT(lon: 113.24, lat: 23.10, size: 0.01), parent: "440103"),
            try region("GZKFQ", "广州开发区", squareWKT(lon: 113.40, lat: 23.10, size: 0.05)),
        ])
        let parents = Dictionary(uniqueKeysWithValues: try fixture.store.regions().map { ($0.code.rawValue, $0.parentCode?.rawValue) })
        #expect(parents == ["440103001": "440103", "GZKFQ": nil])
    }
}
