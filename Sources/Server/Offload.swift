import NIOPosix

/// Runs blocking work (SQLite, bcrypt, GDAL) on NIO's thread pool so it never stalls the server's
/// event loops or Swift's cooperative threads.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
