/// Receives progress of a long job (an import, an export, the demo). The CLI draws a bar with count,
/// rate and ETA; tests and the server can collect or ignore it.
public protocol JobProgress: AnyObject {
    /// A new stage begins; `total` is nil when unknown.
    func begin(_ stage: String, total: Int?)
    /// `done` items of the current stage are finished.
    func advance(to done: Int)
    func end()
}

/// Reports nothing.
public final class SilentProgress: JobProgress {
    public init() {}
    public func begin(_ stage: String, total: Int?) {}
    public func advance(to done: Int) {}
    public func end() {}
}
