import Enforcement
import Foundation
import Geo
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

/// A1 and A2 of 东岭县 verified, determined illegal (WF01) and approved: ready to be filed.
private func approveIllegal(_ codes: [String], in workspace: Workspace) throws {
    let sign = Signature(person: "fixture")
    for code in codes {
        let key = PatchKey(batch: ServerFixture.batch, code: code)
        try workspace.recordVerification(key, VerificationInput(officer: "dongling", at: Date(), form: VerificationForm(constructionState: .completed)),
                                         signature: sign)
        try workspace.determine(key, parts: [DeterminationPartDraft(area: .rest, subtype: "WF01")], codes: try workspace.determinationCodes(),
                                signature: sign)
        try workspace.approve(key, signature: sign)
    }
}

private func fileBody(codes: [String] = ["A1", "A2"]) -> [String: Any] {
    ["number": "449901-2024-001", "parties": ["某公司"], "filedOn": "2024-06-01",
     "patches": codes.map { ["batch": ServerFixture.batch, "code": $0] }]
}

private func decisionBody(version: Int = 1, fineYuan: String = "53360.50", kind: String = "拆除复耕") -> [String: Any] {
    ["version": version, "fineYuan": fineYuan, "demolitionMu": 2, "on": "2024-06-10", "deadline": "2024-08-31",
     "measures": [["kind": kind, "detail": "拆除厂房并复耕", "areaMu": 2]]]
}

@Suite("Cases through the API")
struct CaseAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let casePath = "/api/cases/449901-2024-001"

    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        try approveIllegal(["A1", "A2"], in: workspace)
    }

    @Test("A case is filed, decided, rectified with photo evidence, paid and closed; its patches end 整改到位")
    func caseLifecycle() async throws {
        let photo = directory.path("after.jpg")
        try ServerFixture.writePhoto(photo, position: nil)
        try await ServerFixture.application(workspace).test(.router) { client in
            let cases = try await client.signIn("cases")
            try await client.call("/api/cases", .post, as: cases, body: fileBody()) { response throws in
                #expect(response.status == .created)
                #expect(try ServerFixture.object(response)["patches"] as? [[String: Any]] != nil)
            }
            try await client.call("\(casePath)/decision", .post, as: cases, body: decisionBody()) { response throws in
                let object = try ServerFixture.object(response)
                #expect((object["penalty"] as? [String: Any])?["fineYuan"] as? String == "53360.50")
                #expect((object["status"] as? [String: Any])?["name"] as? String == "已处罚")
            }
            let county = try await client.signIn("dongling")
            var headers = county.headers
            headers[.contentType] = "image/jpeg"
            let sha = try await client.execute(uri: "/api/photos", method: .post, headers: headers,
                                               body: .init(bytes: try Data(contentsOf: URL(fileURLWithPath: photo)))) { response throws in
                try ServerFixture.object(response)["sha256"] as? String ?? ""
            }
            try await client.call("\(casePath)/rectification", .post, as: county,
                                  body: ["version": 2, "measure": 1, "step": "evidence", "note": "已拆除复耕", "photos": [sha]]) {
                #expect($0.status == .ok)
            }
            try await client.call("\(casePath)/rectification", .post, as: cases,
                                  body: ["version": 3, "measure": 1, "step": "accept", "on": "2024-08-20"]) { #expect($0.status == .ok) }
            try await client.call("\(casePath)/payments", .post, as: cases,
                                  body: ["version": 4, "amountYuan": "53360.50", "on": "2024-08-21"]) { response throws in
                #expect(try ServerFixture.object(response)["finesOutstandingYuan"] as? String == "0.00")
            }
            try await client.call("\(casePath)/closing", .post, as: cases, body: ["version": 5, "on": "2024-08-30"]) { response throws in
                #expect(try ServerFixture.object(response)["closedOn"] as? String == "2024-08-30")
            }
            try await client.call(casePath, as: county) { response throws in
                let history = try ServerFixture.object(response)["history"] as? [[String: Any]] ?? []
                #expect(history.compactMap { $0["action"] as? String } == [
                    "case.file", "case.decide", "case.rectification-evidence", "case.rectification-accept", "case.payment", "case.close",
                ])
            }
        }
        let stored = try #require(try workspace.store.enforcementCase("449901-2024-001"))
        #expect(stored.status == .closed)
        #expect(stored.rectification.measures.first?.evidence.first?.files.count == 1)
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.rectifiedOn == CalendarDay("2024-08-30"))
    }

    @Test("Another county's officer gets 403 on a case and its case list leaves it out")
    func otherJurisdictionsAre403() async throws {
        _ = try workspace.fileCase(number: "449901-2024-001", patches: [PatchKeyOf.a1], parties: ["某公司"],
                                   filedOn: CalendarDay("2024-06-01")!, signature: Signature(person: "fixture"))
        try await ServerFixture.application(workspace).test(.router) { client in
            let qinghe = try await client.signIn("qinghe")
            try await client.call(casePath, as: qinghe) { response in
                #expect(response.status == .forbidden)
                #expect(ServerFixture.errorCode(response) == "outside-jurisdiction")
            }
            try await client.call("/api/cases", as: qinghe) { response throws in
                #expect((try ServerFixture.object(response)["items"] as? [Any])?.count == 0)
            }
            try await client.call("\(casePath)/rectification", .post, as: qinghe,
                                  body: ["version": 1, "measure": 1, "step": "evidence", "note": "x"]) { #expect($0.status == .forbidden) }
        }
    }

    @Test("Filing needs the case role: a county officer gets 403 and nothing is filed")
    func filingNeedsCaseRole() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("/api/cases", .post, as: county, body: fileBody()) { response in
                #expect(response.status == .forbidden)
                #expect(ServerFixture.errorCode(response) == "forbidden")
            }
        }
        #expect(try workspace.store.enforcementCases().isEmpty)
    }

    @Test("A patch not yet approved cannot be filed: 422 and no case")
    func unapprovedPatchIs422() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let cases = try await client.signIn("cases")
            try await client.call("/api/cases", .post, as: cases, body: fileBody(codes: ["A3"])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(ServerFixture.errorMessage(response).contains("A3"))
            }
        }
        #expect(try workspace.store.enforcementCases().isEmpty)
    }

    @Test("A decision on a version someone moved past answers 409 and leaves the case as it was")
    func staleDecisionIs409() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let cases = try await client.signIn("cases")
            try await client.call("/api/cases", .post, as: cases, body: fileBody()) { #expect($0.status == .created) }
            try await client.call("\(casePath)/decision", .post, as: cases, body: decisionBody(version: 0)) { #expect($0.status == .conflict) }
        }
        #expect(try workspace.store.enforcementCase("449901-2024-001")?.status == .filed)
    }

    @Test("A fine that is not an amount and a measure of unknown kind are 400 with the field named")
    func malformedDecisionIs400() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let cases = try await client.signIn("cases")
            try await client.call("/api/cases", .post, as: cases, body: fileBody()) { #expect($0.status == .created) }
            try await client.call("\(casePath)/decision", .post, as: cases, body: decisionBody(fineYuan: "五万")) { response in
                #expect(response.status == .badRequest)
                #expect(ServerFixture.errorMessage(response).contains("fineYuan"))
            }
            try await client.call("\(casePath)/decision", .post, as: cases, body: decisionBody(kind: "罚站")) { response in
                #expect(response.status == .badRequest)
                #expect(ServerFixture.errorMessage(response).contains("罚站"))
            }
        }
    }

    @Test("Closing with a measure still open is refused with 422")
    func closingWithOpenMeasureIs422() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let cases = try await client.signIn("cases")
            try await client.call("/api/cases", .post, as: cases, body: fileBody()) { #expect($0.status == .created) }
            try await client.call("\(casePath)/decision", .post, as: cases, body: decisionBody()) { #expect($0.status == .ok) }
            try await client.call("\(casePath)/closing", .post, as: cases, body: ["version": 2]) { #expect($0.status == .unprocessableContent) }
        }
        #expect(try workspace.store.enforcementCase("449901-2024-001")?.status == .decided)
    }

    @Test("An unknown case is 404")
    func unknownCaseIs404() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let cases = try await client.signIn("cases")
            try await client.call("/api/cases/%E6%97%A0-1", as: cases) { response in
                #expect(response.status == .notFound)
                #expect(ServerFixture.errorMessage(response).contains("案件 无-1"))
            }
        }
    }
}

private func problemBody(kind: String = "耕地保护督察") -> [String: Any] {
    ["number": "DC-2024-01", "kind": kind, "region": "449901", "title": "东岭县违法占用耕地建厂",
     "handedDownOn": "2024-05-01", "areaMu": 12.5, "cultivatedMu": 10, "deadline": "2024-09-30",
     "measures": [["kind": "demolishAndRestore", "detail": "拆除复耕", "areaMu": 10]]]
}

@Suite("Supervision problems through the API")
struct ProblemAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let problemPath = "/api/problems/DC-2024-01"

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    @Test("The province hands a problem down, the county hands in evidence, the province accepts it and closes the problem")
    func problemLifecycle() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("/api/problems", .post, as: province, body: problemBody()) { response throws in
                #expect(response.status == .created)
                #expect((try ServerFixture.object(response)["cultivatedArea"] as? [String: Any])?["mu"] as? Double == 10)
            }
            let county = try await client.signIn("dongling")
            try await client.call("/api/problems", as: county) { response throws in
                #expect((try ServerFixture.object(response)["items"] as? [[String: Any]])?.compactMap { $0["number"] as? String } == ["DC-2024-01"])
            }
            try await client.call("\(problemPath)/rectification", .post, as: county,
                                  body: ["version": 1, "measure": 1, "step": "evidence", "note": "已复耕"]) { #expect($0.status == .ok) }
            try await client.call("\(problemPath)/rectification", .post, as: province,
                                  body: ["version": 2, "measure": 1, "step": "accept", "on": "2024-09-01"]) { #expect($0.status == .ok) }
            try await client.call("\(problemPath)/closing", .post, as: province, body: ["version": 3, "on": "2024-09-02"]) { response throws in
                #expect(try ServerFixture.object(response)["closedOn"] as? String == "2024-09-02")
            }
        }
        #expect(try workspace.store.supervisionProblem("DC-2024-01")?.isClosed == true)
    }

    @Test("A county officer may not accept its own evidence: 403")
    func countyCannotAccept() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("/api/problems", .post, as: province, body: problemBody()) { #expect($0.status == .created) }
            let county = try await client.signIn("dongling")
            try await client.call("\(problemPath)/rectification", .post, as: county,
                                  body: ["version": 1, "measure": 1, "step": "evidence", "note": "已复耕"]) { #expect($0.status == .ok) }
            try await client.call("\(problemPath)/rectification", .post, as: county,
                                  body: ["version": 2, "measure": 1, "step": "accept"]) { #expect($0.status == .forbidden) }
        }
        #expect(try workspace.store.supervisionProblem("DC-2024-01")?.rectification.measures.first?.status == .evidenceSubmitted)
    }

    @Test("Handing down needs the province: the city reviewer gets 403")
    func handDownNeedsProvince() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("/api/problems", .post, as: city, body: problemBody()) { #expect($0.status == .forbidden) }
        }
        #expect(try workspace.store.supervisionProblems().isEmpty)
    }

    @Test("An unknown inspection kind is 400 and a number handed down twice is 409")
    func badKindAndDuplicate() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("/api/problems", .post, as: province, body: problemBody(kind: "随便看看")) { #expect($0.status == .badRequest) }
            try await client.call("/api/problems", .post, as: province, body: problemBody()) { #expect($0.status == .created) }
            try await client.call("/api/problems", .post, as: province, body: problemBody()) { #expect($0.status == .conflict) }
        }
        #expect(try workspace.store.supervisionProblems().count == 1)
    }
}

@Suite("Publishing the audit seed and drawing the sample through the API")
struct AuditSamplingAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let auditPath = "/api/audit/\(ServerFixture.batch)"

    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        try approveIllegal(["A1"], in: workspace)
    }

    @Test("The province publishes the seed, draws the approved patch and sees it awaiting judgement")
    func publishAndDraw() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("\(auditPath)/seed", .post, as: province,
                                  body: ["announcedValue": "2024-06-01 福彩3D 123", "allowPending": true]) { response throws in
                #expect(response.status == .created)
                #expect(try ServerFixture.object(response)["candidateCodes"] as? [String] == ["A1"])
            }
            try await client.call("\(auditPath)/draw", .post, as: province) { response throws in
                #expect(response.status == .created)
                let strata = try ServerFixture.object(response)["strata"] as? [[String: Any]] ?? []
                #expect(strata.map { $0["city"] as? String } == ["449900"])
            }
            try await client.call(auditPath, as: province) { response throws in
                let sampled = try ServerFixture.object(response)["sampled"] as? [[String: Any]] ?? []
                #expect(sampled.map { $0["code"] as? String } == ["A1"])
                #expect(sampled.first?["judged"] as? Bool == false)
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.selectedForAudit == true)
    }

    @Test("While patches are unfinished the seed is refused with 422 unless the auditor allows it")
    func pendingPatchesRefuseSeed() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("\(auditPath)/seed", .post, as: province, body: ["announcedValue": "123"]) { response in
                #expect(response.status == .unprocessableContent)
            }
        }
        #expect(try workspace.store.auditSeed(batch: ServerFixture.batch) == nil)
    }

    @Test("A city reviewer may not publish a seed or draw: 403")
    func cityIsRefused() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("\(auditPath)/seed", .post, as: city, body: ["announcedValue": "123", "allowPending": true]) {
                #expect($0.status == .forbidden)
            }
            try await client.call("\(auditPath)/draw", .post, as: city) { #expect($0.status == .forbidden) }
        }
        #expect(try workspace.store.auditSeed(batch: ServerFixture.batch) == nil)
    }
}
