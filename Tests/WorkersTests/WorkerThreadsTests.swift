import Foundation
import Synchronization
import Testing
import Workers

struct WorkerThreadsTests {
    @Test func everyWorkerRunsAtOnceEvenMoreThanTheCores() {
        // Each worker waits until all have started: a pool narrower than the count would never let
        // the last ones in, and every wait would time out.
        let count = 8
        let arrived = DispatchSemaphore(value: 0), started = Mutex(0), metAll = Mutex(0)
        WorkerThreads.run(count) {
            let mine = started.withLock { $0 += 1; return $0 }
            if mine == count { for _ in 0..<count { arrived.signal() } }
            if arrived.wait(timeout: .now() + 10) == .success { metAll.withLock { $0 += 1 } }
        }
        #expect(metAll.withLock { $0 } == count)
    }

    @Test func whatTheWorkCapturedIsReleasedWhenRunReturns() {
        final class Probe: Sendable {}
        weak var released: Probe?
        do {
            let probe = Probe()
            released = probe
            WorkerThreads.run(2) { _ = probe }
        }
        #expect(released == nil)
    }

    @Test func theCallerHearsWhileItWaits() {
        var heard = 0
        WorkerThreads.run(1, waiting: { heard += 1 }) { Thread.sleep(forTimeInterval: 0.5) }
        #expect(heard >= 1)
    }
}
