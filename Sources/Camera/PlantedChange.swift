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
    /// change is one of pattern, not a bright sticker. `region` is ground: pixels of the preset's
    /// reference. `alignment` is where the camera looked this time (the frame's registration to the
    /// reference, as `FrameAlignment` finds it on the frame without the plant), so the change stays on
    /// its piece of ground while the view drifts, as a real one does; nil pastes it at `region` itself.
    public func apply(to frame: GrayImage, alignment: FrameAlignment? = nil) -> GrayImage {
        let toFrame = FullResolutionMotion(alignment)
        let corners = [(region.x, region.y), (region.x + region.width - 1, region.y),
                       (region.x, region.y + region.height - 1), (region.x + region.width - 1, region.y + region.height - 1)]
            .map { toFrame.forward(Double($0.0), Double($0.1)) }
        let left = max(0, Int(corners.map(\.x).min()!.rounded(.down))), right = min(frame.width - 1, Int(corners.map(\.x).max()!.rounded(.up)))
        let top = max(0, Int(corners.map(\.y).min()!.rounded(.down))), bottom = min(frame.height - 1, Int(corners.map(\.y).max()!.rounded(.up)))
        guard left <= right, top <= bottom else { return frame }
        let resized = chip.resized(width: region.width, height: region.height)
        var covered: [(index: Int, value: Float)] = []
        for y in top...bottom {
            for x in left...right {
                let ground = toFrame.backward(Double(x), Double(y))
                let u = ground.x - Double(region.x), v = ground.y - Double(region.y)
                guard u >= 0, v >= 0, u <= Double(region.width - 1), v <= Double(region.height - 1) else { continue }
                covered.append((y * frame.width + x, resized.sampled(x: u, y: v)))
            }
        }
        guard !covered.isEmpty else { return frame }
        let local = covered.reduce(Float(0)) { $0 + frame.pixels[$1.index] } / Float(covered.count)
        let mean = resized.pixels.reduce(0, +) / Float(resized.pixels.count)
        let gain = mean > 1 ? local / mean : 1
        var out = frame
        for pixel in covered { out.pixels[pixel.index] = min(255, pixel.value * gain) }
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

/// A frame's registration (`FrameAlignment`, found on half-size frames) at full resolution: a
/// half-size pixel's centre is the full-size point 2i + 0.5, so p_frame = M p_ref + 2t + (I − M)·(½, ½).
private struct FullResolutionMotion {
    let a, b, c, d, tx, ty: Double

    init(_ alignment: FrameAlignment?) {
        let m = alignment?.matrix ?? [1, 0, 0, 0, 1, 0]
        (a, b, c, d) = (m[0], m[1], m[3], m[4])
        tx = 2 * m[2] + 0.5 * (1 - m[0] - m[1])
        ty = 2 * m[5] + 0.5 * (1 - m[3] - m[4])
    }

    func forward(_ x: Double, _ y: Double) -> (x: Double, y: Double) { (a * x + b * y + tx, c * x + d * y + ty) }

    func backward(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        let determinant = a * d - b * c, dx = x - tx, dy = y - ty
        return ((d * dx - b * dy) / determinant, (a * dy - c * dx) / determinant)
    }
}

extension GrayImage {
    /// Bilinear value at (`x`, `y`), inside the image.
    func sampled(x: Double, y: Double) -> Float {
        let x0 = min(Int(x), width - 1), y0 = min(Int(y), height - 1), x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
        let tx = Float(x - Double(x0)), ty = Float(y - Double(y0))
        let top = self[x0, y0] * (1 - tx) + self[x1, y0] * tx, bottom = self[x0, y1] * (1 - tx) + self[x1, y1] * tx
        return top * (1 - ty) + bottom * ty
    }

    func cropped(x: Int, y: Int, width: Int, height: Int) -> GrayImage {
        GrayImage(width: width, height: height, pixels: (0..<(width * height)).map { self[x + $0 % width, y + $0 / width] })
    }

    /// Bilinear resampling to `width` × `height`.
    func resized(width: Int, height: Int) -> GrayImage {
        let sx = Float(self.width) / Float(width), sy = Float(self.height) / Float(height)
        return GrayImage(width: width, height: height, pixels: (0..<(width * height)).map { i in
            sampled(x: Double(max(0, (Float(i % width) + 0.5) * sx - 0.5)), y: Double(max(0, (Float(i / width) + 0.5) * sy - 0.5)))
        })
    }
}
