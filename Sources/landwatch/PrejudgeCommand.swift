import ArgumentParser
import Enforcement
import Foundation
import Geo
import Prejudge
import Store
import Workspace

struct PrejudgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prejudge",
        abstract: "预判：按规则给出疑似合法 / 疑似违法 / 待核查 / pre-judge a batch's patches from their overlay results",
        discussion: """
        不给 --rules 时使用内置默认规则；用 --print-default-rules 导出后修改。规则在运行前全部检查，有错不会写入任何结果。
        Without --rules the shipped rules are used; --print-default-rules writes them out for editing. Rules are checked before anything is written.
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "批次 / batch") var batch: String?
    @Option(help: "规则文件（YAML）/ rules file (YAML)") var rules: String?
    @Flag(help: "打印内置默认规则 / print the shipped rules") var printDefaultRules = false

    func validate() throws {
        if !printDefaultRules && batch == nil {
            throw ValidationError("需要 --batch / --batch is required")
        }
    }

    func run() throws {
        if printDefaultRules {
            print(DefaultRules.yaml, terminator: "")
            return
        }
        try perform {
            let loaded = try rules.map(RulesFile.load(path:)) ?? RulesFile.defaults
            let ws = try workspace.open()
            let job = PrejudgeJob(batchCode: batch!, rules: loaded, rulesSource: rules ?? "默认规则")
            let report = try job.run(in: ws, progress: TerminalProgress())
            printPrejudgeReport(report, rules: loaded, regions: try ws.store.regions())
        }
    }
}

/// Per region: patches per verdict with their area in 亩, and the high-priority count; then which rules decided.
func printPrejudgeReport(_ report: PrejudgeJob.Report, rules: PrejudgeRules, regions: [Region]) {
    print("预判 / pre-judgement: \(report.patches) 个图斑 patches，用时 \(String(format: "%.1f", report.seconds)) s")
    let names = Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    let verdicts: [PrejudgeVerdict] = [.suspectedIllegal, .suspectedLegal, .needsReview]
    var table = TextTable(headers: ["行政区 region", "名称 name"] + verdicts.map { "\($0.chineseName)(个/亩)" } + ["高优先级 high"])
    for tally in report.byRegion {
        let cells = verdicts.map { "\(tally.counts[$0] ?? 0) / \((tally.areas[$0] ?? .zero).muText)" }
        table.add(row: [tally.regionCode?.rawValue ?? "—", tally.regionCode.flatMap { names[$0] } ?? "（未落区）"] + cells + ["\(tally.highPriority)"])
    }
    print(table.rendered)
    let decided = rules.rules.compactMap { rule in report.decidedBy[rule.id].map { "\(rule.name)(\(rule.id)) \($0)" } }
    if !decided.isEmpty { print("决定结论的规则 / deciding rules: " + decided.joined(separator: "，")) }
}
