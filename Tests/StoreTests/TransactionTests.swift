import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

/// Every import is one transaction: a fill that throws leaves the store exactly as it was.
@Suite("Import transactions")
struct TransactionTests {
    @Test("A batch import whose fill throws halfway leaves earlier batches untouched and adds nothing")
    func failedBatchImport() throws {
        let fixture = try StoreFixture()
        let earlier = try BatchImportTests.threePatches()
        try importPatches(fixture.store, earlier, batch: "2024Q1")
        let before = try fixture.store.patches(matching: PatchQuery())
        let batchesBefore = try fixture.store.batches()

        #expect(throws: ImportInterrupted.self) {
            _ = try fixture.store.importBatch(try batch("2024Q2")) { sink in
                try sink.upsert(try patch("N1", batch: "2024Q2", wkt: squareWKT(lon: 113.3, lat: 23.3, size: 0.001)))
                try sink.upsert(try patch("N2", batch: "2024Q2", wkt: squareWKT(lon: 113.31, lat: 23.3, size: 0.001)))
                throw ImportInterrupted()
            }
        }
        #expect(try fixture.store.batches() == batchesBefore)
        #expect(try fixture.store.patches(matching: PatchQuery()) == before)
        #expect(try fixture.store.patch(batch: "2024Q2", code: "N1") == nil)
        let overNew = Envelope(minX: 113.3, minY: 23.3, maxX: 113.32, maxY: 23.31)
        #expect(try fixture.store.patches(matching: PatchQuery(envelope: overNew)).isEmpty)
    }

    @Test("A re-import of an existing batch whose fill throws keeps the batch and its patches as they were")
    func failedReimport() throws {
        let fixture = try StoreFixture()
        try importPatches(fixture.store, try BatchImportTests.threePatches(), batch: "2024Q1")
        let before = try fixture.store.patches(matching: PatchQuery())
        let batchesBefore = try fixture.store.batches()
        #expect(throws: ImportInterrupted.self) {
            let renamed = try Batch(code: "2024Q1", name: "改名", sourcePath: "/data/other.shp", importedAt: Date())
            _ = try fixture.store.importBatch(renamed) { sink in
                try sink.upsert(try patch("T001", wkt: squareWKT(lon: 113.5, lat: 23.5, size: 0.002)))
                try sink.upsert(try patch("T004", wkt: squareWKT(lon: 113.6, lat: 23.5, size: 0.002)))
                throw ImportInterrupted()
            }
        }
        #expect(try fixture.store.batches() == batchesBefore)
        #expect(try fixture.store.patches(matching: PatchQuery()) == before)
        let overMoved = Envelope(minX: 113.5, minY: 23.5, maxX: 113.7, maxY: 23.6)
        #expect(try fixture.store.patches(matching: PatchQuery(envelope: overMoved)).isEmpty)
    }

    @Test("A layer replacement whose fill throws keeps the old version and its features, index included")
    func failedLayerReplacement() throws {
        let fixture = try StoreFixture()
        let first = try replaceLayer(fixture.store, draft(), try LayerStoreTests.firstVersion())
        #expect(throws: ImportInterrupted.self) {
            try fixture.store.replaceLayer(draft(source: "/data/new.shp")) { sink in
                try sink.add(try feature(fid: 10, wkt: squareWKT(lon: 113.5, lat: 23.5, size: 0.01)))
                throw ImportInterrupted()
            }
        }
        #expect(try fixture.store.layers() == [first])
        let features = try fixture.store.features(ofLayer: first.id, intersecting: nil)
        #expect(features.map(\.sourceFID) == [0, 1, 2])
        let overOld = Envelope(minX: 113.201, minY: 23.101, maxX: 113.202, maxY: 23.102)
        #expect(try fixture.store.features(ofLayer: first.id, intersecting: overOld).map(\.sourceFID) == [0])
        let overNew = Envelope(minX: 113.5, minY: 23.5, maxX: 113.51, maxY: 23.51)
        #expect(try fixture.store.features(ofLayer: first.id, intersecting: overNew).isEmpty)
    }

    @Test("A first layer import whose fill throws leaves no layer")
    func failedFirstLayerImport() throws {
        let fixture = try StoreFixture()
        #expect(throws: ImportInterrupted.self) {
            try fixture.store.replaceLayer(draft()) { sink in
                try sink.add(try feature(fid: 0, wkt: squareWKT(lon: 113.2, lat: 23.1, size: 0.01)))
                throw ImportInterrupted()
            }
        }
        #expect(try fixture.store.layers().isEmpty)
    }
}
