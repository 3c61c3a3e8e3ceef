import ArgumentParser
import Enforcement
import Foundation
import Workspace

/// A numbered record with a rectification plan: a case or a supervision problem. Their evidence,
/// acceptance and rejection commands are the same but for which record they change.
protocol RectificationTarget {
    /// Help for the record's number argument.
    static var numberHelp: String { get }
    /// Applies one rectification step to the record; its subject and plan after the step.
    static func apply(_ step: RectificationPlan.Step, to number: String, in ws: Workspace, signature: Signature,
                      expectedVersion: Int?) throws -> (subject: String, plan: RectificationPlan)
}

/// What every rectification sub-command takes: the record, who acts, and which measure.
struct RectificationOptions<Target: RectificationTarget>: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var step: StepOptions
    @Argument(help: ArgumentHelp(stringLiteral: Target.numberHelp)) var number: String
    @Option(help: "第几项整改措施（从 1 起）/ measure number, from 1") var measure: Int

    /// Applies the step made for the opened workspace and prints the plan.
    func run(_ makeStep: (Workspace) throws -> RectificationPlan.Step) throws {
        try perform {
            let ws = try workspace.open()
            let (subject, plan) = try Target.apply(try makeStep(ws), to: number, in: ws, signature: step.signature,
                                                   expectedVersion: step.expectVersion)
            printPlan(subject, plan)
        }
    }
}

struct RectificationEvidenceCommand<Target: RectificationTarget>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "evidence", abstract: "提交整改佐证 / submit rectification evidence")
    }

    @OptionGroup var options: RectificationOptions<Target>
    @Option(help: "整改佐证说明 / evidence note") var note = ""
    @Option(help: "佐证照片（JPEG，可多次）/ evidence photo (JPEG, repeatable)") var file: [String] = []

    func run() throws {
        try options.run { ws in
            let hashes = try file.map { try ws.photos.add(path: $0).sha256 }
            return .submitEvidence(measure: options.measure, RectificationEvidence(
                note: note, files: hashes, by: options.step.signature.person, at: Date()))
        }
    }
}

struct RectificationAcceptCommand<Target: RectificationTarget>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "accept", abstract: "整改验收通过（整改到位）/ accept: rectified")
    }

    @OptionGroup var options: RectificationOptions<Target>
    @Option(help: "验收日期，默认今天 / date (default today)") var on: String?

    func run() throws {
        let day = try on.map { try parseDay($0, option: "--on") } ?? CalendarDay(Date())
        try options.run { _ in .accept(measure: options.measure, on: day) }
    }
}

struct RectificationRejectCommand<Target: RectificationTarget>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "reject", abstract: "整改验收不通过 / reject the evidence")
    }

    @OptionGroup var options: RectificationOptions<Target>
    @Option(help: "不通过原因 / reason") var reason: String

    func run() throws {
        try options.run { _ in .reject(measure: options.measure, reason: reason) }
    }
}

func printPlan(_ subject: String, _ plan: RectificationPlan) {
    print(subject)
    for (index, measure) in plan.measures.enumerated() {
        let rejection = measure.lastRejection.map { "（上次退回：\($0)）" } ?? ""
        print("  \(index + 1). \(measure.kind.chineseName) \(measure.detail)：\(measure.status.chineseName)\(rejection)")
    }
}
