import Enforcement
import Foundation
import Testing

@Suite struct AuditChainTests {
    /// Five events of one patch's month, sealed in order.
    func chain() -> [AuditEvent] {
        let subject = "2024Q1/440103-0001"
        let drafts = [
            AuditEventDraft(at: Fixture.time("2024-03-01", hour: 9), actor: "省技术中心", action: "patch.assign", subject: subject,
                            before: nil, after: #"{"status":"assigned"}"#),
            AuditEventDraft(at: Fixture.time("2024-03-10", hour: 15), actor: "县执法员", action: "patch.verify", subject: subject,
                            before: #"{"status":"assigned"}"#, after: #"{"status":"verified"}"#),
            AuditEventDraft(at: Fixture.time("2024-03-12", hour: 11), actor: "县执法员", action: "patch.determine", subject: subject,
                            before: #"{"status":"verified"}"#, after: #"{"status":"submitted"}"#),
            AuditEventDraft(at: Fixture.time("2024-03-20", hour: 16), actor: "市审核员", action: "patch.approve", subject: subject,
                            before: #"{"status":"submitted"}"#, after: #"{"status":"approved"}"#),
            AuditEventDraft(at: Fixture.time("2024-04-10", hour: 10), actor: "案审科", action: "patch.case-open", subject: subject,
                            before: #"{"status":"approved"}"#, after: #"{"caseNumber":"440103-2024-001"}"#),
        ]
        var events: [AuditEvent] = []
        for (index, draft) in drafts.enumerated() {
            events.append(AuditChain.seal(draft, sequence: Int64(index + 1), previousHash: events.last?.hash ?? AuditChain.genesis))
        }
        return events
    }

    /// `event` with some fields replaced; its hash kept, or recomputed as a careful attacker would.
    func edited(_ event: AuditEvent, at: String? = nil, actor: String? = nil, after: String? = nil, rehash: Bool) -> AuditEvent {
        let at = at ?? event.at, actor = actor ?? event.actor, after = after ?? event.after
        let hash = rehash
            ? AuditChain.hash(sequence: event.sequence, at: at, actor: actor, action: event.action, subject: event.subject,
                              before: event.before, after: after, previousHash: event.previousHash)
            : event.hash
        return AuditEvent(sequence: event.sequence, at: at, actor: actor, action: event.action, subject: event.subject,
                          before: event.before, after: after, previousHash: event.previousHash, hash: hash)
    }

    @Test func aChainOfFiveSealedEventsVerifies() {
        let events = chain()
        #expect(events.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(events[0].previousHash == AuditChain.genesis)
        #expect(AuditChain.genesis == String(repeating: "0", count: 64))
        for index in 1..<5 { #expect(events[index].previousHash == events[index - 1].hash) }
        #expect(Set(events.map(\.hash)).count == 5)
        var verifier = AuditChain.Verifier()
        for event in events { #expect(verifier.check(event) == nil) }
        #expect(verifier.count == 5)
        #expect(verifier.lastHash == events[4].hash)
    }

    @Test func editingAnEventAndLeavingItsHashIsCaughtAtThatEvent() {
        let events = chain()
        let edits = [
            edited(events[2], actor: "市审核员", rehash: false),
            edited(events[2], after: #"{"status":"approved"}"#, rehash: false),
            edited(events[2], at: "2024-03-12T03:00:00.001Z", rehash: false),
        ]
        for edit in edits {
            var tampered = events
            tampered[2] = edit
            #expect(firstBreak(tampered) == .hashMismatch(sequence: 3))
        }
    }

    @Test func editingAnEventAndRecomputingItsHashIsCaughtAtTheNext() {
        let events = chain()
        let edits = [
            edited(events[2], actor: "市审核员", rehash: true),
            edited(events[2], after: #"{"status":"approved"}"#, rehash: true),
            edited(events[2], at: "2024-03-12T03:00:00.001Z", rehash: true),
        ]
        for edit in edits {
            #expect(edit.hash != events[2].hash)
            var tampered = events
            tampered[2] = edit
            #expect(firstBreak(tampered) == .previousHashMismatch(sequence: 4))
        }
    }

    @Test func deletingAnEventShowsAGap() {
        var events = chain()
        events.remove(at: 2)
        #expect(firstBreak(events) == .sequenceGap(expected: 3, found: 4))
    }

    @Test func eventsOutOfOrderShowAGap() {
        var events = chain()
        events.swapAt(1, 2)
        #expect(firstBreak(events) == .sequenceGap(expected: 2, found: 3))
    }

    @Test func aMissingBeforeAndAnEmptyOneHashDifferently() {
        func hash(before: String?, after: String?) -> String {
            AuditChain.hash(sequence: 1, at: "2024-03-01T01:00:00.000Z", actor: "a", action: "patch.assign", subject: "s",
                            before: before, after: after, previousHash: AuditChain.genesis)
        }
        #expect(hash(before: nil, after: "x") != hash(before: "", after: "x"))
        #expect(hash(before: "x", after: nil) != hash(before: "x", after: ""))
        // Moving text between neighbouring fields changes the hash too.
        #expect(hash(before: "ab", after: "c") != hash(before: "a", after: "bc"))
        #expect(hash(before: nil, after: "x").count == 64)
    }

    @Test func theHashIsSHA256OfTheLengthPrefixedFields() throws {
        let input = "1:7\n24:2024-03-01T01:00:00.000Z\n12:县执法员\n12:patch.verify\n1:s\n-1:\n0:\n64:\(AuditChain.genesis)\n"
        let expected = try coreutilsSHA256(input)
        #expect(AuditChain.hash(sequence: 7, at: "2024-03-01T01:00:00.000Z", actor: "县执法员", action: "patch.verify",
                                subject: "s", before: nil, after: "", previousHash: AuditChain.genesis) == expected)
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        // 10:00:00.25 in Beijing is 02:00:00.250 UTC.
        let moment = Fixture.time("2024-03-15").addingTimeInterval(0.25)
        #expect(AuditChain.timestamp(moment) == "2024-03-15T02:00:00.250Z")
        #expect(AuditChain.timestamp(Fixture.time("2024-04-01", hour: 7)) == "2024-03-31T23:00:00.000Z")
        let event = AuditChain.seal(AuditEventDraft(at: moment, actor: "a", action: "x", subject: "s", before: nil, after: nil),
                                    sequence: 1, previousHash: AuditChain.genesis)
        #expect(event.at == "2024-03-15T02:00:00.250Z")
    }
}
