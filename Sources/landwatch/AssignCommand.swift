import ArgumentParser
import Enforcement
import Foundation
import Workspace

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "任务下发：把图斑下发到县并设定期限 / assign patches to counties with a deadline",
        discussion: """
        landwatch assign --batch 2024M04 --due-days 30          按图斑行政区划代码下发整批 / the whole batch, by region code
        landwatch assign --batch 2024M04 --patch 440103-0001 --county 440104 --due 2024-05-31   单个图斑 / one patch
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var step: StepOptions
    @Option(help: "批次 / batch") var batch: String
    @Option(help: "单个图斑编号 / one patch code") var patch: String?
    @Option(help: "下发到的县区代码（单个图斑）/ county code (one patch)") var county: String?
    @Option(help: "核查期限（单个图斑）/ deadline (one patch)") var due: String?
    @Option(help: "整批下发时的期限天数 / days until the deadline when assigning a batch") var dueDays = 30

    func validate() throws {
        if patch != nil, county == nil || due == nil {
            throw ValidationError("单个图斑需要 --county 和 --due / one patch needs --county and --due")
        }
    }

    func run() throws {
        try perform {
            let ws = try workspace.open()
            if let patch, let county, let due {
                let workflow = try ws.assign(PatchKey(batch: batch, code: patch), to: try RegionCode(county),
                                             due: try parseDay(due, option: "--due"), signature: step.signature,
                                             expectedVersion: step.expectVersion)
                print("已下发 / assigned \(workflow.subject) → \(county)，期限 due \(due)（版本 version \(workflow.version)）")
                return
            }
            let report = try ws.assign(batch: batch, dueInDays: dueDays, signature: step.signature)
            print("批次 \(batch)：下发 \(report.assigned) 个图斑，期限 \(report.due)；已下发过 \(report.alreadyAssigned) 个")
            print("Batch \(batch): assigned \(report.assigned), due \(report.due); \(report.alreadyAssigned) were already assigned")
            if !report.withoutCounty.isEmpty {
                print("⚠ \(report.withoutCounty.count) 个图斑没有县级行政区划代码，请逐个下发（--patch … --county … --due …）/ \(report.withoutCounty.count) patches have no county code; assign them one by one:")
                print("  " + report.withoutCounty.prefix(20).joined(separator: ", ") + (report.withoutCounty.count > 20 ? " …" : ""))
            }
        }
    }
}
