import Demo
import Enforcement
import Foundation
import Geo
import Prejudge
import Testing
import TestSupport
import Workspace

/// The demo month on a small county: what it leaves behind must hold together.
@Suite("The demo month", .serialized)
struct DemoMonthTests {
    /// A small county imported, overlaid, pre-judged and taken through the month once for all tests.
    final class PlayedMonth: @unchecked Sendable {
        let folder = TemporaryDirectory()
        let workspace: Workspace
        let report: DemoMonth.Report
        let statistics: StatisticsReport

        init() throws {
            workspace = try Workspace.create(at: folder.url)
            try DemoCounty.installSmall(in: workspace)
            _ = try PrejudgeJob(batchCode: DemoCounty.batchCode, rules: RulesFile.defaults, rulesSource: "默认规则").run(in: workspace)
            report = try DemoMonth(seed: 7).play(in: workspace)
            statistics = try workspace.statistics(batch: DemoCounty.batchCode, asOf: DemoMonth.reportingDay)
        }
    }

    static let month = Result { try PlayedMonth() }

    @Test("Every verification flagged by its photos was returned by the city, and every determined patch ends approved")
    func flaggedOnesWereReturnedAndAllApproved() throws {
        let month = try Self.month.get()
        #expect(month.report.flaggedVerifications > 0)
        #expect(month.report.returned == month.report.flaggedVerifications)
        let workflows = try month.workspace.store.patchWorkflows(batch: DemoCounty.batchCode).values
        #expect(workflows.filter { $0.status == .approved }.count == month.report.determined)
        #expect(workflows.filter { $0.lastReturn != nil }.count == month.report.returned)
    }

    @Test("The audit log holds every step and the drawn sample re-draws the same from the published seed")
    func auditLogIntactAndSampleChecks() throws {
        let month = try Self.month.get()
        let check = try month.workspace.verifyAuditLog()
        #expect(check.isIntact)
        #expect(check.verifiedEvents > Int64(month.report.verified * 3))
        #expect(try month.workspace.checkAuditSample(batch: DemoCounty.batchCode))
    }

    @Test("The statistics count every patch once: categories plus pending add up to the batch")
    func statisticsAddUp() throws {
        let month = try Self.month.get()
        let total = try #require(month.statistics.rows.last)
        let categorised = DeterminationCategory.allCases.reduce(0) { $0 + total.tally($1).count }
        #expect(categorised + total.pending.count == total.patchCount)
        #expect(total.patchCount + month.statistics.withoutCounty == 150)
        #expect(total.caseCount == month.report.casesFiled)
        #expect(total.rectifiedCount == month.report.casesClosed)
    }

    @Test("Closed cases have paid fines, and the workbook is written with its six sheets")
    func closedCasesPaidAndWorkbookWritten() throws {
        let month = try Self.month.get()
        for closed in try month.workspace.store.enforcementCases() where closed.status == .closed {
            #expect(closed.finesOutstanding == .zero, "\(closed.number)")
        }
        let path = month.folder.path("统计报表.xlsx")
        try StatisticsWorkbook.write(month.statistics, to: path)
        let listing = try runTool("/usr/bin/ogrinfo", ["-ro", "-so", "-q", path]).stdout
        for sheet in ["统计汇总", "瞒报率", "清零", "立案查处", "督察问题", "图斑明细"] {
            #expect(listing.contains(sheet), "\(sheet)")
        }
    }
}
