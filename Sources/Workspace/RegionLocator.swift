import Enforcement
import Geo

/// Finds the most specific region containing a geometry's interior point: regions are prepared once
/// and found through an STRtree, so locating thousands of patches costs one point test each.
/// Thread-confined (GEOS objects).
final class RegionLocator {
    private let regions: [Region]
    private let prepared: [PreparedGeometry]
    private let index: SpatialIndex

    init(regions: [Region]) throws {
        // Smallest first, so the first hit is the most specific (county before city before province).
        self.regions = regions.sorted { $0.area < $1.area }
        prepared = try self.regions.map { try PreparedGeometry($0.boundary) }
        index = try SpatialIndex(envelopes: self.regions.map { $0.boundary.envelope ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0) })
    }

    var isEmpty: Bool { regions.isEmpty }

    /// The code of the smallest region whose boundary covers the geometry's point-on-surface.
    func locate(_ geometry: Geometry) throws -> RegionCode? {
        guard !regions.isEmpty, let point = try geometry.pointOnSurface() else { return nil }
        let probe = Geometry(.point(point))
        let candidates = try index.query(Envelope(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y)).sorted()
        for i in candidates where try prepared[i].covers(probe) {
            return regions[i].code
        }
        return nil
    }
}
