/// The kinds of reference layer patches are overlaid on (DESIGN.md glossary).
public enum LayerKind: String, Sendable, Codable, CaseIterable {
    case basicFarmland
    case cultivatedLand
    case ecologicalRedLine
    case urbanBoundary
    case approvedLand
    case landSupply
    case facilityFarmland

    public init(parsing text: String) throws {
        if let kind = LayerKind(rawValue: text) ?? LayerKind.allCases.first(where: { $0.chineseName == text }) {
            self = kind
        } else {
            throw EnforcementError.unknownLayerKind(text)
        }
    }

    public var chineseName: String {
        switch self {
        case .basicFarmland: return "永久基本农田"
        case .cultivatedLand: return "三调地类（耕地）"
        case .ecologicalRedLine: return "生态保护红线"
        case .urbanBoundary: return "城镇开发边界"
        case .approvedLand: return "批准用地"
        case .landSupply: return "供地"
        case .facilityFarmland: return "设施农用地"
        }
    }
}
