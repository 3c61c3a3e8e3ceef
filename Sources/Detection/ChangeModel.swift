import Foundation

/// A supervised change classifier: gradient-boosted trees over `ChangeFeatures`, the bands it was
/// trained for, and the probability above which a pixel counts as changed. Saved as one JSON file
/// (`landwatch-change-model`, with XGBoost's own JSON model inside as text: re-encoding it would turn
/// `1.0` into `1`, which XGBoost's strict reader refuses).
public final class ChangeModel: Sendable {
    public static let format = "landwatch-change-model"

    public let bandMap: BandMap
    public let featureNames: [String]
    /// The probability of change of each feature row (`featureNames.count` values per row): 0 below
    /// the gate, the trees' answer above it.
    func probabilities(features rows: [Float], count: Int) throws(DetectionError) -> [Float] {
        let columns = featureNames.count
        let asked = (0..<count).filter { rows[$0 * columns + gateColumn] >= gate }
        var selected = [Float]()
        selected.reserveCapacity(asked.count * columns)
        for row in asked { selected += rows[(row * columns)..<((row + 1) * columns)] }
        return try probabilities(gatedRows: selected, kept: asked, count: count)
    }

    /// The probability of change of each of `count` pixels, given the feature rows of the pixels
    /// `kept` (those at or above the gate, in order; `ChangeFeatures.rows(_:width:height:region:gate:)`):
    /// the trees' answer for those, 0 for the others.
    func probabilities(gatedRows rows: [Float], kept: [Int], count: Int) throws(DetectionError) -> [Float] {
        let answers = try trees.probabilities(features: rows, rows: kept.count, columns: featureNames.count)
        var probabilities = [Float](repeating: 0, count: count)
        for (pixel, answer) in zip(kept, answers) { probabilities[pixel] = answer }
        return probabilities
    }

    /// Probability of change at or above which a pixel is changed: the one that gave the best F1 on
    /// the training pixels.
    public let threshold: Float
    /// Pixels whose mean change magnitude over 7 × 7 (`gateFeature`) is below this are unchanged
    /// without asking the trees, which is most of an image: 95% of the changed training pixels lie
    /// above it. Prediction is two thirds of the work, so the gate is most of the speed.
    public let gate: Float
    public static let gateFeature = "magnitude.mean7"
    /// Where `gateFeature` sits in a feature row: `ChangeFeatures` always computes it, and `load`
    /// refuses a file without it.
    private let gateColumn: Int
    /// The images it learnt from, so that an evaluation can refuse to score them.
    public let trainedOn: [String]
    let trees: GradientBoostedTrees

    init(bandMap: BandMap, featureNames: [String], threshold: Float, gate: Float, trainedOn: [String], trees: GradientBoostedTrees) {
        self.bandMap = bandMap
        self.featureNames = featureNames
        self.threshold = threshold
        self.gate = gate
        gateColumn = featureNames.firstIndex(of: Self.gateFeature)!
        self.trainedOn = trainedOn
        self.trees = trees
    }

    public func save(to path: String) throws(DetectionError) {
        let trees = try self.trees.json()
        let document: [String: Any]
        do {
            document = [
                "format": Self.format, "version": 1, "bands": bandMap.description, "features": featureNames,
                "threshold": Double(threshold), "gate": Double(gate), "trainedOn": trainedOn,
                "xgboost": String(decoding: trees, as: UTF8.self),
            ]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .model(path: path, reason: "无法写入 / cannot write: \(error.localizedDescription)")
        }
    }

    public static func load(path: String) throws(DetectionError) -> ChangeModel {
        let document: [String: Any]
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .model(path: path, reason: "文件不存在 / no such file")
        }
        guard !isFolder.boolValue else { throw .model(path: path, reason: "这是文件夹，不是模型文件 / this is a folder, not a model file") }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw DetectionError.model(path: path, reason: "不是 JSON 对象 / not a JSON object")
            }
            document = object
        } catch let error as DetectionError {
            throw error
        } catch {
            throw .model(path: path, reason: "无法读取 / cannot read: \(error.localizedDescription)")
        }
        guard document["format"] as? String == format, document["version"] as? Int == 1 else {
            throw .model(path: path, reason: "不是 LandWatch 变化检测模型（format 应为 \(format)） / not a LandWatch change model")
        }
        guard let bands = document["bands"] as? String, let features = document["features"] as? [String],
              let threshold = document["threshold"] as? Double, let trees = document["xgboost"] as? String else {
            throw .model(path: path, reason: "缺少 bands、features、threshold 或 xgboost / bands, features, threshold or xgboost missing")
        }
        guard features.contains(gateFeature) else {
            throw .model(path: path, reason: "缺少特征 \(gateFeature) / feature \(gateFeature) missing")
        }
        let decisionTrees: GradientBoostedTrees
        do {
            decisionTrees = try GradientBoostedTrees(json: Data(trees.utf8))
        } catch let .xgboost(_, message) {
            throw .model(path: path, reason: "其中的 XGBoost 决策树已损坏 / its XGBoost trees are damaged: \(message)")
        }
        return ChangeModel(bandMap: try BandMap(parsing: bands), featureNames: features, threshold: Float(threshold),
                           gate: Float(document["gate"] as? Double ?? 0),
                           trainedOn: document["trainedOn"] as? [String] ?? [], trees: decisionTrees)
    }
}
