import Camera
import Foundation
import GeoIO
import Testing

/// Generated frames: a textured ground (value noise, nothing repeats) plus seeded
/// sensor noise, so that every cell has texture to compare, as a real view does.
enum Scene {
    static let width = 320, height = 240

    /// Smooth value noise: seeded random levels on an 8-pixel lattice, interpolated bilinearly, so
    /// the ground has no period a registration could lock onto wrongly, and a shift is exact.
    static func ground(_ x: Double, _ y: Double) -> Float {
        func lattice(_ i: Int, _ j: Int) -> Double {
            var h = UInt64(bitPattern: Int64(i &* 73_856_093 ^ j &* 19_349_663))
            h = (h ^ (h >> 33)) &* 0xff51afd7ed558ccd
            h ^= h >> 33
            return Double(h % 1000) / 1000
        }
        let u = x / 8, v = y / 8, i = Int(u.rounded(.down)), j = Int(v.rounded(.down)), fu = u - Double(i), fv = v - Double(j)
        let top = lattice(i, j) * (1 - fu) + lattice(i + 1, j) * fu, bottom = lattice(i, j + 1) * (1 - fu) + lattice(i + 1, j + 1) * fu
        return Float(60 + 120 * (top * (1 - fv) + bottom * fv))
    }

    /// One pass: the ground seen with a shift of the camera (pixels), a gain and offset of light, and
    /// whatever `overlay` paints over it.
    static func frame(pass: Int, shift: (x: Double, y: Double) = (0, 0), gain: Float = 1, offset: Float = 0,
                      overlay: (Int, Int) -> Float? = { _, _ in nil }) -> GrayImage {
        var noise = UInt64(pass &* 7919 &+ 17)
        var pixels = [Float](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                noise = noise &* 6364136223846793005 &+ 1442695040888963407
                let jitter = Float(Int(noise >> 60)) / 4 - 2
                let value = overlay(x, y) ?? ground(Double(x) + shift.x, Double(y) + shift.y)
                pixels[y * width + x] = max(0, min(255, value * gain + offset + jitter))
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// A checkerboard of 6-pixel squares: a pattern the ground does not have (a new roof, a heap).
    static func newStructure(inside box: (x: Int, y: Int, side: Int)) -> (Int, Int) -> Float? {
        { x, y in
            guard x >= box.x, y >= box.y, x < box.x + box.side, y < box.y + box.side else { return nil }
            return ((x / 6 + y / 6) % 2 == 0) ? 60 : 180
        }
    }

    static func alarms(over passes: Int, settings: MonitorSettings = MonitorSettings(),
                       frame: (Int) -> GrayImage) throws -> [(pass: Int, region: PixelWindow)] {
        var monitor = PresetMonitor(reference: frame(0), settings: settings)
        var found: [(Int, PixelWindow)] = []
        for pass in 0..<passes {
            for region in try monitor.process(frame(pass)).alarms { found.append((pass, region)) }
        }
        return found
    }
}

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
