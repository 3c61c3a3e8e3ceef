import Enforcement
import Foundation
import Geo
import Store

extension Workspace {
    /// 立案: files a case over approved illegal patches of one county. Each patch takes its own `openCase`
    /// step, so a legal, unapproved or already-filed patch refuses the whole case.
    public func fileCase(number: String, patches keys: [PatchKey], parties: [String], filedOn day: CalendarDay,
                         signature: Signature) throws -> EnforcementCase {
        try store.change { transaction in
            // A patch named twice is filed once: a second openCase step would collide with the first's version.
            var seen = Set<PatchKey>()
            let loaded = try keys.filter { seen.insert($0).inserted }.map { try transaction.patch($0) }
            let counties = Set(loaded.compactMap { $0.workflow.assignment?.county ?? $0.patch.regionCode })
            guard counties.count == 1, let county = counties.first else {
                throw WorkspaceError.caseSpansCounties(counties.sorted())
            }
            let enforcementCase = try EnforcementCase.file(number: number, region: county, patches: keys, parties: parties, on: day)
            try transaction.save(enforcementCase, expectedVersion: nil)
            try transaction.record("case.file", subject: enforcementCase.subject, before: nil, after: enforcementCase, by: signature)
            for (_, workflow) in loaded {
                _ = try Self.step(.openCase(number: enforcementCase.number), patch: workflow, expectedVersion: nil,
                                  signature: signature, in: transaction)
            }
            return enforcementCase
        }
    }

    /// One step of a case (decision, rectification, payment, closing). Closing marks its patches 整改到位.
    @discardableResult
    public func changeCase(_ number: String, _ action: CaseAction, signature: Signature,
                           expectedVersion: Int? = nil) throws -> EnforcementCase {
        try store.change { transaction in
            guard let current = try transaction.enforcementCase(number) else { throw StoreError.notFound(subject: "案件 \(number)") }
            try Self.expect(expectedVersion, stored: current.version, subject: current.subject)
            let next = try current.applying(action, by: signature.person)
            try transaction.save(next, expectedVersion: current.version)
            try transaction.record(action.name, subject: current.subject, before: current, after: next, by: signature)
            if case .close(let day) = action {
                for key in next.patches {
                    _ = try Self.step(.rectified(on: day), patch: try transaction.workflow(key), expectedVersion: nil, signature: signature, in: transaction)
                }
            }
            return next
        }
    }

    /// 督察问题下发: records a problem handed down by an inspection.
    public func handDownProblem(_ problem: SupervisionProblem, signature: Signature) throws {
        try store.change { transaction in
            try transaction.save(problem, expectedVersion: nil)
            try transaction.record("problem.hand-down", subject: problem.subject, before: nil, after: problem, by: signature)
        }
    }

    /// One step of a supervision problem (rectification evidence, verification, 销号).
    @discardableResult
    public func changeProblem(_ number: String, _ action: ProblemAction, signature: Signature,
                              expectedVersion: Int? = nil) throws -> SupervisionProblem {
        try store.change { transaction in
            guard let current = try transaction.supervisionProblem(number) else { throw StoreError.notFound(subject: "督察问题 \(number)") }
            try Self.expect(expectedVersion, stored: current.version, subject: current.subject)
            let next = try current.applying(action, by: signature.person)
            try transaction.save(next, expectedVersion: current.version)
            try transaction.record(action.name, subject: current.subject, before: current, after: next, by: signature)
            return next
        }
    }
}
