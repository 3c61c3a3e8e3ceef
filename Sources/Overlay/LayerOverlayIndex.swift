import Enforcement
import Geo

/// The pieces of one reference layer near a group of patches, indexed for overlay: an STRtree over
/// their envelopes, each piece parsed into GEOS at most once. Thread-confined, like all GEOS objects:
/// build one per worker thread and chunk of patches.
public final class LayerOverlayIndex {
    public let layer: ReferenceLayer
    private let pieces: [ReferencePiece]
    private let tree: SpatialIndex
    private var parsed: [ParsedGeometry?]

    /// Invalid pieces are replaced by their make-valid form (GEOS cannot intersect invalid polygons),
    /// with the area re-measured; the stored feature keeps what was delivered.
    public init(layer: ReferenceLayer, pieces: [ReferencePiece]) throws {
        self.layer = layer
        self.pieces = try pieces.filter { $0.geometry.envelope != nil }.map { piece in
            guard piece.isInvalid else { return piece }
            let valid = try piece.geometry.madeValid()
            return ReferencePiece(featureID: piece.featureID, classCode: piece.classCode, geometry: valid,
                                  area: EllipsoidalArea.of(lonLat: valid.shape))
        }
        tree = try SpatialIndex(envelopes: self.pieces.map { $0.geometry.envelope! })
        parsed = Array(repeating: nil, count: self.pieces.count)
    }

    private func piece(_ i: Int) throws -> ParsedGeometry {
        if let done = parsed[i] { return done }
        let made = try ParsedGeometry(pieces[i].geometry)
        parsed[i] = made
        return made
    }

    /// The patch's overlay with this layer. Fast paths skip the intersection when the patch covers a
    /// piece (the piece's stored area counts) or lies inside one (the patch's own area counts); the
    /// covers tests run only when the envelopes allow them, as an unprepared covers costs as much as
    /// an intersection.
    public func overlay(_ patch: PatchProbe) throws -> LayerOverlay {
        var perFeature: [Int64: Double] = [:]
        var perClass: [String: Double] = [:]
        var contributed: [Geometry] = []
        var sum = 0.0
        if let envelope = patch.parsed.geometry.envelope {
            for i in try tree.query(envelope).sorted() {
                let candidate = pieces[i]
                let native = try piece(i)
                guard try patch.prepared.intersects(native) else { continue }
                let pieceEnvelope = candidate.geometry.envelope!
                let piece: Geometry
                let area: Double
                if envelope.contains(pieceEnvelope), try patch.prepared.covers(native) {
                    piece = candidate.geometry
                    area = candidate.area.squareMetres
                } else if pieceEnvelope.contains(envelope), try native.covers(patch.parsed) {
                    piece = patch.parsed.geometry
                    area = patch.area.squareMetres
                } else {
                    piece = try patch.parsed.intersection(native)
                    area = EllipsoidalArea.of(lonLat: piece.shape).squareMetres
                }
                guard area > 0 else { continue }
                sum += area
                perFeature[candidate.featureID, default: 0] += area
                if let code = candidate.classCode { perClass[code, default: 0] += area }
                contributed.append(piece)
            }
        }
        var total = sum
        // Overlapping features (two approvals on one spot) or an untidy tiling would count twice:
        // then the pieces are dissolved and measured once. Areas add exactly up to rounding, so a
        // tiling's sum may pass the patch's area by an ulp or two without any overlap.
        if perFeature.count > 1, !layer.kind.tiles || sum > patch.area.squareMetres * (1 + 1e-9) {
            let polygons = contributed.flatMap { $0.shape.polygons }
            total = EllipsoidalArea.of(lonLat: try Geometry(.multiPolygon(polygons)).unaryUnion().shape).squareMetres
        }
        total = min(total, patch.area.squareMetres)
        let share = patch.area.squareMetres > 0 ? total / patch.area.squareMetres : 0
        return LayerOverlay(
            layerID: layer.id, layerVersion: layer.version, kind: layer.kind, area: Area(squareMetres: total), share: share,
            features: perFeature.keys.sorted().map { FeatureHit(featureID: $0, area: Area(squareMetres: perFeature[$0]!)) },
            classBreakdown: perClass.mapValues { Area(squareMetres: $0) })
    }
}

/// A patch prepared for overlay against every layer: parsed and prepared once.
public final class PatchProbe {
    public let parsed: ParsedGeometry
    public let prepared: PreparedGeometry
    /// The patch's ellipsoidal area (of the repaired geometry when it had to be repaired).
    public let area: Area
    /// True when the stored geometry was invalid and overlay uses its make-valid form.
    public let usesRepair: Bool

    /// - Parameter isInvalid: the stored geometry is invalid and unrepaired; overlay then works on
    ///   its make-valid form, as GEOS cannot intersect an invalid polygon.
    public init(geometry: Geometry, area: Area, isInvalid: Bool = false) throws {
        let usable = isInvalid ? try geometry.madeValid() : geometry
        parsed = try ParsedGeometry(usable)
        prepared = try PreparedGeometry(usable)
        self.area = isInvalid ? EllipsoidalArea.of(lonLat: usable.shape) : area
        usesRepair = isInvalid
    }
}
