import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

@Suite("Reference layers in the store")
struct LayerStoreTests {
    /// Three farmland parcels in Liwan: two side by side, one further north-east.
    static func firstVersion() throws -> [ReferenceFeature] {
        [
            try feature(fid: 0, wkt: squareWKT(lon: 113.20, lat: 23.10, size: 0.01), attributes: ["DLBM": .string("0101"), "TBBH": .integer(1)]),
            try feature(fid: 1, wkt: squareWKT(lon: 113.22, lat: 23.10, size: 0.01), attributes: ["DLBM": .string("0102"), "TBBH": .integer(2)]),
            try feature(fid: 2, wkt: squareWKT(lon: 113.30, lat: 23.20, size: 0.02), classCode: "0103",
                        attributes: ["DLBM": .string("0103"), "TBBH": .integer(3), "BZ": .null]),
        ]
    }

    static func secondVersion() throws -> [ReferenceFeature] {
        [
            try feature(fid: 10, wkt: squareWKT(lon: 113.50, lat: 23.50, size: 0.01)),
            try feature(fid: 11, wkt: squareWKT(lon: 113.52, lat: 23.50, size: 0.01)),
        ]
    }

    @Test("A new layer is version 1 with its feature count and the sum of its features' areas")
    func firstImport() throws {
        let fixture = try StoreFixture()
        let features = try Self.firstVersion()
        let layer = try replaceLayer(fixture.store, draft(), features)
        #expect(layer.version == 1)
        #expect(layer.kind == .basicFarmland)
        #expect(layer.name == "永久基本农田2024")
        #expect(layer.sourcePath == "/data/jbnt.shp")
        #expect(layer.sourceCRS == "EPSG:4547")
        #expect(layer.classField == "DLBM")
        #expect(layer.featureCount == 3)
        let sum = features.map(\.area.squareMetres).reduce(0, +)
        #expect(isClose(layer.totalArea.squareMetres, sum, relative: 1e-12))
        #expect(try fixture.store.layers() == [layer])
    }

    @Test("Features come back with every field as added, the layer id filled in")
    func featuresRoundTrip() throws {
        let fixture = try StoreFixture()
        let features = try Self.firstVersion()
        let layer = try replaceLayer(fixture.store, draft(), features)
        let stored = try fixture.store.features(ofLayer: layer.id, intersecting: nil)
        let expected = features.map {
            ReferenceFeature(layerID: layer.id, sourceFID: $0.sourceFID, classCode: $0.classCode, geometry: $0.geometry,
                             area: $0.area, invalidReason: $0.invalidReason, repaired: $0.repaired, attributes: $0.attributes)
        }
        #expect(stored == expected)
    }

    @Test("Replacing the same kind and name gives version 2 with only the new features")
    func replaceGivesVersion2() throws {
        let fixture = try StoreFixture()
        let first = try replaceLayer(fixture.store, draft(), try Self.firstVersion())
        let second = try replaceLayer(fixture.store, draft(source: "/data/jbnt-2.shp"), try Self.secondVersion())
        #expect(second.id == first.id)
        #expect(second.version == 2)
        #expect(second.featureCount == 2)
        #expect(second.sourcePath == "/data/jbnt-2.shp")
        let sum = try Self.secondVersion().map(\.area.squareMetres).reduce(0, +)
        #expect(isClose(second.totalArea.squareMetres, sum, relative: 1e-12))
        #expect(try fixture.store.features(ofLayer: second.id, intersecting: nil).map(\.sourceFID) == [10, 11])
        #expect(try fixture.store.layers().map(\.version) == [2])
    }

    @Test("Replaced features are gone from the spatial index too")
    func replacedFeaturesLeaveTheIndex() throws {
        let fixture = try StoreFixture()
        let first = try replaceLayer(fixture.store, draft(), try Self.firstVersion())
        let overOldFeature = Envelope(minX: 113.201, minY: 23.101, maxX: 113.202, maxY: 23.102)
        #expect(try fixture.store.features(ofLayer: first.id, intersecting: overOldFeature).map(\.sourceFID) == [0])
        let second = try replaceLayer(fixture.store, draft(), try Self.secondVersion())
        #expect(try fixture.store.features(ofLayer: second.id, intersecting: overOldFeature).isEmpty)
        let overNew = Envelope(minX: 113.505, minY: 23.505, maxX: 113.506, maxY: 23.506)
        #expect(try fixture.store.features(ofLayer: second.id, intersecting: overNew).map(\.sourceFID) == [10])
    }

    @Test("A different kind or name is a different layer, each at version 1")
    func layersAreKeyedByKindAndName() throws {
        let fixture = try StoreFixture()
        try replaceLayer(fixture.store, draft(.basicFarmland, "2024"), try Self.firstVersion())
        try replaceLayer(fixture.store, draft(.ecologicalRedLine, "2024"), try Self.secondVersion())
        try replaceLayer(fixture.store, draft(.basicFarmland, "2023"), try Self.secondVersion())
        let layers = try fixture.store.layers()
        #expect(layers.map { "\($0.kind.rawValue)/\($0.name)/v\($0.version)/\($0.featureCount)" } ==
                ["basicFarmland/2023/v1/2", "basicFarmland/2024/v1/3", "ecologicalRedLine/2024/v1/2"])
    }

    @Test("Replacing one layer leaves another layer's features alone")
    func replaceIsPerLayer() throws {
        let fixture = try StoreFixture()
        let farmland = try replaceLayer(fixture.store, draft(.basicFarmland, "2024"), try Self.firstVersion())
        let redLine = try replaceLayer(fixture.store, draft(.ecologicalRedLine, "2024"), try Self.secondVersion())
        try replaceLayer(fixture.store, draft(.basicFarmland, "2024"), [])
        #expect(try fixture.store.features(ofLayer: farmland.id, intersecting: nil).isEmpty)
        #expect(try fixture.store.features(ofLayer: redLine.id, intersecting: nil).map(\.sourceFID) == [10, 11])
    }

    @Test("features(ofLayer:intersecting:) returns exactly the features whose box meets the envelope",
          arguments: [
            // (minX, minY, maxX, maxY) → expected source FIDs
            (113.205, 23.105, 113.206, 23.106, [Int64(0)]),          // inside feature 0
            (113.205, 23.105, 113.225, 23.106, [Int64(0), 1]),       // spans 0 and 1
            (113.211, 23.100, 113.219, 23.110, [Int64]()),           // the gap between 0 and 1
            (113.210, 23.110, 113.220, 23.120, [Int64(0), 1]),       // touches 0's NE corner and 1's NW corner
            (113.000, 23.000, 114.000, 24.000, [Int64(0), 1, 2]),    // covers everything
            (113.320, 23.220, 113.330, 23.230, [Int64(2)]),          // touches feature 2's NE corner
            (113.321, 23.221, 113.330, 23.230, [Int64]()),           // just beyond it
          ])
    func envelopeQuery(minX: Double, minY: Double, maxX: Double, maxY: Double, expected: [Int64]) throws {
        let fixture = try StoreFixture()
        let layer = try replaceLayer(fixture.store, draft(), try Self.firstVersion())
        let envelope = Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        #expect(try fixture.store.features(ofLayer: layer.id, intersecting: envelope).map(\.sourceFID) == expected)
    }

    @Test("An envelope query on one layer returns none of another layer's features")
    func envelopeQueryIsPerLayer() throws {
        let fixture = try StoreFixture()
        let farmland = try replaceLayer(fixture.store, draft(.basicFarmland, "2024"), try Self.firstVersion())
        let other = try replaceLayer(fixture.store, draft(.cultivatedLand, "三调"), try Self.firstVersion())
        let all = Envelope(minX: 113, minY: 23, maxX: 114, maxY: 24)
        #expect(try fixture.store.features(ofLayer: farmland.id, intersecting: all).allSatisfy { $0.layerID == farmland.id })
        #expect(try fixture.store.features(ofLayer: other.id, intersecting: all).count == 3)
    }

    @Test("A feature whose box ends a few decimetres before the envelope is not returned")
    func envelopeQueryPrecision() throws {
        // SQLite's R*Tree stores 32-bit floats, rounded outwards: near 113°E one step is 7.6e-6° (≈ 0.8 m),
        // so boxes grow by up to that much.
        let fixture = try StoreFixture()
        let layer = try replaceLayer(fixture.store, draft(), [try feature(fid: 0, wkt: squareWKT(lon: 113.2, lat: 23.1, size: 0.01))])
        let justEast = Envelope(minX: 113.210003, minY: 23.1, maxX: 113.22, maxY: 23.11)   // 0.3 m east of the feature
        let found = try fixture.store.features(ofLayer: layer.id, intersecting: justEast).map(\.sourceFID)
        #expect(found == [])
    }

    @Test("Overlay pieces come from the asked layer only, parts for subdivided features, each piece once under overlapping boxes")
    func overlayPiecesPerLayer() throws {
        let fixture = try StoreFixture()
        let parcels = try replaceLayer(fixture.store, draft(.cultivatedLand, "三调"), try Self.firstVersion())
        let whole = try feature(fid: 7, wkt: squareWKT(lon: 113.20, lat: 23.10, size: 0.04))
        let halves = [squareWKT(lon: 113.20, lat: 23.10, size: 0.02), squareWKT(lon: 113.22, lat: 23.10, size: 0.02)]
        let redLine = try fixture.store.replaceLayer(draft(.ecologicalRedLine, "红线")) { sink in
            let parts = try halves.map { wkt -> (geometry: Geometry, area: Area) in
                let geometry = try Geometry(wkt: wkt)
                return (geometry, area(of: geometry))
            }
            try sink.add(whole, parts: parts)
        }
        let boxes = [Envelope(minX: 113.19, minY: 23.09, maxX: 113.215, maxY: 23.2),
                     Envelope(minX: 113.205, minY: 23.09, maxX: 113.35, maxY: 23.3)]
        let redPieces = try fixture.store.pieces(ofLayer: redLine.id, intersectingAny: boxes)
        #expect(redPieces.count == 2)
        #expect(Set(redPieces.map(\.geometry.envelope!.minX)) == [113.20, 113.22])
        let parcelPieces = try fixture.store.pieces(ofLayer: parcels.id, intersectingAny: boxes)
        #expect(parcelPieces.count == 3)
        #expect(Set(parcelPieces.map(\.featureID)).count == 3)
    }
}

