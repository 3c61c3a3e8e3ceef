import Camera
import Enforcement
import Foundation
import Geo
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Store
import Testing
import TestSupport
import Workspace

/// The fixture's workspace with camera JL-017 of 东岭县 (449901), whose preset 3 has seen the
/// passes before `alarmPass`, ten minutes apart, a new structure standing since pass 8: pass
/// `alarmPass` completes its persistence and raises the alarm. Camera QH-002 belongs to 青禾县 (449902).
@Suite("Camera frames and alarms over HTTP")
struct CameraAPITests {
    static let start = Date(timeIntervalSince1970: 1_711_929_600)
    static let alarmPass = 8 + MonitorSettings().persistencePasses - 1
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        try workspace.saveCamera(id: "JL-017", name: "巨鹿北铁塔", position: Coordinate(x: 115.0016, y: 36.999), heightMetres: 45,
                                 regionCode: try RegionCode("449901"))
        let corners = [(0.0, 0.0), (320.0, 0.0), (320.0, 240.0), (0.0, 240.0)]
        try workspace.savePreset(camera: "JL-017", number: 3, controlPoints: corners.map { x, y in
            ImageControlPoint(pixelX: x, pixelY: y, ground: Coordinate(x: 115 + x * 1e-5, y: 37 - y * 1e-5))
        }, mask: nil)
        try workspace.saveCamera(id: "QH-002", name: "青禾铁塔", position: Coordinate(x: 115.01, y: 37), heightMetres: 40,
                                 regionCode: try RegionCode("449902"))
        try workspace.savePreset(camera: "QH-002", number: 1, controlPoints: [], mask: nil)
        _ = try workspace.ingestFrames(camera: "JL-017", preset: 3, frames: try (0..<Self.alarmPass).map(frame))
    }

    static func time(_ pass: Int) -> Date { start.addingTimeInterval(Double(pass * 600)) }

    func frame(_ pass: Int) throws -> FrameInput {
        let path = directory.path("pass\(pass).png")
        let overlay = pass >= 8 ? Scene.newStructure(inside: (x: 120, y: 96, side: 72)) : { _, _ in nil }
        try Scene.writePNG(Scene.frame(pass: pass, overlay: overlay), to: path)
        return FrameInput(path: path, capturedAt: Self.time(pass), source: path)
    }

    func push(_ client: some TestClientProtocol, pass: Int, camera: String = "JL-017", preset: Int = 3, token: String,
              type: String = "image/png") async throws -> TestResponse {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try frame(pass).path))
        let time = Self.time(pass).formatted(.iso8601)
        return try await client.execute(uri: "/api/cameras/\(camera)/presets/\(preset)/frames?capturedAt=\(time)", method: .post,
                                        headers: [.authorization: "Bearer \(token)", .contentType: type],
                                        body: ByteBuffer(bytes: bytes)) { $0 }
    }

    @Test("A frame pushed over HTTP is compared at once and the pass that completes a persistent change answers with its alarm")
    func pushRaisesAlarm() async throws {
        let token = try workspace.issueToken(for: "camera", name: "gateway").value
        try await ServerFixture.application(workspace).test(.router) { client in
            let response = try await push(client, pass: Self.alarmPass, token: token)
            #expect(response.status == .created)
            let body = try ServerFixture.object(response)
            let alarms = try #require(body["alarms"] as? [[String: Any]])
            #expect(alarms.count == 1)
            #expect((body["pass"] as? [String: Any])?["source"] as? String == "http-push")
            let again = try await push(client, pass: Self.alarmPass, token: token)
            #expect(again.status == .ok)
            #expect(try ServerFixture.object(again)["alreadyIngested"] as? Bool == true)
        }
        #expect(try workspace.store.passes(camera: "JL-017", preset: 3).count == Self.alarmPass + 1)
    }

    @Test("A frame older than the preset's latest is refused with 409 and nothing is recorded")
    func outOfOrderPushConflicts() async throws {
        let token = try workspace.issueToken(for: "camera", name: "gateway").value
        try await ServerFixture.application(workspace).test(.router) { client in
            let response = try await push(client, pass: Self.alarmPass, token: token)
            #expect(response.status == .created)
            let late = try await client.execute(
                uri: "/api/cameras/JL-017/presets/3/frames?capturedAt=\(Self.time(Self.alarmPass - 1).addingTimeInterval(30).formatted(.iso8601))",
                method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "image/png"],
                body: ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: try frame(Self.alarmPass - 1).path)))) { $0 }
            #expect(late.status == .conflict)
        }
        #expect(try workspace.store.passes(camera: "JL-017", preset: 3).count == Self.alarmPass + 1)
    }

    @Test("A push without a capture time is 400, and a body that is not an image type is 415")
    func badPushes() async throws {
        let token = try workspace.issueToken(for: "camera", name: "gateway").value
        try await ServerFixture.application(workspace).test(.router) { client in
            try await client.execute(uri: "/api/cameras/JL-017/presets/3/frames", method: .post,
                                     headers: [.authorization: "Bearer \(token)", .contentType: "image/png"],
                                     body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .badRequest)
            }
            let wrongType = try await push(client, pass: Self.alarmPass, token: token, type: "text/plain")
            #expect(wrongType.status == .unsupportedMediaType)
            let garbage = try await client.execute(
                uri: "/api/cameras/JL-017/presets/3/frames?capturedAt=\(Self.time(Self.alarmPass).formatted(.iso8601))", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "image/png"], body: ByteBuffer(string: "not a png")) { $0 }
            #expect(garbage.status == .badRequest)
            #expect(ServerFixture.errorCode(garbage) == "bad-file")
        }
        #expect(try workspace.store.passes(camera: "JL-017", preset: 3).count == Self.alarmPass)
    }

    @Test("A push to a preset never defined is 404 and names it")
    func unknownPreset() async throws {
        let token = try workspace.issueToken(for: "camera", name: "gateway").value
        try await ServerFixture.application(workspace).test(.router) { client in
            let response = try await push(client, pass: 0, preset: 7, token: token)
            #expect(response.status == .notFound)
            #expect(ServerFixture.errorMessage(response).contains("7"))
        }
    }

    @Test("A camera operator cannot push to a camera of another county, and a county officer without camera duty cannot list alarms")
    func jurisdiction() async throws {
        let token = try workspace.issueToken(for: "camera", name: "gateway").value
        try await ServerFixture.application(workspace).test(.router) { client in
            let other = try await push(client, pass: 0, camera: "QH-002", preset: 1, token: token)
            #expect(other.status == .forbidden)
            #expect(ServerFixture.errorCode(other) == "outside-jurisdiction")
            let officer = try await client.signIn("qinghe")
            try await client.call("/api/alarms", as: officer) { response in #expect(response.status == .forbidden) }
            let operatorSession = try await client.signIn("camera")
            try await client.call("/api/cameras", as: operatorSession) { response in
                let items = try ServerFixture.object(response)["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { $0["id"] as? String } == ["JL-017"])
            }
        }
        #expect(try workspace.store.passes(camera: "QH-002", preset: 1).isEmpty)
    }

    @Test("Confirming an alarm with makePatch decides its incident and hands the new patch to the camera's county; a second decision is 409")
    func confirmMakesPatch() async throws {
        let alarm = try #require(try workspace.ingestFrames(camera: "JL-017", preset: 3, frames: [frame(Self.alarmPass)]).alarms.first)
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("camera")
            try await client.call("/api/alarms?status=new", as: session) { response in
                let items = try ServerFixture.object(response)["items"] as? [[String: Any]] ?? []
                #expect(items.compactMap { $0["code"] as? String } == [alarm.code])
            }
            try await client.call("/api/alarms/\(alarm.code)/decision", .post, as: session,
                                  body: ["status": "confirmed", "makePatch": true, "dueInDays": 5]) { response in
                #expect(response.status == .ok)
                let patch = try #require(try ServerFixture.object(response)["patch"] as? [String: Any])
                #expect(patch["batch"] as? String == "CAM-202404" && patch["code"] as? String == alarm.code)
                #expect(patch["assignedTo"] as? String == "449901")
            }
            try await client.call("/api/alarms/\(alarm.code)/decision", .post, as: session, body: ["status": "dismissed", "reason": "光照"]) { response in
                #expect(response.status == .conflict)
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKey(batch: "CAM-202404", code: alarm.code))?.status == .assigned)
    }

    @Test("An incident confirmed without a patch becomes one later: 409 before it is confirmed, 201 when made, 200 with the same patch again, and the detail links it")
    func patchMadeAfterConfirmation() async throws {
        let alarm = try #require(try workspace.ingestFrames(camera: "JL-017", preset: 3, frames: [frame(Self.alarmPass)]).alarms.first)
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("camera")
            try await client.call("/api/alarms/\(alarm.code)/patch", .post, as: session, body: [:]) { response in
                #expect(response.status == .conflict)
            }
            try await client.call("/api/alarms/\(alarm.code)/decision", .post, as: session, body: ["status": "confirmed"]) { response in
                let body = try ServerFixture.object(response)
                #expect(response.status == .ok && body["patch"] == nil)
            }
            try await client.call("/api/alarms/\(alarm.code)", as: session) { response in
                let body = try ServerFixture.object(response)
                #expect(response.status == .ok && body["patch"] == nil)
            }
            try await client.call("/api/alarms/\(alarm.code)/patch", .post, as: session, body: ["dueInDays": 3]) { response in
                #expect(response.status == .created)
                let patch = try ServerFixture.object(response)
                #expect(patch["batch"] as? String == "CAM-202404" && patch["code"] as? String == alarm.code)
                #expect(patch["assignedTo"] as? String == "449901" && patch["existed"] as? Bool == false)
            }
            try await client.call("/api/alarms/\(alarm.code)/patch", .post, as: session, body: [:]) { response in
                let body = try ServerFixture.object(response)
                #expect(response.status == .ok && body["existed"] as? Bool == true)
            }
            try await client.call("/api/alarms/\(alarm.code)", as: session) { response in
                let patch = try ServerFixture.object(response)["patch"] as? [String: Any]
                #expect(patch?["batch"] as? String == "CAM-202404" && patch?["code"] as? String == alarm.code)
            }
        }
    }

    @Test("Dismissing with maskPlace masks the incident's place in its preset; asking it with a confirmation is 422 and decides nothing")
    func dismissalMasksThePlace() async throws {
        let alarm = try #require(try workspace.ingestFrames(camera: "JL-017", preset: 3, frames: [frame(Self.alarmPass)]).alarms.first)
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("camera")
            try await client.call("/api/alarms/\(alarm.code)/decision", .post, as: session,
                                  body: ["status": "confirmed", "maskPlace": true]) { response in
                #expect(response.status == .unprocessableContent)
            }
            #expect(try workspace.store.alarm(code: alarm.code)?.status == .new)
            try await client.call("/api/alarms/\(alarm.code)/decision", .post, as: session,
                                  body: ["status": "dismissed", "reason": "other", "note": "集市摊位", "maskPlace": true]) { response in
                #expect(response.status == .ok)
            }
        }
        #expect(try workspace.store.preset(camera: "JL-017", number: 3)?.mask?.envelope == alarm.view)
    }

    @Test("An alarm's detail carries its ground polygon and its frame is served as the image kept")
    func alarmDetailAndFrame() async throws {
        let alarm = try #require(try workspace.ingestFrames(camera: "JL-017", preset: 3, frames: [frame(Self.alarmPass)]).alarms.first)
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("camera")
            let frameURL = try await client.call("/api/alarms/\(alarm.code)", as: session) { response in
                let body = try ServerFixture.object(response)
                #expect((body["ground"] as? [String: Any])?["type"] as? String == "Polygon")
                return (body["alarm"] as? [String: Any])?["frame"] as? String ?? ""
            }
            #expect(frameURL == "/api/cameras/JL-017/presets/3/frames/\(FrameSequence.stem(of: Self.time(Self.alarmPass)))")
            let kept = try Data(contentsOf: workspace.filesDirectory.appendingPathComponent(alarm.frame))
            try await client.call(frameURL, as: session) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "image/png")
                #expect(Data(buffer: response.body) == kept)
            }
        }
    }
}
