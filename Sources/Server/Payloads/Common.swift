import Enforcement
import Foundation
import Geo
import Hummingbird

/// An area as the API gives it: ellipsoidal m² on CGCS2000, with 亩 and 公顷 for display.
struct AreaPayload: Codable, Sendable, Equatable {
    let squareMetres: Double
    let mu: Double
    let hectares: Double

    init(_ area: Area) {
        squareMetres = area.squareMetres
        mu = area.mu
        hectares = area.hectares
    }
}

/// A list answer: `{"items": [...]}`.
struct ItemsPayload<Item: Encodable>: Encodable {
    let items: [Item]
}

/// A code with its Chinese name, e.g. {"code": "approved", "name": "已审核"}.
struct NamedCode: Codable, Sendable, Equatable {
    let code: String
    let name: String
}

/// A lon/lat box (EPSG:4490): [minX, minY, maxX, maxY].
typealias BoundingBox = [Double]

extension Envelope {
    var boundingBox: BoundingBox { [minX, minY, maxX, maxY] }
}

/// The signed-in user as the API shows it.
struct UserPayload: Codable, Sendable {
    let username: String
    let displayName: String
    let role: NamedCode
    let jurisdiction: String
    let permissions: [String]
    let disabled: Bool

    init(_ account: UserAccount) {
        username = account.username
        displayName = account.displayName
        role = NamedCode(code: account.role.rawValue, name: account.role.chineseName)
        jurisdiction = account.jurisdiction.rawValue
        permissions = account.role.permissions.map(\.rawValue).sorted()
        disabled = account.disabled
    }
}

extension Parameters {
    /// The query parameter `name` parsed, nil when absent or empty; 400 naming what was expected when
    /// it does not parse.
    func parsed<T>(_ name: String, expected: String, _ parse: (String) -> T?) throws -> T? {
        guard let text = self[Substring(name)].map(String.init), !text.isEmpty else { return nil }
        guard let value = parse(text) else {
            throw APIError.badRequest("参数 \(name)=\(text) 无效，应为 \(expected) / Invalid \(name)=\(text); expected \(expected)")
        }
        return value
    }
}
