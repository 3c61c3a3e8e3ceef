import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

@Suite("Patch queries")
struct PatchQueryTests {
    /// Five patches in two batches: Liwan (440103), Yuexiu (440104), Shaoguan's Wujiang (440203),
    /// one with no region, in 2024Q1; one Liwan patch in 2024Q2.
    static func populated() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, [
            try patch("A1", region: "440103", wkt: squareWKT(lon: 113.20, lat: 23.10, size: 0.01)),
            try patch("A2", region: "440104", wkt: squareWKT(lon: 113.26, lat: 23.12, size: 0.01)),
            try patch("A3", region: "440203", wkt: squareWKT(lon: 113.60, lat: 24.80, size: 0.01)),
            try patch("A4", region: nil, wkt: squareWKT(lon: 113.70, lat: 24.90, size: 0.01), regionSource: .none),
            try patch("A5", region: "440103", wkt: squareWKT(lon: 113.22, lat: 23.10, size: 0.01)),
        ], batch: "2024Q1")
        try importPatches(fixture.store, [
            try patch("B1", batch: "2024Q2", region: "440103", wkt: squareWKT(lon: 113.205, lat: 23.105, size: 0.002)),
        ], batch: "2024Q2")
        return fixture
    }

    static func codes(_ fixture: StoreFixture, _ query: PatchQuery) throws -> [String] {
        try fixture.store.patches(matching: query).map { "\($0.batchCode)/\($0.code)" }
    }

    @Test("Without filters every patch is listed, ordered by batch then code")
    func all() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery()) ==
                ["2024Q1/A1", "2024Q1/A2", "2024Q1/A3", "2024Q1/A4", "2024Q1/A5", "2024Q2/B1"])
    }

    @Test("Filtering by batch lists that batch's patches only")
    func byBatch() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(batch: "2024Q2")) == ["2024Q2/B1"])
        #expect(try Self.codes(fixture, PatchQuery(batch: "2023Q4")) == [])
    }

    @Test("A city code lists its counties' patches: 440100 gives 440103 and 440104, not 440203")
    func byCity() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(region: try RegionCode("440100"))) ==
                ["2024Q1/A1", "2024Q1/A2", "2024Q1/A5", "2024Q2/B1"])
    }

    @Test("A county code lists that county's patches only")
    func byCounty() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(region: try RegionCode("440104"))) == ["2024Q1/A2"])
    }

    @Test("A province code, even written 44, lists every patch with a region in it")
    func byProvince() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(region: try RegionCode("44"))) ==
                ["2024Q1/A1", "2024Q1/A2", "2024Q1/A3", "2024Q1/A5", "2024Q2/B1"])
    }

    @Test("Batch and region filters combine")
    func batchAndRegion() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(batch: "2024Q1", region: try RegionCode("440103"))) == ["2024Q1/A1", "2024Q1/A5"])
    }

    @Test("Filtering by envelope lists the patches whose box meets it")
    func byEnvelope() throws {
        let fixture = try Self.populated()
        let overLiwan = Envelope(minX: 113.204, minY: 23.104, maxX: 113.206, maxY: 23.106)
        #expect(try Self.codes(fixture, PatchQuery(envelope: overLiwan)) == ["2024Q1/A1", "2024Q2/B1"])
        let north = Envelope(minX: 113.5, minY: 24.5, maxX: 114, maxY: 25)
        #expect(try Self.codes(fixture, PatchQuery(envelope: north)) == ["2024Q1/A3", "2024Q1/A4"])
        let empty = Envelope(minX: 112, minY: 22, maxX: 112.1, maxY: 22.1)
        #expect(try Self.codes(fixture, PatchQuery(envelope: empty)) == [])
    }

    @Test("Envelope, region and batch filters combine")
    func allFilters() throws {
        let fixture = try Self.populated()
        let guangzhou = Envelope(minX: 113, minY: 23, maxX: 113.5, maxY: 23.5)
        #expect(try Self.codes(fixture, PatchQuery(batch: "2024Q1", region: try RegionCode("440103"), envelope: guangzhou)) ==
                ["2024Q1/A1", "2024Q1/A5"])
    }

    @Test("limit and offset page through the ordered list", arguments: [
        (2, 0, ["2024Q1/A1", "2024Q1/A2"]),
        (2, 2, ["2024Q1/A3", "2024Q1/A4"]),
        (2, 4, ["2024Q1/A5", "2024Q2/B1"]),
        (2, 6, []),
        (10, 5, ["2024Q2/B1"]),
    ])
    func paging(limit: Int, offset: Int, expected: [String]) throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(limit: limit, offset: offset)) == expected)
    }

    @Test("An offset without a limit skips that many and lists the rest")
    func offsetWithoutLimit() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(offset: 4)) == ["2024Q1/A5", "2024Q2/B1"])
    }

    @Test("Paging applies after filtering")
    func pagingAfterFilter() throws {
        let fixture = try Self.populated()
        #expect(try Self.codes(fixture, PatchQuery(region: try RegionCode("440100"), limit: 2, offset: 1)) ==
                ["2024Q1/A2", "2024Q1/A5"])
    }
}
