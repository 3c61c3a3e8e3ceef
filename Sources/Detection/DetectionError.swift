import GeoIO

/// The one error type of `Detection`: change extraction, its models and its evaluation. Messages are
/// for a bureau clerk, in Chinese first and English second; GDAL and XGBoost speak through their own words.
/// A case with a reason takes it in both languages already ("中文 / English"), so the heading is given in
/// both and the reason once after it.
public enum DetectionError: Error, Equatable, Sendable, CustomStringConvertible {
    case raster(GeoIOError)
    /// The band map names a role twice, an unknown role, or more roles than the image has bands.
    case invalidBandMap(String)
    case imagesDiffer(String)
    /// No pixel of the sample the statistics come from is valid in both dates.
    case noValidPixels
    /// The area of interest (`--aoi`) cannot be read or does not meet the images.
    case areaOfInterest(path: String, reason: String)
    case model(path: String, reason: String)
    /// The model was trained for other bands than the images have.
    case modelBandsDiffer(model: String, images: String)
    /// The model was trained on another set of features (an older LandWatch): `missing` are this
    /// version's features the model lacks.
    case modelFeaturesDiffer(missing: [String])
    /// A sensitivity that is not a number in (0, 100].
    case invalidSensitivity(Double)
    case invalidRegionGrowth(Double)
    /// XGBoost's C API failed; `message` is `XGBGetLastError`.
    case xgboost(call: String, message: String)
    case noTrainingData(String)
    case dataset(path: String, reason: String)

    public var description: String {
        switch self {
        case let .raster(error): return error.description
        case let .invalidBandMap(reason):
            return "波段对应关系无效 / Invalid band map: \(reason)"
        case let .imagesDiffer(reason):
            return "前后两期影像不匹配 / The before and after images do not match: \(reason)"
        case .noValidPixels:
            return "两期影像没有共同的有效像元：影像不重叠，或全为无数据、云；若只有一小部分有数据，请用 --aoi 指定该范围 / The two dates have no valid pixel in common: the images do not overlap, or are all nodata or cloud; if only a small part has data, give that area with --aoi"
        case let .areaOfInterest(path, reason):
            return "研究区 \(path) 不可用 / The area of interest \(path) cannot be used: \(reason)"
        case let .model(path, reason):
            return "变化检测模型 \(path) 不可用 / Change model \(path) cannot be used: \(reason)"
        case let .modelBandsDiffer(model, images):
            return "模型按波段 \(model) 训练，影像波段为 \(images)，请用 --bands 说明影像波段 / The model was trained for bands \(model), the images have \(images); describe the images' bands with --bands"
        case let .modelFeaturesDiffer(missing):
            let names = missing.isEmpty ? "" : "（缺 missing: \(missing.joined(separator: ", "))）"
            return "模型由其他版本的特征训练\(names)，请用 landwatch detect train 重新训练 / The model was trained on another version's features\(names); train it again with landwatch detect train"
        case let .invalidSensitivity(value):
            return "灵敏度须在 0 到 100 之间（1 为默认，2 检出更多变化）：\(value) / The sensitivity must be above 0 and at most 100 (1 is the default, 2 finds more changes): \(value)"
        case let .invalidRegionGrowth(value):
            return "区域生长倍数须在 1 到 100 之间（1 为不生长，默认 2）：\(value) / The region growth must be from 1 to 100 (1 grows nothing, 2 is the default): \(value)"
        case let .xgboost(call, message):
            return "XGBoost 调用 \(call) 失败：\(message) / XGBoost \(call) failed: \(message)"
        case let .noTrainingData(reason):
            return "没有可训练的样本 / No training samples: \(reason)"
        case let .dataset(path, reason):
            return "样本数据 \(path) 无法读取 / Cannot read labelled data \(path): \(reason)"
        }
    }
}

/// Runs a GeoIO call and reports its failure as this module's error.
func geoIO<T>(_ body: () throws -> T) throws(DetectionError) -> T {
    do {
        return try body()
    } catch let error as GeoIOError {
        throw .raster(error)
    } catch {
        throw .imagesDiffer("\(error)")
    }
}
