import ArgumentParser
import Foundation
import Geo
import Workspace

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "工作空间汇总 / summary of layers, batches and patches by region")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "批次 / batch (default: all)") var batch: String?

    func run() throws {
        try perform { printSummary(try WorkspaceSummary(workspace: try workspace.open(), batch: batch)) }
    }
}

func printSummary(_ summary: WorkspaceSummary) {
    var layers = TextTable("参考图层 layer", "名称 name", "要素 features", "面积(亩) mu", "面积(公顷) ha")
    for l in summary.layers {
        layers.add(l.kind.chineseName, l.name, String(l.featureCount), l.totalArea.muText, l.totalArea.hectaresText)
    }
    print(layers.rendered)
    print()
    var batches = TextTable("批次 batch", "名称 name", "图斑 patches", "面积(亩) mu")
    for b in summary.batches { batches.add(b.batch.code, b.batch.name, String(b.patchCount), b.totalArea.muText) }
    print(batches.rendered)
    print()
    var regions = TextTable("行政区 region", "名称 name", "图斑 patches", "面积(亩) mu", "面积(公顷) ha")
    var total = Area.zero
    var count = 0
    for row in summary.byRegion {
        regions.add(row.code?.rawValue ?? "—", row.name, String(row.patchCount), row.area.muText, row.area.hectaresText)
        total = total + row.area
        count += row.patchCount
    }
    regions.add("合计", "total", String(count), total.muText, total.hectaresText)
    print(regions.rendered)
    print()
    print("行政区代码与位置不符 / region code disagrees with location: \(summary.regionMismatchCount)；无效几何 / invalid geometries: \(summary.invalidGeometryCount)")
}
