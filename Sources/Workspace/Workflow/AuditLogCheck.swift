import Enforcement
import Store

/// The outcome of checking the audit log's hash chain.
public struct AuditLogCheck: Sendable, Equatable {
    /// Events that chain correctly, from the first.
    public let verifiedEvents: Int64
    /// The hash of the last good event: publish it, and a later check can prove nothing was cut off the end.
    public let head: String
    /// The first break, nil when the whole log holds.
    public let problem: AuditChainBreak?

    public var isIntact: Bool { problem == nil }
}

extension Workspace {
    /// 审计日志校验: recomputes every event's hash in order, a page at a time. With `expectedHead` (a head
    /// published earlier), also proves that no event up to it was removed from the end.
    public func verifyAuditLog(expectedHead: String? = nil, pageSize: Int = 5000) throws -> AuditLogCheck {
        var verifier = AuditChain.Verifier()
        var seenExpectedHead = expectedHead == nil || expectedHead == AuditChain.genesis
        while true {
            let page = try store.auditEvents(after: verifier.count, limit: pageSize)
            for event in page {
                if let problem = verifier.check(event) {
                    return AuditLogCheck(verifiedEvents: verifier.count, head: verifier.lastHash, problem: problem)
                }
                if event.hash == expectedHead { seenExpectedHead = true }
            }
            if page.count < pageSize { break }
        }
        if let expectedHead, !seenExpectedHead {
            return AuditLogCheck(verifiedEvents: verifier.count, head: verifier.lastHash,
                                 problem: .headMismatch(expected: expectedHead, found: verifier.lastHash))
        }
        return AuditLogCheck(verifiedEvents: verifier.count, head: verifier.lastHash, problem: nil)
    }
}
