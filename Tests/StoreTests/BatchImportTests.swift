import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

@Suite("Batch import")
struct BatchImportTests {
    static func threePatches() throws -> [Patch] {
        [
            try patch("T001", wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001),
                      attributes: ["JCBH": .string("T001"), "PDLX": .string("乱占耕地建房"), "JCMJ": .real(1234.56)]),
            try patch("T002", region: "440104", wkt: squareWKT(lon: 113.26, lat: 23.12, size: 0.002),
                      attributes: ["JCBH": .string("T002"), "XZQDM": .integer(440104)]),
            try patch("T003", region: "440203", wkt: squareWKT(lon: 113.60, lat: 24.80, size: 0.003),
                      attributes: ["JCBH": .string("T003"), "BZ": .null]),
        ]
    }

    @Test("Importing three new patches counts three inserted")
    func insertThree() throws {
        let fixture = try StoreFixture()
        #expect(try importPatches(fixture.store, try Self.threePatches()) == UpsertCounts(inserted: 3))
        #expect(try fixture.store.patches(matching: PatchQuery()).count == 3)
    }

    @Test("Importing the identical patches again counts three unchanged and adds no row")
    func identicalAgainIsUnchanged() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        #expect(try importPatches(fixture.store, try Self.threePatches()) == UpsertCounts(unchanged: 3))
        #expect(try fixture.store.patches(matching: PatchQuery()).map(\.code) == ["T001", "T002", "T003"])
    }

    @Test("Changing one patch's geometry counts one updated, two unchanged, and never duplicates")
    func changedGeometryIsUpdated() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        var patches = try Self.threePatches()
        let moved = try patch("T002", region: "440104", wkt: squareWKT(lon: 113.27, lat: 23.13, size: 0.0025),
                              attributes: ["JCBH": .string("T002"), "XZQDM": .integer(440104)])
        patches[1] = moved
        #expect(try importPatches(fixture.store, patches) == UpsertCounts(updated: 1, unchanged: 2))
        #expect(try fixture.store.patches(matching: PatchQuery()).map(\.code) == ["T001", "T002", "T003"])
        #expect(try fixture.store.patch(batch: "2024Q1", code: "T002") == moved)
    }

    @Test("A moved patch is found at its new place and no longer at its old one")
    func movedPatchIsReindexed() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        var patches = try Self.threePatches()
        patches[0] = try patch("T001", wkt: squareWKT(lon: 113.40, lat: 23.40, size: 0.001),
                               attributes: ["JCBH": .string("T001"), "PDLX": .string("乱占耕地建房"), "JCMJ": .real(1234.56)])
        try importPatches(fixture.store, patches)
        let old = Envelope(minX: 113.2102, minY: 23.1102, maxX: 113.2104, maxY: 23.1104)
        let new = Envelope(minX: 113.4002, minY: 23.4002, maxX: 113.4004, maxY: 23.4004)
        #expect(try fixture.store.patches(matching: PatchQuery(envelope: old)).isEmpty)
        #expect(try fixture.store.patches(matching: PatchQuery(envelope: new)).map(\.code) == ["T001"])
    }

    @Test("Changing only an attribute counts the patch updated")
    func changedAttributeIsUpdated() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        var patches = try Self.threePatches()
        patches[2] = try patch("T003", region: "440203", wkt: squareWKT(lon: 113.60, lat: 24.80, size: 0.003),
                               attributes: ["JCBH": .string("T003"), "BZ": .string("已核实")])
        #expect(try importPatches(fixture.store, patches) == UpsertCounts(updated: 1, unchanged: 2))
        #expect(try fixture.store.patch(batch: "2024Q1", code: "T003")?.attributes["BZ"] == .string("已核实"))
    }

    @Test("A partial re-import updates what it names and keeps the other patches")
    func partialReimport() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        let newOne = try patch("T004", wkt: squareWKT(lon: 113.22, lat: 23.12, size: 0.001))
        #expect(try importPatches(fixture.store, [try Self.threePatches()[0], newOne]) == UpsertCounts(inserted: 1, unchanged: 1))
        #expect(try fixture.store.patches(matching: PatchQuery()).map(\.code) == ["T001", "T002", "T003", "T004"])
    }

    @Test("The same patch code in two batches is two patches")
    func codesArePerBatch() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches(), batch: "2024Q1")
        #expect(try importPatches(fixture.store, try Self.threePatches(), batch: "2024Q2") == UpsertCounts(inserted: 3))
        #expect(try fixture.store.patches(matching: PatchQuery()).count == 6)
        #expect(try fixture.store.patch(batch: "2024Q2", code: "T001")?.batchCode == "2024Q2")
    }

    @Test("A patch is stored in the batch being imported whatever batch code it carries")
    func batchCodeComesFromTheImport() throws {
        let fixture = try StoreFixture()
        let stray = try patch("T001", batch: "OTHER", wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001))
        try importPatches(fixture.store, [stray], batch: "2024Q1")
        #expect(try fixture.store.patch(batch: "2024Q1", code: "T001")?.batchCode == "2024Q1")
        #expect(try fixture.store.patch(batch: "OTHER", code: "T001") == nil)
        #expect(try importPatches(fixture.store, [stray], batch: "2024Q1") == UpsertCounts(unchanged: 1))
    }

    @Test("patch(batch:code:) returns every field of the patch as imported")
    func patchRoundTrip() throws {
        let fixture = try StoreFixture()
        let original = try patch(
            "4401032024Q1-0007", region: "440103",
            wkt: "POLYGON ((113.2 23.1, 113.21 23.1, 113.21 23.11, 113.2 23.11, 113.2 23.1), (113.203 23.103, 113.207 23.103, 113.207 23.107, 113.203 23.103))",
            attributes: ["JCBH": .string("4401032024Q1-0007"), "PDLX": .string("乱占耕地建房"), "XZQDM": .integer(440103),
                         "BIG": .integer(9_007_199_254_740_993), "NEG": .integer(-42), "JCMJ": .real(1234.5678),
                         "TINY": .real(1.5e-7), "BZ": .null, "EMPTY": .string(""), "CODE": .string("0101")],
            beforeDate: "2023-10-15", afterDate: "2024-03-31",
            invalidReason: "Self-intersection[113.205 23.105]", repaired: true,
            regionSource: .spatial, spatialRegion: "440104")
        try importPatches(fixture.store, [original])
        let stored = try #require(try fixture.store.patch(batch: "2024Q1", code: "4401032024Q1-0007"))
        #expect(stored == original)
        #expect(stored.attributes == original.attributes)
        #expect(stored.geometry.wkb == original.geometry.wkb)
        #expect(stored.area == original.area)
        #expect(stored.regionSource == .spatial)
        #expect(stored.spatialRegionCode?.rawValue == "440104")
        #expect(stored.invalidReason == "Self-intersection[113.205 23.105]")
        #expect(stored.repaired)
        #expect(stored.beforeDate == "2023-10-15")
        #expect(stored.afterDate == "2024-03-31")
    }

    @Test("A patch without region, dates or attributes round-trips with its nils")
    func sparsePatchRoundTrip() throws {
        let fixture = try StoreFixture()
        let original = try patch("T009", region: nil, wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001),
                                 beforeDate: nil, afterDate: nil, regionSource: .none)
        try importPatches(fixture.store, [original])
        #expect(try fixture.store.patch(batch: "2024Q1", code: "T009") == original)
    }

    @Test("A real attribute with a whole value (JCMJ = 120.0) comes back a real")
    func wholeRealAttribute() throws {
        let fixture = try StoreFixture()
        let original = try patch("T010", wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001), attributes: ["JCMJ": .real(120)])
        try importPatches(fixture.store, [original])
        let stored = try fixture.store.patch(batch: "2024Q1", code: "T010")?.attributes["JCMJ"]
        #expect(stored == .real(120))
        #expect(stored?.text == "120")
    }

    @Test("A patch with a whole-valued real attribute re-imports unchanged")
    func wholeRealAttributeReimport() throws {
        let fixture = try StoreFixture()
        let original = try patch("T010", wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001), attributes: ["JCMJ": .real(120)])
        try importPatches(fixture.store, [original])
        #expect(try importPatches(fixture.store, [original]) == UpsertCounts(unchanged: 1))
        let changed = try patch("T010", wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001), attributes: ["JCMJ": .real(120.5)])
        #expect(try importPatches(fixture.store, [changed]) == UpsertCounts(updated: 1))
    }

    @Test("A missing patch is nil")
    func missingPatch() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        #expect(try fixture.store.patch(batch: "2024Q1", code: "T999") == nil)
        #expect(try fixture.store.patch(batch: "2023Q4", code: "T001") == nil)
    }

    @Test("batches() gives each batch with its patch count and total area, ordered by code")
    func batchSummaries() throws {
        let fixture = try StoreFixture()
        let patches = try Self.threePatches()
        try importPatches(fixture.store, patches, batch: "2024Q2")
        try importPatches(fixture.store, Array(patches.prefix(1)), batch: "2024Q1")
        _ = try fixture.store.importBatch(try batch("2024M05", name: "2024年5月月度")) { _ in }
        let summaries = try fixture.store.batches()
        #expect(summaries.map(\.batch.code) == ["2024M05", "2024Q1", "2024Q2"])
        #expect(summaries.map(\.patchCount) == [0, 1, 3])
        #expect(summaries[0].totalArea == .zero)
        #expect(summaries[0].batch == (try batch("2024M05", name: "2024年5月月度")))
        #expect(isClose(summaries[1].totalArea.squareMetres, patches[0].area.squareMetres, relative: 1e-12))
        let sum = patches.map(\.area.squareMetres).reduce(0, +)
        #expect(isClose(summaries[2].totalArea.squareMetres, sum, relative: 1e-12))
    }

    @Test("Re-importing a batch updates its name, source and import time")
    func batchIsUpdated() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try Self.threePatches())
        let later = try Batch(code: "2024Q1", name: "2024年第1季度土地卫片（补充）", sourcePath: "/data/2024Q1-b.gpkg",
                              importedAt: Date(timeIntervalSince1970: 1_712_000_000))
        _ = try fixture.store.importBatch(later) { _ in }
        let summaries = try fixture.store.batches()
        #expect(summaries.map(\.batch) == [later])
        #expect(summaries.map(\.patchCount) == [3])
    }

    @Test("A batch's import time comes back as imported, to the millisecond")
    func importTimePrecision() throws {
        let fixture = try StoreFixture()
        let when = Date(timeIntervalSince1970: 1_711_929_600.125)
        _ = try fixture.store.importBatch(try batch("2024Q1", importedAt: when)) { _ in }
        #expect(try fixture.store.batches().first?.batch.importedAt == when)
    }
}
