import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The read transactions opened by `SQLiteStore.snapshot`, by the thread running inside each: a read
/// on that thread joins the open transaction instead of opening its own.
final class OpenSnapshots: @unchecked Sendable {
    // @unchecked: `open` is only touched under `lock`, and each connection only by the thread that
    // opened its transaction (GRDB hands it to the snapshot's closure, which runs on that thread).
    private let lock = NSLock()
    private var open: [pthread_t: Database] = [:]

    var current: Database? { lock.withLock { open[pthread_self()] } }

    func enter(_ db: Database) { lock.withLock { open[pthread_self()] = db } }

    func leave() { lock.withLock { open[pthread_self()] = nil } }
}
