/// A 2D position in the axis order of the visualisation convention: x = easting or longitude,
/// y = northing or latitude, whatever the CRS's official axis order (PROJ's
/// `proj_normalize_for_visualization` gives the same order for transforms).
public struct Coordinate: Sendable, Hashable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Longitude, latitude in degrees (for geographic CRSs).
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }
}

/// An axis-aligned bounding box in the units of the geometry's CRS.
public struct Envelope: Sendable, Hashable {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The envelope of the given coordinates, or nil when there are none.
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var envelope = Envelope(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let c = iterator.next() { envelope.expand(toInclude: c) }
        self = envelope
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public mutating func expand(toInclude c: Coordinate) {
        minX = Swift.min(minX, c.x); maxX = Swift.max(maxX, c.x)
        minY = Swift.min(minY, c.y); maxY = Swift.max(maxY, c.y)
    }

    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                 maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    public func intersects(_ other: Envelope) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    /// True when `other` lies inside this envelope (boundaries may touch).
    public func contains(_ other: Envelope) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }
}
