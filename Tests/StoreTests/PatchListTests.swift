import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

/// The list behind the web UI: jurisdiction by the county a patch answers to, filters, paging and the capped count.
@Suite("Patch lists for the web")
struct PatchListTests {
    private func codes(_ page: PatchListPage) -> [String] { page.items.map(\.code) }

    @Test("A city jurisdiction lists its counties' patches and counts them; a county its own; a province also those of no county")
    func jurisdiction() throws {
        let fixture = try PatchQueryTests.populated()
        let city = try fixture.store.patchList(PatchListFilter(within: try RegionCode("440100")))
        #expect(codes(city) == ["A1", "A2", "A5", "B1"] && city.total == 4 && !city.totalIsCapped)
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: try RegionCode("440104")))) == ["A2"])
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: try RegionCode("44")))) == ["A1", "A2", "A3", "A4", "A5", "B1"])
        #expect(codes(try fixture.store.patchList(PatchListFilter(region: try RegionCode("44")))) == ["A1", "A2", "A3", "A5", "B1"])
    }

    @Test("A province never lists a patch of another province, whether or not the workspace holds one")
    func provinceExcludesOtherProvinces() throws {
        let fixture = try PatchQueryTests.populated()
        let guangdong = try RegionCode("44")
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: guangdong))) == ["A1", "A2", "A3", "A4", "A5", "B1"])
        try importPatches(fixture.store, [try patch("C1", batch: "2024Q3", region: "450102", wkt: squareWKT(lon: 108.3, lat: 22.8, size: 0.01))],
                          batch: "2024Q3")
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: guangdong))) == ["A1", "A2", "A3", "A4", "A5", "B1"])
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: try RegionCode("45")))) == ["A4", "C1"])
        var third = PatchListFilter(within: guangdong)
        third.batch = "2024Q3"
        let page = try fixture.store.patchList(third)
        #expect(page.items.isEmpty && page.total == 0)
    }

    @Test("An assignment moves a patch into the assigned county's list")
    func assignmentMovesPatch() throws {
        let fixture = try PatchQueryTests.populated()
        let key = PatchKey(batch: "2024Q1", code: "A1")
        try fixture.store.change { transaction in
            let workflow = try transaction.workflow(key)
            let assigned = try workflow.applying(.assign(Assignment(county: try RegionCode("440203"), due: CalendarDay("2024-05-01")!)),
                                                 by: "test", at: Date())
            try transaction.save(assigned, expectedVersion: 0)
        }
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: try RegionCode("440203")))) == ["A1", "A3"])
        #expect(codes(try fixture.store.patchList(PatchListFilter(within: try RegionCode("440103")))) == ["A5", "B1"])
        #expect(try fixture.store.patchOwnership(key)?.county == (try RegionCode("440203")))
    }

    @Test("A list counted once counts again after any write: the cached count never outlives a change")
    func countFollowsWrites() throws {
        let fixture = try PatchQueryTests.populated()
        let assignedOnly = PatchListFilter(status: .assigned)
        #expect(try fixture.store.patchList(assignedOnly).total == 0)
        try fixture.store.change { transaction in
            let workflow = try transaction.workflow(PatchKey(batch: "2024Q1", code: "A1"))
            try transaction.save(try workflow.applying(.assign(Assignment(county: try RegionCode("440203"), due: CalendarDay("2024-05-01")!)),
                                                       by: "test", at: Date()), expectedVersion: 0)
        }
        let after = try fixture.store.patchList(assignedOnly)
        #expect(after.total == 1 && codes(after) == ["A1"])
    }

    @Test("Re-importing a patch with a new region code moves it, unless it is assigned")
    func reimportKeepsAssignment() throws {
        let fixture = try PatchQueryTests.populated()
        let key = PatchKey(batch: "2024Q1", code: "A1")
        try fixture.store.change { transaction in
            let assigned = try transaction.workflow(key).applying(
                .assign(Assignment(county: try RegionCode("440203"), due: CalendarDay("2024-05-01")!)), by: "test", at: Date())
            try transaction.save(assigned, expectedVersion: 0)
        }
        _ = try importPatches(fixture.store, [
            try patch("A1", region: "440104", wkt: squareWKT(lon: 113.20, lat: 23.10, size: 0.011)),
            try patch("A2", region: "440103", wkt: squareWKT(lon: 113.26, lat: 23.12, size: 0.011)),
        ], batch: "2024Q1")
        #expect(try fixture.store.patchOwnership(key)?.county == (try RegionCode("440203")))
        #expect(try fixture.store.patchOwnership(PatchKey(batch: "2024Q1", code: "A2"))?.county == (try RegionCode("440103")))
    }

    @Test("Status filters treat untouched patches as 待下发; paging slices in batch and code order")
    func statusAndPaging() throws {
        let fixture = try PatchQueryTests.populated()
        let unassigned = try fixture.store.patchList(PatchListFilter(status: .unassigned))
        #expect(unassigned.total == 6)
        #expect(try fixture.store.patchList(PatchListFilter(status: .assigned)).total == 0)
        let page = try fixture.store.patchList(PatchListFilter(limit: 2, offset: 2))
        #expect(codes(page) == ["A3", "A4"] && page.total == 6)
    }

    @Test("Pages read from a page start already seen are the pages OFFSET gives, in any order and across batches")
    func pagesFromAnchors() throws {
        let fixture = try PatchQueryTests.populated()
        let all = ["A1", "A2", "A3", "A4", "A5", "B1"]
        // Offset 5 skips more rows than a page (on the index first), offset 2 then fewer (in one pass).
        for offset in [5, 2, 0, 4, 3, 1, 5, 3] {
            let page = try fixture.store.patchList(PatchListFilter(limit: 2, offset: offset))
            #expect(codes(page) == Array(all[offset..<min(offset + 2, all.count)]), "offset \(offset)")
        }
        for offset in [3, 4, 1, 2] {
            #expect(codes(try fixture.store.patchList(PatchListFilter(batch: "2024Q1", limit: 2, offset: offset)))
                    == Array(all[offset..<min(offset + 2, 5)]), "2024Q1, offset \(offset)")
        }
    }

    @Test("After a write the pages follow the new rows: no page start outlives a change")
    func anchorsFollowWrites() throws {
        let fixture = try PatchQueryTests.populated()
        let third = PatchListFilter(batch: "2024Q1", limit: 2, offset: 2)
        #expect(codes(try fixture.store.patchList(third)) == ["A3", "A4"])
        try importPatches(fixture.store, [try patch("A0", batch: "2024Q1", region: "440103", wkt: squareWKT(lon: 113.3, lat: 23.1, size: 0.01))],
                          batch: "2024Q1")
        #expect(codes(try fixture.store.patchList(third)) == ["A2", "A3"])
        var fourth = third
        fourth.offset = 3
        #expect(codes(try fixture.store.patchList(fourth)) == ["A3", "A4"])
    }

    @Test("Beyond the count limit the total stops at the limit and says so")
    func cappedCount() throws {
        let fixture = try PatchQueryTests.populated()
        var filter = PatchListFilter(limit: 2)
        filter.countLimit = 3
        let page = try fixture.store.patchList(filter)
        #expect(page.total == 3 && page.totalIsCapped)
        #expect(codes(page) == ["A1", "A2"])
        filter.countLimit = 6
        let exact = try fixture.store.patchList(filter)
        #expect(exact.total == 6 && !exact.totalIsCapped)
    }

    @Test("A box lists the patches whose envelope meets it")
    func byBox() throws {
        let fixture = try PatchQueryTests.populated()
        let page = try fixture.store.patchList(PatchListFilter(envelope: Envelope(minX: 113.195, minY: 23.095, maxX: 113.215, maxY: 23.115)))
        #expect(codes(page) == ["A1", "B1"])
    }
}
