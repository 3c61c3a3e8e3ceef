/// What kind of change a patch shows, read from how its indices moved (变化类型). The code is the
/// pixel value in the change-type band of a detection raster.
public enum ChangeType: Int, CaseIterable, Sendable, Codable {
    case construction = 1
    case vegetationLoss = 2
    case waterGain = 3
    case bareSoil = 4
    case vegetationGain = 5
    case other = 6

    /// The name on the patch, in the words of 卫片执法.
    public var chineseName: String {
        switch self {
        case .construction: return "新增建设"
        case .vegetationLoss: return "植被减少"
        case .waterGain: return "挖塘(水体增加)"
        case .bareSoil: return "推填土(裸土)"
        case .vegetationGain: return "植被增加"
        case .other: return "其他变化"
        }
    }

    /// The type of one changed pixel. `vegetation` is NDVI (or the green–red index of photographs),
    /// `brightness` the mean z-score of the visible bands, `water` NDWI when there is a near-infrared
    /// band; `red`, `green`, `blue` are the after image's own values (only their ratios matter): fresh
    /// earth is red-brown, roofs and concrete are grey to blue.
    static func of(vegetation: (before: Float, after: Float), brightness: (before: Float, after: Float),
                   water: (before: Float, after: Float)?, red: Float?, green: Float?, blue: Float?) -> ChangeType {
        let vegetationChange = vegetation.after - vegetation.before
        let brightnessChange = brightness.after - brightness.before
        if let water, water.after > 0, water.after - water.before > 0.2 { return .waterGain }
        if vegetationChange > 0.15 { return .vegetationGain }
        guard vegetationChange < -0.1 || brightnessChange > 0.3 else {
            return brightnessChange > 0 ? .construction : .other
        }
        if let red, let green, let blue, red > 1.05 * green, red > 1.15 * blue { return .bareSoil }
        return brightnessChange > 0 ? .construction : .vegetationLoss
    }
}
