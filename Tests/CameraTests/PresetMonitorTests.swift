import Camera
import Foundation
import GeoIO
import Testing
import TestSupport

struct PresetMonitorTests {
    @Test func aPlantedPersistentStructureAlarmsOnceWhenItsRunIsComplete() throws {
        let box = (x: 120, y: 96, side: 72)
        let alarms = try Scene.alarms(over: 24) { pass in
            Scene.frame(pass: pass, overlay: pass >= 8 ? Scene.newStructure(inside: box) : { _, _ in nil })
        }
        #expect(alarms.count == 1)
        let first = try #require(alarms.first)
        #expect(first.pass == 8 + MonitorSettings().persistencePasses - 1)
        #expect(first.region.intersects(PixelWindow(x: box.x, y: box.y, width: box.side, height: box.side)))
    }

    @Test func twoStructuresOneCellApartAlarmAsOnePlace() throws {
        // Cells are 24 px of the frame; the squares cover cells 4–5 and 7–8 of rows 4–5, cell 6 between them unchanged.
        let alarms = try Scene.alarms(over: 16) { pass in
            Scene.frame(pass: pass, overlay: pass >= 8 ? Self.both(Scene.newStructure(inside: (x: 96, y: 96, side: 48)),
                                                                   Scene.newStructure(inside: (x: 168, y: 96, side: 48))) : { _, _ in nil })
        }
        #expect(alarms.map(\.region) == [PixelWindow(x: 96, y: 96, width: 120, height: 48)])
    }

    @Test func twoStructuresThreeCellsApartAlarmAsTwoPlaces() throws {
        let alarms = try Scene.alarms(over: 16) { pass in
            Scene.frame(pass: pass, overlay: pass >= 8 ? Self.both(Scene.newStructure(inside: (x: 96, y: 96, side: 48)),
                                                                   Scene.newStructure(inside: (x: 216, y: 96, side: 48))) : { _, _ in nil })
        }
        #expect(Set(alarms.map(\.region)) == [PixelWindow(x: 96, y: 96, width: 48, height: 48), PixelWindow(x: 216, y: 96, width: 48, height: 48)])
    }

    private static func both(_ first: @escaping (Int, Int) -> Float?, _ second: @escaping (Int, Int) -> Float?) -> (Int, Int) -> Float? {
        { x, y in first(x, y) ?? second(x, y) }
    }

    @Test func aStructureSetDownWhereTheOperatorMaskedNeverAlarms() throws {
        let box = (x: 120, y: 96, side: 72)
        var monitor = PresetMonitor(reference: Scene.frame(pass: 0))
        monitor.exclude(PixelWindow(x: 120, y: 96, width: 72, height: 72))
        var alarms: [PixelWindow] = []
        for pass in 0..<20 {
            alarms += try monitor.process(Scene.frame(pass: pass, overlay: pass >= 8 ? Scene.newStructure(inside: box) : { _, _ in nil })).alarms
        }
        #expect(alarms.isEmpty)
    }

    @Test func aMovingObjectNeverAlarms() throws {
        let alarms = try Scene.alarms(over: 24) { pass in
            Scene.frame(pass: pass, overlay: pass >= 6 ? Scene.newStructure(inside: (x: 20 + 56 * (pass % 5), y: 120, side: 48)) : { _, _ in nil })
        }
        #expect(alarms.isEmpty)
    }

    @Test func aChangeOfLightOverTheWholeViewNeverAlarms() throws {
        let alarms = try Scene.alarms(over: 20) { pass in
            pass >= 8 ? Scene.frame(pass: pass, gain: 0.55, offset: 30) : Scene.frame(pass: pass)
        }
        #expect(alarms.isEmpty)
    }

    @Test func aTwoPixelPresetDriftIsRegisteredAwayAndNeverAlarms() throws {
        let alarms = try Scene.alarms(over: 20) { pass in
            Scene.frame(pass: pass, shift: pass >= 6 ? (2, -2) : (0, 0))
        }
        #expect(alarms.isEmpty)
    }

    @Test func registrationFindsTheDriftOfAPresetToATenthOfAPixel() throws {
        let reference = Scene.frame(pass: 0).halved(), drifted = Scene.frame(pass: 1, shift: (2, -2)).halved()
        let alignment = try FrameAlignment.estimate(reference: reference, frame: drifted)
        #expect(abs(alignment.shift.x + 1) < 0.1)
        #expect(abs(alignment.shift.y - 1) < 0.1)
    }

    @Test func aFrameWiderThan1024PixelsIsRegisteredAtReducedSizeToATenthOfAPixel() throws {
        func wide(shift: (x: Double, y: Double)) -> GrayImage {
            let width = 2200, height = 480
            return GrayImage(width: width, height: height, pixels: (0..<width * height).map { i in
                Scene.ground(Double(i % width) + shift.x, Double(i / width) + shift.y)
            })
        }
        let alignment = try FrameAlignment.estimate(reference: wide(shift: (0, 0)), frame: wide(shift: (3, -2)))
        #expect(abs(alignment.shift.x + 3) < 0.1)
        #expect(abs(alignment.shift.y - 2) < 0.1)
    }

    @Test func anAcceptedChangeDoesNotAlarmAgainWhenItsRunBreaksAndResumes() throws {
        let box = (x: 120, y: 96, side: 72)
        var monitor = PresetMonitor(reference: Scene.frame(pass: 0))
        var alarms: [PixelWindow] = []
        for pass in 0..<20 {
            let outcome = try monitor.process(Scene.frame(pass: pass, overlay: pass >= 8 ? Scene.newStructure(inside: box) : { _, _ in nil }))
            for region in outcome.alarms {
                alarms.append(region)
                monitor.accept(region)
            }
        }
        #expect(alarms.count == 1)
    }

    @Test func aChangeSmallerThanTheMinimumCellsDoesNotAlarm() throws {
        var settings = MonitorSettings()
        settings.minimumCells = 40
        let alarms = try Scene.alarms(over: 20, settings: settings) { pass in
            Scene.frame(pass: pass, overlay: pass >= 8 ? Scene.newStructure(inside: (x: 120, y: 96, side: 72)) : { _, _ in nil })
        }
        #expect(alarms.isEmpty)
    }

    @Test func aMaskedChangeDoesNotAlarm() throws {
        let box = (x: 120, y: 96, side: 72)
        let mask = (0..<(Scene.width * Scene.height)).map { i in i % Scene.width >= 96 && i % Scene.width < 216 && i / Scene.width >= 72 && i / Scene.width < 192 }
        var monitor = PresetMonitor(reference: Scene.frame(pass: 0), mask: mask)
        var alarms = 0
        for pass in 0..<20 {
            alarms += try monitor.process(Scene.frame(pass: pass, overlay: pass >= 8 ? Scene.newStructure(inside: box) : { _, _ in nil })).alarms.count
        }
        #expect(alarms == 0)
    }

    @Test func aCorruptFrameIsAClearErrorNotACrash() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("landwatch-camera-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("20240101_120000.png").path
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try GrayImage(path: path) } throws: { error in
            guard case .unreadableFrame(let failed, _) = error as? CameraError else { return false }
            return failed == path
        }
    }
}
