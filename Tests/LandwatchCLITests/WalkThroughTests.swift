import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// A workspace with regions, a layer and the six small patches imported as batch 2024Q1 through the CLI.
private func importedWorkspace() throws -> CLIWorkspace {
    let workspace = try CLIWorkspace()
    let patches = workspace.directory.path("2024Q1_卫片图斑.gpkg")
    try CLIFixture.writeSmallPatches(to: patches)
    let result = try runLandwatch(["patches", "import", "-w", workspace.path, patches, "--batch", "2024Q1",
                                   "--batch-name", "2024年第1季度卫片", "--code-field", "JCBH", "--region-field", "XZQDM"])
    guard result.status == 0 else { throw CLIError.failed("patches import", result) }
    return workspace
}

/// Every position ([x, y]) in a GeoJSON coordinates array, however deeply nested.
private func positionsIn(_ coordinates: Any?) -> [[Double]] {
    if let position = coordinates as? [Double] { return [position] }
    return (coordinates as? [Any])?.flatMap(positionsIn) ?? []
}

@Suite("The landwatch command line: a walk-through")
struct WalkThroughTests {
    @Test("init, regions, layers, patches, list, export and summary all succeed on a small fixture")
    func walkThrough() throws {
        let directory = TemporaryDirectory("landwatch-cli")
        let ws = directory.path("ws")
        let regions = directory.path("行政区划.gpkg"), land = directory.path("三调.gpkg"), patches = directory.path("2024Q1.gpkg")
        try CLIFixture.writeRegions(to: regions)
        try CLIFixture.writeLandLayer(to: land, count: 8)
        try CLIFixture.writeSmallPatches(to: patches)

        let initialised = try runLandwatch(["init", ws])
        #expect(initialised.status == 0)

        let regionImport = try runLandwatch(["regions", "import", "-w", ws, regions, "--code-field", "XZQDM", "--name-field", "XZQMC"])
        #expect(regionImport.status == 0)
        #expect(regionImport.stdout.contains("行政区 / regions: 2（新增 inserted 2，更新 updated 0，未变 unchanged 0）"))

        let layerImport = try runLandwatch(["layers", "import", "-w", ws, land, "--kind", "cultivatedLand", "--name", "2023变更调查", "--class-field", "DLBM"])
        #expect(layerImport.status == 0)
        #expect(layerImport.stdout.contains("v1: 8 个要素 features"))
        #expect(layerImport.stdout.contains("EPSG:4547 → EPSG:4490"))

        let patchImport = try runLandwatch(["patches", "import", "-w", ws, patches, "--batch", "2024Q1", "--code-field", "JCBH", "--region-field", "XZQDM"])
        #expect(patchImport.status == 0)
        #expect(patchImport.stdout.contains("批次 / batch 2024Q1: 6 个图斑 patches（新增 inserted 6，更新 updated 0，未变 unchanged 0）"))
        #expect(patchImport.stdout.contains("P006: 属性 stated 449901 ≠ 落位 located 449902"))

        let csv = try runLandwatch(["patches", "list", "-w", ws, "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csvRows(csv.stdout)
        #expect(rows.count == 1 + CLIFixture.smallPatchCount)
        let header = try #require(rows.first)
        #expect(header == ["code", "batch", "region_code", "region_source", "spatial_region_code", "area_m2", "area_mu", "area_ha",
                           "before_date", "after_date", "invalid_reason", "repaired"])
        let m2 = try #require(header.firstIndex(of: "area_m2")), mu = try #require(header.firstIndex(of: "area_mu"))
        for row in rows.dropFirst() {
            let squareMetres = try #require(Double(row[m2])), shownMu = try #require(Double(row[mu]))
            // CSV is machine-readable: full precision, so 亩 is exactly m² / (10000/15).
            #expect(abs(shownMu - squareMetres / (10_000.0 / 15.0)) <= 1e-9 * shownMu)
        }
        #expect(rows.dropFirst().map { $0[0] } == ["P001", "P002", "P003", "P004", "P005", "P006"])
        #expect(rows[3][2] == "449901" && rows[3][3] == "spatial")

        let geojson = try runLandwatch(["patches", "list", "-w", ws, "--format", "geojson"])
        #expect(geojson.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(geojson.stdout.utf8)) as? [String: Any]
        #expect(object?["type"] as? String == "FeatureCollection")
        let features = try #require(object?["features"] as? [[String: Any]])
        #expect(features.count == CLIFixture.smallPatchCount)

        let out = directory.path("导出/2024Q1.shp")
        try FileManager.default.createDirectory(atPath: directory.path("导出"), withIntermediateDirectories: true)
        let export = try runLandwatch(["export", "-w", ws, "--batch", "2024Q1", "--format", "shp", "--out", out])
        #expect(export.status == 0)
        #expect(export.stdout.contains("已导出 / exported 6 个图斑 patches"))
        #expect(FileManager.default.fileExists(atPath: directory.path("导出/2024Q1.cpg")))

        let summary = try runLandwatch(["summary", "-w", ws])
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("2024Q1"))
        #expect(summary.stdout.contains("行政区代码与位置不符 / region code disagrees with location: 1"))
    }

    @Test("The CSV area in 亩 equals area_m2 / (10000/15) to 1e-6 relative")
    func csvAreaMuIsExact() throws {
        let workspace = try importedWorkspace()
        let rows = csvRows(try runLandwatch(["patches", "list", "-w", workspace.path, "--format", "csv"]).stdout)
        for row in rows.dropFirst() {
            #expect(isClose(Double(row[6])!, Double(row[5])! / (10_000.0 / 15.0)))
        }
    }

    @Test("The GeoJSON listing carries each patch's code and full-precision areas in lon/lat")
    func geojsonProperties() throws {
        let workspace = try importedWorkspace()
        let result = try runLandwatch(["patches", "list", "-w", workspace.path, "--format", "geojson", "--batch", "2024Q1"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let features = try #require(object["features"] as? [[String: Any]])
        #expect(features.compactMap { ($0["properties"] as? [String: Any])?["code"] as? String } == ["P001", "P002", "P003", "P004", "P005", "P006"])
        for feature in features {
            let properties = try #require(feature["properties"] as? [String: Any])
            let m2 = try #require(properties["area_m2"] as? Double), mu = try #require(properties["area_mu"] as? Double)
            #expect(isClose(mu, m2 / (10_000.0 / 15.0)))
            let geometry = try #require(feature["geometry"] as? [String: Any])
            #expect(["Polygon", "MultiPolygon"].contains(geometry["type"] as? String))
            let positions = positionsIn(geometry["coordinates"])
            #expect(positions.count >= 5)
            #expect(positions.allSatisfy { $0.count == 2 && $0[0] > 113.9 && $0[0] < 114.1 && $0[1] > 23.0 && $0[1] < 23.2 })
        }
        let first = try #require(features.first?["properties"] as? [String: Any])
        #expect(abs((first["area_m2"] as? Double ?? 0) - 400) < 0.01)
    }

    @Test("The exported shapefile reads back with one feature per patch and TBMJ equal to the listed area")
    func exportedShapefileReadsBack() throws {
        let workspace = try importedWorkspace()
        let out = workspace.directory.path("out.shp")
        let export = try runLandwatch(["export", "-w", workspace.path, "--batch", "2024Q1", "--format", "shp", "--out", out])
        #expect(export.status == 0)
        let rows = csvRows(try runLandwatch(["patches", "list", "-w", workspace.path, "--format", "csv"]).stdout).dropFirst()
        let listed = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], Double($0[5])!) })
        var read: [String: Double] = [:]
        try VectorSource(path: out).layer().forEachFeature { feature in
            if let code = feature.attributes["JCBH"]?.text, case .real(let tbmj)? = feature.attributes["TBMJ"] { read[code] = tbmj }
        }
        #expect(read.count == CLIFixture.smallPatchCount)
        #expect(Set(read.keys) == Set(listed.keys))
        for (code, area) in listed { #expect(isClose(read[code] ?? 0, area), "TBMJ of \(code)") }
    }

    @Test("patches show prints one patch in detail; an unknown code exits 65")
    func showPatch() throws {
        let workspace = try importedWorkspace()
        let shown = try runLandwatch(["patches", "show", "-w", workspace.path, "P006"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("449901（属性）"))
        #expect(shown.stdout.contains("449902"))
        let missing = try runLandwatch(["patches", "show", "-w", workspace.path, "NOPE"])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("NOPE"))
    }

    @Test("Re-importing the same file through the CLI reports every patch unchanged")
    func reimportThroughCLI() throws {
        let workspace = try importedWorkspace()
        let result = try runLandwatch(["patches", "import", "-w", workspace.path, workspace.directory.path("2024Q1_卫片图斑.gpkg"),
                                       "--batch", "2024Q1", "--code-field", "JCBH", "--region-field", "XZQDM"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("6 个图斑 patches（新增 inserted 0，更新 updated 0，未变 unchanged 6）"))
    }
}
