import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

@Suite("Opening a SQLite store")
struct StoreOpeningTests {
    @Test("A fresh store is created by the migrations and is empty")
    func freshStore() throws {
        let fixture = try StoreFixture()
        #expect(FileManager.default.fileExists(atPath: fixture.path))
        #expect(try fixture.store.regions().isEmpty)
        #expect(try fixture.store.layers().isEmpty)
        #expect(try fixture.store.batches().isEmpty)
        #expect(try fixture.store.patches(matching: PatchQuery()).isEmpty)
    }

    @Test("Opening the same path again migrates nothing twice and keeps the data")
    func reopenIsIdempotent() throws {
        let fixture = try StoreFixture()
        _ = try fixture.store.saveRegions([try region("440103", "荔湾区", squareWKT(lon: 113.2, lat: 23.1, size: 0.05))])
        try importPatches(fixture.store, [try patch("T001", wkt: squareWKT(lon: 113.21, lat: 23.11, size: 0.001))])
        let again = try fixture.reopen()
        let third = try fixture.reopen()
        #expect(try again.regions().map(\.name) == ["荔湾区"])
        #expect(try third.batches().map(\.patchCount) == [1])
        _ = try again.saveRegions([try region("440104", "越秀区", squareWKT(lon: 113.25, lat: 23.1, size: 0.05))])
        #expect(try fixture.store.regions().map(\.code.rawValue) == ["440103", "440104"])
    }

    @Test("A store in a folder that does not exist fails with cannotOpen naming the path")
    func missingFolder() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("no/such/folder/workspace.sqlite")
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        guard case let .cannotOpen(reported, message)? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(!message.isEmpty)
    }

    @Test("A file that is not an SQLite database fails with cannotOpen")
    func notADatabase() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("workspace.sqlite")
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        guard case .cannotOpen(let reported, _)? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(error?.description.contains("无法打开工作空间数据库") == true)
    }
}
