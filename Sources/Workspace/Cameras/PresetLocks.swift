import Foundation
import Synchronization

/// One ingest per preset at a time in this process: a preset's passes must be compared in turn, each
/// from the memory the previous one left. Frames pushed over HTTP for the same preset wait here;
/// ingests of other presets run alongside. Across processes the store refuses a pass out of turn.
final class PresetLocks: Sendable {
    static let shared = PresetLocks()
    private let locks = Mutex<[String: NSLock]>([:])

    func run<T>(workspace: URL, camera: String, preset: Int, _ body: () throws -> T) throws -> T {
        let key = "\(workspace.path)|\(camera)|\(preset)"
        let lock = locks.withLock { locks in
            if let lock = locks[key] { return lock }
            let lock = NSLock()
            locks[key] = lock
            return lock
        }
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
