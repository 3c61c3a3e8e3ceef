import ArgumentParser
import Enforcement
import Foundation
import Store
import Workspace

struct AlarmsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarms",
        abstract: "铁塔视频告警：查看、确认、排除、统计 / camera alarms: list, confirm, dismiss, metrics",
        subcommands: [List.self, Confirm.self, Dismiss.self, MakePatch.self, Stats.self])

    /// One alarm on one line: code, time, place in the view and on the ground, incident, status.
    static func line(_ alarm: CameraAlarm) -> String {
        let view = alarm.view
        let ground = alarm.area.map { "\($0.muText) 亩（\(String(format: "%.0f", $0.squareMetres)) m²）" } ?? "无地面位置 / no ground position"
        let incident = alarm.isDuplicate ? "重复，属事件 / repeats \(alarm.incident)" : "新事件 / new incident"
        return "\(alarm.code)  \(timeText(alarm.capturedAt))  画面 [\(Int(view.minX)),\(Int(view.minY))–\(Int(view.maxX)),\(Int(view.maxY))]  "
            + "\(ground)  \(incident)  \(alarm.status.chineseName)" + (alarm.decision?.reason.map { "（\($0.chineseName)）" } ?? "")
    }

    static func timeText(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!).year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .colon))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出告警 / list alarms")

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "状态：new 待处理 / confirmed 已确认 / dismissed 已排除") var status: String?
        @Option(help: "摄像机编号 / camera id") var camera: String?
        @Option(help: "县区代码（辖区）/ region code") var region: String?
        @Option(help: "最多条数 / at most this many") var limit = 200

        func run() throws {
            try perform {
                let state = try status.map { text -> AlarmStatus in
                    guard let value = AlarmStatus(text: text) else { throw ValidationError("--status 应为 new、confirmed 或 dismissed / --status must be new, confirmed or dismissed") }
                    return value
                }
                let alarms = try workspace.open().store.alarms(AlarmFilter(status: state, camera: camera, region: try region.map(RegionCode.init), limit: limit))
                for alarm in alarms { print(AlarmsCommand.line(alarm)) }
                print("共 \(alarms.count) 条 / \(alarms.count) alarms")
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "确认告警（真实变化）/ confirm an alarm: a real change")

        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "告警编号 / alarm code") var code: String
        @Option(help: "说明 / note") var note = ""
        @Flag(help: "同时转为图斑并下发到县 / also make it a patch and hand it to the county") var patch = false
        @Option(help: "转图斑时的核查期限（天）/ days the county has to check the patch") var dueDays = 7

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let decided = try ws.decideAlarm(code, status: .confirmed, reason: nil, note: note, signature: step.signature)
                print("已确认事件 / incident confirmed: \(decided.first?.incident ?? code)，含告警 \(decided.count) 条")
                if patch { MakePatch.printReport(try ws.patchFromAlarm(code, dueInDays: dueDays, signature: step.signature)) }
            }
        }
    }

    struct MakePatch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "patch",
            abstract: "已确认告警转为图斑（本月 CAM-yyyyMM 批次）并下发到县 / make a confirmed alarm a patch of the month's camera batch and hand it to the county")

        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "告警编号 / alarm code") var code: String
        @Option(help: "核查期限（天）/ days the county has to check it") var dueDays = 7

        func run() throws {
            try perform { Self.printReport(try workspace.open().patchFromAlarm(code, dueInDays: dueDays, signature: step.signature)) }
        }

        static func printReport(_ report: AlarmPatchReport) {
            let patch = report.patch
            let made = report.existed ? "已有图斑 / patch already made" : "已生成图斑 / patch made"
            print("\(made): \(patch.batchCode) \(patch.code)  \(patch.area.muText) 亩（\(String(format: "%.1f", patch.area.squareMetres)) m²）"
                + "  前时相 \(patch.beforeDate ?? "—")  后时相 \(patch.afterDate ?? "—")")
            if let county = report.assignedTo, let due = report.due {
                print("已下发至 \(county.rawValue)，期限 \(due) / handed to \(county.rawValue), due \(due)")
            }
            print("叠加分析与预判 / overlay and pre-judge: landwatch overlay --batch \(patch.batchCode) && landwatch prejudge --batch \(patch.batchCode)")
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "排除告警（误报）并说明原因 / dismiss an alarm as false, with the reason",
            discussion: "原因 / reasons: " + DismissalReason.allCases.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、"))

        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "告警编号 / alarm code") var code: String
        @Option(help: "原因，如 光照变化 / 天气 / 车辆行人 / 施工已批 / reason") var reason: String?
        @Option(help: "说明 / note") var note = ""
        @Flag(name: .customLong("mask-place"), help: "同时屏蔽该区域，以后不再判定（如露天茶座、集市摊位）/ also mask the place so it is never judged again")
        var maskPlace = false

        func run() throws {
            try perform {
                let cause = try reason.map { text -> DismissalReason in
                    guard let value = DismissalReason(text: text) else { throw WorkspaceError.dismissalNeedsReason }
                    return value
                }
                let decided = try workspace.open().decideAlarm(code, status: .dismissed, reason: cause, note: note, maskingPlace: maskPlace,
                                                               signature: step.signature)
                print("已排除事件 / incident dismissed: \(decided.first?.incident ?? code)（\(cause?.chineseName ?? "")），含告警 \(decided.count) 条"
                    + (maskPlace ? "；该区域已加入预置位遮罩 / its place is now masked" : ""))
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "按摄像机和县区统计误报率、重复率、确认用时 / false-alarm rate, duplicate rate and time to confirm per camera and county")

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "县区代码（辖区）/ region code") var region: String?
        @Option(help: "起始日期 / since (2024-05-01)") var since: String?

        func run() throws {
            try perform {
                let from = try since.map { try parseDay($0, option: "--since").at(hour: 0) }
                let report = try workspace.open().alarmMetrics(region: try region.map(RegionCode.init), since: from)
                var cameras = TextTable(headers: ["摄像机 camera", "名称 name"] + Self.headers)
                for (camera, metrics) in report.byCamera { cameras.add(row: [camera.id, camera.name] + Self.cells(metrics)) }
                print(cameras.rendered)
                print("")
                var counties = TextTable(headers: ["县区 county"] + Self.headers)
                for (county, metrics) in report.byCounty { counties.add(row: [county?.rawValue ?? "—"] + Self.cells(metrics)) }
                print(counties.rendered)
            }
        }

        static let headers = ["告警 alarms", "重复 duplicates", "事件 incidents", "确认 confirmed", "排除 dismissed", "待处理 pending",
                              "误报率 false", "重复率 dup.", "确认用时中位(时) hours"]

        static func cells(_ m: AlarmMetrics) -> [String] {
            func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", 100 * $0) } ?? "—" }
            return ["\(m.alarms)", "\(m.duplicates)", "\(m.incidents)", "\(m.confirmed)", "\(m.dismissed)", "\(m.pending)",
                    percent(m.falseAlarmRate), percent(m.duplicateRate), m.medianHoursToConfirm.map { String(format: "%.1f", $0) } ?? "—"]
        }
    }
}
