import Camera
import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

struct AlarmPatchTests {
    @Test func aConfirmedAlarmBecomesAPatchOfTheMonthsCameraBatchHandedToItsCounty() throws {
        let fixture = try CameraFixture()
        let alarm = try #require(try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<CameraFixture.throughAlarm)).alarms.first)
        let signature = Signature(person: "值守员甲", at: CameraFixture.time(13))
        try fixture.ws.decideAlarm(alarm.code, status: .confirmed, reason: nil, note: "", signature: signature)
        let report = try fixture.ws.patchFromAlarm(alarm.code, dueInDays: 7, signature: signature)
        #expect(report.patch.batchCode == "CAM-202404" && report.patch.code == alarm.code)
        #expect(abs(report.patch.area.squareMetres - (try #require(alarm.area)).squareMetres) < 1e-6)
        #expect(report.patch.regionCode == (try RegionCode("449901")) && report.patch.regionSource == .attribute)
        #expect(report.patch.afterDate == "2024-04-01" && report.patch.attributes["告警编号"] == .string(alarm.code))
        #expect(report.assignedTo == (try RegionCode("449901")) && report.due == CalendarDay(year: 2024, month: 4, day: 8))
        let workflow = try fixture.ws.store.patchWorkflow(PatchKey(batch: "CAM-202404", code: alarm.code))
        #expect(workflow?.status == .assigned)
    }

    @Test func turningAnIncidentIntoAPatchAgainReturnsThePatchMadeBefore() throws {
        let fixture = try CameraFixture()
        let alarm = try #require(try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<CameraFixture.throughAlarm)).alarms.first)
        let signature = Signature(person: "值守员甲", at: CameraFixture.time(13))
        try fixture.ws.decideAlarm(alarm.code, status: .confirmed, reason: nil, note: "", signature: signature)
        let first = try fixture.ws.patchFromAlarm(alarm.code, dueInDays: 7, signature: signature)
        let again = try fixture.ws.patchFromAlarm(alarm.code, dueInDays: 7, signature: signature)
        #expect(!first.existed && again.existed && again.assignedTo == nil && again.patch == first.patch)
        #expect(try fixture.ws.store.patches(matching: PatchQuery(batch: "CAM-202404")).count == 1)
    }

    @Test func anAlarmStillToDecideDoesNotBecomeAPatch() throws {
        let fixture = try CameraFixture()
        let alarm = try #require(try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try fixture.frames(0..<CameraFixture.throughAlarm)).alarms.first)
        #expect(throws: WorkspaceError.alarmNotConfirmed(code: alarm.code, status: .new)) {
            try fixture.ws.patchFromAlarm(alarm.code, dueInDays: 7, signature: Signature(person: "值守员甲"))
        }
        #expect(try fixture.ws.store.batches().isEmpty)
    }
}

struct CameraEvidenceTests {
    /// Six passes a day apart (1–6 April 2024) and two patches of batch 2024Q2 dated 2 and 5 April:
    /// one in the preset's view at pixels (100…160, 100…140), one a kilometre east, out of sight.
    static func fixture() throws -> CameraFixture {
        let fixture = try CameraFixture()
        _ = try fixture.ws.ingestFrames(camera: "JL-017", preset: 3, frames: try (0..<6).map { try fixture.frame($0, minutes: $0 * 1440) })
        let path = fixture.directory.url.appendingPathComponent("patches.gpkg").path
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: "WPTB", crs: .cgcs2000, fields: [
            FieldDefinition("JCBH", .string(width: 12)), FieldDefinition("QSX", .string(width: 10)), FieldDefinition("HSX", .string(width: 10)),
        ])
        let seen = Envelope(minX: 115.001, minY: 37 - 0.0014, maxX: 115.0016, maxY: 37 - 0.001)
        let away = Envelope(minX: 115.012, minY: 36.999, maxX: 115.013, maxY: 36.9995)
        for (code, box) in [("P1", seen), ("P2", away)] {
            try writer.write(geometry: Geometry(rectangle: box),
                             attributes: ["JCBH": .string(code), "QSX": .string("2024-04-02"), "HSX": .string("2024-04-05")])
        }
        try writer.finish()
        _ = try PatchImport(path: path, batchCode: "2024Q2", codeField: "JCBH").run(in: fixture.ws)
        return fixture
    }

    @Test func aPatchInAPresetsViewGetsTheFramesNearestItsDatesAndWhereItLiesInThem() throws {
        let fixture = try Self.fixture()
        let evidence = try fixture.ws.cameraEvidence(batch: "2024Q2", code: "P1")
        #expect(evidence.count == 1)
        let found = try #require(evidence.first)
        #expect(found.camera.id == "JL-017" && found.preset == 3)
        #expect(found.before?.capturedAt == CameraFixture.time(1, minutes: 1440))
        #expect(found.after?.capturedAt == CameraFixture.time(4, minutes: 4 * 1440))
        let view = try #require(found.view)
        #expect(abs(view.minX - 100) < 1e-6 && abs(view.maxX - 160) < 1e-6 && abs(view.minY - 100) < 1e-6 && abs(view.maxY - 140) < 1e-6)
        #expect(abs(found.coveredShare - 1) < 1e-6)
    }

    @Test func aPatchOutOfEveryViewHasNoCameraEvidence() throws {
        let fixture = try Self.fixture()
        #expect(try fixture.ws.cameraEvidence(batch: "2024Q2", code: "P2").isEmpty)
    }
}
