import Camera
import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

/// A tower camera over generated ground: passes ten minutes apart, a new structure from pass 8,
/// and control points that map pixel (x, y) to (115° + x·1e-5, 37° − y·1e-5).
final class CameraFixture {
    static let box = (x: 120, y: 96, side: 72)
    /// Passes 0..<this end with the structure's alarm: it stands from pass 8 and must persist.
    static let throughAlarm = 8 + MonitorSettings().persistencePasses
    static let start = Date(timeIntervalSince1970: 1_711_929_600)
    let directory = TemporaryDirectory("landwatch-camera-ws")
    let ws: Workspace

    init() throws {
        ws = try Workspace.create(at: directory.url.appendingPathComponent("ws"))
        try ws.saveCamera(id: "JL-017", name: "巨鹿北铁塔", position: Coordinate(x: 115.0016, y: 36.9990), heightMetres: 45,
                          regionCode: try RegionCode("449901"))
        try ws.savePreset(camera: "JL-017", number: 3, controlPoints: Self.controlPoints, mask: nil)
    }

    static let controlPoints = [(0.0, 0.0), (320.0, 0.0), (320.0, 240.0), (0.0, 240.0)].map { x, y in
        ImageControlPoint(pixelX: x, pixelY: y, ground: ground(x, y))
    }

    static func ground(_ x: Double, _ y: Double) -> Coordinate { Coordinate(x: 115 + x * 1e-5, y: 37 - y * 1e-5) }

    static func time(_ pass: Int, minutes: Int = 0) -> Date { start.addingTimeInterval(Double(pass * 600 + minutes * 60)) }

    /// The frame file of a pass, named by its capture time (UTC+8).
    func frame(_ pass: Int, minutes: Int = 0) throws -> FrameInput {
        let time = Self.time(pass, minutes: minutes)
        let path = directory.url.appendingPathComponent("\(FrameSequence.stem(of: time)).png").path
        if !FileManager.default.fileExists(atPath: path) {
            try Scene.writePNG(Scene.frame(pass: pass, overlay: pass >= 8 ? Scene.newStructure(inside: Self.box) : { _, _ in nil }), to: path)
        }
        return try FrameInput(file: path)
    }

    func frames(_ passes: Range<Int>) throws -> [FrameInput] { try passes.map { try frame($0) } }
}

struct CameraWorkflowTests {
    @Test func ingestingAPlantedStructureRecordsOneAlarmWithItsEllipsoidalGroundArea() throws {
        let fixture = try CameraFixture()
        let report = try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<20))
        #expect(report.passes.count == 20)
        #expect(report.alarms.count == 1)
        let alarm = try #require(report.alarms.first)
        #expect(alarm.capturedAt == CameraFixture.time(8 + MonitorSettings().persistencePasses - 1))
        #expect(alarm.status == .new && !alarm.isDuplicate)
        let view = alarm.view
        let expected = EllipsoidalArea.of(lonLat: .polygon(Polygon(exterior: [
            CameraFixture.ground(view.minX, view.minY), CameraFixture.ground(view.maxX, view.minY),
            CameraFixture.ground(view.maxX, view.maxY), CameraFixture.ground(view.minX, view.maxY), CameraFixture.ground(view.minX, view.minY),
        ])))
        let relative = abs(try #require(alarm.area).squareMetres - expected.squareMetres) / expected.squareMetres
        #expect(relative < 1e-9, "relative error \(relative)")
        #expect(FileManager.default.fileExists(atPath: fixture.ws.filesDirectory.appendingPathComponent(alarm.frame).path))
    }

    @Test func anIngestResumedAfterAnInterruptionRecordsTheSameAlarmsAsAnUnbrokenOne() throws {
        let unbroken = try CameraFixture(), resumed = try CameraFixture()
        let expected = try unbroken.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try unbroken.frames(0..<20)).alarms
        _ = try resumed.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try resumed.frames(0..<10))
        let second = try resumed.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try resumed.frames(0..<20))
        #expect(second.alreadyIngested == 10)
        let found = try resumed.ws.store.alarms(AlarmFilter())
        #expect(found.map(\.code) == expected.map(\.code))
        #expect(found.map(\.view) == expected.map(\.view))
    }

    @Test func aFrameOlderThanThePresetsLatestIsRefusedAndNothingIsRecorded() throws {
        let fixture = try CameraFixture()
        _ = try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<6))
        let late = try fixture.frame(3, minutes: 5)
        #expect(throws: WorkspaceError.self) { try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: [late]) }
        #expect(try fixture.ws.store.passes(camera: "JL-017", preset: 3).count == 6)
    }

    @Test func twoIngestsOfOnePresetAtOnceTakeTurnsAndRecordEachPassOnce() async throws {
        let fixture = try CameraFixture()
        let frames = try fixture.frames(0..<CameraFixture.throughAlarm)
        let ws = fixture.ws
        async let first = Task.detached { try ws.ingestFrames(camera: "JL-017", preset: 3, frames: frames) }.value
        async let second = Task.detached { try ws.ingestFrames(camera: "JL-017", preset: 3, frames: frames) }.value
        let reports = try await [first, second]
        #expect(reports.map(\.passes.count).sorted() == [0, CameraFixture.throughAlarm])
        #expect(reports.map(\.alreadyIngested).sorted() == [0, CameraFixture.throughAlarm])
        #expect(try ws.store.passes(camera: "JL-017", preset: 3).count == CameraFixture.throughAlarm)
        #expect(try ws.store.alarms(AlarmFilter()).count == 1)
    }

    @Test func aPassRecordedOutOfTurnByAnotherIngestIsRefusedWhole() throws {
        let fixture = try CameraFixture()
        let earlier = try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<6)).passes[4]
        let memory = try fixture.ws.store.monitorMemory(camera: "JL-017", preset: 3)
        #expect { try fixture.ws.store.recordPass(earlier, alarms: [], memory: Data("{}".utf8), referenceFrame: "x") } throws: { error in
            guard case .passOutOfTurn(let camera, let preset) = error as? StoreError else { return false }
            return camera == "JL-017" && preset == 3
        }
        #expect(try fixture.ws.store.passes(camera: "JL-017", preset: 3).count == 6)
        #expect(try fixture.ws.store.monitorMemory(camera: "JL-017", preset: 3) == memory)
    }

    @Test func aCorruptFrameStopsTheIngestWithAClearErrorAndKeepsThePassesBeforeIt() throws {
        let fixture = try CameraFixture()
        var frames = try fixture.frames(0..<12)
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: frames[6].path))
        #expect { try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: frames) } throws: { error in
            guard case .unreadableFrame(let path, _) = error as? CameraError else { return false }
            return path == frames[6].path
        }
        #expect(try fixture.ws.store.passes(camera: "JL-017", preset: 3).count == 6)
        try FileManager.default.removeItem(atPath: frames[6].path)
        frames[6] = try fixture.frame(6)
        let rerun = try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: frames)
        #expect(rerun.alreadyIngested == 6 && rerun.passes.count == 6)
    }

    @Test func aCorruptFirstFrameNamesTheFileGivenAndLeavesThePresetWithoutReference() throws {
        let fixture = try CameraFixture()
        let first = try fixture.frame(0)
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: first.path))
        #expect { try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: [first]) } throws: { error in
            guard case .unreadableFrame(let path, _) = error as? CameraError else { return false }
            return path == first.path
        }
        #expect(try fixture.ws.store.preset(camera: "JL-017", number: 3)?.referenceFrame == nil)
    }

    @Test func dismissingAnIncidentNeedsAReasonDecidesItsAlarmsAndTeachesThePreset() throws {
        let fixture = try CameraFixture()
        let alarm = try #require(try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<CameraFixture.throughAlarm)).alarms.first)
        let signature = Signature(person: "值守员甲", at: CameraFixture.time(13))
        #expect(throws: WorkspaceError.dismissalNeedsReason) {
            try fixture.ws.decideAlarm(alarm.code, status: .dismissed, reason: nil, note: "", signature: signature)
        }
        let before = try fixture.ws.store.monitorMemory(camera: "JL-017", preset: 3)
        let decided = try fixture.ws.decideAlarm(alarm.code, status: .dismissed, reason: .approvedConstruction, note: "有批文", signature: signature)
        #expect(decided.map(\.status) == [.dismissed])
        #expect(decided.first?.decision == AlarmDecision(status: .dismissed, reason: .approvedConstruction, note: "有批文", by: "值守员甲", at: signature.at))
        #expect(try fixture.ws.store.monitorMemory(camera: "JL-017", preset: 3) != before)
        #expect(throws: WorkspaceError.alarmDecided(code: alarm.code, status: .dismissed)) {
            try fixture.ws.decideAlarm(alarm.code, status: .confirmed, reason: nil, note: "", signature: signature)
        }
    }

    @Test func dismissingWithThePlaceMaskedAddsTheAlarmsRectangleToTheMaskAndNothingThereAlarmsAgain() throws {
        let fixture = try CameraFixture()
        let alarm = try #require(try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<CameraFixture.throughAlarm)).alarms.first)
        let signature = Signature(person: "值守员甲", at: CameraFixture.time(13))
        #expect(throws: WorkspaceError.maskNeedsDismissal) {
            try fixture.ws.decideAlarm(alarm.code, status: .confirmed, reason: nil, note: "", maskingPlace: true, signature: signature)
        }
        try fixture.ws.decideAlarm(alarm.code, status: .dismissed, reason: .other, note: "露天茶座", maskingPlace: true, signature: signature)
        let mask = try #require(try fixture.ws.store.preset(camera: "JL-017", number: 3)?.mask)
        #expect(mask.envelope == alarm.view)
        // A different structure set down in the masked place later never alarms; the preset keeps its control points.
        let later = try (CameraFixture.throughAlarm..<(CameraFixture.throughAlarm + 12)).map { pass -> FrameInput in
            let time = CameraFixture.time(pass)
            let path = fixture.directory.url.appendingPathComponent("later-\(FrameSequence.stem(of: time)).png").path
            let stripes: (Int, Int) -> Float? = { x, y in
                let box = CameraFixture.box
                guard x >= box.x, y >= box.y, x < box.x + box.side, y < box.y + box.side else { return nil }
                return (x / 4) % 2 == 0 ? 40 : 200
            }
            try Scene.writePNG(Scene.frame(pass: pass, overlay: pass >= CameraFixture.throughAlarm + 2 ? stripes : Scene.newStructure(inside: CameraFixture.box)), to: path)
            return FrameInput(path: path, capturedAt: time, source: path)
        }
        #expect(try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: later).alarms.isEmpty)
        #expect(try fixture.ws.store.preset(camera: "JL-017", number: 3)?.controlPoints == CameraFixture.controlPoints)
    }

    @Test func aCountySeesOnlyTheAlarmsOfItsOwnCameras() throws {
        let fixture = try CameraFixture()
        try fixture.ws.saveCamera(id: "QH-002", name: "青禾铁塔", position: Coordinate(x: 115.01, y: 37), heightMetres: 40, regionCode: try RegionCode("449902"))
        try fixture.ws.savePreset(camera: "QH-002", number: 1, controlPoints: [], mask: nil)
        _ = try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<CameraFixture.throughAlarm))
        _ = try fixture.ws.ingestFrames(camera: "QH-002", preset: 1, frames: try fixture.frames(0..<CameraFixture.throughAlarm))
        let west = try fixture.ws.store.alarms(AlarmFilter(region: try RegionCode("449901")))
        #expect(west.map(\.cameraID) == ["JL-017"])
        #expect(try fixture.ws.store.alarms(AlarmFilter()).count == 2)
    }

    @Test func controlPointsWithAMissingNumberNameTheirLine() throws {
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent("cp.csv").path
        try "x,y,lon,lat\n0,0,115,37\n320,0,115.0032\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Workspace.controlPoints(csv: path) } throws: { error in
            guard case .invalidControlPoints(_, let line, _) = error as? WorkspaceError else { return false }
            return line == 3
        }
    }

    @Test func aMaskOfLinesIsRefused() throws {
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent("mask.geojson").path
        try #"{"type":"LineString","coordinates":[[0,0],[10,10]]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: WorkspaceError.self) { try Workspace.viewMask(geoJSON: path) }
    }

    @Test func aPresetOfAnUnknownCameraIsRefused() throws {
        let fixture = try CameraFixture()
        #expect(throws: WorkspaceError.noCamera("XX-1")) {
            try fixture.ws.savePreset(camera: "XX-1", number: 1, controlPoints: [], mask: nil)
        }
    }
}

struct FrameGrabberTests {
    static let ffmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: ffmpeg, "跳过：未安装 ffmpeg（scripts/setup.sh）/ skipped: ffmpeg not installed"))
    func aFrameGrabbedFromAStreamIsIngestedWithItsSourceWithoutPassword() throws {
        let fixture = try CameraFixture()
        let still = try fixture.frame(0).path
        let video = fixture.directory.url.appendingPathComponent("stream.mkv").path
        let encode = Process()
        encode.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        encode.arguments = ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-loop", "1", "-i", still, "-t", "1", "-r", "5", "-c:v", "ffv1", video]
        try encode.run()
        encode.waitUntilExit()
        #expect(encode.terminationStatus == 0)
        let report = try fixture.ws.grabFrame(camera: "JL-017", preset: 3, url: "file:" + video, at: CameraFixture.time(0))
        #expect(report.passes.map(\.outcome) == [.warmingUp])
        #expect(report.passes.map(\.source) == ["file:" + video])
        #expect(FrameGrabber.redacted("rtsp://admin:secret@10.0.0.5:554/ch1") == "rtsp://admin:***@10.0.0.5:554/ch1")
    }

    @Test(.enabled(if: ffmpeg, "跳过：未安装 ffmpeg（scripts/setup.sh）/ skipped: ffmpeg not installed"))
    func anUnreachableStreamIsAClearErrorThatNeverShowsThePassword() throws {
        let fixture = try CameraFixture()
        #expect { try fixture.ws.grabFrame(camera: "JL-017", preset: 3, url: "rtsp://admin:secret@127.0.0.1:9/none", timeout: 10) } throws: { error in
            guard let failure = error as? WorkspaceError else { return false }
            switch failure {
            case .grabFailed(let source, let message): return source == "rtsp://admin:***@127.0.0.1:9/none" && !message.contains("secret")
            case .grabTimedOut(let source, _): return !source.contains("secret")
            default: return false
            }
        }
        #expect(try fixture.ws.store.passes(camera: "JL-017", preset: 3).isEmpty)
    }
}
