import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fixed number of POSIX threads started together and joined, for work that must begin on every
/// core at once: on libdispatch's global queue the second of two workers started up to half a second
/// after the first in a change detection, and never in an overlay of 5,000 patches. Joining (`pthread_join`) means that whatever the work captured is released, and
/// each thread has ended, thread-local storage included, before `run` returns: a Foundation `Thread`
/// releases its closure while its thread exits, and when that dropped the last reference to a model,
/// XGBoost freed the booster amid its own thread-local teardown and glibc aborted ("munmap_chunk():
/// invalid pointer").
public enum WorkerThreads {
    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` once on each of `count` threads (at least one); `waiting` is called on the calling
    /// thread every 0.2 s until they all finish.
    public static func run(_ count: Int, waiting: () -> Void = {}, _ body: @escaping @Sendable () -> Void) {
        let finished = DispatchGroup()
        var threads: [pthread_t] = []
        for _ in 0..<max(1, count) {
            finished.enter()
            let work = Work { body(); finished.leave() }
            let handed = Unmanaged.passRetained(work)
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { argument in
                Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue().body()
                return nil
            }, handed.toOpaque())
            if status == 0 {
                threads.append(thread)
            } else {
                // No thread to be had (a process limit): the work is done here instead.
                handed.release()
                work.body()
            }
        }
        while finished.wait(timeout: .now() + 0.2) == .timedOut { waiting() }
        for thread in threads { pthread_join(thread, nil) }
    }
}
