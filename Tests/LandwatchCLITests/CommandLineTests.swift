import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

@Suite("The landwatch command line: usage and errors")
struct CommandLineUsageTests {
    @Test("landwatch --help exits 0 and lists every subcommand")
    func helpListsSubcommands() throws {
        let result = try runLandwatch(["--help"])
        #expect(result.status == 0)
        for command in ["init", "regions", "layers", "patches", "export", "summary", "demo"] {
            #expect(result.stdout.contains("  \(command)"), "help does not list \(command)")
        }
        #expect(result.stdout.contains("退出码 / exit codes"))
    }

    @Test("An unknown option exits 64 (usage)")
    func unknownOptionExits64() throws {
        let result = try runLandwatch(["--frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--frobnicate"))
    }

    @Test("A subcommand missing a required option exits 64 (usage)")
    func missingRequiredOptionExits64() throws {
        let workspace = try CLIWorkspace(regions: false)
        let result = try runLandwatch(["patches", "import", "-w", workspace.path, workspace.directory.path("x.gpkg")])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--batch"))
    }

    @Test("init DIR exits 0 and creates the database and files folder")
    func initCreatesWorkspace() throws {
        let directory = TemporaryDirectory("landwatch-cli")
        let path = directory.path("新工作空间")
        let result = try runLandwatch(["init", path])
        #expect(result.status == 0)
        #expect(result.stdout.contains(path))
        #expect(FileManager.default.fileExists(atPath: path + "/landwatch.sqlite"))
        #expect(FileManager.default.fileExists(atPath: path + "/files"))
        #expect(try runLandwatch(["init", path]).status == 0)
    }

    @Test("init on a path that is a file exits 74")
    func initOnFileExits74() throws {
        let directory = TemporaryDirectory("landwatch-cli")
        let path = directory.path("普通文件")
        try Data("x".utf8).write(to: URL(fileURLWithPath: path))
        let result = try runLandwatch(["init", path])
        #expect(result.status == 74)
        #expect(result.stderr.contains(path))
    }

    @Test("layers list in a folder that is not a workspace exits 74 with a bilingual message")
    func notAWorkspaceExits74() throws {
        let directory = TemporaryDirectory("landwatch-cli")
        let result = try runLandwatch(["layers", "list", "-w", directory.url.path])
        #expect(result.status == 74)
        #expect(result.stderr.contains("不是 LandWatch 工作空间"))
        #expect(result.stderr.contains("not a LandWatch workspace"))
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.path("landwatch.sqlite")))
    }

    @Test("The workspace can be given by LANDWATCH_WORKSPACE")
    func workspaceFromEnvironment() throws {
        let workspace = try CLIWorkspace()
        let result = try runLandwatch(["regions", "list"], environment: ["LANDWATCH_WORKSPACE": workspace.path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("449901"))
        #expect(result.stdout.contains("青禾县"))
    }

    @Test("patches import of a nonexistent file exits 65 naming the file")
    func nonexistentFileExits65() throws {
        let workspace = try CLIWorkspace(regions: false)
        let missing = workspace.directory.path("没有这个文件.shp")
        let result = try runLandwatch(["patches", "import", "-w", workspace.path, missing, "--batch", "2024Q1", "--code-field", "JCBH"])
        #expect(result.status == 65)
        #expect(result.stderr.contains(missing))
        #expect(try runLandwatch(["summary", "-w", workspace.path]).stdout.contains("2024Q1") == false)
    }

    @Test("layers import with an unknown kind exits 65 listing the known kinds")
    func unknownLayerKindExits65() throws {
        let workspace = try CLIWorkspace(regions: false)
        let file = workspace.directory.path("三调.gpkg")
        try CLIFixture.writeLandLayer(to: file, count: 2)
        let result = try runLandwatch(["layers", "import", "-w", workspace.path, file, "--kind", "nonsense", "--name", "x"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("nonsense"))
        for kind in ["basicFarmland", "cultivatedLand", "ecologicalRedLine", "urbanBoundary", "approvedLand", "landSupply", "facilityFarmland"] {
            #expect(result.stderr.contains(kind), "stderr does not list \(kind)")
        }
    }

    @Test("A shapefile without .prj exits 65 suggesting --assume-crs, and imports with it")
    func missingPrjExits65() throws {
        let workspace = try CLIWorkspace()
        let file = workspace.directory.path("无prj.shp")
        try CLIFixture.writeSmallPatches(to: file, format: .shp)
        try FileManager.default.removeItem(atPath: workspace.directory.path("无prj.prj"))
        let arguments = ["patches", "import", "-w", workspace.path, file, "--batch", "2024Q1", "--code-field", "JCBH"]
        let refused = try runLandwatch(arguments)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("--assume-crs"))
        let accepted = try runLandwatch(arguments + ["--assume-crs", "EPSG:4547"])
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("新增 inserted 6"))
    }

    @Test("A duplicate patch code exits 65 and leaves no batch")
    func duplicateCodeExits65() throws {
        let workspace = try CLIWorkspace()
        let file = workspace.directory.path("重复.gpkg")
        let writer = try VectorWriter(path: file, format: .gpkg, layerName: "WPTB", crs: CLIFixture.gk, fields: CLIFixture.patchFields)
        for x in [499_000.0, 499_100] {
            try writer.write(geometry: CLIFixture.square(x, 2_560_000, side: 20), attributes: ["JCBH": .string("DUP1")])
        }
        try writer.finish()
        let result = try runLandwatch(["patches", "import", "-w", workspace.path, file, "--batch", "2024Q1", "--code-field", "JCBH"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("DUP1"))
        let list = try runLandwatch(["patches", "list", "-w", workspace.path, "--format", "csv"])
        #expect(list.status == 0)
        #expect(csvRows(list.stdout).count == 1)
    }

    @Test("export of an unknown batch exits 65")
    func exportUnknownBatchExits65() throws {
        let workspace = try CLIWorkspace(regions: false)
        let out = workspace.directory.path("out.gpkg")
        let result = try runLandwatch(["export", "-w", workspace.path, "--batch", "2099Q9", "--format", "gpkg", "--out", out])
        #expect(result.status == 65)
        #expect(result.stderr.contains("2099Q9"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("export with an unknown format exits 64 (usage)")
    func exportUnknownFormatExits64() throws {
        let workspace = try CLIWorkspace(regions: false)
        let result = try runLandwatch(["export", "-w", workspace.path, "--batch", "2024Q1", "--format", "dwg", "--out", "x.dwg"])
        #expect(result.status == 64)
    }
}
