import Geo
import GeoIO

/// A change found in imagery (疑似变化图斑): a polygon in CGCS2000 longitude/latitude with its
/// ellipsoidal area, the kind of change and how sure the detection is.
public struct CandidatePatch: Sendable {
    /// EPSG:4490, longitude/latitude.
    public let geometry: Geometry
    public let area: Area
    public let changeType: ChangeType
    /// Mean confidence of its pixels, 0–1.
    public let confidence: Double
    public let pixelCount: Int
}

/// From a detection raster to patches: regions smaller than the minimum mapping unit are sieved
/// out (`GDALSieveFilter`), then the rest traced into polygons (`GDALPolygonize`), simplified by half a
/// pixel, reprojected to CGCS2000 and measured on the ellipsoid.
public enum CandidateExtraction {
    /// The ground area of the pixel at the centre of a georeferenced grid, on its own datum's ellipsoid.
    public static func pixelArea(of grid: RasterGrid) throws -> Area? {
        guard let crs = grid.crs, let corner = grid.position(column: Double(grid.width / 2), row: Double(grid.height / 2)),
              let opposite = grid.position(column: Double(grid.width / 2 + 1), row: Double(grid.height / 2 + 1)) else { return nil }
        let box = Envelope(minX: min(corner.x, opposite.x), minY: min(corner.y, opposite.y),
                           maxX: max(corner.x, opposite.x), maxY: max(corner.y, opposite.y))
        return try EllipsoidalArea.of(Geometry(rectangle: box), in: crs)
    }

    /// The number of pixels a region needs to reach `area` (at least 1).
    public static func minimumPixels(for area: Area, pixelArea: Area) -> Int {
        max(1, Int((area.squareMetres / pixelArea.squareMetres).rounded(.up)))
    }

    /// Removes changed regions smaller than `minimumPixels` from the mask band of `raster`, in place;
    /// `progress` gets the fraction done.
    public static func sieve(_ raster: ByteRaster, minimumPixels: Int, progress: ((Double) -> Void)? = nil) throws(DetectionError) {
        try geoIO { try raster.sieve(band: DetectionBand.mask.rawValue, minimumPixels: minimumPixels, progress: progress) }
    }

    /// Traces the changed regions of a (sieved) detection raster into patches; `progress` gets the
    /// fraction done.
    public static func patches(in raster: ByteRaster, progress: ((Double) -> Void)? = nil) throws(DetectionError) -> [CandidatePatch] {
        guard let crs = raster.grid.crs, let transform = raster.grid.geoTransform else {
            throw .imagesDiffer("影像没有地理参考，无法生成图斑 / the images have no georeference, so no patches can be drawn")
        }
        let regions = try geoIO {
            try raster.polygons(band: DetectionBand.mask.rawValue,
                                summarising: [DetectionBand.changeType.rawValue, DetectionBand.confidence.rawValue], progress: progress)
        }
        let halfPixel = 0.5 * min(abs(transform[1]), abs(transform[5]))
        do {
            return try regions.map { region in
                let traced = try Geometry(wkb: region.wkb)
                let lonLat = try traced.simplified(tolerance: halfPixel).transformed(from: crs, to: .cgcs2000)
                let types = region.pixelValues[0], confidence = region.pixelValues[1]
                var votes = [Int](repeating: 0, count: ChangeType.allCases.count + 1)
                for code in types where Int(code) < votes.count { votes[Int(code)] += 1 }
                let winner = votes.indices.dropFirst().max { votes[$0] < votes[$1] } ?? ChangeType.other.rawValue
                let meanConfidence = confidence.isEmpty ? 0 : Double(confidence.reduce(0) { $0 + Int($1) }) / Double(confidence.count) / 255
                return CandidatePatch(geometry: lonLat, area: EllipsoidalArea.of(lonLat: lonLat.shape),
                                      changeType: ChangeType(rawValue: winner) ?? .other, confidence: meanConfidence, pixelCount: types.count)
            }
        } catch let error as DetectionError {
            throw error
        } catch {
            throw .imagesDiffer("图斑生成失败 / patches could not be traced: \(error)")
        }
    }
}
