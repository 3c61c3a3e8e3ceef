import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

/// A workspace with the two counties and the five delivered patches imported as batch 2024Q1.
private func importedWorkspace(_ directory: TemporaryDirectory) throws -> Workspace {
    let workspace = try Fixture.workspace(in: directory)
    _ = try RegionImport(path: try Fixture.writeRegions(in: directory), codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)
    let patches = directory.path("2024Q1.gpkg")
    try Fixture.writePatches(Fixture.deliveredPatches, to: patches)
    _ = try Fixture.patchImport(patches).run(in: workspace)
    return workspace
}

/// Every feature of the first layer of `path`.
private func readBack(_ path: String) throws -> [VectorFeature] {
    var features: [VectorFeature] = []
    try VectorSource(path: path).layer().forEachFeature { features.append($0) }
    return features
}

@Suite("Exporting a batch")
struct BatchExportTests {
    @Test("Exports read back with one feature per patch, the same codes and TBMJ equal to the stored area", arguments: VectorFormat.allCases)
    func exportReadsBack(format: VectorFormat) throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let stored = try Fixture.allPatches(workspace, batch: "2024Q1")
        let out = directory.path("导出/2024Q1图斑.\(format.fileExtension)")
        try FileManager.default.createDirectory(atPath: directory.path("导出"), withIntermediateDirectories: true)

        let count = try BatchExport(batchCode: "2024Q1", format: format, outputPath: out).run(in: workspace)
        #expect(count == 5)

        let features = try readBack(out)
        #expect(features.count == stored.count)
        let byCode = Dictionary(uniqueKeysWithValues: stored.map { ($0.code, $0) })
        #expect(Set(features.compactMap { $0.attributes["JCBH"]?.text }) == Set(byCode.keys))
        for feature in features {
            let code = try #require(feature.attributes["JCBH"]?.text)
            let patch = try #require(byCode[code])
            guard case .real(let tbmj)? = feature.attributes["TBMJ"] else {
                Issue.record("TBMJ of \(code) is \(String(describing: feature.attributes["TBMJ"]))")
                continue
            }
            #expect(isClose(tbmj, patch.area.squareMetres))
            #expect(feature.attributes["PCBH"]?.text == "2024Q1")
            #expect(feature.attributes["XZQDM"]?.text == patch.regionCode?.rawValue)
        }
    }

    @Test("The region source and the mismatch's located region are exported in Chinese short codes")
    func exportedRegionFields() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("2024Q1.gpkg.out.gpkg")
        _ = try BatchExport(batchCode: "2024Q1", format: .gpkg, outputPath: out).run(in: workspace)
        let features = Dictionary(uniqueKeysWithValues: try readBack(out).map { ($0.attributes["JCBH"]!.text!, $0.attributes) })
        #expect(features["P001"]?["XZQLY"] == .string("属性"))
        #expect(features["P003"]?["XZQLY"] == .string("空间"))
        #expect(features["P005"]?["XZQLY"] == .string("无"))
        #expect(features["P005"]?["XZQDM"] == .null)
        #expect(features["P004"]?["XZQDM"] == .string("449902"))
        #expect(features["P004"]?["KJXZQDM"] == .string("449901"))
    }

    @Test("A Shapefile export has a .cpg naming its GBK encoding")
    func shapefileHasCpg() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("图斑.shp")
        _ = try BatchExport(batchCode: "2024Q1", format: .shp, outputPath: out).run(in: workspace)
        let cpg = directory.path("图斑.cpg")
        #expect(FileManager.default.fileExists(atPath: cpg))
        let encoding = try String(contentsOfFile: cpg, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(["GBK", "CP936", "936"].contains(encoding.uppercased()))
        for ext in ["shx", "dbf", "prj"] {
            #expect(FileManager.default.fileExists(atPath: directory.path("图斑.\(ext)")))
        }
    }

    @Test("A GPKG export in EPSG:4490 has the stored geometry")
    func gpkgGeometryIsStored() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("out.gpkg")
        _ = try BatchExport(batchCode: "2024Q1", format: .gpkg, outputPath: out).run(in: workspace)
        #expect(try VectorSource(path: out).layer().crs() == .cgcs2000)
        let exported = try readBack(out).first { $0.attributes["JCBH"]?.text == "P001" }
        let patch = try #require(try workspace.store.patch(batch: "2024Q1", code: "P001"))
        let geometry = try #require(exported?.geometry)
        #expect(isClose(EllipsoidalArea.of(lonLat: geometry.shape).squareMetres, patch.area.squareMetres, relative: 1e-9))
    }

    @Test("Exporting an unknown batch throws noBatch and writes no file")
    func unknownBatchThrows() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("无此批次.gpkg")
        #expect(throws: WorkspaceError.noBatch("2099Q9")) {
            try BatchExport(batchCode: "2099Q9", format: .gpkg, outputPath: out).run(in: workspace)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("Exporting one region keeps only its patches")
    func exportOneRegion() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("东岭县.gpkg")
        var job = BatchExport(batchCode: "2024Q1", format: .gpkg, outputPath: out)
        job.region = try RegionCode("449901")
        #expect(try job.run(in: workspace) == 2)
        #expect(Set(try readBack(out).compactMap { $0.attributes["JCBH"]?.text }) == ["P001", "P003"])
    }

    @Test("A GPKG export in EPSG:4547 gives back the delivered Gauss-Krüger coordinates")
    func exportInGaussKruger() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("gk.gpkg")
        var job = BatchExport(batchCode: "2024Q1", format: .gpkg, outputPath: out)
        job.crs = .epsg(4547)
        #expect(try job.run(in: workspace) == 5)
        #expect(try VectorSource(path: out).layer().crs() == .epsg(4547))
        let exported = try #require(try readBack(out).first { $0.attributes["JCBH"]?.text == "P001" }?.geometry?.envelope)
        let delivered = try #require(Fixture.square(499_000, 2_560_000).envelope)
        #expect(abs(exported.minX - delivered.minX) < 1e-4 && abs(exported.maxX - delivered.maxX) < 1e-4)
        #expect(abs(exported.minY - delivered.minY) < 1e-4 && abs(exported.maxY - delivered.maxY) < 1e-4)
    }

    @Test("A GeoJSON export is in longitude/latitude")
    func geojsonIsLonLat() throws {
        let directory = TemporaryDirectory()
        let workspace = try importedWorkspace(directory)
        let out = directory.path("out.geojson")
        _ = try BatchExport(batchCode: "2024Q1", format: .geojson, outputPath: out).run(in: workspace)
        let features = try readBack(out)
        #expect(features.count == 5)
        for feature in features {
            let envelope = try #require(feature.geometry?.envelope)
            #expect(envelope.minX > 113.9 && envelope.maxX < 114.2 && envelope.minY > 23.0 && envelope.maxY < 23.2)
        }
    }
}
