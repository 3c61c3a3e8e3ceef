import Camera
import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

struct MonitorMemoryTests {
    static let box = (x: 120, y: 96, side: 72)

    static func frame(_ pass: Int) -> GrayImage {
        Scene.frame(pass: pass, shift: (Double(pass % 3) * 0.5, 0), overlay: pass >= 8 ? Scene.newStructure(inside: box) : { _, _ in nil })
    }

    @Test func aMonitorRebuiltFromItsMemoryAlarmsExactlyAsAnUnbrokenOne() throws {
        var unbroken = PresetMonitor(reference: Self.frame(0))
        var expected: [[PixelWindow]] = []
        for pass in 0..<20 { expected.append(try unbroken.process(Self.frame(pass), id: "\(pass)").alarms) }

        var first = PresetMonitor(reference: Self.frame(0))
        var found: [[PixelWindow]] = []
        for pass in 0..<10 { found.append(try first.process(Self.frame(pass), id: "\(pass)").alarms) }
        let stored = try JSONDecoder().decode(MonitorMemory.self, from: try JSONEncoder().encode(first.memory))
        var resumed = try PresetMonitor(reference: Self.frame(0), memory: stored) { name throws(CameraError) in Self.frame(Int(name)!) }
        for pass in 10..<20 { found.append(try resumed.process(Self.frame(pass), id: "\(pass)").alarms) }

        #expect(found == expected)
        #expect(expected.joined().count == 1)
        #expect(resumed.memory == unbroken.memory)
    }

    @Test func aMemoryOfAnotherViewSizeIsRefused() throws {
        var monitor = PresetMonitor(reference: Self.frame(0))
        for pass in 0..<6 { _ = try monitor.process(Self.frame(pass), id: "\(pass)") }
        let small = GrayImage(width: 160, height: 120, pixels: [Float](repeating: 100, count: 160 * 120))
        #expect(throws: CameraError.self) {
            _ = try PresetMonitor(reference: small, memory: monitor.memory) { _ throws(CameraError) in small }
        }
    }

    @Test func aMaskDrawnAsPixelPolygonsCoversThePixelsWhoseCentresItHolds() throws {
        let square = Geometry(rectangle: Envelope(minX: 2, minY: 1, maxX: 5, maxY: 3))
        let mask = try ViewMask.pixels(of: square, width: 8, height: 4)
        let expected = (0..<32).map { i in (2..<5).contains(i % 8) && (1..<3).contains(i / 8) }
        #expect(mask == expected)
    }
}
