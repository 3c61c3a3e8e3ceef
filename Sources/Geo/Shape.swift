/// A linear ring: a closed sequence of coordinates whose first and last positions are equal.
public typealias Ring = [Coordinate]

/// A polygon: the exterior ring first, then its holes.
public struct Polygon: Sendable, Equatable {
    public var rings: [Ring]

    public init(rings: [Ring]) { self.rings = rings }

    public init(exterior: Ring, holes: [Ring] = []) { self.rings = [exterior] + holes }

    public var exterior: Ring { rings.first ?? [] }
    public var holes: ArraySlice<Ring> { rings.dropFirst() }
}

/// The coordinates of a geometry as Swift values (the Simple Features model, 2D).
/// `Geometry` stores WKB; `Shape` is what one decodes it to for walking coordinates.
public indirect enum Shape: Sendable, Equatable {
    case point(Coordinate?)
    case lineString([Coordinate])
    case polygon(Polygon)
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([Polygon])
    case collection([Shape])

    /// Every coordinate, in storage order.
    public var coordinates: [Coordinate] {
        switch self {
        case .point(let c): return c.map { [$0] } ?? []
        case .lineString(let cs), .multiPoint(let cs): return cs
        case .polygon(let p): return p.rings.flatMap { $0 }
        case .multiLineString(let ls): return ls.flatMap { $0 }
        case .multiPolygon(let ps): return ps.flatMap { $0.rings.flatMap { $0 } }
        case .collection(let shapes): return shapes.flatMap(\.coordinates)
        }
    }

    /// The polygons of a polygonal shape (polygon, multipolygon, or the polygons inside a collection).
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): return [p]
        case .multiPolygon(let ps): return ps
        case .collection(let shapes): return shapes.flatMap(\.polygons)
        default: return []
        }
    }

    /// The same shape with every coordinate passed through `transform`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Shape {
        switch self {
        case .point(let c): return .point(try c.map(transform))
        case .lineString(let cs): return .lineString(try cs.map(transform))
        case .multiPoint(let cs): return .multiPoint(try cs.map(transform))
        case .polygon(let p): return .polygon(Polygon(rings: try p.rings.map { try $0.map(transform) }))
        case .multiLineString(let ls): return .multiLineString(try ls.map { try $0.map(transform) })
        case .multiPolygon(let ps):
            return .multiPolygon(try ps.map { Polygon(rings: try $0.rings.map { try $0.map(transform) }) })
        case .collection(let shapes): return .collection(try shapes.map { try $0.mapCoordinates(transform) })
        }
    }

    /// True for a shape with no coordinates (e.g. the empty result of an intersection).
    public var isEmpty: Bool { coordinates.isEmpty }

    /// The Simple Features type name, as in WKT (`POLYGON`, `MULTIPOLYGON` …).
    public var typeName: String {
        switch self {
        case .point: return "POINT"
        case .lineString: return "LINESTRING"
        case .polygon: return "POLYGON"
        case .multiPoint: return "MULTIPOINT"
        case .multiLineString: return "MULTILINESTRING"
        case .multiPolygon: return "MULTIPOLYGON"
        case .collection: return "GEOMETRYCOLLECTION"
        }
    }
}
