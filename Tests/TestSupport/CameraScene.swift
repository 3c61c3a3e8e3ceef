import Camera
import Foundation
import GeoIO

/// Generated frames: a textured ground (value noise, nothing repeats) plus seeded
/// sensor noise, so that every cell has texture to compare, as a real view does.
public enum Scene {
    public static let width = 320, height = 240

    /// Smooth value noise: seeded random levels on an 8-pixel lattice, interpolated bilinearly, so
    /// the ground has no period a registration could lock onto wrongly, and a shift is exact.
    public static func ground(_ x: Double, _ y: Double) -> Float {
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
    public static func frame(pass: Int, shift: (x: Double, y: Double) = (0, 0), gain: Float = 1, offset: Float = 0,
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
    public static func newStructure(inside box: (x: Int, y: Int, side: Int)) -> (Int, Int) -> Float? {
        { x, y in
            guard x >= box.x, y >= box.y, x < box.x + box.side, y < box.y + box.side else { return nil }
            return ((x / 6 + y / 6) % 2 == 0) ? 60 : 180
        }
    }

    public static func alarms(over passes: Int, settings: MonitorSettings = MonitorSettings(),
                       frame: (Int) -> GrayImage) throws -> [(pass: Int, region: PixelWindow)] {
        var monitor = PresetMonitor(reference: frame(0), settings: settings)
        var found: [(Int, PixelWindow)] = []
        for pass in 0..<passes {
            for region in try monitor.process(frame(pass)).alarms { found.append((pass, region)) }
        }
        return found
    }
}

extension Scene {
    /// Writes a generated frame as an 8-bit grey PNG (through GDAL), named as a camera would: for
    /// tests that ingest frame files.
    public static func writePNG(_ image: GrayImage, to path: String) throws {
        let raster = try ByteRaster(path: nil, grid: try RasterGrid(width: image.width, height: image.height), bands: 1)
        try raster.write(image.pixels.map { UInt8(max(0, min(255, $0.rounded()))) },
                         window: PixelWindow(x: 0, y: 0, width: image.width, height: image.height), band: 1)
        try raster.savePNG(to: path)
    }
}
