extension EllipsoidalArea {
    /// How close two boundaries may come, in degrees (about 0.1 mm), before `ofIntersection` declines.
    public static let contactTolerance = 1e-9

    /// Ellipsoidal area of a ∩ b in m², from the two boundaries alone: by Green's theorem it is the
    /// integral of `of(lonLat:)` over ∂(a ∩ b), which is a's edges inside b plus b's edges inside a,
    /// cut where the boundaries cross. No intersection polygon is built (the idea of JTS's
    /// `OverlayArea`), and the edges are the same straight lon/lat lines, so the result is the area of
    /// GEOS's intersection to rounding.
    ///
    /// Nil when the boundaries touch, share or run along one another, or a vertex lies on the other's
    /// boundary, within `contactTolerance`: there the parts of an edge inside and outside are not
    /// decidable in floating point, and the caller intersects with GEOS, whose snapping noder is
    /// built for it. Patches drawn on parcel lines land there; shapes in general position do not.
    public static func ofIntersection(_ a: AreaBoundary, _ b: AreaBoundary, on ellipsoid: Ellipsoid = .cgcs2000) -> Area? {
        guard let boxA = a.envelope, let boxB = b.envelope, boxA.intersects(boxB) else { return Area(squareMetres: 0) }
        let common = Envelope(minX: max(boxA.minX, boxB.minX), minY: max(boxA.minY, boxB.minY),
                              maxX: min(boxA.maxX, boxB.maxX), maxY: min(boxA.maxY, boxB.maxY))
        var cutsA: [BoundaryCut] = [], cutsB: [BoundaryCut] = []
        guard BoundaryCut.find(a, b, near: common, cutsA: &cutsA, cutsB: &cutsB) else { return nil }
        cutsA.sort()
        cutsB.sort()
        let measure = InsideEdgeIntegral(density: AreaDensity(ellipsoid), originDegrees: common.center.x)
        guard let fromA = measure.of(a, cuts: cutsA, insideOf: b),
              let fromB = measure.of(b, cuts: cutsB, insideOf: a) else { return nil }
        return Area(squareMetres: fromA + fromB)
    }
}

/// Where another boundary crosses an edge: the edge's first vertex index and the fraction along it.
struct BoundaryCut: Comparable {
    let edge: Int
    let t: Double

    static func < (l: BoundaryCut, r: BoundaryCut) -> Bool { (l.edge, l.t) < (r.edge, r.t) }

    /// Collects the proper crossings of a's and b's edges near `common`; false at any contact
    /// (see `EllipsoidalArea.ofIntersection`).
    static func find(_ a: AreaBoundary, _ b: AreaBoundary, near common: Envelope,
                     cutsA: inout [BoundaryCut], cutsB: inout [BoundaryCut]) -> Bool {
        let tolerance = EllipsoidalArea.contactTolerance
        let reach = Envelope(minX: common.minX - tolerance, minY: common.minY - tolerance,
                             maxX: common.maxX + tolerance, maxY: common.maxY + tolerance)
        for ringA in 0..<a.ringCount where a.ringBoxes[ringA].intersects(reach) {
            for i in a.ringStarts[ringA]..<(a.ringStarts[ringA + 1] - 1) {
                let edgeA = Segment(a, i, tolerance: tolerance)
                guard !edgeA.isPoint, edgeA.box.intersects(reach) else { continue }
                for ringB in 0..<b.ringCount where b.ringBoxes[ringB].intersects(edgeA.box) {
                    for j in b.ringStarts[ringB]..<(b.ringStarts[ringB + 1] - 1) {
                        let edgeB = Segment(b, j, tolerance: tolerance)
                        guard !edgeB.isPoint, edgeB.box.intersects(edgeA.box) else { continue }
                        let d1 = edgeB.side(edgeA.x0, edgeA.y0), d2 = edgeB.side(edgeA.x1, edgeA.y1)
                        let d3 = edgeA.side(edgeB.x0, edgeB.y0), d4 = edgeA.side(edgeB.x1, edgeB.y1)
                        if edgeB.touches(edgeA.x0, edgeA.y0, side: d1) || edgeB.touches(edgeA.x1, edgeA.y1, side: d2)
                            || edgeA.touches(edgeB.x0, edgeB.y0, side: d3) || edgeA.touches(edgeB.x1, edgeB.y1, side: d4) {
                            return false
                        }
                        if (d1 > 0) != (d2 > 0), (d3 > 0) != (d4 > 0) {
                            cutsA.append(BoundaryCut(edge: i, t: d1 / (d1 - d2)))
                            cutsB.append(BoundaryCut(edge: j, t: d3 / (d3 - d4)))
                        }
                    }
                }
            }
        }
        return true
    }
}

/// One edge of an `AreaBoundary`, with its box grown by the contact tolerance.
private struct Segment {
    let x0, y0, x1, y1: Double
    let length: Double
    let box: Envelope
    let tolerance: Double

    init(_ boundary: AreaBoundary, _ i: Int, tolerance: Double) {
        x0 = boundary.xs[i]; y0 = boundary.ys[i]; x1 = boundary.xs[i + 1]; y1 = boundary.ys[i + 1]
        length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        box = Envelope(minX: min(x0, x1) - tolerance, minY: min(y0, y1) - tolerance,
                       maxX: max(x0, x1) + tolerance, maxY: max(y0, y1) + tolerance)
        self.tolerance = tolerance
    }

    var isPoint: Bool { x0 == x1 && y0 == y1 }

    /// Positive left of the edge's direction; its magnitude is the distance times the edge's length.
    func side(_ x: Double, _ y: Double) -> Double { SegmentGeometry.orientation(x0, y0, x1, y1, x, y) }

    /// True when (x, y), whose `side` is given, lies within the tolerance of this edge.
    func touches(_ x: Double, _ y: Double, side: Double) -> Bool {
        abs(side) <= tolerance * length && box.contains(Coordinate(x: x, y: y))
    }
}

/// The edge integral of `EllipsoidalArea` summed over the parts of one boundary's edges that lie
/// inside another shape.
private struct InsideEdgeIntegral {
    let density: AreaDensity
    /// λ₀ of the integrand (λ − λ₀)·g(φ): any value gives the same closed-boundary integral, one
    /// near the shapes keeps the terms small.
    let originDegrees: Double

    /// Nil when a piece of edge cannot be placed inside or outside (it lies on the other's boundary).
    func of(_ boundary: AreaBoundary, cuts: [BoundaryCut], insideOf other: AreaBoundary) -> Double? {
        guard let otherBox = other.envelope else { return 0 }
        let radians = Double.pi / 180
        var sum = 0.0
        var next = 0
        for ring in 0..<boundary.ringCount where boundary.ringBoxes[ring].intersects(otherBox) {
            for i in boundary.ringStarts[ring]..<(boundary.ringStarts[ring + 1] - 1) {
                let x0 = boundary.xs[i], y0 = boundary.ys[i], x1 = boundary.xs[i + 1], y1 = boundary.ys[i + 1]
                var fromX = x0, fromY = y0
                var reachedEnd = false
                while !reachedEnd {
                    while next < cuts.count, cuts[next].edge < i { next += 1 }
                    let toX: Double, toY: Double
                    if next < cuts.count, cuts[next].edge == i {
                        toX = x0 + cuts[next].t * (x1 - x0)
                        toY = y0 + cuts[next].t * (y1 - y0)
                        next += 1
                    } else {
                        toX = x1
                        toY = y1
                        reachedEnd = true
                    }
                    let midX = (fromX + toX) / 2, midY = (fromY + toY) / 2
                    if otherBox.contains(Coordinate(x: midX, y: midY)) {
                        switch other.locate(x: midX, y: midY, tolerance: EllipsoidalArea.contactTolerance) {
                        case .inside:
                            sum += density.edgeIntegral(lambda1: (fromX - originDegrees) * radians, phi1: fromY * radians,
                                                        lambda2: (toX - originDegrees) * radians, phi2: toY * radians)
                        case .boundary:
                            return nil
                        case .outside:
                            break
                        }
                    }
                    fromX = toX
                    fromY = toY
                }
            }
        }
        return sum
    }
}
