import ArgumentParser
import Enforcement
import Foundation
import Geo
import Store
import Workspace

struct OverlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlay",
        abstract: "叠加分析：图斑 × 参考图层（椭球面积）/ overlay a batch's patches on the reference layers (ellipsoidal areas)",
        discussion: "已按当前图层版本算过的不再重算；中断后再次运行即从中断处继续。/ Results already computed on the current layer version are kept, so an interrupted run resumes.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "批次 / batch") var batch: String
    @Option(help: "图层类型，逗号分隔（默认全部）/ layer kinds, comma-separated (default: all)") var layers: String?
    @Option(help: "线程数 / worker threads (default: all cores)") var threads: Int?
    @Flag(help: "全部重算 / recompute everything") var force = false

    func run() throws {
        try perform {
            let ws = try workspace.open()
            var job = OverlayJob(batchCode: batch)
            if let layers {
                job.kinds = Set(try layers.split(separator: ",").map { try LayerKind(parsing: $0.trimmingCharacters(in: .whitespaces)) })
            }
            if let threads { job.threads = threads }
            job.force = force
            let report = try job.run(in: ws, progress: TerminalProgress())
            print("叠加分析 / overlay \(batch): \(report.patches) 个图斑 patches × \(report.layers.count) 个图层 layers；计算 computed \(report.computed)，已是最新 up to date \(report.upToDate)；用时 \(String(format: "%.1f", report.seconds)) s")
            if !report.repairedPatches.isEmpty {
                print("无效几何按修复后的形状叠加 / invalid patches overlaid on their make-valid form: \(report.repairedPatches.joined(separator: ", "))")
            }
            for (layer, count) in report.repairedFeatures {
                print("图层「\(layer.name)」中 \(count) 个无效要素按修复后的形状参与叠加 / \(count) invalid features of layer \(layer.name) overlaid on their make-valid form")
            }
            printOverlayTotals(try ws.store.overlayTotals(batch: batch), regions: try ws.store.regions())
        }
    }
}

/// Per region: patches and area on each kind of layer, in 亩.
func printOverlayTotals(_ totals: [OverlayTotal], regions: [Region]) {
    guard !totals.isEmpty else { return }
    let names = Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    let kinds = LayerKind.allCases.filter { kind in totals.contains { $0.kind == kind } }
    var table = TextTable(headers: ["行政区 region", "名称 name"] + kinds.map { $0 == .cultivatedLand ? "耕地(亩)" : "\($0.chineseName)(亩)" })
    let regionCodes = Array(Set(totals.map(\.regionCode))).sorted { ($0?.rawValue ?? "~") < ($1?.rawValue ?? "~") }
    for code in regionCodes {
        let cells = kinds.map { kind in
            totals.first { $0.regionCode == code && $0.kind == kind }.map { $0.area.muText } ?? "0.00"
        }
        table.add(row: [code?.rawValue ?? "—", code.flatMap { names[$0] } ?? ""] + cells)
    }
    print(table.rendered)
}
