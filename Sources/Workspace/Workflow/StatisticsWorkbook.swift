import Enforcement
import Foundation
import Geo
import Reports

/// The workbook a bureau hands in (统计报表): statistics by region, 瞒报率, 清零, cases, supervision
/// problems and the patch list, with Chinese headers, units in the headers and totals rows.
public enum StatisticsWorkbook {
    public static func write(_ report: StatisticsReport, to path: String) throws {
        let writer = try WorkbookWriter(path: path)
        for table in try tables(report) { try writer.add(table) }
        try writer.close()
    }

    static func tables(_ report: StatisticsReport) throws -> [ReportTable] {
        var tables = [try summary(report)]
        if !report.concealment.isEmpty { tables.append(try concealment(report)) }
        tables += [try clearance(report), try cases(report), try problems(report), try patches(report)]
        return tables
    }

    private static func subtitle(_ report: StatisticsReport) -> String {
        let scope = report.batch.map { "批次 \($0)" } ?? "全部批次"
        return "\(scope) · 统计截至 \(report.asOf) · LandWatch 生成"
    }

    private static func mu(_ area: Area) -> ReportCell { .number((area.mu * 100).rounded() / 100) }
    private static func ratio(_ value: Double?) -> ReportCell { value.map { .number($0) } ?? .text("—") }
    private static func yuan(_ amount: Yuan) -> ReportCell { .number(amount.yuan) }

    private static func regionLabel(_ row: RegionStatistics, _ report: StatisticsReport) -> String {
        switch row.level {
        case .county: return report.name(of: row.region)
        case .city: return "\(report.name(of: row.region)) 小计"
        case .total: return "合计"
        }
    }

    static func summary(_ report: StatisticsReport) throws -> ReportTable {
        let columns = [
            ReportColumn("地区"), ReportColumn("代码"),
            ReportColumn("图斑数（个）", kind: .integer), ReportColumn("图斑面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("合法（个）", kind: .integer), ReportColumn("合法面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("违法（个）", kind: .integer), ReportColumn("违法面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("违法占用耕地（亩）", kind: .decimal(places: 2)), ReportColumn("违法占用永久基本农田（亩）", kind: .decimal(places: 2)),
            ReportColumn("其他（个）", kind: .integer), ReportColumn("其他面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("未办结（个）", kind: .integer),
            ReportColumn("违法占用耕地面积比例（%）", kind: .percent(places: 1)),
            ReportColumn("按期核查率（%）", kind: .percent(places: 1)), ReportColumn("立案率（%）", kind: .percent(places: 1)),
            ReportColumn("整改到位率（%）", kind: .percent(places: 1)),
            ReportColumn("罚款（元）", kind: .decimal(places: 2)), ReportColumn("已缴罚没款（元）", kind: .decimal(places: 2)),
        ]
        func cells(_ row: RegionStatistics) -> [ReportCell] {
            let legal = row.tally(.legal), illegal = row.tally(.illegal), other = row.tally(.other)
            return [.text(regionLabel(row, report)), .text(row.region?.rawValue ?? ""),
                    .number(Double(row.patchCount)), mu(row.area),
                    .number(Double(legal.count)), mu(legal.area), .number(Double(illegal.count)), mu(illegal.area),
                    mu(illegal.cultivatedArea), mu(illegal.basicFarmlandArea), .number(Double(other.count)), mu(other.area),
                    .number(Double(row.pending.count)), ratio(row.illegalFarmlandRatio), ratio(row.onTimeRate),
                    ratio(row.caseFilingRate), ratio(row.rectificationRate), yuan(row.finesImposed), yuan(row.finesCollected)]
        }
        let body = report.rows.filter { $0.level != .total }
        let total = report.rows.last { $0.level == .total }
        let flagged = Set(body.indices.filter { body[$0].exceedsIllegalFarmlandLine })
        return try ReportTable(
            sheetName: "统计汇总", title: "卫片执法图斑判定统计表", subtitle: subtitle(report), columns: columns,
            rows: body.map(cells), totals: total.map { ReportTotals(label: "合计", values: Array(cells($0).dropFirst())) },
            highlightedRows: flagged,
            footnote: "注：违法占用耕地面积比例 = 违法占用耕地面积 ÷（合法 + 违法）新增建设占用耕地面积，达到 15% 的地区以红色标出；"
                + "按期核查率 = 期限内完成外业核查的图斑 ÷ 已到期或已核查的图斑；省级复核改判的图斑按复核结论计。")
    }

    static func concealment(_ report: StatisticsReport) throws -> ReportTable {
        let columns = [
            ReportColumn("市"), ReportColumn("抽中且报合法/其他（个）", kind: .integer), ReportColumn("已复核（个）", kind: .integer),
            ReportColumn("瞒报（个）", kind: .integer), ReportColumn("瞒报率·个数（%）", kind: .percent(places: 1)),
            ReportColumn("已复核面积（亩）", kind: .decimal(places: 2)), ReportColumn("瞒报面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("瞒报率·面积（%）", kind: .percent(places: 1)), ReportColumn("待复核（个）", kind: .integer),
        ]
        func cells(_ row: ConcealmentRate) -> [ReportCell] {
            [.text(row.city.map { report.name(of: $0) } ?? "全省"), .number(Double(row.reportedLegalOrOther)),
             .number(Double(row.judged)), .number(Double(row.concealed)), ratio(row.rateByCount), mu(row.judgedArea),
             mu(row.concealedArea), ratio(row.rateByArea), .number(Double(row.pending))]
        }
        let body = report.concealment.filter { $0.city != nil }
        let total = report.concealment.last { $0.city == nil }
        return try ReportTable(
            sheetName: "瞒报率", title: "省级抽样复核瞒报率统计表", subtitle: subtitle(report), columns: columns, rows: body.map(cells),
            totals: total.map { ReportTotals(label: "全省", values: Array(cells($0).dropFirst())) },
            highlightedRows: Set(body.indices.filter { body[$0].flagged }),
            footnote: "注：瞒报率 = 抽中并报为合法/其他、经复核为违法的图斑 ÷ 抽中并报为合法/其他的已复核图斑（按个数、按面积）；达到 20% 的市以红色标出。")
    }

    static func clearance(_ report: StatisticsReport) throws -> ReportTable {
        let columns = [
            ReportColumn("县区"), ReportColumn("代码"), ReportColumn("未整改违法图斑（个）", kind: .integer),
            ReportColumn("违法面积（亩）", kind: .decimal(places: 2)), ReportColumn("其中耕地（亩）", kind: .decimal(places: 2)),
            ReportColumn("未立案（个）", kind: .integer), ReportColumn("未销号督察问题（个）", kind: .integer),
            ReportColumn("问题面积（亩）", kind: .decimal(places: 2)), ReportColumn("问题耕地（亩）", kind: .decimal(places: 2)),
            ReportColumn("逾期问题（个）", kind: .integer),
        ]
        func cells(_ row: ClearanceRow) -> [ReportCell] {
            [.text(report.name(of: row.county)), .text(row.county?.rawValue ?? ""), .number(Double(row.openPatches)),
             mu(row.openIllegalArea), mu(row.openCultivatedArea), .number(Double(row.withoutCase)), .number(Double(row.openProblems)),
             mu(row.openProblemArea), mu(row.openProblemCultivatedArea), .number(Double(row.overdueProblems))]
        }
        let body = report.clearance.filter { $0.county != nil }
        let total = report.clearance.last { $0.county == nil }
        return try ReportTable(
            sheetName: "清零", title: "违法用地整改清零台账", subtitle: subtitle(report), columns: columns, rows: body.map(cells),
            totals: total.map { ReportTotals(label: "合计", values: Array(cells($0).dropFirst())) },
            highlightedRows: Set(body.indices.filter { body[$0].overdueProblems > 0 }),
            footnote: "注：列出仍有未整改到位违法图斑或未销号督察问题的县区；有逾期问题的县区以红色标出。")
    }

    static func cases(_ report: StatisticsReport) throws -> ReportTable {
        let columns = [
            ReportColumn("案件编号"), ReportColumn("县区"), ReportColumn("状态"), ReportColumn("图斑数（个）", kind: .integer),
            ReportColumn("当事人"), ReportColumn("立案日期"), ReportColumn("决定日期"), ReportColumn("罚款（元）", kind: .decimal(places: 2)),
            ReportColumn("已缴（元）", kind: .decimal(places: 2)), ReportColumn("拆除面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("整改措施（项）", kind: .integer), ReportColumn("未到位（项）", kind: .integer), ReportColumn("结案日期"),
        ]
        let rows: [[ReportCell]] = report.cases.map { c in
            [.text(c.number), .text(report.name(of: c.region)), .text(c.status.chineseName), .number(Double(c.patches.count)),
             .text(c.parties.joined(separator: "、")), .text(c.filedOn.description), .text(c.decidedOn?.description ?? ""),
             yuan(c.penalty?.fine ?? .zero), yuan(c.finesCollected), mu(c.penalty?.demolitionArea ?? .zero),
             .number(Double(c.rectification.measures.count)), .number(Double(c.rectification.openCount)), .text(c.closedOn?.description ?? "")]
        }
        let fines = report.cases.reduce(Yuan.zero) { $0 + ($1.penalty?.fine ?? .zero) }
        let paid = report.cases.reduce(Yuan.zero) { $0 + $1.finesCollected }
        let demolished = report.cases.reduce(Area.zero) { $0 + ($1.penalty?.demolitionArea ?? .zero) }
        return try ReportTable(
            sheetName: "立案查处", title: "立案查处情况表", subtitle: subtitle(report), columns: columns, rows: rows,
            totals: ReportTotals(label: "合计", values: [.empty, .empty, .number(Double(report.cases.reduce(0) { $0 + $1.patches.count })),
                                                        .empty, .empty, .empty, yuan(fines), yuan(paid), mu(demolished),
                                                        .number(Double(report.cases.reduce(0) { $0 + $1.rectification.measures.count })),
                                                        .number(Double(report.cases.reduce(0) { $0 + $1.rectification.openCount })), .empty]))
    }

    static func problems(_ report: StatisticsReport) throws -> ReportTable {
        let columns = [
            ReportColumn("问题编号"), ReportColumn("督察类型"), ReportColumn("县区"), ReportColumn("问题"),
            ReportColumn("面积（亩）", kind: .decimal(places: 2)), ReportColumn("耕地（亩）", kind: .decimal(places: 2)),
            ReportColumn("下发日期"), ReportColumn("整改期限"), ReportColumn("未到位（项）", kind: .integer), ReportColumn("状态"),
        ]
        let rows: [[ReportCell]] = report.problems.map { p in
            [.text(p.number), .text(p.kind.chineseName), .text(report.name(of: p.region)), .text(p.title), mu(p.area), mu(p.cultivatedArea),
             .text(p.handedDownOn.description), .text(p.rectification.deadline?.description ?? ""),
             .number(Double(p.rectification.openCount)),
             .text(p.isClosed ? "已销号" : (p.isOverdue(on: report.asOf) ? "逾期" : "整改中"))]
        }
        let overdue = Set(report.problems.indices.filter { report.problems[$0].isOverdue(on: report.asOf) })
        return try ReportTable(
            sheetName: "督察问题", title: "督察问题整改台账", subtitle: subtitle(report), columns: columns, rows: rows,
            totals: ReportTotals(label: "合计", values: [.empty, .empty, .empty,
                                                        mu(report.problems.reduce(.zero) { $0 + $1.area }),
                                                        mu(report.problems.reduce(.zero) { $0 + $1.cultivatedArea }), .empty, .empty,
                                                        .number(Double(report.problems.reduce(0) { $0 + $1.rectification.openCount })), .empty]),
            highlightedRows: overdue, footnote: "注：逾期未销号的问题以红色标出。")
    }

    static func patches(_ report: StatisticsReport) throws -> ReportTable {
        let columns = [
            ReportColumn("批次"), ReportColumn("图斑编号"), ReportColumn("县区"), ReportColumn("面积（亩）", kind: .decimal(places: 2)),
            ReportColumn("耕地（亩）", kind: .decimal(places: 2)), ReportColumn("永久基本农田（亩）", kind: .decimal(places: 2)),
            ReportColumn("状态"), ReportColumn("判定"), ReportColumn("判定子类"), ReportColumn("文件编号"),
            ReportColumn("省级复核"), ReportColumn("案件编号"), ReportColumn("整改到位"),
        ]
        let rows: [[ReportCell]] = report.patches.map { f in
            let w = f.workflow
            let parts = w.determination?.parts ?? []
            return [.text(f.key.batch), .text(f.key.code), .text(report.name(of: f.county)), mu(f.area), mu(f.cultivatedArea),
                    mu(f.basicFarmlandArea), .text(w.status.chineseName), .text(w.determination?.reportedCategory.chineseName ?? ""),
                    .text(parts.map { "\($0.subtype.name) \($0.area.muText)亩" }.joined(separator: "；")),
                    .text(parts.flatMap(\.documents).joined(separator: "、")),
                    .text(w.auditJudgement.map { "\($0.category.chineseName)（\($0.subtype.name)）" + (w.concealed ? " 瞒报" : "") } ?? ""),
                    .text(w.caseNumber ?? ""), .text(w.rectifiedOn?.description ?? "")]
        }
        return try ReportTable(
            sheetName: "图斑明细", title: "图斑判定明细表", subtitle: subtitle(report), columns: columns, rows: rows,
            highlightedRows: Set(report.patches.indices.filter { report.patches[$0].workflow.concealed }),
            footnote: "注：省级复核认定瞒报的图斑以红色标出。")
    }
}
