import Enforcement
import Foundation
import Geo
import GeoIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("Workflow steps through the API")
struct WorkflowAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let a1 = "/api/patches/\(ServerFixture.batch)/A1"

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    private func status(_ response: TestResponse) throws -> String? {
        (try ServerFixture.object(response)["status"] as? [String: Any])?["code"] as? String
    }

    @Test("Verify, determine and approve take a patch to approved, one version at a time")
    func walkToApproved() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("\(a1)/verifications", .post, as: county,
                                  body: ["version": 1, "constructionState": "completed", "currentUse": "厂房", "notes": "已建成"]) { response throws in
                #expect(response.status == .created)
                #expect(try status(response) == "verified")
            }
            try await client.call("\(a1)/determination", .post, as: county,
                                  body: ["version": 2, "parts": [["subtype": "WF01"]], "note": "未批先建"]) { response throws in
                #expect(response.status == .ok)
                #expect(try status(response) == "submitted")
            }
            let city = try await client.signIn("city")
            try await client.call("\(a1)/review", .post, as: city, body: ["version": 3, "decision": "approve"]) { response throws in
                #expect(response.status == .ok)
                #expect(try status(response) == "approved")
                #expect(try ServerFixture.object(response)["version"] as? Int == 4)
            }
        }
        let workflow = try #require(try workspace.store.patchWorkflow(PatchKeyOf.a1))
        #expect(workflow.status == .approved)
        #expect(workflow.effectiveCategory == .illegal)
        #expect(workflow.approvedBy == "city")
        #expect(try workspace.store.auditEvents(subject: workflow.subject).map(\.actor) == ["fixture", "dongling", "dongling", "city"])
    }

    @Test("A verification time with milliseconds, as browsers write it, is taken to the millisecond")
    func fractionalSecondsAccepted() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1, "at": "2024-04-05T02:00:00.250Z"]) {
                #expect($0.status == .created)
            }
        }
        let at = try #require(try workspace.store.verifications(of: PatchKeyOf.a1).first?.at)
        #expect(abs(at.timeIntervalSince1970 - 1_712_282_400.25) < 1e-6)
    }

    @Test("A step on a version someone else has moved past answers 409 and changes nothing")
    func staleVersionIs409() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1]) { #expect($0.status == .created) }
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1]) { response throws in
                #expect(response.status == .conflict)
                #expect(ServerFixture.errorCode(response) == "conflict")
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.version == 2)
        #expect(try workspace.store.verifications(of: PatchKeyOf.a1).count == 1)
    }

    @Test("A role without the step's permission gets 403 on its own county's patch")
    func missingPermissionIs403() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("\(a1)/review", .post, as: county, body: ["version": 1, "decision": "approve"]) { response throws in
                #expect(response.status == .forbidden)
                #expect(ServerFixture.errorCode(response) == "forbidden")
            }
            let field = try await client.signIn("field")
            try await client.call("\(a1)/determination", .post, as: field, body: ["version": 1, "parts": [["subtype": "WF01"]]]) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("A county officer cannot verify another county's patch")
    func otherCountyStepIs403() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("qinghe")
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1]) { response throws in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.version == 1)
    }

    @Test("A step the loop does not allow answers 422 with the rule in Chinese")
    func ruleBreakIs422() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("\(a1)/review", .post, as: city, body: ["version": 1, "decision": "approve"]) { response throws in
                #expect(response.status == .unprocessableContent)
                let message = ServerFixture.errorMessage(response)
                #expect(message.contains("A1"))
            }
        }
    }

    @Test("An unknown determination code answers 422 and the patch stays as it was")
    func unknownCodeIs422() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1]) { #expect($0.status == .created) }
            try await client.call("\(a1)/determination", .post, as: county, body: ["version": 2, "parts": [["subtype": "ZZ99"]]]) { response throws in
                #expect(response.status == .unprocessableContent)
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.status == .verified)
    }

    @Test("Malformed or incomplete JSON answers 400 with what is wrong")
    func malformedBodyIs400() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.execute(uri: "\(a1)/verifications", method: .post, headers: county.headers,
                                     body: ByteBuffer(string: "{not json")) { response throws in
                #expect(response.status == .badRequest)
            }
            try await client.call("\(a1)/verifications", .post, as: county, body: ["notes": "no version"]) { response throws in
                #expect(response.status == .badRequest)
                let message = ServerFixture.errorMessage(response)
                #expect(message.contains("version"))
            }
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1, "constructionState": "flying"]) { response throws in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("A returned patch carries the city's reason; a return without one is 400")
    func returnNeedsReason() async throws {
        try workspace.recordVerification(PatchKeyOf.a1, VerificationInput(officer: "dongling", at: Date(), form: VerificationForm(constructionState: nil)),
                                         signature: Signature(person: "dongling"))
        try workspace.determine(PatchKeyOf.a1, parts: [DeterminationPartDraft(area: .rest, subtype: "WF01")],
                                codes: try workspace.determinationCodes(), signature: Signature(person: "dongling"))
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("\(a1)/review", .post, as: city, body: ["version": 3, "decision": "return"]) { #expect($0.status == .badRequest) }
            try await client.call("\(a1)/review", .post, as: city, body: ["version": 3, "decision": "return", "reason": "照片不清"]) { response throws in
                #expect(try status(response) == "returned")
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.lastReturn?.reason == "照片不清")
    }

    @Test("A JPEG uploaded through the API is stored by its SHA-256 and used as evidence in a verification")
    func photoUploadUsedInVerification() async throws {
        let path = directory.path("site.jpg")
        try ServerFixture.writePhoto(path, position: Coordinate(lon: 113.3005, lat: 23.1005))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let expectedSHA = ContentHash.sha256Hex(bytes)
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            var headers = county.headers
            headers[.contentType] = "image/jpeg"
            try await client.execute(uri: "/api/photos", method: .post, headers: headers, body: ByteBuffer(bytes: bytes)) { response throws in
                #expect(response.status == .created)
                #expect(try ServerFixture.object(response)["sha256"] as? String == expectedSHA)
            }
            try await client.call("\(a1)/verifications", .post, as: county, body: ["version": 1, "photos": [expectedSHA]]) {
                #expect($0.status == .created)
            }
            try await client.call("/api/photos/\(expectedSHA)", as: county) { response throws in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == bytes)
            }
        }
        let verification = try #require(try workspace.store.verifications(of: PatchKeyOf.a1).first)
        #expect(verification.photos.map(\.sha256) == [expectedSHA])
        #expect(verification.flags.isEmpty)
    }

    @Test("Uploads that are not JPEG are refused: 415 for another type, 400 for bytes that are not a JPEG")
    func nonJPEGRefused() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            var headers = county.headers
            headers[.contentType] = "image/png"
            try await client.execute(uri: "/api/photos", method: .post, headers: headers, body: ByteBuffer(string: "png")) {
                #expect($0.status == .unsupportedMediaType)
            }
            headers[.contentType] = "image/jpeg"
            try await client.execute(uri: "/api/photos", method: .post, headers: headers, body: ByteBuffer(string: "GIF89a")) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test("A photo over 30 MB is refused with 413 and nothing is stored")
    func oversizedPhotoIs413() async throws {
        let bytes = [0xFF, 0xD8, 0xFF] + [UInt8](repeating: 0, count: PhotoStore.maximumBytes - 2)
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            var headers = county.headers
            headers[.contentType] = "image/jpeg"
            try await client.execute(uri: "/api/photos", method: .post, headers: headers, body: ByteBuffer(bytes: bytes)) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(ServerFixture.errorCode(response) == "too-large")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.photos.directory.path))
    }

    @Test("A verification naming a photo that was never uploaded is 400 and writes nothing")
    func unknownPhotoIs400() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("\(a1)/verifications", .post, as: county,
                                  body: ["version": 1, "photos": [String(repeating: "ab", count: 32)]]) { #expect($0.status == .badRequest) }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.version == 1)
    }
}

@Suite("The provincial audit through the API")
struct AuditAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    /// A1 verified, determined legal, approved and drawn for the audit (the only approved patch).
    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        let sign = Signature(person: "fixture")
        try workspace.recordVerification(PatchKeyOf.a1, VerificationInput(officer: "dongling", at: Date(), form: VerificationForm(constructionState: .completed)),
                                         signature: sign)
        try workspace.determine(PatchKeyOf.a1, parts: [DeterminationPartDraft(area: .rest, subtype: "HF01", documents: ["粤府土〔2024〕12号"])],
                                codes: try workspace.determinationCodes(), signature: sign)
        try workspace.approve(PatchKeyOf.a1, signature: sign)
        _ = try workspace.publishAuditSeed(batch: ServerFixture.batch, announcedValue: "2024-06-01 福彩3D 123", allowPending: true, signature: sign)
        _ = try workspace.drawAuditSample(batch: ServerFixture.batch, signature: sign)
    }

    @Test("The province lists the drawn patch as awaiting, re-judges it, and then lists it as judged")
    func provinceJudgesSample() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("/api/patches?audit=pending", as: province) { response throws in
                #expect((try ServerFixture.object(response)["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["A1"])
            }
            try await client.call("/api/patches/\(ServerFixture.batch)/A1/audit-judgement", .post, as: province,
                                  body: ["version": 5, "subtype": "WF01", "note": "实地为未批先建"]) { #expect($0.status == .ok) }
            try await client.call("/api/patches?audit=judged", as: province) { response throws in
                #expect(try ServerFixture.object(response)["total"] as? Int == 1)
            }
        }
        let workflow = try #require(try workspace.store.patchWorkflow(PatchKeyOf.a1))
        #expect(workflow.auditJudgement?.subtype.code == "WF01" && workflow.auditedBy == "province")
        #expect(workflow.concealed)
    }

    @Test("Only the audit role re-judges, and only drawn patches")
    func onlyAuditorsAndDrawnPatches() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("/api/patches/\(ServerFixture.batch)/A1/audit-judgement", .post, as: city,
                                  body: ["version": 5, "subtype": "WF01"]) { #expect($0.status == .forbidden) }
            let province = try await client.signIn("province")
            try await client.call("/api/patches/\(ServerFixture.batch)/A2/audit-judgement", .post, as: province,
                                  body: ["version": 1, "subtype": "WF01"]) { #expect($0.status == .unprocessableContent) }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.auditJudgement == nil)
    }
}

@Suite("The offline package")
struct OfflinePackageAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    @Test("A county officer's package is a GeoPackage holding exactly its county's patches with their fields")
    func countyPackage() async throws {
        let path = directory.path("package.gpkg")
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("/api/offline-package?batch=\(ServerFixture.batch)", as: county) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/geopackage+sqlite3")
                try Data(buffer: response.body).write(to: URL(fileURLWithPath: path))
            }
        }
        var codes: [String] = []
        try VectorSource(path: path).layer().forEachFeature { feature in
            if case .string(let code) = feature.attributes["JCBH"] { codes.append(code) }
            #expect(feature.attributes["ZT"] == .string("待核查"))
        }
        #expect(codes.sorted() == ServerFixture.dongling)
    }

    @Test("The package needs a batch that exists and a role that verifies")
    func packageRefusals() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let county = try await client.signIn("dongling")
            try await client.call("/api/offline-package", as: county) { #expect($0.status == .badRequest) }
            try await client.call("/api/offline-package?batch=1999Q9", as: county) { #expect($0.status == .unprocessableContent) }
            let city = try await client.signIn("city")
            try await client.call("/api/offline-package?batch=\(ServerFixture.batch)", as: city) { #expect($0.status == .forbidden) }
        }
    }
}
