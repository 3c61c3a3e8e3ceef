import Geo
import GeoIO

/// What every imported feature goes through: validity check (and make-valid when asked),
/// reprojection to CGCS2000 longitude/latitude (EPSG:4490), and its ellipsoidal area (of the
/// make-valid form when an invalid geometry is kept unrepaired).
struct FeaturePreparation {
    let path: String
    let sourceCRS: CRS
    let sourceIsGeographic: Bool
    let repairInvalid: Bool

    init(path: String, sourceCRS: CRS, repairInvalid: Bool) throws {
        self.path = path
        self.sourceCRS = sourceCRS
        self.sourceIsGeographic = try sourceCRS.info().isGeographic
        self.repairInvalid = repairInvalid
    }

    struct Prepared {
        /// In EPSG:4490.
        let geometry: Geometry
        let area: Area
        let invalidReason: String?
        let repaired: Bool
    }

    func prepare(_ geometry: Geometry, fid: Int64) throws -> Prepared {
        if sourceIsGeographic, let e = geometry.envelope,
           e.minX < -180 || e.maxX > 360 || e.minY < -90 || e.maxY > 90 {
            throw GeoIOError.coordinatesOutOfRange(path: path, feature: fid, crs: sourceCRS.description)
        }
        var working = geometry
        let validity = try geometry.validity()
        var repaired = false
        if !validity.isValid, repairInvalid {
            working = try geometry.madeValid()
            repaired = true
        }
        let stored = try working.transformed(from: sourceCRS, to: .cgcs2000)
        // An invalid geometry kept as delivered is measured on its make-valid form, as overlay uses it:
        // measured as drawn, a bow-tie's two lobes would cancel to almost nothing.
        let measured = validity.isValid || repaired ? stored : try stored.madeValid()
        return Prepared(geometry: stored, area: EllipsoidalArea.of(lonLat: measured.shape, on: .cgcs2000),
                        invalidReason: validity.isValid ? nil : validity.reason, repaired: repaired)
    }
}

/// An invalid geometry met during an import: where, why, and whether it was repaired.
public struct InvalidGeometryNote: Sendable, Equatable {
    /// The patch code, or the feature id for layer features.
    public let feature: String
    public let reason: String
    public let repaired: Bool
}
