import ArgumentParser
import Demo
import Foundation
import Prejudge
import Workspace

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成示范市（三县）并导入、叠加分析、预判、汇总 / generate the demo city (3 counties), import, overlay and pre-judge it, print the summaries")

    @Option(name: [.short, .long], help: "示范工作空间目录 / demo workspace folder") var workspace = "demo-workspace"
    @Option(help: "随机种子（同种子结果相同）/ seed (same seed, same county)") var seed: UInt64 = 42
    @Option(help: "卫片图斑数 / number of change patches") var patches = 2000
    @Option(help: "三调地类图斑列数×行数 / land parcels: columns") var columns = 250
    @Option(help: "三调地类图斑行数 / land parcels: rows") var rows = 200

    func run() throws {
        try perform {
            let started = Date()
            let ws = try Workspace.create(at: URL(fileURLWithPath: workspace))
            var county = DemoCounty(seed: seed)
            county.patchCount = patches
            county.parcelColumns = columns
            county.parcelRows = rows
            let report = try county.install(in: ws, progress: TerminalProgress())
            print("示范数据已导入 / demo imported into \(ws.root.path)（\(String(format: "%.1f", Date().timeIntervalSince(started))) s）\n")
            printReport(report.patches)
            print()
            printSummary(try WorkspaceSummary(workspace: ws, batch: DemoCounty.batchCode))
            let overlay = try OverlayJob(batchCode: DemoCounty.batchCode).run(in: ws, progress: TerminalProgress())
            print("\n叠加分析 / overlay: \(overlay.patches) 个图斑 × \(overlay.layers.count) 个图层，用时 \(String(format: "%.1f", overlay.seconds)) s")
            printOverlayTotals(try ws.store.overlayTotals(batch: DemoCounty.batchCode), regions: try ws.store.regions())
            let rules = RulesFile.defaults
            let prejudged = try PrejudgeJob(batchCode: DemoCounty.batchCode, rules: rules, rulesSource: "默认规则")
                .run(in: ws, progress: TerminalProgress())
            print()
            printPrejudgeReport(prejudged, rules: rules, regions: try ws.store.regions())

            if try ws.store.lastAuditSequence() > 0 {
                // The month is history once played: replaying it would contradict the audit log.
                print("\n示范工作空间已走过一个月的流程，不再重复；删除 \(workspace) 可重新生成 / the demo month was already played in \(workspace); delete it to start over")
            } else {
                print("\n一个月的执法监测流程 / playing one month of the enforcement loop …")
                let month = try DemoMonth(seed: seed).play(in: ws, progress: TerminalProgress())
                print("核查 verified \(month.verified)（照片存疑被标记 flagged \(month.flaggedVerifications)，市级退回 returned \(month.returned)），"
                    + "判定 determined \(month.determined)，省级抽样 sampled \(month.sampled)，立案 cases \(month.casesFiled)（结案 closed \(month.casesClosed)），"
                    + "督察问题 problems \(month.problems)")
            }
            print("审计日志末尾哈希 / audit log head: \(try ws.verifyAuditLog().head)\n")
            let statistics = try ws.statistics(batch: DemoCounty.batchCode, asOf: DemoMonth.reportingDay)
            printStatistics(statistics)
            let workbook = ws.root.appendingPathComponent("\(DemoCounty.batchCode)-统计报表.xlsx").path
            try StatisticsWorkbook.write(statistics, to: workbook)
            print("\n统计报表 / workbook: \(workbook)")
            let imageryStarted = Date()
            try county.installImagery(in: ws)
            print("\n前/后时相影像 / before and after imagery: \(ws.root.appendingPathComponent("demo-source").path)（\(String(format: "%.1f", Date().timeIntervalSince(imageryStarted))) s）")
            if let tower = try DemoTower(seed: seed).install(in: ws, progress: TerminalProgress()) {
                print("\n示范铁塔 / demo tower \(DemoTower.cameraID) \(DemoTower.cameraName)：\(tower.passes) 次巡检，"
                    + "告警 \(tower.alarms.count) 条（\(tower.alarms.map(\.code).joined(separator: "、"))），视野内图斑 \(tower.patch.batchCode)/\(tower.patch.code)")
            }
            try DemoUsers.install(in: ws)
            print("\n示范账号（密码均为 \(DemoUsers.password)）/ demo sign-ins (password \(DemoUsers.password) for all):")
            var logins = TextTable("用户名 username", "角色 role", "辖区 jurisdiction", "姓名 name")
            for person in DemoUsers.people {
                logins.add(person.username, person.role.chineseName, person.jurisdiction, person.name)
            }
            print(logins.rendered)
            print("用时 / total time: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }
}
