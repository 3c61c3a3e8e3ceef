import ArgumentParser
import Enforcement
import Foundation
import Geo
import Workspace

struct ProblemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems",
        abstract: "督察问题：下发、整改、销号 / supervision problems handed down by inspections",
        discussion: """
        landwatch problems add --number DC-2024-07 --kind 耕地保护督察 --region 440103 --title 某村违法占用耕地建厂房 \\
            --area-mu 12.5 --cultivated-mu 9.8 --measure 拆除复耕:拆除厂房复耕:9.8 --deadline 2024-12-31
        landwatch problems evidence DC-2024-07 --measure 1 --note 已复耕 --file photo.jpg
        landwatch problems accept DC-2024-07 --measure 1
        landwatch problems close DC-2024-07
        """,
        subcommands: [Add.self, RectificationEvidenceCommand<ProblemTarget>.self, RectificationAcceptCommand<ProblemTarget>.self,
                      RectificationRejectCommand<ProblemTarget>.self, Close.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记下发的督察问题 / record a problem handed down")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Option(help: "问题编号 / number") var number: String
        @Option(help: "督察类型：例行督察 / 耕地保护督察 / 专项督察") var kind: String
        @Option(help: "县区代码 / county code") var region: String
        @Option(help: "问题描述 / title") var title: String
        @Option(help: "面积（亩）/ area in mu") var areaMu: String
        @Option(help: "其中耕地（亩）/ of which cultivated, mu") var cultivatedMu = "0"
        @Option(help: "整改措施 类型:说明[:亩数]（可多次）/ measure (repeatable)") var measure: [String]
        @Option(help: "整改期限 / deadline") var deadline: String
        @Option(help: "下发日期，默认今天 / date handed down (default today)") var on: String?

        func run() throws {
            try perform {
                guard let inspection = InspectionKind(text: kind) else {
                    throw ValidationError("--kind 应为 例行督察、耕地保护督察 或 专项督察 / --kind must be routine, farmlandProtection or special")
                }
                let problem = try SupervisionProblem.handDown(
                    number: number, kind: inspection, region: try RegionCode(region), title: title,
                    on: try on.map { try parseDay($0, option: "--on") } ?? CalendarDay(Date()),
                    area: try parseMu(areaMu, option: "--area-mu"), cultivatedArea: try parseMu(cultivatedMu, option: "--cultivated-mu"),
                    plan: RectificationPlan(measures: try measure.map(parseMeasure), deadline: try parseDay(deadline, option: "--deadline")))
                try workspace.open().handDownProblem(problem, signature: step.signature)
                print("已登记 / recorded: \(problem.subject)（\(inspection.chineseName)），期限 \(deadline)")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "销号（整改须全部到位）/ close")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "问题编号 / number") var number: String
        @Option(help: "销号日期，默认今天 / date (default today)") var on: String?

        func run() throws {
            try perform {
                let day = try on.map { try parseDay($0, option: "--on") } ?? CalendarDay(Date())
                let closed = try workspace.open().changeProblem(number, .close(on: day), signature: step.signature,
                                                                expectedVersion: step.expectVersion)
                print("\(closed.subject)：已销号 closed \(day)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "督察问题列表 / list problems")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try perform {
                let today = CalendarDay(Date())
                var table = TextTable("编号 number", "类型 kind", "县区 county", "问题 title", "面积(亩) area", "耕地(亩) cultivated",
                                      "期限 deadline", "整改 open/all", "状态 status")
                for p in try workspace.open().store.supervisionProblems() {
                    let status = p.isClosed ? "已销号" : (p.isOverdue(on: today) ? "⚠ 逾期" : "整改中")
                    table.add(p.number, p.kind.chineseName, p.region.rawValue, p.title, p.area.muText, p.cultivatedArea.muText,
                              p.rectification.deadline?.description ?? "", "\(p.rectification.openCount)/\(p.rectification.measures.count)", status)
                }
                print(table.rendered)
            }
        }
    }
}

/// Rectification steps of a supervision problem on the command line.
enum ProblemTarget: RectificationTarget {
    static let numberHelp = "问题编号 / problem number"

    static func apply(_ step: RectificationPlan.Step, to number: String, in ws: Workspace, signature: Signature,
                      expectedVersion: Int?) throws -> (subject: String, plan: RectificationPlan) {
        let changed = try ws.changeProblem(number, .rectification(step), signature: signature, expectedVersion: expectedVersion)
        return (changed.subject, changed.rectification)
    }
}
