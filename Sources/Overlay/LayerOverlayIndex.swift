import Enforcement
import Geo

/// The pieces of one reference layer near a group of patches, indexed for overlay: an STRtree over
/// their envelopes, each piece's boundary flattened (and, when needed, parsed into GEOS) at most once.
/// Thread-confined, like all GEOS objects: build one per worker thread and chunk of patches.
public final class LayerOverlayIndex {
    public let layer: ReferenceLayer
    private let pieces: [ReferencePiece]
    private let tree: SpatialIndex
    private var boundaries: [AreaBoundary?]
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
        boundaries = Array(repeating: nil, count: self.pieces.count)
        parsed = Array(repeating: nil, count: self.pieces.count)
    }

    private func boundary(_ i: Int) -> AreaBoundary {
        if let done = boundaries[i] { return done }
        let made = AreaBoundary(lonLat: pieces[i].geometry.shape)
        boundaries[i] = made
        return made
    }

    private func piece(_ i: Int) throws -> ParsedGeometry {
        if let done = parsed[i] { return done }
        let made = try ParsedGeometry(pieces[i].geometry)
        parsed[i] = made
        return made
    }

    /// The patch's overlay with this layer. Each piece's share is measured from the two boundaries
    /// (`EllipsoidalArea.ofIntersection`), without building the intersection; where the boundaries
    /// touch or share edges, GEOS intersects them instead.
    public func overlay(_ patch: PatchProbe) throws -> LayerOverlay {
        var perFeature: [Int64: Double] = [:]
        var perClass: [String: Double] = [:]
        var hits: [(piece: Int, intersection: Geometry?)] = []
        var sum = 0.0
        if let envelope = patch.geometry.envelope {
            for i in try tree.query(envelope).sorted() {
                let candidate = pieces[i]
                let area: Double
                var intersection: Geometry?
                if let exact = EllipsoidalArea.ofIntersection(patch.boundary, boundary(i))?.squareMetres,
                   exact <= min(patch.area.squareMetres, candidate.area.squareMetres) * (1 + 1e-9) {
                    area = exact
                } else {
                    (intersection, area) = try intersectWithGEOS(patch, i)
                }
                guard area > 0 else { continue }
                sum += area
                perFeature[candidate.featureID, default: 0] += area
                if let code = candidate.classCode { perClass[code, default: 0] += area }
                hits.append((i, intersection))
            }
        }
        var total = sum
        // Overlapping features (two approvals on one spot) or an untidy tiling would count twice:
        // then the pieces are dissolved and measured once. Areas add exactly up to rounding, so a
        // tiling's sum may pass the patch's area by an ulp or two without any overlap.
        if perFeature.count > 1, !layer.kind.tiles || sum > patch.area.squareMetres * (1 + 1e-9) {
            let polygons = try hits.flatMap { hit in
                try (hit.intersection ?? patch.parsed().intersection(piece(hit.piece))).shape.polygons
            }
            total = EllipsoidalArea.of(lonLat: try Geometry(.multiPolygon(polygons)).unaryUnion().shape).squareMetres
        }
        total = min(total, patch.area.squareMetres)
        let share = patch.area.squareMetres > 0 ? total / patch.area.squareMetres : 0
        return LayerOverlay(
            layerID: layer.id, layerVersion: layer.version, kind: layer.kind, area: Area(squareMetres: total), share: share,
            features: perFeature.keys.sorted().map { FeatureHit(featureID: $0, area: Area(squareMetres: perFeature[$0]!)) },
            classBreakdown: perClass.mapValues { Area(squareMetres: $0) })
    }

    /// Patch ∩ piece by GEOS, and its area. Fast paths skip the intersection when the patch covers the
    /// piece (the piece's stored area counts) or lies inside it (the patch's own area counts); the
    /// covers tests run only when the envelopes allow them, as an unprepared covers costs as much as
    /// an intersection.
    private func intersectWithGEOS(_ patch: PatchProbe, _ i: Int) throws -> (Geometry?, Double) {
        let candidate = pieces[i]
        let native = try piece(i)
        guard try patch.prepared().intersects(native) else { return (nil, 0) }
        let envelope = patch.geometry.envelope!, pieceEnvelope = candidate.geometry.envelope!
        if envelope.contains(pieceEnvelope), try patch.prepared().covers(native) {
            return (candidate.geometry, candidate.area.squareMetres)
        }
        if pieceEnvelope.contains(envelope), try native.covers(patch.parsed()) {
            return (patch.geometry, patch.area.squareMetres)
        }
        let intersection = try patch.parsed().intersection(native)
        return (intersection, EllipsoidalArea.of(lonLat: intersection.shape).squareMetres)
    }
}

/// A patch prepared for overlay against every layer: its boundary flattened once, and parsed and
/// prepared in GEOS only if some piece needs GEOS.
public final class PatchProbe {
    /// The geometry overlaid: the stored one, or its make-valid form.
    public let geometry: Geometry
    public let boundary: AreaBoundary
    /// The patch's ellipsoidal area (of the repaired geometry when it had to be repaired).
    public let area: Area
    /// True when the stored geometry was invalid and overlay uses its make-valid form.
    public let usesRepair: Bool
    private var parsedGeometry: ParsedGeometry?
    private var preparedGeometry: PreparedGeometry?

    /// - Parameter isInvalid: the stored geometry is invalid and unrepaired; overlay then works on
    ///   its make-valid form, as GEOS cannot intersect an invalid polygon.
    public init(geometry: Geometry, area: Area, isInvalid: Bool = false) throws {
        self.geometry = isInvalid ? try geometry.madeValid() : geometry
        let shape = self.geometry.shape
        boundary = AreaBoundary(lonLat: shape)
        self.area = isInvalid ? EllipsoidalArea.of(lonLat: shape) : area
        usesRepair = isInvalid
    }

    func parsed() throws -> ParsedGeometry {
        if let done = parsedGeometry { return done }
        let made = try ParsedGeometry(geometry)
        parsedGeometry = made
        return made
    }

    func prepared() throws -> PreparedGeometry {
        if let done = preparedGeometry { return done }
        let made = try PreparedGeometry(geometry)
        preparedGeometry = made
        return made
    }
}
