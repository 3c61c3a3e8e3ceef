import Demo
import Enforcement
import Foundation
import Geo
import Camera
import Testing
import TestSupport
import Workspace

/// The demo tower on a small county: its rendered passes go through the real ingest, and only the
/// construction site alarms.
@Suite("The demo tower", .serialized)
struct DemoTowerTests {
    /// A small county imported, overlaid, painted and watched by the tower once for all tests.
    final class Watched: @unchecked Sendable {
        let folder = TemporaryDirectory()
        let workspace: Workspace
        let report: DemoTower.Report

        init() throws {
            workspace = try Workspace.create(at: folder.url)
            try DemoCounty.installSmall(in: workspace).installImagery(in: workspace)
            report = try #require(try DemoTower(seed: 7).install(in: workspace))
        }
    }

    static let watched = Result { try Watched() }

    @Test("Every pass after the bank fills is compared, and the first alarm comes on the seventh pass the site stands, none before it")
    func alarmsOnlyForTheSite() throws {
        let watched = try Self.watched.get()
        #expect(watched.report.passes == 28)
        let passes = try watched.workspace.store.passes(camera: DemoTower.cameraID, preset: DemoTower.preset)
        #expect(passes.count == 28 && passes.dropFirst(MonitorSettings().warmUpPasses).allSatisfy { $0.outcome == .compared })
        // The site stands from pass 18 (2024-02-29); with persistence 7 the alarm is pass 24 (2024-03-30).
        let first = try #require(watched.report.alarms.map(\.capturedAt).min())
        let alarmPass = 18 + MonitorSettings().persistencePasses - 1
        #expect(first == CalendarDay("2023-12-01")!.at(hour: 10).addingTimeInterval(Double(alarmPass * 5) * 86_400))
        #expect(Set(watched.report.alarms.map(\.incident)).count == 1)
    }

    @Test("Every alarm's ground polygon meets the patch in view, which lies on basic farmland")
    func alarmsLieOnThePatch() throws {
        let watched = try Self.watched.get()
        let patch = watched.report.patch
        for alarm in watched.report.alarms {
            let ground = try #require(alarm.ground)
            #expect(try ground.intersects(patch.geometry), "\(alarm.code)")
        }
        let facts = try watched.workspace.store.prejudgeFacts(batch: DemoCounty.batchCode)[patch.code]
        #expect((facts?.layers[.basicFarmland]?.share ?? 0) > 0.9)
    }

    @Test("The patch has the tower's frames as evidence: the last pass by its 前时相 and the first after its 后时相")
    func patchHasCameraEvidence() throws {
        let watched = try Self.watched.get()
        let patch = watched.report.patch
        let evidence = try #require(try watched.workspace.cameraEvidence(batch: DemoCounty.batchCode, code: patch.code).first)
        #expect(evidence.camera.id == DemoTower.cameraID && evidence.coveredShare > 0.95)
        let beforeDay = try #require(patch.beforeDate.flatMap(CalendarDay.init)), afterDay = try #require(patch.afterDate.flatMap(CalendarDay.init))
        // Passes are every 5 days from 2023-12-01 at 10:00 (UTC+8).
        let passTimes = (0..<28).map { CalendarDay("2023-12-01")!.at(hour: 10).addingTimeInterval(Double($0 * 5) * 86_400) }
        #expect(evidence.before?.capturedAt == passTimes.last { CalendarDay($0) <= beforeDay })
        #expect(evidence.after?.capturedAt == passTimes.first { CalendarDay($0) >= afterDay })
    }

    @Test("Installing the tower again adds nothing")
    func installIsIdempotent() throws {
        let watched = try Self.watched.get()
        #expect(try DemoTower(seed: 7).install(in: watched.workspace) == nil)
        #expect(try watched.workspace.store.passes(camera: DemoTower.cameraID, preset: DemoTower.preset).count == 28)
    }
}
