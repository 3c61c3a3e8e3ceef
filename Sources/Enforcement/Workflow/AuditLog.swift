import Foundation

/// One change as it enters the audit log: who did what to which subject, with the state before and after
/// (JSON, nil for a creation or where there is no state).
public struct AuditEventDraft: Sendable, Equatable {
    public let at: Date
    public let actor: String
    /// A named transition, e.g. patch.determine, case.close.
    public let action: String
    /// What changed, e.g. 2024Q1/440103-0001 or 案件 440103-2024-001.
    public let subject: String
    public let before: String?
    public let after: String?

    public init(at: Date, actor: String, action: String, subject: String, before: String?, after: String?) {
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
    }
}

/// An event of the append-only audit log (审计日志), sealed into a hash chain: each event's hash covers its
/// own fields and the previous event's hash, so editing or deleting any event breaks every hash after it.
public struct AuditEvent: Sendable, Equatable {
    /// 1, 2, 3 … with no gaps.
    public let sequence: Int64
    /// UTC, ISO 8601 with milliseconds, exactly as hashed.
    public let at: String
    public let actor: String
    public let action: String
    public let subject: String
    public let before: String?
    public let after: String?
    public let previousHash: String
    /// Lower-case hex SHA-256 (see `AuditChain.hash`).
    public let hash: String

    public init(sequence: Int64, at: String, actor: String, action: String, subject: String, before: String?,
                after: String?, previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.action = action
        self.subject = subject
        self.before = before
        self.after = after
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Where a chain stops being trustworthy.
public enum AuditChainBreak: Sendable, Equatable, CustomStringConvertible {
    /// An event is missing (deleted) or out of order.
    case sequenceGap(expected: Int64, found: Int64)
    /// The event does not point at the hash of the one before it.
    case previousHashMismatch(sequence: Int64)
    /// The event's fields no longer give its hash: it was edited.
    case hashMismatch(sequence: Int64)
    /// The chain's last hash is not the one published.
    case headMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case let .sequenceGap(expected, found):
            return "审计日志缺少第 \(expected) 条事件（下一条是第 \(found) 条）：有事件被删除 / audit log event \(expected) is missing (next is \(found)): an event was deleted"
        case let .previousHashMismatch(sequence):
            return "审计日志第 \(sequence) 条事件与前一条不衔接：日志被改动 / audit log event \(sequence) does not chain to the one before: the log was altered"
        case let .hashMismatch(sequence):
            return "审计日志第 \(sequence) 条事件的内容与哈希不符：事件被篡改 / audit log event \(sequence) does not match its hash: it was edited"
        case let .headMismatch(expected, found):
            return "审计日志末尾哈希为 \(found)，与公布的 \(expected) 不符：末尾事件被删除或日志被替换 / the log ends in \(found), not the published \(expected): events were removed from the end or the log was replaced"
        }
    }
}

/// Seals and checks the audit log's hash chain.
///
/// hash = SHA-256 over the fields sequence, at, actor, action, subject, before, after, previous hash, each
/// written as its UTF-8 byte count, ":", the text and "\n" (a missing before/after is "-1:\n"), so no two
/// different events share an input.
public enum AuditChain {
    /// The previous hash of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(secondsFromGMT: 0)!))
    }

    public static func seal(_ draft: AuditEventDraft, sequence: Int64, previousHash: String) -> AuditEvent {
        let at = timestamp(draft.at)
        let hash = hash(sequence: sequence, at: at, actor: draft.actor, action: draft.action, subject: draft.subject,
                        before: draft.before, after: draft.after, previousHash: previousHash)
        return AuditEvent(sequence: sequence, at: at, actor: draft.actor, action: draft.action, subject: draft.subject,
                          before: draft.before, after: draft.after, previousHash: previousHash, hash: hash)
    }

    public static func hash(sequence: Int64, at: String, actor: String, action: String, subject: String,
                            before: String?, after: String?, previousHash: String) -> String {
        var input = ""
        for field in [String(sequence), at, actor, action, subject, before, after, previousHash] as [String?] {
            if let field {
                input += "\(field.utf8.count):\(field)\n"
            } else {
                input += "-1:\n"
            }
        }
        return AuditSampling.sha256Hex(input)
    }

    /// Checks events one at a time, in sequence order, so a long log never has to be held in memory.
    public struct Verifier: Sendable {
        public private(set) var lastHash = AuditChain.genesis
        public private(set) var count: Int64 = 0

        public init() {}

        /// The first break this event shows, or nil when it extends the chain.
        public mutating func check(_ event: AuditEvent) -> AuditChainBreak? {
            guard event.sequence == count + 1 else { return .sequenceGap(expected: count + 1, found: event.sequence) }
            guard event.previousHash == lastHash else { return .previousHashMismatch(sequence: event.sequence) }
            let recomputed = AuditChain.hash(sequence: event.sequence, at: event.at, actor: event.actor, action: event.action,
                                             subject: event.subject, before: event.before, after: event.after,
                                             previousHash: event.previousHash)
            guard recomputed == event.hash else { return .hashMismatch(sequence: event.sequence) }
            lastHash = event.hash
            count = event.sequence
            return nil
        }
    }
}
