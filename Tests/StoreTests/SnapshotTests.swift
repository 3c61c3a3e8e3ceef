import Dispatch
import Foundation
import Store
import Testing
import TestSupport

@Suite("Reads in one snapshot")
struct SnapshotTests {
    /// Saves a region on a thread of its own and waits for it, as another request would.
    static func saveRegionElsewhere(_ store: SQLiteStore, code: String) throws {
        let region = try region(code, "区\(code)", squareWKT(lon: 113.2, lat: 23.1, size: 0.01))
        let failure = ErrorBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            do { _ = try store.saveRegions([region]) } catch { failure.error = error }
            done.signal()
        }.start()
        done.wait()
        if let error = failure.error { throw error }
    }

    final class ErrorBox: @unchecked Sendable {
        // @unchecked: written by the saving thread before it signals, read after the wait.
        var error: Error?
    }

    @Test("Reads inside a snapshot see one state, even when another thread writes between them")
    func consistentView() throws {
        let fixture = try StoreFixture()
        try Self.saveRegionElsewhere(fixture.store, code: "440103")
        let counts = try fixture.store.snapshot {
            let before = try fixture.store.regions().count
            try Self.saveRegionElsewhere(fixture.store, code: "440104")
            return (before, try fixture.store.regions().count)
        }
        #expect(counts == (1, 1))
        #expect(try fixture.store.regions().count == 2)
    }

    @Test("A snapshot inside a snapshot joins it and returns its value")
    func nested() throws {
        let fixture = try StoreFixture()
        try Self.saveRegionElsewhere(fixture.store, code: "440103")
        let count = try fixture.store.snapshot { try fixture.store.snapshot { try fixture.store.regions().count } }
        #expect(count == 1)
    }
}
