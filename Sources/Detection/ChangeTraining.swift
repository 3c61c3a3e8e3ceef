import Foundation
import GeoIO

/// Trains a `ChangeModel` from labelled pairs: feature rows of a sample of each image's labelled
/// pixels (all change pixels up to a cap, unchanged pixels at the rate that gives their cap), each row
/// weighted by the inverse of its sampling rate so the model sees the images' true proportions.
public enum ChangeTraining {
    /// An image to learn from, with its labels (1 changed, 0 unchanged, 255 not to be learnt from).
    public struct Example {
        public let name: String
        public let beforePath: String
        public let afterPath: String
        public let bandMap: BandMap
        public let labels: Labels

        /// Where the labels are: every pixel, or only some windows of a large image (a bureau's
        /// determined patches in a county-wide pair), the rest not learnt from.
        public enum Labels {
            /// Every pixel, row by row.
            case whole([UInt8])
            /// Non-overlapping windows, each with its pixels row by row.
            case windows([(window: PixelWindow, values: [UInt8])])
        }

        public init(pair: LabelledPair, labels: [UInt8]) {
            self.init(name: pair.name, beforePath: pair.beforePath, afterPath: pair.afterPath, bandMap: pair.bandMap, labels: .whole(labels))
        }

        public init(name: String, beforePath: String, afterPath: String, bandMap: BandMap, labels: Labels) {
            self.name = name
            self.beforePath = beforePath
            self.afterPath = afterPath
            self.bandMap = bandMap
            self.labels = labels
        }

        /// The labelled windows: tiles of 256 pixels over a wholly labelled image.
        func labelledWindows(width: Int, height: Int) throws(DetectionError) -> [(window: PixelWindow, values: [UInt8])] {
            switch labels {
            case .windows(let windows):
                for (window, values) in windows where window.x < 0 || window.y < 0 || window.x + window.width > width
                    || window.y + window.height > height || values.count != window.width * window.height {
                    throw .dataset(path: beforePath, reason: "标注窗口超出影像或标注数不符 / a labelled window (x \(window.x), y \(window.y), \(window.width)×\(window.height)) lies outside the image or has the wrong number of labels")
                }
                return windows
            case .whole(let values):
                guard values.count == width * height else {
                    throw .dataset(path: beforePath, reason: "标注与影像尺寸不同 / the labels and the image differ in size")
                }
                return PixelWindow.tiles(width: width, height: height, size: 256).map { window in
                    var tile: [UInt8] = []
                    tile.reserveCapacity(window.pixelCount)
                    for y in window.y..<(window.y + window.height) {
                        let start = y * width + window.x
                        tile += values[start..<(start + window.width)]
                    }
                    return (window, tile)
                }
            }
        }
    }

    public struct Settings: Sendable {
        public var changedPerImage = 50_000
        public var unchangedPerImage = 100_000
        public var rounds = 160
        public var maximumDepth = 6
        public var seed: UInt64 = 7

        public init() {}
    }

    public static func train(_ examples: [Example], settings: Settings = Settings(),
                             progress: (String) -> Void = { _ in }) throws(DetectionError) -> ChangeModel {
        guard let bandMap = examples.first?.bandMap else { throw .noTrainingData("没有影像 / no images") }
        guard examples.allSatisfy({ $0.bandMap == bandMap }) else {
            throw .noTrainingData("训练影像的波段不一致 / the images have different bands")
        }
        var features: [Float] = [], labels: [Float] = [], weights: [Float] = []
        var names: [String] = []
        for (number, example) in examples.enumerated() {
            progress("特征 / features \(number + 1)/\(examples.count): \(example.name)")
            let sample = try rows(of: example, settings: settings, image: UInt64(number))
            names = sample.names
            features += sample.features
            labels += sample.labels
            weights += sample.weights
        }
        guard labels.contains(1), labels.contains(0) else {
            throw .noTrainingData("样本中须同时有变化与未变化像元 / the labels need both changed and unchanged pixels")
        }
        progress("训练 / training: \(labels.count) 像元 / pixels × \(names.count) 特征 / features")
        var parameters = GradientBoostedTrees.Parameters()
        parameters.rounds = settings.rounds
        parameters.maximumDepth = settings.maximumDepth
        parameters.seed = Int(settings.seed)
        let trees = try GradientBoostedTrees(features: features, rows: labels.count, columns: names.count,
                                             labels: labels, weights: weights, parameters: parameters)
        let gateColumn = names.firstIndex(of: ChangeModel.gateFeature)!
        let changedLevels = labels.indices.filter { labels[$0] == 1 }.map { features[$0 * names.count + gateColumn] }.sorted()
        let gate = changedLevels[Int(Double(changedLevels.count - 1) * 0.05)]
        let ungated = ChangeModel(bandMap: bandMap, featureNames: names, threshold: 0.5, gate: gate, trainedOn: [], trees: trees)
        let probabilities = try ungated.probabilities(features: features, count: labels.count)
        return ChangeModel(bandMap: bandMap, featureNames: names,
                           threshold: bestThreshold(probabilities: probabilities, labels: labels, weights: weights), gate: gate,
                           trainedOn: examples.map(\.name), trees: trees)
    }

    /// The probability threshold with the best weighted F1 on the training rows, in steps of 0.02.
    static func bestThreshold(probabilities: [Float], labels: [Float], weights: [Float]) -> Float {
        var best: (f1: Double, threshold: Float) = (-1, 0.5)
        for step in 1..<50 {
            let threshold = Float(step) * 0.02
            var tp = 0.0, fp = 0.0, fn = 0.0
            for i in probabilities.indices {
                let changed = probabilities[i] >= threshold
                if changed && labels[i] == 1 { tp += Double(weights[i]) }
                if changed && labels[i] == 0 { fp += Double(weights[i]) }
                if !changed && labels[i] == 1 { fn += Double(weights[i]) }
            }
            let f1 = 2 * tp / max(1e-9, 2 * tp + fp + fn)
            if f1 > best.f1 { best = (f1, threshold) }
        }
        return best.threshold
    }

    private static func rows(of example: Example, settings: Settings, image: UInt64) throws(DetectionError)
        -> (names: [String], features: [Float], labels: [Float], weights: [Float]) {
        let pair = try ImagePair(beforePath: example.beforePath, afterPath: example.afterPath, bandMap: example.bandMap)
        let windows = try example.labelledWindows(width: pair.grid.width, height: pair.grid.height)
        let sample = try pair.sample()
        let extractor = ChangeFeatures(bandMap: pair.bandMap, sample: sample.parts)
        var changed = 0, unchanged = 0
        for (_, values) in windows {
            for value in values where value <= 1 { if value == 1 { changed += 1 } else { unchanged += 1 } }
        }
        let rates = (changed: min(1, Double(settings.changedPerImage) / Double(max(1, changed))),
                     unchanged: min(1, Double(settings.unchangedPerImage) / Double(max(1, unchanged))))
        let columns = extractor.names.count, halo = ChangeFeatures.contextRadius
        var features: [Float] = [], labels: [Float] = [], weights: [Float] = []
        for (window, values) in windows where values.contains(where: { $0 <= 1 }) {
            let padded = try pair.readPadded(window: window, halo: halo, reusing: sample)
            let width = window.width + 2 * halo, height = window.height + 2 * halo
            let planes = extractor.planes(before: padded.before, after: padded.after, pixels: width * height)
            let tileRows = extractor.rows(planes, width: width, height: height, region: (halo, halo, window.width, window.height))
            for y in 0..<window.height {
                for x in 0..<window.width {
                    let pixel = (window.y + y) * pair.grid.width + window.x + x
                    let label = values[y * window.width + x]
                    guard label <= 1, planes.valid[(y + halo) * width + x + halo] else { continue }
                    let rate = label == 1 ? rates.changed : rates.unchanged
                    guard uniform(settings.seed, image, UInt64(pixel)) < rate else { continue }
                    let row = (y * window.width + x) * columns
                    features += tileRows[row..<(row + columns)]
                    labels.append(Float(label))
                    weights.append(Float(1 / rate))
                }
            }
        }
        return (extractor.names, features, labels, weights)
    }

    /// A deterministic uniform number in [0, 1) per (seed, image, pixel): SplitMix64's finaliser.
    static func uniform(_ seed: UInt64, _ image: UInt64, _ pixel: UInt64) -> Double {
        var z = seed &+ image &* 0x9E37_79B9_7F4A_7C15 &+ pixel &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
