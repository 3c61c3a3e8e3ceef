import Foundation
import Geo
import GeoIO
import TestSupport
import Testing

/// `landwatch detect` on a generated pair inside 东岭县: a 40 m grey roof appears on farmland.
@Suite struct DetectCommandTests {
    /// Before/after RGB GeoTIFFs, 2 m pixels in EPSG:4547, 96 × 80 pixels from (499000, 2560100).
    static func writePair(in directory: TemporaryDirectory) throws -> (before: String, after: String) {
        let grid = try RasterGrid(width: 96, height: 80, origin: Coordinate(x: 499_000, y: 2_560_100), pixelSize: 2, crs: CLIFixture.gk)
        let whole = PixelWindow(x: 0, y: 0, width: 96, height: 80)
        func texture(_ i: Int) -> Int {
            var h = UInt32(truncatingIfNeeded: i &* 2_654_435_761)
            h ^= h >> 15
            return Int(h % 24)
        }
        for (name, roof) in [("before.tif", false), ("after.tif", true)] {
            let raster = try ByteRaster(path: directory.path(name), grid: grid, bands: 3)
            for (band, base) in [70, 110, 50].enumerated() {
                let values = (0..<whole.pixelCount).map { i -> UInt8 in
                    let (x, y) = (i % 96, i / 96)
                    if roof, (30..<50).contains(x), (24..<44).contains(y) { return 205 }
                    return UInt8(base + texture(i))
                }
                try raster.write(values, window: whole, band: band + 1)
            }
        }
        return (directory.path("before.tif"), directory.path("after.tif"))
    }

    @Test func detectWritesTheNewRoofAsOnePatchOfItsArea() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let pair = try Self.writePair(in: directory)
        let out = directory.path("candidates.gpkg")
        let result = try runLandwatch(["detect", "--before", pair.before, "--after", pair.after, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        var patches: [(type: String?, area: Double?)] = []
        try VectorSource(path: out).layer().forEachFeature { feature in
            guard case .real(let area)? = feature.attributes["MJ_M2"] else { return patches.append((feature.attributes["BHLX"]?.text, nil)) }
            patches.append((feature.attributes["BHLX"]?.text, area))
        }
        #expect(patches.count == 1)
        #expect(patches.first?.type == "新增建设")
        #expect(isClose(patches.first?.area ?? 0, 1_600))
    }

    @Test func detectIntoABatchAddsPatchesFoundInTheirCounty() throws {
        let workspace = try CLIWorkspace()
        let pair = try Self.writePair(in: workspace.directory)
        let result = try runLandwatch(["detect", "-w", workspace.path, "--before", pair.before, "--after", pair.after,
                                       "--batch", "2024Q1-AI", "--before-date", "2023-12-15", "--after-date", "2024-03-20"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = csvRows(try runLandwatch(["patches", "list", "-w", workspace.path, "--format", "csv"]).stdout)
        #expect(rows.count == 2)
        #expect(rows.last?.first == "2024Q1-AI-0001")
        #expect(rows.last?.contains("449901") == true)
    }

    @Test func anAreaOfInterestNamedByItsRegionKeepsTheChangesInsideIt() throws {
        let workspace = try CLIWorkspace()
        let pair = try Self.writePair(in: workspace.directory)
        let out = workspace.directory.path("candidates.gpkg")
        let inside = try runLandwatch(["detect", "-w", workspace.path, "--before", pair.before, "--after", pair.after, "--aoi", "东岭县", "--out", out])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout.contains("研究区 / area of interest: 东岭县（449901），读取影像窗口 reading a window of 96×80 像元 pixels"))
        #expect(try VectorSource(path: out).layer().featureCount == 1)
        let elsewhere = try runLandwatch(["detect", "-w", workspace.path, "--before", pair.before, "--after", pair.after, "--aoi", "449902",
                                          "--out", workspace.directory.path("none.gpkg")])
        #expect(elsewhere.status == 65)
        #expect(elsewhere.stderr.contains("青禾县（449902） 不可用") && elsewhere.stderr.contains("与影像不重叠"))
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.path("none.gpkg")))
    }

    @Test func anAreaOfInterestFileLeavingOutTheRoofGivesNoPatch() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let pair = try Self.writePair(in: directory)
        let area = directory.path("area.gpkg")
        let writer = try VectorWriter(path: area, format: .gpkg, layerName: "aoi", crs: CLIFixture.gk, fields: [])
        try writer.write(geometry: Geometry(rectangle: Envelope(minX: 499_000, minY: 2_559_940, maxX: 499_050, maxY: 2_560_100)), attributes: [:])
        try writer.finish()
        let out = directory.path("candidates.gpkg")
        let result = try runLandwatch(["detect", "--before", pair.before, "--after", pair.after, "--aoi", area, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try VectorSource(path: out).layer().featureCount == 0)
    }

    @Test func anAreaOfInterestFileFilteredToOneCountyKeepsOnlyThatCountysChanges() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let pair = try Self.writePair(in: directory)
        let area = directory.path("counties.gpkg")
        let writer = try VectorWriter(path: area, format: .gpkg, layerName: "县级行政区", crs: CLIFixture.gk, fields: [FieldDefinition("XZQDM", .string(width: 6))])
        // The roof (columns 30–49) is in 449901; 449902 is the strip east of it.
        try writer.write(geometry: Geometry(rectangle: Envelope(minX: 499_000, minY: 2_559_940, maxX: 499_120, maxY: 2_560_100)), attributes: ["XZQDM": .string("449901")])
        try writer.write(geometry: Geometry(rectangle: Envelope(minX: 499_120, minY: 2_559_940, maxX: 499_192, maxY: 2_560_100)), attributes: ["XZQDM": .string("449902")])
        try writer.finish()
        var patches: [String: Int] = [:]
        for code in ["449901", "449902"] {
            let out = directory.path("\(code).gpkg")
            let result = try runLandwatch(["detect", "--before", pair.before, "--after", pair.after, "--aoi", area, "--aoi-layer", "县级行政区",
                                           "--aoi-where", "XZQDM = '\(code)'", "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("研究区 / area of interest: \(area) 图层 layer 县级行政区 「XZQDM = '\(code)'」"))
            patches[code] = try VectorSource(path: out).layer().featureCount
        }
        #expect(patches == ["449901": 1, "449902": 0])
    }

    /// `detect` on the planted pair in `directory` with the workspace at `workspace` and the area options
    /// `area`, writing nothing that a test keeps.
    static func detect(workspace: String, in directory: TemporaryDirectory, area: [String]) throws -> CommandResult {
        let pair = try writePair(in: directory)
        return try runLandwatch(["detect", "-w", workspace, "--before", pair.before, "--after", pair.after] + area + ["--out", directory.path("x.gpkg")])
    }

    @Test func aRegionNamedWithoutAWorkspaceSaysTheWorkspaceCannotBeRead() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let result = try Self.detect(workspace: directory.path("no-workspace"), in: directory, area: ["--aoi", "东岭县"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--aoi 东岭县 不是文件，而工作空间的行政区无法读取"))
    }

    @Test func aFilterOnAWorkspaceRegionIsRefused() throws {
        let workspace = try CLIWorkspace()
        let result = try Self.detect(workspace: workspace.path, in: workspace.directory, area: ["--aoi", "东岭县", "--aoi-where", "XZQDM = '449901'"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("只用于面文件"))
    }

    @Test func anAreaOfInterestThatIsNeitherAFileNorARegionIsRefused() throws {
        let workspace = try CLIWorkspace()
        let result = try Self.detect(workspace: workspace.path, in: workspace.directory, area: ["--aoi", "西山县"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("既不是文件") && result.stderr.contains("西山县"))
    }

    @Test func aMissingImageExits65WithTheFileNamed() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let result = try runLandwatch(["detect", "--before", directory.path("none.tif"), "--after", directory.path("none.tif"),
                                       "--out", directory.path("x.gpkg")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("none.tif"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("x.gpkg")))
    }

    @Test func theMaskHoldsTheChangeWithItsTypeAndConfidence() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let pair = try Self.writePair(in: directory)
        let mask = directory.path("change.tif")
        let result = try runLandwatch(["detect", "--before", pair.before, "--after", pair.after, "--mask", mask])
        #expect(result.status == 0, "\(result.stderr)")
        let raster = try RasterSource(path: mask)
        #expect(raster.bandCount == 3)
        let changed = try raster.read(window: PixelWindow(x: 0, y: 0, width: 96, height: 80), bands: [1]).filter { $0 == 1 }.count
        #expect(changed == 400)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["after.tif", "before.tif", "change.tif"])
    }

    @Test func aFailedImportLeavesNoMaskBehind() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let pair = try Self.writePair(in: directory)
        let result = try runLandwatch(["detect", "-w", directory.path("no-workspace"), "--before", pair.before, "--after", pair.after,
                                       "--batch", "2024Q1-AI", "--mask", directory.path("change.tif")])
        #expect(result.status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == ["after.tif", "before.tif"])
    }

    @Test func detectWithoutAnOutputIsRefused() throws {
        let result = try runLandwatch(["detect", "--before", "a.tif", "--after", "b.tif"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--batch"))
    }
}

/// `detect train` and `detect eval` on the Landsat Taizhou pair of the shared data.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct DetectTrainingCommandTests {
    static let taizhou = SharedData.path("change/landsat/taizhou")

    @Test func theBaselineEvaluationPrintsAPooledRowAndWritesJSON() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let result = try runLandwatch(["detect", "eval", "--pairs", Self.taizhou, "--baseline", "--json", directory.path("scores.json")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("合计 pooled"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path("scores.json")))) as? [String: Any]
        let f1 = (json?["pooled"] as? [String: Any])?["f1"] as? Double
        #expect(abs((f1 ?? 0) - 0.915) < 0.01)
    }

    @Test func aTrainedModelIsRefusedOnTheImageItLearntFrom() throws {
        let directory = TemporaryDirectory("landwatch-detect")
        let model = directory.path("model.json")
        let trained = try runLandwatch(["detect", "train", "--pairs", Self.taizhou, "--rounds", "5", "--out", model])
        #expect(trained.status == 0, "\(trained.stderr)")
        let scored = try runLandwatch(["detect", "eval", "--pairs", Self.taizhou, "--model", model])
        #expect(scored.status == 65)
        #expect(scored.stderr.contains("训练过"))
    }
}
