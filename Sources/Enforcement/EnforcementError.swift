/// The one error type of the `Enforcement` domain: values that break the domain's rules.
public enum EnforcementError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidRegionCode(String)
    case unknownLayerKind(String)
    case invalidBatchCode(String)
    /// A workflow step breaks a rule of the loop; `subject` names the patch, case or problem.
    case rejected(subject: String?, WorkflowRejection)
    case invalidUsername(String)
    case jurisdictionDoesNotFitRole(role: Role, jurisdiction: RegionCode)
    case invalidCameraID(String)
    case invalidCameraPosition(String)
    case invalidPresetNumber(Int)

    public var description: String {
        switch self {
        case .invalidRegionCode(let code):
            return "行政区划代码「\(code)」无效：应为 2-12 位字母或数字（如 440103） / Invalid region code \(code): expected 2-12 letters or digits, e.g. 440103"
        case .unknownLayerKind(let kind):
            let known = LayerKind.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
            return "未知的图层类型「\(kind)」，可用：\(known) / Unknown layer kind \(kind); known kinds: \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidBatchCode(let code):
            return "批次代码「\(code)」无效：只能包含字母、数字、-、_（如 2024Q1） / Invalid batch code \(code): use letters, digits, - and _ (e.g. 2024Q1)"
        case .invalidUsername(let name):
            return "用户名「\(name)」无效：应为 3-32 位字母、数字或 . _ - / Invalid username \(name): use 3-32 letters, digits, '.', '_' or '-'"
        case let .jurisdictionDoesNotFitRole(role, jurisdiction):
            let levels = RegionLevel.allCases.filter(role.jurisdictionLevels.contains)
            return "\(role.chineseName)的辖区应为\(levels.map(\.chineseName).joined(separator: "或"))级，\(jurisdiction) 不是"
                + " / A \(role.rawValue) works at \(levels.map(\.rawValue).joined(separator: " or ")) level; \(jurisdiction) is not one"
        case .invalidCameraID(let id):
            return "摄像机编号「\(id)」无效：应为 1-32 位字母、数字、- 或 _（如 JL-017） / Invalid camera id \(id): use 1-32 letters, digits, '-' or '_' (e.g. JL-017)"
        case .invalidCameraPosition(let id):
            return "摄像机 \(id) 的经纬度超出范围 / Camera \(id): longitude/latitude out of range"
        case .invalidPresetNumber(let number):
            return "预置位编号 \(number) 无效：应为 0-9999 / Invalid preset number \(number): expected 0-9999"
        case let .rejected(subject, rejection):
            let (chinese, english) = rejection.message
            guard let subject else { return "\(chinese) / \(english)" }
            return "\(subject)：\(chinese) / \(subject): \(english)"
        }
    }
}
