import Enforcement
import Foundation
import Geo
import Workspace

extension DemoCounty {
    /// What installing the demo imported.
    public struct InstallReport: Sendable {
        public let regions: UpsertCountsReport
        public let layers: [LayerImport.Report]
        public let patches: PatchImport.Report
    }

    /// Generates the source files into `workspace/demo-source` and imports them with the same
    /// importers a user runs from the CLI.
    public func install(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> InstallReport {
        let files = try generate(into: workspace.root.appendingPathComponent("demo-source", isDirectory: true), progress: progress)
        let regions = try RegionImport(path: files.regions, codeField: "XZQDM", nameField: "XZQMC").run(in: workspace, progress: progress)
        let layerSources: [(String, LayerKind, String, String?)] = [
            (files.cultivatedLand, .cultivatedLand, "2023年度国土变更调查地类图斑", "DLBM"),
            (files.basicFarmland, .basicFarmland, "永久基本农田划定成果", "DLBM"),
            (files.ecologicalRedLine, .ecologicalRedLine, "生态保护红线", nil),
            (files.urbanBoundary, .urbanBoundary, "城镇开发边界", nil),
            (files.approvedLand, .approvedLand, "批准用地", nil),
            (files.landSupply, .landSupply, "供地", nil),
            (files.facilityFarmland, .facilityFarmland, "设施农用地备案", nil),
        ]
        let layers = try layerSources.map { path, kind, name, classField in
            var job = LayerImport(path: path, kind: kind, name: name)
            job.classField = classField
            return try job.run(in: workspace, progress: progress)
        }
        var patches = PatchImport(path: files.patches, batchCode: Self.batchCode, codeField: "JCBH")
        patches.batchName = "2024年第1季度卫片执法图斑"
        patches.regionField = "XZQDM"
        return InstallReport(regions: regions, layers: layers, patches: try patches.run(in: workspace, progress: progress))
    }
}
