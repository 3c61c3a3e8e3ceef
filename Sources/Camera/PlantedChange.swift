import Foundation
import GeoIO

/// A real ground change cut from a labelled change pair (a new building, bare soil: the after image
/// where the label says changed), pasted into a camera's frames from one pass on, to measure recall
/// on sequences that have no real change of their own.
public struct PlantedChange: Sendable {
    public let start: Int
    public let region: PixelWindow
    public let chip: GrayImage

    /// The chip resized to the region and its brightness scaled to the frame's own there, so the
    /// change is one of pattern, not a bright sticker.
    public func apply(to frame: GrayImage) -> GrayImage {
        var out = frame
        var local: Float = 0
        for y in region.y..<(region.y + region.height) {
            for x in region.x..<(region.x + region.width) { local += frame[x, y] }
        }
        local /= Float(region.width * region.height)
        let resized = chip.resized(width: region.width, height: region.height)
        let mean = resized.pixels.reduce(0, +) / Float(resized.pixels.count)
        let gain = mean > 1 ? local / mean : 1
        for y in 0..<region.height {
            for x in 0..<region.width { out[region.x + x, region.y + y] = min(255, resized[x, y] * gain) }
        }
        return out
    }

    /// Change chips of `side` pixels from a directory in the LEVIR-CD layout (`B/` after images,
    /// `label/` masks): every window of a tile where at least a fifth of the pixels changed.
    public static func chips(fromPairs directory: String, side: Int = 80) throws(CameraError) -> [GrayImage] {
        let labels = URL(fileURLWithPath: directory).appendingPathComponent("label")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: labels.path) else {
            throw .sequence(path: directory, reason: "不是 LEVIR-CD 布局（缺少 label/）/ not a LEVIR-CD layout (no label/)")
        }
        var chips: [GrayImage] = []
        for name in names.sorted() where name.hasSuffix(".png") {
            let label = try GrayImage(path: labels.appendingPathComponent(name).path)
            let after = try GrayImage(path: URL(fileURLWithPath: directory).appendingPathComponent("B").appendingPathComponent(name).path)
            for top in stride(from: 0, through: label.height - side, by: side) {
                for left in stride(from: 0, through: label.width - side, by: side) {
                    var changed = 0
                    for y in top..<(top + side) { for x in left..<(left + side) where label[x, y] > 0 { changed += 1 } }
                    guard 5 * changed >= side * side else { continue }
                    chips.append(after.cropped(x: left, y: top, width: side, height: side))
                }
            }
        }
        guard !chips.isEmpty else { throw .sequence(path: directory, reason: "没有可用的变化样本 / no changed windows found") }
        return chips
    }
}

extension GrayImage {
    func cropped(x: Int, y: Int, width: Int, height: Int) -> GrayImage {
        GrayImage(width: width, height: height, pixels: (0..<(width * height)).map { self[x + $0 % width, y + $0 / width] })
    }

    /// Bilinear resampling to `width` × `height`.
    func resized(width: Int, height: Int) -> GrayImage {
        var out = [Float](repeating: 0, count: width * height)
        let sx = Float(self.width) / Float(width), sy = Float(self.height) / Float(height)
        for y in 0..<height {
            let fy = max(0, (Float(y) + 0.5) * sy - 0.5), y0 = min(Int(fy), self.height - 1), y1 = min(y0 + 1, self.height - 1), ty = fy - Float(y0)
            for x in 0..<width {
                let fx = max(0, (Float(x) + 0.5) * sx - 0.5), x0 = min(Int(fx), self.width - 1), x1 = min(x0 + 1, self.width - 1), tx = fx - Float(x0)
                let top = self[x0, y0] * (1 - tx) + self[x1, y0] * tx, bottom = self[x0, y1] * (1 - tx) + self[x1, y1] * tx
                out[y * width + x] = top * (1 - ty) + bottom * ty
            }
        }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
