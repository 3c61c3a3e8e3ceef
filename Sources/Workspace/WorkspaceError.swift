import Enforcement

/// The one error type of `Workspace`: problems with the workspace itself or with what an import
/// asks for. Errors from files (`GeoIOError`), geometry (`GeoError`) and the database (`StoreError`)
/// pass through unchanged.
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAWorkspace(path: String)
    case cannotCreate(path: String, reason: String)
    case duplicatePatchCode(path: String, code: String, feature: Int64)
    case missingPatchCode(path: String, feature: Int64, field: String)
    case invalidRegionValue(path: String, feature: Int64, field: String, value: String)
    case noBatch(String)
    /// Pre-judgement rules name layer kinds the workspace has no layer of.
    case rulesNeedLayers([LayerKind])
    /// Pre-judgement needs overlay results that are missing or stale.
    case overlayIncomplete(batch: String, missingPairs: Int)

    public var description: String {
        switch self {
        case .notAWorkspace(let path):
            return "\(path) 不是 LandWatch 工作空间，请先运行 landwatch init \(path) / \(path) is not a LandWatch workspace; run landwatch init \(path) first"
        case let .cannotCreate(path, reason):
            return "无法创建工作空间 \(path)：\(reason) / Cannot create workspace \(path): \(reason)"
        case let .duplicatePatchCode(path, code, feature):
            return "文件 \(path) 中图斑编号「\(code)」重复（第 \(feature) 个要素） / Patch code \(code) appears twice in \(path) (feature \(feature))"
        case let .missingPatchCode(path, feature, field):
            return "文件 \(path) 第 \(feature) 个要素的图斑编号字段 \(field) 为空 / Feature \(feature) of \(path) has an empty patch code field \(field)"
        case let .invalidRegionValue(path, feature, field, value):
            return "文件 \(path) 第 \(feature) 个要素的字段 \(field) 值「\(value)」不是有效的行政区划代码 / Feature \(feature) of \(path): \(field) value \(value) is not a valid region code"
        case .noBatch(let code):
            return "批次「\(code)」不存在，请先导入图斑 / No batch \(code); import its patches first"
        case .rulesNeedLayers(let kinds):
            let chinese = kinds.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、")
            return "预判规则用到的图层尚未导入：\(chinese)。请导入这些图层，或修改规则文件（landwatch prejudge --print-default-rules > rules.yaml）"
                + " / The rules use layer kinds the workspace has no layer of: \(kinds.map(\.rawValue).joined(separator: ", ")); import them or edit the rules"
        case let .overlayIncomplete(batch, missing):
            return "批次 \(batch) 有 \(missing) 项叠加分析结果缺失或已过期，请先运行 landwatch overlay --batch \(batch)"
                + " / Batch \(batch) lacks \(missing) current overlay results; run landwatch overlay --batch \(batch) first"
        }
    }
}
