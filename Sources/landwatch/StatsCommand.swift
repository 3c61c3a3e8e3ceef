import ArgumentParser
import Enforcement
import Foundation
import Geo
import Workspace

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "统计：分类、违法占用耕地比例、月清、立案、整改、罚没款、清零 / statistics by region, with an Excel workbook",
        discussion: """
        landwatch stats --batch 2024M04 --as-of 2024-05-31 --xlsx 2024M04-统计.xlsx
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "批次，默认全部 / batch (default: all)") var batch: String?
    @Option(help: "统计截至日期，默认今天 / reporting day (default today)") var asOf: String?
    @Option(help: "写出 Excel 工作簿 / write the Excel workbook here") var xlsx: String?

    func run() throws {
        try perform {
            let day = try asOf.map { try parseDay($0, option: "--as-of") } ?? CalendarDay(Date())
            let report = try workspace.open().statistics(batch: batch, asOf: day)
            printStatistics(report)
            if let xlsx {
                try StatisticsWorkbook.write(report, to: xlsx)
                print("\n已写出工作簿 / workbook written: \(xlsx)")
            }
        }
    }
}

func printStatistics(_ report: StatisticsReport) {
    print("统计 / statistics: \(report.batch.map { "批次 \($0)" } ?? "全部批次")，截至 \(report.asOf)")
    var table = TextTable("地区 region", "图斑 patches", "合法 legal", "违法 illegal", "其他 other", "未办结 pending",
                          "违法占耕(亩)", "占耕比例 ratio", "按期核查 on time", "立案率 cases", "整改率 rectified", "罚款/已缴(元)")
    for row in report.rows {
        let name = row.level == .city ? "\(report.name(of: row.region)) 小计" : report.name(of: row.region)
        func cell(_ category: DeterminationCategory) -> String {
            let tally = row.tally(category)
            return "\(tally.count) / \(tally.area.muText)"
        }
        table.add(name, "\(row.patchCount) / \(row.area.muText)", cell(.legal), cell(.illegal), cell(.other),
                  String(row.pending.count), row.tally(.illegal).cultivatedArea.muText,
                  percentText(row.illegalFarmlandRatio) + (row.exceedsIllegalFarmlandLine ? " ⚠≥15%" : ""),
                  percentText(row.onTimeRate), percentText(row.caseFilingRate), percentText(row.rectificationRate),
                  "\(row.finesImposed) / \(row.finesCollected)")
    }
    print(table.rendered)
    print("（个数 / 亩 count / mu）")
    if report.withoutCounty > 0 {
        print("⚠ \(report.withoutCounty) 个图斑没有所属县区，未计入 / patches without a county are not counted")
    }
    if !report.concealment.isEmpty {
        print("\n瞒报率 / concealment")
        printConcealment(report.concealment, names: report.regionNames)
    }
    print("\n清零 / still open")
    var open = TextTable("县区 county", "未整改违法图斑", "违法面积(亩)", "其中耕地(亩)", "未立案", "未销号督察问题", "问题面积(亩)", "逾期")
    for row in report.clearance {
        open.add(report.name(of: row.county), String(row.openPatches), row.openIllegalArea.muText, row.openCultivatedArea.muText,
                 String(row.withoutCase), String(row.openProblems), row.openProblemArea.muText, String(row.overdueProblems))
    }
    print(open.rendered)
}
