import Demo
import Enforcement
import Foundation
import Geo
import Overlay
import Testing

/// Cases small enough to compute by hand: expected areas are the ellipsoidal areas of polygons built
/// directly, so the engine must produce exactly those pieces (to 1e-9 relative).
@Suite("Overlay of one patch on one layer")
struct LayerOverlayIndexTests {
    /// A rectangle in units of 0.001° around lon 113.2, lat 23.1 (about 100 m per unit).
    static func box(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Geometry {
        let u = 0.001
        return Geometry(rectangle: Envelope(minX: 113.2 + x0 * u, minY: 23.1 + y0 * u, maxX: 113.2 + x1 * u, maxY: 23.1 + y1 * u))
    }

    static func area(_ g: Geometry) -> Area { EllipsoidalArea.of(lonLat: g.shape) }

    static func layer(_ kind: LayerKind, id: Int64 = 1, version: Int = 1) -> ReferenceLayer {
        ReferenceLayer(id: id, kind: kind, name: "test", version: version, sourcePath: "", sourceCRS: "EPSG:4490",
                       classField: nil, featureCount: 0, totalArea: .zero, importedAt: .init(timeIntervalSince1970: 0))
    }

    static func piece(_ id: Int64, _ g: Geometry, class code: String? = nil) -> ReferencePiece {
        ReferencePiece(featureID: id, classCode: code, geometry: g, area: area(g))
    }

    static func overlay(_ patch: Geometry, _ kind: LayerKind, _ pieces: [ReferencePiece], invalid: Bool = false) throws -> LayerOverlay {
        try LayerOverlayIndex(layer: layer(kind), pieces: pieces).overlay(PatchProbe(geometry: patch, area: area(patch), isInvalid: invalid))
    }

    static func close(_ a: Area, _ b: Area, _ tolerance: Double = 1e-9) -> Bool {
        abs(a.squareMetres - b.squareMetres) <= tolerance * max(abs(b.squareMetres), 1e-9)
    }

    @Test("A patch half on one parcel and half on another gets each half's area, by feature and by class")
    func halfAndHalf() throws {
        let patch = Self.box(0.5, 0.25, 1.5, 0.75)
        let result = try Self.overlay(patch, .cultivatedLand, [Self.piece(1, Self.box(0, 0, 1, 1), class: "0101"),
                                                                Self.piece(2, Self.box(1, 0, 2, 1), class: "0103")])
        let left = Self.area(Self.box(0.5, 0.25, 1, 0.75)), right = Self.area(Self.box(1, 0.25, 1.5, 0.75))
        #expect(result.features.map(\.featureID) == [1, 2])
        #expect(Self.close(result.features[0].area, left))
        #expect(Self.close(result.features[1].area, right))
        #expect(Self.close(result.classBreakdown["0101"]!, left))
        #expect(Self.close(result.classBreakdown["0103"]!, right))
        #expect(Self.close(result.area, Self.area(patch)))
        #expect(abs(result.share - 1) < 1e-9)
        #expect(Self.close(result.cultivatedArea, Self.area(patch)))
    }

    @Test("A feature's hole does not count: the patch gets the feature minus the hole")
    func hole() throws {
        let outer = Self.box(0, 0, 4, 4), holeBox = Self.box(1, 1, 3, 3)
        let withHole = Geometry(.polygon(Polygon(exterior: outer.shape.polygons[0].exterior, holes: [holeBox.shape.polygons[0].exterior])))
        let patch = Self.box(2, 2, 5, 3.5)
        let result = try Self.overlay(patch, .basicFarmland, [Self.piece(7, withHole)])
        // patch ∩ feature = [2,4]×[2,3.5] minus [2,3]×[2,3]: an L shape with exactly these vertices
        // (subtracting two boxes would measure other geodesic edges).
        let u = 0.001
        let l = [(3, 2), (4, 2), (4, 3.5), (2, 3.5), (2, 3), (3, 3), (3, 2)].map { Coordinate(x: 113.2 + $0.0 * u, y: 23.1 + $0.1 * u) }
        #expect(Self.close(result.area, Self.area(Geometry(.polygon(Polygon(exterior: l)))), 1e-9))
        #expect(result.features.map(\.featureID) == [7])
    }

    @Test("A patch crossing a shared edge is not counted twice: the layer total equals the patch")
    func sharedEdge() throws {
        let patch = Self.box(0.2, 0.2, 1.8, 0.4)
        let result = try Self.overlay(patch, .cultivatedLand, [Self.piece(1, Self.box(0, 0, 1, 1)), Self.piece(2, Self.box(1, 0, 2, 1))])
        #expect(Self.close(result.area, Self.area(patch)))
        #expect(result.area <= Self.area(patch))
        #expect(Self.close(result.features[0].area + result.features[1].area, Self.area(patch)))
    }

    @Test("A patch exactly on a parcel gets that parcel's area and nothing of the neighbour it touches")
    func exactlyOnParcel() throws {
        let parcel = Self.box(0, 0, 1, 1)
        let result = try Self.overlay(parcel, .cultivatedLand, [Self.piece(1, parcel, class: "0101"), Self.piece(2, Self.box(1, 0, 2, 1), class: "0102")])
        #expect(result.features.map(\.featureID) == [1])
        #expect(result.area == Self.area(parcel))
        #expect(result.classBreakdown.keys.sorted() == ["0101"])
    }

    @Test("A patch inside a large feature gets its own area (fast path, no intersection)")
    func insideFeature() throws {
        let patch = Self.box(1, 1, 1.3, 1.2)
        let result = try Self.overlay(patch, .ecologicalRedLine, [Self.piece(3, Self.box(0, 0, 10, 10))])
        #expect(result.area == Self.area(patch))
        #expect(result.share == 1)
    }

    @Test("Two overlapping approvals both covering a patch count it once")
    func overlappingApprovals() throws {
        let patch = Self.box(1, 1, 2, 2)
        let result = try Self.overlay(patch, .approvedLand, [Self.piece(1, Self.box(0, 0, 3, 3)), Self.piece(2, Self.box(0.5, 0.5, 2.5, 2.5))])
        #expect(result.features.count == 2)
        #expect(Self.close(result.area, Self.area(patch)))
    }

    @Test("Two overlapping approvals each covering part of a patch count their union")
    func overlappingApprovalsPartly() throws {
        let patch = Self.box(0, 0, 4, 1)
        let result = try Self.overlay(patch, .approvedLand, [Self.piece(1, Self.box(0, 0, 2, 1)), Self.piece(2, Self.box(1, 0, 3, 1))])
        #expect(Self.close(result.area, Self.area(Self.box(0, 0, 3, 1)), 1e-8))
    }

    @Test("A patch away from every feature has zero area and no features")
    func noOverlap() throws {
        let result = try Self.overlay(Self.box(5, 5, 6, 6), .basicFarmland, [Self.piece(1, Self.box(0, 0, 1, 1))])
        #expect(result.area == .zero)
        #expect(result.features.isEmpty)
        #expect(result.share == 0)
    }

    @Test("A subdivided feature gives the same overlay area as the whole feature")
    func subdividedEqualsWhole() throws {
        let blob = Geometry(.polygon(Polygon(exterior: (0...2000).map { k -> Coordinate in
            let t = 2 * Double.pi * Double(k % 2000) / 2000
            let wobble: Double = 0.2 * sin(7 * t) + 0.05 * sin(61 * t)
            let r: Double = 0.02 * (1 + wobble)
            return Coordinate(x: 113.2 + r * cos(t), y: 23.1 + r * sin(t))
        })))
        let parts = try blob.subdivided(maxVertices: 64)
        #expect(parts.count > 10)
        let patch = Self.box(-5, -5, 15, 3)
        let whole = try Self.overlay(patch, .ecologicalRedLine, [Self.piece(1, blob)])
        let cut = try Self.overlay(patch, .ecologicalRedLine, parts.map { Self.piece(1, $0) })
        #expect(Self.close(cut.area, whole.area, 1e-9))
        #expect(Self.close(parts.reduce(Area.zero) { $0 + Self.area($1) }, Self.area(blob), 1e-9))
    }

    @Test("An invalid patch is overlaid on its make-valid form")
    func invalidPatch() throws {
        let u = 0.001
        let bowTie = Geometry(.polygon(Polygon(exterior: [
            Coordinate(x: 113.2, y: 23.1), Coordinate(x: 113.2 + 2 * u, y: 23.1 + 2 * u),
            Coordinate(x: 113.2 + 2 * u, y: 23.1), Coordinate(x: 113.2, y: 23.1 + 2 * u), Coordinate(x: 113.2, y: 23.1),
        ])))
        let result = try Self.overlay(bowTie, .cultivatedLand, [Self.piece(1, Self.box(0, 0, 4, 4))], invalid: true)
        #expect(Self.close(result.area, Self.area(try bowTie.madeValid())))
        #expect(abs(result.share - 1) < 1e-9)
    }
}

@Suite("Overlay properties on random patches")
struct OverlayPropertyTests {
    @Test("On a layer tiling the plane, per-layer area never exceeds the patch and the sum equals it to 1e-9")
    func tilingSumsToPatch() throws {
        var rng = SeededGenerator(seed: 2024)
        // A 12 × 12 grid of jittered quadrilaterals sharing their vertices: a tiling.
        let n = 12, u = 0.001
        let vertices = (0...n).map { i in (0...n).map { j in
            let edge = i == 0 || j == 0 || i == n || j == n
            return Coordinate(x: 113.2 + (Double(i) + (edge ? 0 : Double.random(in: -0.3...0.3, using: &rng))) * u,
                              y: 23.1 + (Double(j) + (edge ? 0 : Double.random(in: -0.3...0.3, using: &rng))) * u)
        } }
        var pieces: [ReferencePiece] = []
        for i in 0..<n { for j in 0..<n {
            let ring = [vertices[i][j], vertices[i + 1][j], vertices[i + 1][j + 1], vertices[i][j + 1], vertices[i][j]]
            pieces.append(LayerOverlayIndexTests.piece(Int64(i * n + j), Geometry(.polygon(Polygon(exterior: ring))), class: "0101"))
        } }
        let index = try LayerOverlayIndex(layer: LayerOverlayIndexTests.layer(.cultivatedLand), pieces: pieces)
        for _ in 0..<60 {
            let cx = 113.2 + Double.random(in: 2...10, using: &rng) * u, cy = 23.1 + Double.random(in: 2...10, using: &rng) * u
            let r = Double.random(in: 0.1...1.8, using: &rng) * u
            let k = Int.random(in: 5...9, using: &rng)
            var ring = (0..<k).map { m -> Coordinate in
                let t = 2 * Double.pi * Double(m) / Double(k)
                let rr = r * Double.random(in: 0.7...1.0, using: &rng)
                return Coordinate(x: cx + rr * cos(t), y: cy + rr * sin(t))
            }
            ring.append(ring[0])
            let patch = Geometry(.polygon(Polygon(exterior: ring)))
            let patchArea = LayerOverlayIndexTests.area(patch)
            let result = try index.overlay(PatchProbe(geometry: patch, area: patchArea))
            #expect(result.area <= patchArea)
            let sum = result.features.reduce(0.0) { $0 + $1.area.squareMetres }
            #expect(abs(sum - patchArea.squareMetres) <= 1e-9 * patchArea.squareMetres)
            #expect(abs(result.area.squareMetres - patchArea.squareMetres) <= 1e-9 * patchArea.squareMetres)
        }
    }

    @Test("Random polygons measured from their boundaries get the area of GEOS's intersection, to 1e-9")
    func boundaryIntegralMatchesGEOS() throws {
        var rng = SeededGenerator(seed: 20_240_301)
        func star() -> Geometry {
            let cx = 113.2 + Double.random(in: 0...0.01, using: &rng), cy = 23.1 + Double.random(in: 0...0.01, using: &rng)
            let k = Int.random(in: 5...24, using: &rng)
            var ring = (0..<k).map { m -> Coordinate in
                let t = 2 * Double.pi * (Double(m) + Double.random(in: 0...0.8, using: &rng)) / Double(k)
                let r = Double.random(in: 0.001...0.006, using: &rng)
                return Coordinate(x: cx + r * cos(t), y: cy + r * sin(t))
            }
            ring.append(ring[0])
            return Geometry(.polygon(Polygon(exterior: ring)))
        }
        var overlapping = 0
        for _ in 0..<300 {
            let patch = star(), piece = star()
            let probe = try PatchProbe(geometry: patch, area: LayerOverlayIndexTests.area(patch))
            let expected = LayerOverlayIndexTests.area(try patch.intersection(piece))
            let measured = try #require(EllipsoidalArea.ofIntersection(probe.boundary, AreaBoundary(lonLat: piece.shape)))
            #expect(abs(measured.squareMetres - expected.squareMetres) <= 1e-9 * max(expected.squareMetres, 1))
            let result = try LayerOverlayIndex(layer: LayerOverlayIndexTests.layer(.cultivatedLand),
                                               pieces: [LayerOverlayIndexTests.piece(1, piece)]).overlay(probe)
            #expect(LayerOverlayIndexTests.close(result.area, expected) || expected.squareMetres == 0 && result.area.squareMetres == 0)
            if expected.squareMetres > 0 { overlapping += 1 }
        }
        #expect(overlapping > 150)
    }
}
