import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// The six small patches with a basic-farmland block under x < 499 000 (P001 sits half on it), overlaid.
private func overlaidWorkspace() throws -> CLIWorkspace {
    let workspace = try CLIWorkspace()
    let patches = workspace.directory.path("patches.gpkg"), farmland = workspace.directory.path("永久基本农田.gpkg")
    try CLIFixture.writeSmallPatches(to: patches)
    let writer = try VectorWriter(path: farmland, format: .gpkg, layerName: "JBNT", crs: CLIFixture.gk,
                                  fields: [FieldDefinition("BH", .string(width: 10))])
    try writer.write(geometry: Geometry(rectangle: Envelope(minX: 498_000, minY: 2_558_000, maxX: 499_000, maxY: 2_562_000)),
                     attributes: ["BH": .string("JB1")])
    try writer.finish()
    for step in [
        ["layers", "import", "-w", workspace.path, farmland, "--kind", "basicFarmland", "--name", "划定成果"],
        ["patches", "import", "-w", workspace.path, patches, "--batch", "2024Q1", "--code-field", "JCBH", "--region-field", "XZQDM"],
        ["overlay", "-w", workspace.path, "--batch", "2024Q1"],
    ] {
        let result = try runLandwatch(step)
        guard result.status == 0 else { throw CLIError.failed(step[0], result) }
    }
    return workspace
}

private let farmlandRules = """
    version: 1
    rules:
      - id: jbnt
        name: 占用永久基本农田
        when:
          basicFarmland: { touches: true }
        verdict: 疑似违法
        priority: 高

    """

@Suite("landwatch prejudge")
struct PrejudgeCommandTests {
    @Test("--print-default-rules prints the shipped, Chinese-documented rules")
    func printsDefaultRules() throws {
        let result = try runLandwatch(["prejudge", "--print-default-rules"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# LandWatch 预判规则"))
        #expect(result.stdout.contains("id: basic-farmland"))
    }

    @Test("A rules file with an unknown verdict exits 65 naming the line, and nothing is judged")
    func invalidRulesExit65() throws {
        let workspace = try overlaidWorkspace()
        let rules = workspace.directory.path("rules.yaml")
        try farmlandRules.replacingOccurrences(of: "疑似违法", with: "违法").write(toFile: rules, atomically: true, encoding: .utf8)
        let result = try runLandwatch(["prejudge", "-w", workspace.path, "--batch", "2024Q1", "--rules", rules])
        #expect(result.status == 65)
        #expect(result.stderr.contains("预判规则有误（\(rules) 第 7 行）：未知的结论「违法」"))
        let shown = try runLandwatch(["patches", "show", "-w", workspace.path, "P001"])
        #expect(shown.stdout.contains("尚未预判"))
    }

    @Test("The shipped rules on a workspace without their layers exit 65 and name the missing kinds")
    func missingLayersExit65() throws {
        let workspace = try overlaidWorkspace()
        let result = try runLandwatch(["prejudge", "-w", workspace.path, "--batch", "2024Q1"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("预判规则用到的图层尚未导入"))
        #expect(result.stderr.contains("生态保护红线（ecologicalRedLine）"))
    }

    @Test("prejudge prints the per-county table and patches show gives the verdict and its reason")
    func prejudgesAndShows() throws {
        let workspace = try overlaidWorkspace()
        let rules = workspace.directory.path("rules.yaml")
        try farmlandRules.write(toFile: rules, atomically: true, encoding: .utf8)
        let result = try runLandwatch(["prejudge", "-w", workspace.path, "--batch", "2024Q1", "--rules", rules])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("预判 / pre-judgement: 6 个图斑"))
        let west = try #require(result.stdout.split(separator: "\n").first { $0.contains("449901") })
        // P001 (20 m × 20 m = 0.60 亩) is the only patch on the farmland; the west county's other three have no rule.
        #expect(west.contains("1 / 0.60"))
        #expect(west.contains("3 / 3.34"))

        let shown = try runLandwatch(["patches", "show", "-w", workspace.path, "P001"])
        #expect(shown.stdout.contains("预判 pre-judgement: 疑似违法，优先级 priority 高"))
        #expect(shown.stdout.contains("→ 占用永久基本农田（jbnt）：压占永久基本农田 0.30 亩（50.0%）"))
    }
}
