import CPROJ

/// Ellipsoidal (geodesic) areas, the official 椭球面积: polygons on the ellipsoid with geodesic edges,
/// computed by Karney's algorithm in PROJ (`geod_init` + `geod_polygonarea`). Holes are subtracted;
/// ring orientation does not matter.
public enum EllipsoidalArea {
    /// Area of a polygonal geometry whose coordinates are longitude/latitude degrees on `ellipsoid`.
    /// Non-polygonal parts count zero.
    public static func of(lonLat shape: Shape, on ellipsoid: Ellipsoid = .cgcs2000) -> Area {
        var geodesic = geod_geodesic()
        geod_init(&geodesic, ellipsoid.semiMajorAxisMetres, ellipsoid.flattening)
        var total = 0.0
        for polygon in shape.polygons {
            for (index, ring) in polygon.rings.enumerated() {
                let ringArea = abs(ringArea(ring, &geodesic))
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

    private static func ringArea(_ ring: Ring, _ geodesic: inout geod_geodesic) -> Double {
        // geod_polygonarea closes the ring itself; a repeated closing vertex would add a zero-length edge.
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return 0 }
        var lats = points.map(\.y)
        var lons = points.map(\.x)
        var area = 0.0, perimeter = 0.0
        geod_polygonarea(&geodesic, &lats, &lons, Int32(points.count), &area, &perimeter)
        return area
    }
}
