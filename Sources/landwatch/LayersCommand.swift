import ArgumentParser
import Enforcement
import Foundation
import Workspace

struct LayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layers", abstract: "参考图层 / reference layers",
        subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入参考图层（同名再次导入即替换为新版本）/ import a reference layer (same kind+name replaces it with a new version)")

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "矢量文件 / vector file") var file: String
        @Option(help: "图层类型 / kind: \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: String
        @Option(help: "图层名称 / layer name, e.g. \"2023 划定成果\"") var name: String
        @Option(help: "地类编码字段 / land-class field, e.g. DLBM") var classField: String?
        @Option(help: "文件中的图层名 / layer inside the file") var layer: String?
        @Option(help: "文件无坐标系时采用 / CRS for a file without one") var assumeCRS: String?
        @Flag(help: "修复无效几何（make-valid）/ repair invalid geometries") var repair = false

        func run() throws {
            try perform {
                let ws = try workspace.open()
                var job = LayerImport(path: file, kind: try LayerKind(parsing: kind), name: name)
                job.classField = classField
                job.layerName = layer
                job.assumeCRS = try parseCRS(assumeCRS)
                job.repairInvalid = repair
                let report = try job.run(in: ws, progress: TerminalProgress())
                let l = report.layer
                print("图层 / layer「\(l.name)」\(l.kind.chineseName) v\(l.version): \(l.featureCount) 个要素 features, \(l.totalArea.muText) 亩 (\(l.sourceCRS) → EPSG:4490)")
                printInvalid(report.invalid)
                if report.withoutGeometry > 0 { print("无几何要素已跳过 / features without geometry skipped: \(report.withoutGeometry)") }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出参考图层 / list reference layers")

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "输出格式 / output: table or csv") var format: OutputFormat = .table

        func run() throws {
            try perform {
                let layers = try workspace.open().store.layers()
                if format == .csv {
                    print(csvLine(["id", "kind", "name", "version", "features", "area_m2", "area_mu", "source_crs", "source_path"]))
                    for l in layers {
                        print(csvLine([String(l.id), l.kind.rawValue, l.name, String(l.version), String(l.featureCount),
                                       String(l.totalArea.squareMetres), l.totalArea.muText, l.sourceCRS, l.sourcePath]))
                    }
                    return
                }
                var table = TextTable("类型 kind", "名称 name", "版本 v", "要素 features", "面积(亩) mu", "源坐标系 CRS")
                for l in layers {
                    table.add(l.kind.chineseName, l.name, String(l.version), String(l.featureCount), l.totalArea.muText, l.sourceCRS)
                }
                print(table.rendered)
            }
        }
    }
}

func printInvalid(_ notes: [InvalidGeometryNote]) {
    guard !notes.isEmpty else { return }
    let repaired = notes.filter(\.repaired).count
    print("无效几何 / invalid geometries: \(notes.count)（已修复 repaired \(repaired)\(repaired < notes.count ? "；加 --repair 可修复 / add --repair to repair" : "")）")
    for note in notes.prefix(20) {
        print("  \(note.feature): \(note.reason)\(note.repaired ? "（已修复 repaired）" : "")")
    }
    if notes.count > 20 { print("  …（另有 \(notes.count - 20) 个 / \(notes.count - 20) more）") }
}
