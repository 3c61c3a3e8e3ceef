import Foundation

/// A supervised change classifier: gradient-boosted trees over `ChangeFeatures`, the bands it was
/// trained for, and the probability above which a pixel counts as changed. Saved as one JSON file
/// (`landwatch-change-model`, with XGBoost's own JSON model inside).
public final class ChangeModel {
    public static let format = "landwatch-change-model"

    public let bandMap: BandMap
    public let featureNames: [String]
    /// Probability of change at or above which a pixel is changed: the one that gave the best F1 on
    /// the training pixels.
    public let threshold: Float
    /// The images it learnt from, so that an evaluation can refuse to score them.
    public let trainedOn: [String]
    let trees: GradientBoostedTrees

    init(bandMap: BandMap, featureNames: [String], threshold: Float, trainedOn: [String], trees: GradientBoostedTrees) {
        self.bandMap = bandMap
        self.featureNames = featureNames
        self.threshold = threshold
        self.trainedOn = trainedOn
        self.trees = trees
    }

    public func save(to path: String) throws(DetectionError) {
        let trees = try self.trees.json()
        let document: [String: Any]
        do {
            document = [
                "format": Self.format, "version": 1, "bands": bandMap.description, "features": featureNames,
                "threshold": Double(threshold), "trainedOn": trainedOn,
                "xgboost": try JSONSerialization.jsonObject(with: trees),
            ]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .model(path: path, reason: "无法写入 / cannot write: \(error.localizedDescription)")
        }
    }

    public static func load(path: String) throws(DetectionError) -> ChangeModel {
        let document: [String: Any]
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
              let threshold = document["threshold"] as? Double, let trees = document["xgboost"] else {
            throw .model(path: path, reason: "缺少 bands、features、threshold 或 xgboost / bands, features, threshold or xgboost missing")
        }
        let treeData: Data
        do {
            treeData = try JSONSerialization.data(withJSONObject: trees)
        } catch {
            throw .model(path: path, reason: "xgboost 部分无效 / invalid xgboost part")
        }
        return ChangeModel(bandMap: try BandMap(parsing: bands), featureNames: features, threshold: Float(threshold),
                           trainedOn: document["trainedOn"] as? [String] ?? [], trees: try GradientBoostedTrees(json: treeData))
    }
}
