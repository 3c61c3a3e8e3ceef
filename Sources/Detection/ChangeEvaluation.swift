import Foundation
import Geo
import GeoIO

/// How images are scored.
public enum EvaluationMethod {
    /// The unsupervised change-vector analysis with Otsu's threshold.
    case changeVector
    /// A model trained elsewhere; images it was trained on are refused.
    case model(ChangeModel)
    /// For each image, a model trained on all the other images of the dataset (leave one image out).
    /// A dataset of one image is split into left and right halves instead: each half is scored by a
    /// model trained on the other half's labels.
    case leaveOneOut(ChangeTraining.Settings)

    var name: String {
        switch self {
        case .changeVector: return "change-vector"
        case .model: return "model"
        case .leaveOneOut: return "leave-one-image-out"
        }
    }
}

/// One image's scores after the whole pipeline (threshold, 3 × 3 smoothing for models, sieve to the
/// minimum mapping unit).
public struct ImageEvaluation: Sendable, Codable {
    public let name: String
    public let pixels: PixelScore
    /// Nil where the reference labels only part of the image (Taizhou): objects cannot be delimited.
    public let patches: PatchScore?
    public let threshold: Float
}

public struct DatasetEvaluation: Sendable, Codable {
    public let method: String
    public let minimumAreaMu: Double
    /// The `ChangeDetector` sensitivity and region growth the images were detected with.
    public let sensitivity: Double
    public let regionGrowth: Double
    public let images: [ImageEvaluation]

    public var pooledPixels: PixelScore { images.reduce(PixelScore()) { $0 + $1.pixels } }
    public var pooledPatches: PatchScore? {
        let scored = images.compactMap(\.patches)
        return scored.isEmpty ? nil : scored.reduce(PatchScore(), +)
    }
}

public enum ChangeEvaluation {
    /// Larger true objects whose patch recall is reported apart (亩): a bureau weighs a missed
    /// 5 亩 site differently from a missed 0.3 亩 shed.
    public static let reportedObjectSizesMu: [Double] = [1, 5]

    /// Scores every pair of a dataset with `method`; `minimumArea` is the minimum mapping unit both
    /// for sieving the prediction and for counting true objects; `sensitivity` is the detector's.
    public static func evaluate(_ pairs: [LabelledPair], method: EvaluationMethod, minimumArea: Area, sensitivity: Double = 1,
                                regionGrowth: Double = ChangeDetector.defaultRegionGrowth,
                                progress: (String) -> Void = { _ in }) throws(DetectionError) -> DatasetEvaluation {
        try ChangeDetector.check(sensitivity: sensitivity, regionGrowth: regionGrowth)
        let detection = (sensitivity: sensitivity, growth: regionGrowth)
        guard !pairs.isEmpty else { throw .noTrainingData("没有样本对 / no pairs") }
        let labels = try pairs.map { pair throws(DetectionError) in try pair.labels() }
        var images: [ImageEvaluation] = []
        for (index, pair) in pairs.enumerated() {
            progress("评估 / scoring \(index + 1)/\(pairs.count): \(pair.name)")
            switch method {
            case .changeVector:
                images.append(try score(pair, labels: labels[index], scorer: .changeVector, minimumArea: minimumArea, detection: detection))
            case let .model(model):
                guard !model.trainedOn.contains(pair.name) else {
                    throw .model(path: pair.name, reason: "模型用这张影像训练过，不能用它评估 / the model was trained on this image; it cannot be scored with it")
                }
                images.append(try score(pair, labels: labels[index], scorer: .model(model), minimumArea: minimumArea, detection: detection))
            case let .leaveOneOut(settings) where pairs.count == 1:
                let width = try ImagePair(beforePath: pair.beforePath, afterPath: pair.afterPath, bandMap: pair.bandMap).grid.width
                for (side, name) in [(0, "left"), (1, "right")] {
                    let held = halves(labels[index], width: width, keep: side), learnt = halves(labels[index], width: width, keep: 1 - side)
                    let model = try ChangeTraining.train([.init(pair: pair, labels: learnt)], settings: settings)
                    let result = try score(pair, labels: held, scorer: .model(model), minimumArea: minimumArea, detection: detection)
                    images.append(ImageEvaluation(name: "\(pair.name)-\(name)", pixels: result.pixels, patches: nil, threshold: result.threshold))
                }
            case let .leaveOneOut(settings):
                let others = pairs.indices.filter { $0 != index }.map { ChangeTraining.Example(pair: pairs[$0], labels: labels[$0]) }
                let model = try ChangeTraining.train(others, settings: settings)
                images.append(try score(pair, labels: labels[index], scorer: .model(model), minimumArea: minimumArea, detection: detection))
            }
        }
        return DatasetEvaluation(method: method.name, minimumAreaMu: minimumArea.mu, sensitivity: sensitivity, regionGrowth: regionGrowth,
                                 images: images)
    }

    /// The labels of one half (0 = left, 1 = right) of a `width`-wide image; the other half unlabelled.
    static func halves(_ labels: [UInt8], width: Int, keep side: Int) -> [UInt8] {
        labels.indices.map { i in ((i % width) < width / 2 ? 0 : 1) == side ? labels[i] : 255 }
    }

    private static func score(_ labelled: LabelledPair, labels: [UInt8], scorer: ChangeScorer, minimumArea: Area,
                              detection: (sensitivity: Double, growth: Double)) throws(DetectionError) -> ImageEvaluation {
        let pair = try ImagePair(beforePath: labelled.beforePath, afterPath: labelled.afterPath, bandMap: labelled.bandMap)
        guard labels.count == pair.grid.pixelCount else {
            throw .dataset(path: labelled.beforePath, reason: "标注与影像尺寸不同 / the labels and the image differ in size")
        }
        let detector = try ChangeDetector(pair: pair, scorer: scorer, sensitivity: detection.sensitivity, regionGrowth: detection.growth)
        let output = try geoIO { try ByteRaster(path: nil, grid: pair.grid, bands: 3) }
        try detector.run(into: output)
        let pixelArea = Area(squareMetres: labelled.pixelSizeMetres * labelled.pixelSizeMetres)
        let minimumPixels = CandidateExtraction.minimumPixels(for: minimumArea, pixelArea: pixelArea)
        let sizes = reportedObjectSizesMu.filter { $0 > minimumArea.mu }.map { mu in
            (mu: mu, pixels: CandidateExtraction.minimumPixels(for: Area(mu: mu), pixelArea: pixelArea))
        }
        let whole = PixelWindow(x: 0, y: 0, width: pair.grid.width, height: pair.grid.height)
        try CandidateExtraction.sieve(output, minimumPixels: minimumPixels)
        let mask = try geoIO { try output.read(window: whole, band: DetectionBand.mask.rawValue) }
        let complete = !labels.contains(255)
        return ImageEvaluation(name: labelled.name, pixels: PixelScore(predicted: mask, reference: labels),
                               patches: complete ? PatchScore(predicted: mask, reference: labels, width: pair.grid.width, minimumPixels: minimumPixels,
                                                                     sizes: sizes) : nil,
                               threshold: detector.threshold)
    }
}
