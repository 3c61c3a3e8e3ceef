/// The one error type of the `Enforcement` domain: values that break the domain's rules.
public enum EnforcementError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidRegionCode(String)
    case unknownLayerKind(String)
    case invalidBatchCode(String)
    /// A workflow step breaks a rule of the loop; `subject` names the patch, case or problem.
    case rejected(subject: String?, WorkflowRejection)

    public var description: String {
        switch self {
        case .invalidRegionCode(let code):
            return "行政区划代码「\(code)」无效：应为 2-12 位字母或数字（如 440103） / Invalid region code \(code): expected 2-12 letters or digits, e.g. 440103"
        case .unknownLayerKind(let kind):
            let known = LayerKind.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
            return "未知的图层类型「\(kind)」，可用：\(known) / Unknown layer kind \(kind); known kinds: \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))"
        case .invalidBatchCode(let code):
            return "批次代码「\(code)」无效：只能包含字母、数字、-、_（如 2024Q1） / Invalid batch code \(code): use letters, digits, - and _ (e.g. 2024Q1)"
        case let .rejected(subject, rejection):
            let (chinese, english) = rejection.message
            guard let subject else { return "\(chinese) / \(english)" }
            return "\(subject)：\(chinese) / \(subject): \(english)"
        }
    }
}
