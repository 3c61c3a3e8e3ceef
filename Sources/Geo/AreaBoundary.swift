/// The rings of a polygonal shape in longitude/latitude degrees, flattened and oriented with the
/// interior on the left (exteriors counter-clockwise, holes clockwise), for measuring its
/// intersection with another shape from the two boundaries (`EllipsoidalArea.ofIntersection`).
/// Built once per geometry and reused against every geometry it meets.
public struct AreaBoundary: Sendable {
    /// Vertex longitudes and latitudes, ring after ring; each ring closed (first vertex repeated last).
    let xs: [Double]
    let ys: [Double]
    /// Where each ring starts in `xs`/`ys`; one more entry marks the end of the last ring.
    let ringStarts: [Int]
    let ringBoxes: [Envelope]
    /// Nil when the shape has no polygon ring.
    public let envelope: Envelope?

    /// Rings with fewer than three distinct positions enclose nothing and are left out; non-polygonal
    /// parts count zero, as in `EllipsoidalArea.of(lonLat:)`.
    public init(lonLat shape: Shape) {
        var xs: [Double] = [], ys: [Double] = []
        var starts: [Int] = [], boxes: [Envelope] = []
        for polygon in shape.polygons {
            for (index, ring) in polygon.rings.enumerated() {
                guard let first = ring.first else { continue }
                var closed = ring
                if closed.last != first { closed.append(first) }
                guard closed.count >= 4, let box = Envelope(covering: closed) else { continue }
                let counterClockwise = Self.shoelace(closed) > 0
                if counterClockwise != (index == 0) { closed.reverse() }
                starts.append(xs.count)
                boxes.append(box)
                for c in closed {
                    xs.append(c.x)
                    ys.append(c.y)
                }
            }
        }
        starts.append(xs.count)
        self.xs = xs
        self.ys = ys
        ringStarts = starts
        ringBoxes = boxes
        envelope = boxes.dropFirst().reduce(boxes.first) { $0?.union($1) }
    }

    var ringCount: Int { ringBoxes.count }

    /// Twice the planar signed area in degrees² (positive when counter-clockwise); only its sign is used.
    private static func shoelace(_ ring: [Coordinate]) -> Double {
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += (ring[i].x - ring[0].x) * (ring[i + 1].y - ring[0].y) - (ring[i + 1].x - ring[0].x) * (ring[i].y - ring[0].y)
        }
        return sum
    }

    enum Location { case inside, outside, boundary }

    /// Where a point lies: by the parity of a rightward ray's crossings, or on the boundary when within
    /// `tolerance` degrees of an edge. Rings whose box misses the point cannot change the parity.
    func locate(x: Double, y: Double, tolerance: Double) -> Location {
        var inside = false
        for ring in 0..<ringCount {
            let box = ringBoxes[ring]
            guard x >= box.minX - tolerance, x <= box.maxX + tolerance, y >= box.minY - tolerance, y <= box.maxY + tolerance else { continue }
            for i in ringStarts[ring]..<(ringStarts[ring + 1] - 1) {
                let x0 = xs[i], y0 = ys[i], x1 = xs[i + 1], y1 = ys[i + 1]
                if (y0 > y) != (y1 > y), x0 + (y - y0) * (x1 - x0) / (y1 - y0) > x { inside.toggle() }
                if Swift.min(x0, x1) - tolerance <= x, x <= Swift.max(x0, x1) + tolerance,
                   Swift.min(y0, y1) - tolerance <= y, y <= Swift.max(y0, y1) + tolerance,
                   SegmentGeometry.distance(x: x, y: y, toLineThrough: x0, y0, x1, y1) <= tolerance {
                    return .boundary
                }
            }
        }
        return inside ? .inside : .outside
    }
}

/// Plane geometry on lon/lat degrees shared by the boundary-integral overlay.
enum SegmentGeometry {
    /// (q − p) × (r − p): positive when r lies left of the directed line p → q.
    static func orientation(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ rx: Double, _ ry: Double) -> Double {
        (qx - px) * (ry - py) - (qy - py) * (rx - px)
    }

    /// Distance in degrees from (x, y) to the line through (x0, y0) and (x1, y1); a zero-length
    /// segment gives the distance to its point.
    static func distance(x: Double, y: Double, toLineThrough x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Double {
        let length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        guard length > 0 else { return ((x - x0) * (x - x0) + (y - y0) * (y - y0)).squareRoot() }
        return abs(orientation(x0, y0, x1, y1, x, y)) / length
    }
}
