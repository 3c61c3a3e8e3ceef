import ArgumentParser
import Foundation
import Workspace

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions", abstract: "行政区划 / administrative regions",
        subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导入行政区划边界 / import region boundaries (updates by code)")

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "矢量文件 / vector file (SHP, GPKG, GeoJSON, KML, zip)") var file: String
        @Option(help: "行政区划代码字段 / code field") var codeField: String
        @Option(help: "名称字段 / name field") var nameField: String
        @Option(help: "上级区划代码字段 / parent code field (GB codes derive it)") var parentField: String?
        @Option(help: "图层名 / layer inside the file") var layer: String?
        @Option(help: "文件无坐标系时采用 / CRS for a file without one, e.g. EPSG:4490") var assumeCRS: String?

        func run() throws {
            try perform {
                let ws = try workspace.open()
                var job = RegionImport(path: file, codeField: codeField, nameField: nameField)
                job.parentField = parentField
                job.layerName = layer
                job.assumeCRS = try parseCRS(assumeCRS)
                let report = try job.run(in: ws, progress: TerminalProgress())
                print("行政区 / regions: \(report.total)（新增 inserted \(report.counts.inserted)，更新 updated \(report.counts.updated)，未变 unchanged \(report.counts.unchanged)）")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出行政区 / list regions")

        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try perform {
                var table = TextTable("代码 code", "名称 name", "上级 parent", "面积(公顷) ha")
                for region in try workspace.open().store.regions() {
                    table.add(region.code.rawValue, region.name, region.parentCode?.rawValue ?? "", region.area.hectaresText)
                }
                print(table.rendered)
            }
        }
    }
}
