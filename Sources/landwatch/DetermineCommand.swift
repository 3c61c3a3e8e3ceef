import ArgumentParser
import Enforcement
import Foundation
import Geo
import Prejudge
import Workspace

struct DetermineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "determine",
        abstract: "内业判定：合法 / 违法 / 其他及子类，可按面积拆分 / determine a patch, optionally split by area",
        discussion: """
        landwatch determine --batch B --patch P --as WF01                         整个图斑：未批先建
        landwatch determine --batch B --patch P --as 已批准用地 --document 粤府土〔2024〕12号
        landwatch determine --batch B --patch P --part HF01:2.5:粤府土〔2024〕12号 --part WF02:rest
            拆分：2.5 亩已批准用地，其余少批多占 / split: 2.5 mu approved, the rest illegal
        子类可写代码或名称；合法子类必须有文件编号。代码表：--list-codes；工作空间可放 determination-codes.yaml 自定义。
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "批次 / batch") var batch: String?
    @Option(help: "图斑编号 / patch code") var patch: String?
    @OptionGroup var step: StepOptions
    @Option(name: .customLong("as"), help: "整个图斑的判定子类（代码或名称）/ sub-type for the whole patch") var subtype: String?
    @Option(help: "文件编号（批准文号、备案编号，可多次）/ document number (repeatable)") var document: [String] = []
    @Option(help: "拆分部分 子类:亩数|rest[:文件编号,…]（可多次）/ part SUBTYPE:MU|rest[:DOCS] (repeatable)") var part: [String] = []
    @Option(help: "判定说明 / note") var note = ""
    @Flag(help: "列出当前代码表 / list the code list in use") var listCodes = false
    @Flag(help: "打印内置代码表（YAML）/ print the shipped code list") var printDefaultCodes = false

    func validate() throws {
        guard !listCodes, !printDefaultCodes else { return }
        guard batch != nil, patch != nil else { throw ValidationError("需要 --batch 和 --patch / --batch and --patch are required") }
        guard (subtype == nil) != part.isEmpty else {
            throw ValidationError("请给 --as（整个图斑）或 --part（拆分），二选一 / give either --as or --part")
        }
    }

    func run() throws {
        if printDefaultCodes {
            print(DefaultDeterminationCodes.yaml, terminator: "")
            return
        }
        try perform {
            let ws = try workspace.open()
            let codes = try ws.determinationCodes()
            if listCodes {
                var table = TextTable("代码 code", "名称 name", "类别 category", "需填文件 document")
                for code in codes.codes { table.add(code.code, code.name, code.category.chineseName, code.documentLabel ?? "") }
                print(table.rendered)
                return
            }
            let drafts = try subtype.map { [DeterminationPartDraft(area: .rest, subtype: $0, documents: document)] }
                ?? part.map(Self.parsePart)
            let workflow = try ws.determine(PatchKey(batch: batch!, code: patch!), parts: drafts, note: note, codes: codes,
                                            signature: step.signature, expectedVersion: step.expectVersion)
            print("已判定并提交市级审核 / determined and submitted: \(workflow.subject)（版本 version \(workflow.version)）")
            for part in workflow.determination?.parts ?? [] {
                let documents = part.documents.isEmpty ? "" : "  \(part.documents.joined(separator: "、"))"
                print("  \(part.category.chineseName) \(part.subtype.code) \(part.subtype.name)  \(part.area.muText) 亩\(documents)")
            }
        }
    }

    static func parsePart(_ text: String) throws -> DeterminationPartDraft {
        let fields = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard fields.count >= 2, !fields[0].isEmpty else {
            throw ValidationError("--part「\(text)」应写成 子类:亩数|rest[:文件编号] / --part \(text) must be SUBTYPE:MU|rest[:DOCS]")
        }
        let area: PartArea = fields[1].lowercased() == "rest" || fields[1] == "剩余"
            ? .rest : .given(try parseMu(fields[1], option: "--part"))
        let documents = fields.count == 3 ? fields[2].split(separator: ",").map(String.init) : []
        return DeterminationPartDraft(area: area, subtype: fields[0], documents: documents)
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "市级审核：通过或退回（须写原因）/ city review: approve, or return with a reason")

    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var target: PatchOptions
    @OptionGroup var step: StepOptions
    @Flag(help: "审核通过 / approve") var approve = false
    @Option(name: .customLong("return"), help: "退回县级并写明原因 / return to the county with this reason") var returnReason: String?

    func validate() throws {
        guard approve != (returnReason != nil) else {
            throw ValidationError("请给 --approve 或 --return 原因，二选一 / give either --approve or --return REASON")
        }
    }

    func run() throws {
        try perform {
            let ws = try workspace.open()
            let workflow = try returnReason.map {
                try ws.returnToCounty(target.key, reason: $0, signature: step.signature, expectedVersion: step.expectVersion)
            } ?? ws.approve(target.key, signature: step.signature, expectedVersion: step.expectVersion)
            print("\(workflow.subject)：\(workflow.status.chineseName)（版本 version \(workflow.version)）")
        }
    }
}
