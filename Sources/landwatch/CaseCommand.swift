import ArgumentParser
import Enforcement
import Foundation
import Geo
import Workspace

/// Parses a rectification measure: KIND:detail[:亩], KIND being 拆除复耕 / 补办手续 / 没收.
func parseMeasure(_ text: String) throws -> RectificationMeasure {
    let fields = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    guard let kind = RectificationKind(text: fields[0]) else {
        throw ValidationError("--measure「\(text)」应写成 类型:说明[:亩数]，类型为 拆除复耕、补办手续 或 没收 / --measure must be KIND:DETAIL[:MU], KIND one of demolishAndRestore, retroactiveApproval, confiscation")
    }
    let area = fields.count == 3 ? try parseMu(fields[2], option: "--measure") : nil
    return RectificationMeasure(kind: kind, detail: fields.count > 1 ? fields[1] : "", area: area)
}

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "立案查处、处罚、整改与结案 / cases: filing, penalties, rectification, closing",
        discussion: """
        landwatch case file --number 440103-2024-001 --patch 2024M04/440103-0003 --party 某公司 --filed 2024-05-10
        landwatch case decide 440103-2024-001 --fine 53360 --demolition-mu 2 --measure 拆除复耕:拆除厂房并复耕:2 --deadline 2024-08-31
        landwatch case evidence 440103-2024-001 --measure 1 --note 已拆除 --file after.jpg
        landwatch case accept 440103-2024-001 --measure 1
        landwatch case pay 440103-2024-001 --amount 53360
        landwatch case close 440103-2024-001
        """,
        subcommands: [File.self, Decide.self, RectificationEvidenceCommand<CaseTarget>.self, RectificationAcceptCommand<CaseTarget>.self,
                      RectificationRejectCommand<CaseTarget>.self, Pay.self, Close.self, List.self])

    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "立案 / file a case")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Option(help: "案件编号 / case number") var number: String
        @Option(help: "违法图斑 批次/编号（可多次）/ illegal patch BATCH/CODE (repeatable)") var patch: [String]
        @Option(help: "当事人（可多次）/ party (repeatable)") var party: [String]
        @Option(help: "立案日期，默认今天 / filing date (default today)") var filed: String?

        func run() throws {
            try perform {
                let keys = try patch.map { text -> PatchKey in
                    let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw ValidationError("--patch 应写成 批次/编号 / --patch must be BATCH/CODE: \(text)") }
                    return PatchKey(batch: parts[0], code: parts[1])
                }
                let day = try filed.map { try parseDay($0, option: "--filed") } ?? CalendarDay(Date())
                let filedCase = try workspace.open().fileCase(number: number, patches: keys, parties: party, filedOn: day,
                                                              signature: step.signature)
                print("已立案 / filed: \(filedCase.subject)，\(filedCase.patches.count) 个图斑，当事人 \(filedCase.parties.joined(separator: "、"))")
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "作出处罚决定并确定整改措施 / decide penalties and rectification")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "案件编号 / case number") var number: String
        @Option(help: "罚款（元）/ fine in yuan") var fine = "0"
        @Option(help: "没收内容 / what is confiscated") var confiscation = ""
        @Option(help: "拆除面积（亩）/ demolition area in mu") var demolitionMu = "0"
        @Option(help: "整改措施 类型:说明[:亩数]（可多次）/ measure KIND:DETAIL[:MU] (repeatable)") var measure: [String] = []
        @Option(help: "整改期限 / rectification deadline") var deadline: String?
        @Option(help: "决定日期，默认今天 / decision date (default today)") var on: String?

        func run() throws {
            try perform {
                guard let amount = Yuan(fine) else { throw ValidationError("--fine「\(fine)」应为金额（元），如 53360 或 53360.50 / invalid --fine \(fine)") }
                let penalty = Penalty(fine: amount, confiscation: confiscation, demolitionArea: try parseMu(demolitionMu, option: "--demolition-mu"))
                let plan = RectificationPlan(measures: try measure.map(parseMeasure),
                                             deadline: try deadline.map { try parseDay($0, option: "--deadline") })
                let day = try on.map { try parseDay($0, option: "--on") } ?? CalendarDay(Date())
                let decided = try workspace.open().changeCase(number, .decide(penalty, plan: plan, on: day), signature: step.signature,
                                                              expectedVersion: step.expectVersion)
                print("\(decided.subject)：\(decided.status.chineseName)，罚款 \(amount) 元，整改措施 \(plan.measures.count) 项")
            }
        }
    }

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记罚没款缴纳 / record a payment")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "案件编号 / case number") var number: String
        @Option(help: "金额（元）/ amount in yuan") var amount: String
        @Option(help: "缴款日期，默认今天 / date (default today)") var on: String?

        func run() throws {
            try perform {
                guard let yuan = Yuan(amount) else { throw ValidationError("--amount「\(amount)」应为金额（元）/ invalid --amount \(amount)") }
                let day = try on.map { try parseDay($0, option: "--on") } ?? CalendarDay(Date())
                let changed = try workspace.open().changeCase(number, .recordPayment(yuan, on: day), signature: step.signature,
                                                              expectedVersion: step.expectVersion)
                print("\(changed.subject)：已缴 \(changed.finesCollected) 元，未缴 \(changed.finesOutstanding) 元")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "结案（整改须全部到位）/ close (all rectification done)")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "案件编号 / case number") var number: String
        @Option(help: "结案日期，默认今天 / date (default today)") var on: String?

        func run() throws {
            try perform {
                let day = try on.map { try parseDay($0, option: "--on") } ?? CalendarDay(Date())
                let closed = try workspace.open().changeCase(number, .close(on: day), signature: step.signature,
                                                             expectedVersion: step.expectVersion)
                print("\(closed.subject)：\(closed.status.chineseName)，\(closed.patches.count) 个图斑整改到位")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "案件列表 / list cases")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try perform {
                var table = TextTable("案件编号 number", "县区 county", "状态 status", "图斑 patches", "当事人 parties",
                                      "罚款(元) fine", "已缴(元) paid", "整改 open/all", "版本 version")
                for c in try workspace.open().store.enforcementCases() {
                    table.add(c.number, c.region.rawValue, c.status.chineseName, String(c.patches.count), c.parties.joined(separator: "、"),
                              (c.penalty?.fine ?? .zero).description, c.finesCollected.description,
                              "\(c.rectification.openCount)/\(c.rectification.measures.count)", String(c.version))
                }
                print(table.rendered)
            }
        }
    }
}

/// Rectification steps of a case on the command line.
enum CaseTarget: RectificationTarget {
    static let numberHelp = "案件编号 / case number"

    static func apply(_ step: RectificationPlan.Step, to number: String, in ws: Workspace, signature: Signature,
                      expectedVersion: Int?) throws -> (subject: String, plan: RectificationPlan) {
        let changed = try ws.changeCase(number, .rectification(step), signature: signature, expectedVersion: expectedVersion)
        return (changed.subject, changed.rectification)
    }
}
