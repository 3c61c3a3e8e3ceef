import Foundation

/// An area, stored in square metres, shown in the units bureaus use: 亩 and 公顷.
public struct Area: Sendable, Hashable, Comparable, Codable {
    /// 1 亩 = 10000/15 m² (the statutory definition; 15 亩 = 1 公顷).
    public static let squareMetresPerMu = 10_000.0 / 15.0

    public let squareMetres: Double

    public init(squareMetres: Double) { self.squareMetres = squareMetres }
    public init(mu: Double) { self.squareMetres = mu * Self.squareMetresPerMu }
    public init(hectares: Double) { self.squareMetres = hectares * 10_000 }

    public static let zero = Area(squareMetres: 0)

    /// 亩
    public var mu: Double { squareMetres / Self.squareMetresPerMu }
    /// 公顷
    public var hectares: Double { squareMetres / 10_000 }
    public var squareKilometres: Double { squareMetres / 1_000_000 }

    /// 亩 to 0.01 and 公顷 to 0.0001: the precision bureaus report.
    public var muText: String { String(format: "%.2f", mu) }
    public var hectaresText: String { String(format: "%.4f", hectares) }

    public static func < (a: Area, b: Area) -> Bool { a.squareMetres < b.squareMetres }
    public static func + (a: Area, b: Area) -> Area { Area(squareMetres: a.squareMetres + b.squareMetres) }
    public static func - (a: Area, b: Area) -> Area { Area(squareMetres: a.squareMetres - b.squareMetres) }
}
