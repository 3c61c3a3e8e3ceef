import Foundation
import CPROJ

/// A coordinate reference system, named by anything PROJ understands: `EPSG:4490`, WKT, PROJJSON.
/// Axis order in LandWatch is always easting/longitude first (see `Coordinate`).
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    /// What PROJ is given to build the CRS.
    public let definition: String

    /// A classic PROJ string (`+proj=…`) is read as a CRS, not as a bare conversion (`+type=crs` is added).
    public init(definition: String) {
        let trimmed = definition.trimmingCharacters(in: .whitespaces)
        self.definition = trimmed.hasPrefix("+proj") && !trimmed.contains("+type=crs") ? trimmed + " +type=crs" : trimmed
    }

    public static func epsg(_ code: Int) -> CRS { CRS(definition: "EPSG:\(code)") }

    /// CGCS2000 geographic (EPSG:4490): the CRS of everything LandWatch stores.
    public static let cgcs2000 = CRS.epsg(4490)
    public static let wgs84 = CRS.epsg(4326)
    public static let webMercator = CRS.epsg(3857)

    /// CGCS2000 3-degree Gauss-Krüger for the zone whose central meridian is `centralMeridian` (75…135°E).
    /// With `zonePrefix`, eastings carry the zone number (EPSG:4513-4533); without, EPSG:4534-4554.
    public static func cgcs2000GaussKruger3Degree(centralMeridian: Int, zonePrefix: Bool) -> CRS? {
        guard (75...135).contains(centralMeridian), centralMeridian % 3 == 0 else { return nil }
        let zoneIndex = (centralMeridian - 75) / 3
        return .epsg((zonePrefix ? 4513 : 4534) + zoneIndex)
    }

    /// The EPSG code when the definition is one (`EPSG:4547` → 4547).
    public var epsgCode: Int? {
        let prefix = "EPSG:"
        guard definition.uppercased().hasPrefix(prefix) else { return nil }
        return Int(definition.dropFirst(prefix.count))
    }

    public var description: String { epsgCode.map { "EPSG:\($0)" } ?? definition }

    /// Asks PROJ about this CRS; throws `GeoError.unknownCRS` when PROJ cannot build it.
    public func info() throws -> CRSInfo {
        try ProjContext.current.info(for: self)
    }
}

/// What PROJ knows of a CRS.
public struct CRSInfo: Sendable, Equatable {
    /// PROJ's name, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E".
    public let name: String
    public let isGeographic: Bool
    public let isProjected: Bool
    /// The geographic CRS of the same datum, as a definition PROJ accepts.
    public let geographicCRS: CRS
    public let ellipsoid: Ellipsoid
}

/// A reference ellipsoid: semi-major axis in metres and flattening.
public struct Ellipsoid: Sendable, Hashable {
    public let semiMajorAxisMetres: Double
    public let flattening: Double

    public init(semiMajorAxisMetres: Double, flattening: Double) {
        self.semiMajorAxisMetres = semiMajorAxisMetres
        self.flattening = flattening
    }

    /// CGCS2000 (a = 6378137 m, 1/f = 298.257222101).
    public static let cgcs2000 = Ellipsoid(semiMajorAxisMetres: 6_378_137, flattening: 1 / 298.257222101)
    /// WGS 84 (a = 6378137 m, 1/f = 298.257223563).
    public static let wgs84 = Ellipsoid(semiMajorAxisMetres: 6_378_137, flattening: 1 / 298.257223563)
}
