import Foundation

/// What a band of an image measures, as far as change indices need to know.
public enum BandRole: String, CaseIterable, Sendable, Codable {
    case blue, green, red, nir, swir1, swir2

    /// The role a band description names: Sentinel-2 (`B02`, `B8A`), Landsat TM (`B1`…) is ambiguous
    /// and not guessed; plain words ("Red", "NIR") are.
    static func named(_ description: String) -> BandRole? {
        switch description.lowercased().trimmingCharacters(in: .whitespaces) {
        case "b02", "blue": return .blue
        case "b03", "green": return .green
        case "b04", "red": return .red
        case "b08", "b8a", "nir", "near infrared", "near-infrared": return .nir
        case "b11", "swir1", "swir 1", "swir-1": return .swir1
        case "b12", "swir2", "swir 2", "swir-2": return .swir2
        default: return nil
        }
    }
}

/// Which role each of the first bands of an image has: band `i + 1` has `roles[i]`. Images may carry
/// more bands (an alpha band in a PNG); those are not read.
public struct BandMap: Sendable, Hashable, Codable, CustomStringConvertible {
    public let roles: [BandRole]

    public init(roles: [BandRole]) throws(DetectionError) {
        guard !roles.isEmpty else { throw .invalidBandMap("至少需要一个波段 / at least one band is needed") }
        guard Set(roles).count == roles.count else {
            throw .invalidBandMap("同一波段角色出现两次 / a role appears twice: \(roles.map(\.rawValue).joined(separator: ","))")
        }
        self.roles = roles
    }

    /// Parses `blue,green,red,nir` (roles in band order).
    public init(parsing text: String) throws(DetectionError) {
        var roles: [BandRole] = []
        for name in text.split(separator: ",") {
            let word = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let role = BandRole(rawValue: word) else {
                throw .invalidBandMap("未知波段「\(word)」，可用 \(BandRole.allCases.map(\.rawValue).joined(separator: "、")) / unknown band \(word)")
            }
            roles.append(role)
        }
        try self.init(roles: roles)
    }

    /// Red, green, blue: the band order of PNG and JPEG photographs.
    public static let rgb = try! BandMap(roles: [.red, .green, .blue])

    /// The map the band descriptions state, when every described band names a role.
    public static func described(by descriptions: [String]) -> BandMap? {
        let roles = descriptions.map(BandRole.named)
        guard !roles.isEmpty, roles.allSatisfy({ $0 != nil }) else { return nil }
        return try? BandMap(roles: roles.compactMap { $0 })
    }

    /// The 0-based band index of `role`, if the image has it.
    public func index(of role: BandRole) -> Int? { roles.firstIndex(of: role) }

    public var count: Int { roles.count }

    public var description: String { roles.map(\.rawValue).joined(separator: ",") }
}
