import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

private let landFields = [FieldDefinition("TBBH", .string(width: 20)), FieldDefinition("DLBM", .string(width: 4))]

/// A 三调-style layer: `count` 50 m parcels in a row, land-class codes cycling through `codes`.
private func writeLandLayer(_ path: String, count: Int, codes: [String], originX: Double = 498_500) throws {
    try Fixture.write(path, layer: "DLTB", fields: landFields, (0..<count).map { i in
        (Fixture.square(originX + Double(i) * 50, 2_559_500, side: 50),
         ["TBBH": .string(String(format: "%06d", i + 1)), "DLBM": .string(codes[i % codes.count])])
    })
}

@Suite("Importing a reference layer")
struct LayerImportTests {
    @Test("A layer imported with a class field stores each feature's land-class code")
    func storesClassCodes() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("三调地类图斑.gpkg")
        try writeLandLayer(path, count: 4, codes: ["0101", "0102", "0702", "1003"])

        var job = LayerImport(path: path, kind: .cultivatedLand, name: "2023年度变更调查")
        job.classField = "DLBM"
        let report = try job.run(in: workspace)

        #expect(report.layer.kind == .cultivatedLand)
        #expect(report.layer.name == "2023年度变更调查")
        #expect(report.layer.version == 1)
        #expect(report.layer.featureCount == 4)
        #expect(report.layer.classField == "DLBM")
        #expect(report.layer.sourceCRS == "EPSG:4547")
        #expect(report.invalid.isEmpty)
        #expect(report.withoutGeometry == 0)
        let features = try workspace.store.features(ofLayer: report.layer.id, intersecting: nil)
        #expect(features.map(\.classCode) == ["0101", "0102", "0702", "1003"])
        #expect(features.map(\.sourceFID) == [1, 2, 3, 4])
        let expectedTotal = try (0..<4).reduce(0.0) { sum, i in
            sum + (try EllipsoidalArea.of(Fixture.square(498_500 + Double(i) * 50, 2_559_500, side: 50), in: Fixture.gk).squareMetres)
        }
        #expect(isClose(report.layer.totalArea.squareMetres, expectedTotal))
        #expect(try workspace.store.layers() == [report.layer])
    }

    @Test("A layer without a class field stores no class codes")
    func noClassField() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("生态保护红线.gpkg")
        try writeLandLayer(path, count: 2, codes: ["0301"])
        let report = try LayerImport(path: path, kind: .ecologicalRedLine, name: "生态保护红线").run(in: workspace)
        let features = try workspace.store.features(ofLayer: report.layer.id, intersecting: nil)
        #expect(features.map(\.classCode) == [nil, nil])
        #expect(report.layer.classField == nil)
    }

    @Test("A missing class field throws missingField before anything is written")
    func missingClassField() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("三调地类图斑.gpkg")
        try writeLandLayer(path, count: 3, codes: ["0101"])

        var job = LayerImport(path: path, kind: .cultivatedLand, name: "2023年度变更调查")
        job.classField = "DLMC"
        #expect(throws: GeoIOError.missingField(path: path, field: "DLMC", available: ["TBBH", "DLBM"])) {
            try job.run(in: workspace)
        }
        #expect(try workspace.store.layers().isEmpty)
    }

    @Test("A failed re-import keeps the previous version of the layer")
    func failedReimportKeepsPreviousVersion() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("三调地类图斑.gpkg")
        try writeLandLayer(path, count: 3, codes: ["0101"])
        var job = LayerImport(path: path, kind: .cultivatedLand, name: "2023年度变更调查")
        job.classField = "DLBM"
        let first = try job.run(in: workspace)

        // The new delivery declares EPSG:4490 but holds metres: its first feature fails.
        let broken = directory.path("三调地类图斑-错误坐标系.gpkg")
        try Fixture.write(broken, layer: "DLTB", crs: .cgcs2000, fields: landFields, [
            (Fixture.square(498_500, 2_559_500), ["TBBH": .string("000001"), "DLBM": .string("0102")]),
        ])
        var again = LayerImport(path: broken, kind: .cultivatedLand, name: "2023年度变更调查")
        again.classField = "DLBM"
        #expect(throws: GeoIOError.coordinatesOutOfRange(path: broken, feature: 1, crs: "EPSG:4490")) {
            try again.run(in: workspace)
        }
        #expect(try workspace.store.layers() == [first.layer])
        #expect(try workspace.store.features(ofLayer: first.layer.id, intersecting: nil).map(\.classCode) == ["0101", "0101", "0101"])
    }

    @Test("Re-importing a layer makes version 2 holding only the new features")
    func reimportMakesVersionTwo() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let v1 = directory.path("永久基本农田-2022.gpkg")
        try writeLandLayer(v1, count: 5, codes: ["0101"])
        var job = LayerImport(path: v1, kind: .basicFarmland, name: "永久基本农田划定成果")
        job.classField = "DLBM"
        let first = try job.run(in: workspace)

        let v2 = directory.path("永久基本农田-2023.gpkg")
        try writeLandLayer(v2, count: 2, codes: ["0102", "0103"], originX: 501_000)
        job.path = v2
        let second = try job.run(in: workspace)

        #expect(second.layer.id == first.layer.id)
        #expect(second.layer.version == 2)
        #expect(second.layer.featureCount == 2)
        #expect(second.layer.sourcePath == v2)
        let features = try workspace.store.features(ofLayer: second.layer.id, intersecting: nil)
        #expect(features.map(\.classCode) == ["0102", "0103"])
        #expect(features.allSatisfy { $0.geometry.envelope!.minX > 114.0 })
        #expect(try workspace.store.layers().map(\.version) == [2])
    }

    @Test("Layers of different kinds or names are kept apart")
    func layersAreKeyedByKindAndName() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("图层.gpkg")
        try writeLandLayer(path, count: 2, codes: ["0101"])
        _ = try LayerImport(path: path, kind: .basicFarmland, name: "A").run(in: workspace)
        _ = try LayerImport(path: path, kind: .basicFarmland, name: "B").run(in: workspace)
        _ = try LayerImport(path: path, kind: .approvedLand, name: "A").run(in: workspace)
        let layers = try workspace.store.layers()
        #expect(layers.count == 3)
        #expect(layers.map(\.version) == [1, 1, 1])
    }
}

@Suite("The CRS of imported files")
struct ImportCRSTests {
    private func shapefileWithoutPrj(in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("无坐标系图斑.shp")
        try Fixture.writePatches(Array(Fixture.deliveredPatches.prefix(3)), to: path, format: .shp)
        let prj = directory.path("无坐标系图斑.prj")
        #expect(FileManager.default.fileExists(atPath: prj))
        try FileManager.default.removeItem(atPath: prj)
        return path
    }

    @Test("A shapefile without .prj throws missingCRS")
    func shapefileWithoutPrjThrows() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = try shapefileWithoutPrj(in: directory)
        #expect(throws: GeoIOError.missingCRS(path: path)) {
            try Fixture.patchImport(path).run(in: workspace)
        }
        #expect(try workspace.store.batches().isEmpty)
    }

    @Test("A shapefile without .prj imports with assumeCRS EPSG:4547")
    func shapefileWithoutPrjImportsWithAssumedCRS() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = try shapefileWithoutPrj(in: directory)
        var job = Fixture.patchImport(path)
        job.assumeCRS = .epsg(4547)
        let report = try job.run(in: workspace)
        #expect(report.counts == UpsertCounts(inserted: 3))
        let patch = try #require(try workspace.store.patch(batch: "2024Q1", code: "P001"))
        // Shapefiles turn rings clockwise, so compare the boxes rather than the vertex order.
        let expected = try #require(try Fixture.square(499_000, 2_560_000).transformed(from: Fixture.gk, to: .cgcs2000).envelope)
        let stored = try #require(patch.geometry.envelope)
        #expect(abs(stored.minX - expected.minX) < 1e-9 && abs(stored.maxX - expected.maxX) < 1e-9)
        #expect(abs(stored.minY - expected.minY) < 1e-9 && abs(stored.maxY - expected.maxY) < 1e-9)
        #expect(isClose(patch.area.squareMetres, try EllipsoidalArea.of(Fixture.square(499_000, 2_560_000), in: Fixture.gk).squareMetres))
    }

    @Test("A layer without .prj imports with assumeCRS and records that CRS")
    func layerWithAssumedCRS() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = try shapefileWithoutPrj(in: directory)
        var job = LayerImport(path: path, kind: .approvedLand, name: "批准用地")
        job.assumeCRS = .epsg(4547)
        let report = try job.run(in: workspace)
        #expect(report.layer.featureCount == 3)
        #expect(report.layer.sourceCRS == "EPSG:4547")
    }

    @Test("A file declaring EPSG:4490 but holding Gauss-Krüger metres throws coordinatesOutOfRange")
    func geographicCRSWithMetresThrows() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("坐标系不符.gpkg")
        try Fixture.writePatches(Fixture.deliveredPatches, to: path, crs: .cgcs2000)
        #expect(throws: GeoIOError.coordinatesOutOfRange(path: path, feature: 1, crs: "EPSG:4490")) {
            try Fixture.patchImport(path).run(in: workspace)
        }
        #expect(try workspace.store.batches().isEmpty)
        #expect(try Fixture.allPatches(workspace).isEmpty)
    }

    @Test("A file in EPSG:4490 longitude/latitude imports with the same areas as its GK original")
    func lonLatFileImports() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        _ = try RegionImport(path: try Fixture.writeRegions(in: directory), codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)
        let lonLat = try Fixture.deliveredPatches.map { spec in
            var copy = spec
            copy.geometry = try spec.geometry?.transformed(from: Fixture.gk, to: .cgcs2000)
            return copy
        }
        let path = directory.path("经纬度图斑.gpkg")
        try Fixture.writePatches(lonLat, to: path, crs: .cgcs2000)
        let report = try Fixture.patchImport(path).run(in: workspace)
        #expect(report.counts == UpsertCounts(inserted: 5))
        #expect(report.regionMismatches.map(\.patchCode) == ["P004"])
        for spec in Fixture.deliveredPatches {
            let patch = try #require(try workspace.store.patch(batch: "2024Q1", code: spec.code))
            #expect(isClose(patch.area.squareMetres, try EllipsoidalArea.of(spec.geometry!, in: Fixture.gk).squareMetres))
        }
    }
}
