import Foundation
import Geo
import GeoIO

/// How a pixel is judged changed.
public enum ChangeScorer {
    /// Unsupervised: the change vector's magnitude over z-scored bands, thresholded by Otsu's method
    /// over the whole image (变化矢量分析).
    case changeVector
    /// Supervised: a trained model's probability of change, averaged over the 3 × 3 neighbourhood.
    case model(ChangeModel)
}

/// The bands of a detection raster.
public enum DetectionBand: Int, CaseIterable, Sendable {
    /// 1 where changed, 0 elsewhere.
    case mask = 1
    /// The `ChangeType` code of a changed pixel.
    case changeType = 2
    /// Confidence of change, 0–255.
    case confidence = 3
}

/// Turns an image pair into a change raster tile by tile, each tile read with a margin so that every
/// pixel sees its whole neighbourhood: the result does not depend on the tile size, and memory stays
/// bounded by it whatever the size of the images.
public final class ChangeDetector {
    public let pair: ImagePair
    public let scorer: ChangeScorer
    /// Pixels with a score at or above this are changed: the model's threshold, or the Otsu threshold
    /// of the change magnitude.
    public let threshold: Float
    let features: ChangeFeatures
    private var halo: Int { ChangeFeatures.contextRadius + 1 }

    public init(pair: ImagePair, scorer: ChangeScorer) throws(DetectionError) {
        self.pair = pair
        self.scorer = scorer
        let statistics = try pair.statistics()
        features = ChangeFeatures(bandMap: pair.bandMap, before: statistics.before, after: statistics.after)
        switch scorer {
        case let .model(model):
            guard model.bandMap == pair.bandMap, model.featureNames == features.names else {
                throw .model(path: "", reason: "模型按波段 \(model.bandMap) 训练，影像为 \(pair.bandMap) / the model was trained for bands \(model.bandMap), the images have \(pair.bandMap)")
            }
            threshold = model.threshold
        case .changeVector:
            threshold = try Self.otsuThreshold(pair: pair, features: features)
        }
    }

    /// Magnitudes are histogrammed over [0, 16) z-units in 1,024 bins, strip by strip.
    private static func otsuThreshold(pair: ImagePair, features: ChangeFeatures) throws(DetectionError) -> Float {
        let bins = 1024, upper = 16.0
        var histogram = [Int](repeating: 0, count: bins)
        let bands = Array(1...pair.bandMap.count)
        for y in stride(from: 0, to: pair.grid.height, by: 256) {
            let rows = PixelWindow(x: 0, y: y, width: pair.grid.width, height: min(256, pair.grid.height - y))
            let before = try geoIO { try pair.before.read(window: rows, bands: bands) }
            let after = try geoIO { try pair.after.read(window: rows, bands: bands) }
            let planes = features.planes(before: before, after: after, pixels: rows.pixelCount)
            for (magnitude, valid) in zip(planes.magnitude, planes.valid) where valid {
                histogram[min(bins - 1, Int(Double(magnitude) / upper * Double(bins)))] += 1
            }
        }
        return Float(Otsu.threshold(histogram: histogram, lower: 0, upper: upper))
    }

    /// Fills the three `DetectionBand`s of `output` (a raster on the pair's grid), tile by tile;
    /// `progress` hears (tiles done, tiles in all) after each.
    public func run(into output: ByteRaster, tileSize: Int = 512, progress: (Int, Int) -> Void = { _, _ in }) throws(DetectionError) {
        guard output.grid.width == pair.grid.width, output.grid.height == pair.grid.height, output.bandCount >= 3 else {
            throw .imagesDiffer("输出栅格与影像网格不一致 / the output raster is not on the images' grid")
        }
        let tiles = PixelWindow.tiles(width: pair.grid.width, height: pair.grid.height, size: max(16, tileSize))
        for (done, window) in tiles.enumerated() {
            let result = try tile(window)
            try geoIO {
                try output.write(result.mask, window: window, band: DetectionBand.mask.rawValue)
                try output.write(result.types, window: window, band: DetectionBand.changeType.rawValue)
                try output.write(result.confidence, window: window, band: DetectionBand.confidence.rawValue)
            }
            progress(done + 1, tiles.count)
        }
    }

    private func tile(_ window: PixelWindow) throws(DetectionError) -> (mask: [UInt8], types: [UInt8], confidence: [UInt8]) {
        let padded = try pair.readPadded(window: window, halo: halo)
        let width = window.width + 2 * halo, height = window.height + 2 * halo
        let planes = features.planes(before: padded.before, after: padded.after, pixels: width * height)
        let scores = try score(planes, width: width, height: height, window: window)
        var mask = [UInt8](repeating: 0, count: window.pixelCount), types = mask, confidence = mask
        let red = pair.bandMap.index(of: .red), green = pair.bandMap.index(of: .green), blue = pair.bandMap.index(of: .blue)
        let pixels = width * height
        func raw(_ band: Int?, _ i: Int) -> Float? {
            band.map { planes.zAfter[$0 * pixels + i] * Float(features.after.deviations[$0]) + Float(features.after.means[$0]) }
        }
        for y in 0..<window.height {
            for x in 0..<window.width {
                let i = (y + halo) * width + x + halo, o = y * window.width + x
                let score = scores[o]
                confidence[o] = UInt8(max(0, min(255, (confidenceOf(score) * 255).rounded())))
                guard planes.valid[i], score >= threshold else { continue }
                mask[o] = 1
                let type = ChangeType.of(vegetation: (planes.vegetation.before[i], planes.vegetation.after[i]),
                                         brightness: (planes.brightness.before[i], planes.brightness.after[i]),
                                         water: planes.water.map { ($0.before[i], $0.after[i]) },
                                         red: raw(red, i), green: raw(green, i), blue: raw(blue, i))
                types[o] = UInt8(type.rawValue)
            }
        }
        return (mask, types, confidence)
    }

    /// The score of each pixel of the window: the model's probability averaged over 3 × 3 (computed
    /// on the window grown by one pixel), or the change magnitude.
    private func score(_ planes: ChangeFeatures.Planes, width: Int, height: Int, window: PixelWindow) throws(DetectionError) -> [Float] {
        var scores = [Float](repeating: 0, count: window.pixelCount)
        switch scorer {
        case .changeVector:
            for y in 0..<window.height {
                for x in 0..<window.width { scores[y * window.width + x] = planes.magnitude[(y + halo) * width + x + halo] }
            }
        case let .model(model):
            let ring = (width: window.width + 2, height: window.height + 2)
            let rows = features.rows(planes, width: width, height: height, region: (halo - 1, halo - 1, ring.width, ring.height))
            let probabilities = try model.trees.probabilities(features: rows, rows: ring.width * ring.height, columns: features.names.count)
            for y in 0..<window.height {
                for x in 0..<window.width {
                    var sum: Float = 0
                    for dy in 0...2 { for dx in 0...2 { sum += probabilities[(y + dy) * ring.width + x + dx] } }
                    scores[y * window.width + x] = sum / 9
                }
            }
        }
        return scores
    }

    private func confidenceOf(_ score: Float) -> Float {
        switch scorer {
        case .model: return score
        case .changeVector: return threshold > 0 ? min(1, 0.5 * score / threshold) : 1
        }
    }
}
