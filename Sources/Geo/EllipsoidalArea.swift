import Foundation

/// Ellipsoidal areas (椭球面积) of polygons whose edges are straight lines in longitude/latitude.
///
/// This is the land survey's convention: the 2008 notice on 图斑椭球面积 (国土调查办发〔2008〕32号) sums
/// ellipsoidal trapezoids bounded by meridians and parallels, i.e. it treats every edge as straight in
/// (L, B). It is also the only convention under which overlay is exact: GEOS cuts patches in
/// longitude/latitude, so the pieces' new edges are straight there, and a measure with a positive density
/// on the (λ, φ) plane is additive and monotone: pieces that tile a patch sum to its area (to rounding)
/// and no piece exceeds the patch. Geodesic edges (Karney's algorithm) would break both by up to 1e-7.
///
/// The area element is dA = M·N·cos φ dφ dλ = g(φ) dφ dλ with g(φ) = a²(1−e²)·cos φ / (1 − e² sin²φ)², so by
/// Green's theorem a ring encloses |∮ (λ − λ₀) g(φ) dφ|. Along a straight edge the integrand is smooth,
/// and Gauss-Legendre quadrature of order 4 over steps of at most 0.05 rad integrates it to rounding.
/// A one-degree map sheet measures exactly the 图幅理论面积 of the same notice. Rings must not cross the
/// antimeridian or enclose a pole (no Chinese data does).
public enum EllipsoidalArea {
    /// Area of a polygonal geometry whose coordinates are longitude/latitude degrees on `ellipsoid`.
    /// Holes are subtracted; ring orientation does not matter; non-polygonal parts count zero.
    public static func of(lonLat shape: Shape, on ellipsoid: Ellipsoid = .cgcs2000) -> Area {
        let density = AreaDensity(ellipsoid)
        var total = 0.0
        for polygon in shape.polygons {
            for (index, ring) in polygon.rings.enumerated() {
                let ringArea = abs(density.ringIntegral(ring))
                total += index == 0 ? ringArea : -ringArea
            }
        }
        return Area(squareMetres: total)
    }

    /// Area of a geometry in any CRS: reprojected to the geographic CRS of its own datum, then measured
    /// on that datum's ellipsoid (CGCS2000 for EPSG:4490 and the Gauss-Krüger zones 4513-4554).
    public static func of(_ geometry: Geometry, in crs: CRS) throws -> Area {
        let info = try crs.info()
        let lonLat = info.isGeographic ? geometry.shape
            : try CoordinateTransformer.cached(from: crs, to: info.geographicCRS).transform(geometry.shape)
        return of(lonLat: lonLat, on: info.ellipsoid)
    }
}

/// The area density g(φ) of an ellipsoid and its integral around a ring.
struct AreaDensity {
    /// a²(1−e²), m².
    let scale: Double
    let eccentricitySquared: Double

    init(_ ellipsoid: Ellipsoid) {
        let f = ellipsoid.flattening
        eccentricitySquared = f * (2 - f)
        scale = ellipsoid.semiMajorAxisMetres * ellipsoid.semiMajorAxisMetres * (1 - eccentricitySquared)
    }

    /// g(φ) in m² per radian², φ in radians.
    func density(_ phi: Double) -> Double {
        let sine = sin(phi)
        let w = 1 - eccentricitySquared * sine * sine
        return scale * cos(phi) / (w * w)
    }

    /// ∮ (λ − λ₀) g(φ) dφ in m², signed (positive when counter-clockwise in lon/lat). λ₀ is the ring's
    /// first longitude: ∮ g dφ vanishes on a closed ring, so the offset changes nothing but keeps the terms
    /// as small as the ring, not as large as the hemisphere.
    func ringIntegral(_ ring: Ring) -> Double {
        guard ring.count >= 3 else { return 0 }
        let radians = Double.pi / 180
        let origin = ring[0].x
        var sum = 0.0
        for index in ring.indices {
            let start = ring[index]
            let end = ring[(index + 1) % ring.count]
            sum += edgeIntegral(lambda1: (start.x - origin) * radians, phi1: start.y * radians,
                                lambda2: (end.x - origin) * radians, phi2: end.y * radians)
        }
        return sum
    }

    /// ∫ λ g(φ) dφ along the straight edge (λ₁, φ₁) → (λ₂, φ₂), in steps of at most `maximumStep` radians.
    func edgeIntegral(lambda1: Double, phi1: Double, lambda2: Double, phi2: Double) -> Double {
        let deltaPhi = phi2 - phi1
        guard deltaPhi != 0 else { return 0 }
        let steps = max(1, Int((abs(deltaPhi) / Self.maximumStep).rounded(.up)))
        let deltaLambda = lambda2 - lambda1
        var sum = 0.0
        for step in 0..<steps {
            for (node, weight) in Self.gaussLegendre {
                let t = (Double(step) + node) / Double(steps)
                sum += weight * (lambda1 + t * deltaLambda) * density(phi1 + t * deltaPhi)
            }
        }
        return sum * deltaPhi / Double(steps)
    }

    private static let maximumStep = 0.05
    /// Gauss-Legendre nodes and weights of order 4, mapped to [0, 1].
    private static let gaussLegendre: [(node: Double, weight: Double)] = {
        let x1 = 0.339_981_043_584_856_3, x2 = 0.861_136_311_594_052_6
        let w1 = 0.652_145_154_862_546_1, w2 = 0.347_854_845_137_453_9
        return [(-x2, w2), (-x1, w1), (x1, w1), (x2, w2)].map { ((1 + $0.0) / 2, $0.1 / 2) }
    }()
}
