import Foundation
import Testing
import TestSupport

/// A workspace with the two counties and the six small patches imported as batch 2024Q1, all assigned
/// (the counties are 449901 and 449902, so every patch has a county).
private func assignedWorkspace() throws -> CLIWorkspace {
    let workspace = try CLIWorkspace()
    let patches = workspace.directory.path("2024Q1_卫片图斑.gpkg")
    try CLIFixture.writeSmallPatches(to: patches)
    let imported = try runLandwatch(["patches", "import", "-w", workspace.path, patches, "--batch", "2024Q1",
                                     "--code-field", "JCBH", "--region-field", "XZQDM"])
    guard imported.status == 0 else { throw CLIError.failed("patches import", imported) }
    let assigned = try runLandwatch(["assign", "-w", workspace.path, "--batch", "2024Q1", "--due-days", "30", "--by", "省技术中心"])
    guard assigned.status == 0 else { throw CLIError.failed("assign", assigned) }
    return workspace
}

/// `landwatch ARGS -w WS` for a workflow step.
private func step(_ workspace: CLIWorkspace, _ arguments: [String]) throws -> CommandResult {
    try runLandwatch(arguments + ["-w", workspace.path])
}

@Suite("The enforcement workflow through the landwatch command line")
struct WorkflowCommandTests {
    @Test("assign, verify, a refused determine, determine, return, determine, approve, audit verify and stats --xlsx all behave")
    func workflowWalkThrough() throws {
        let workspace = try CLIWorkspace()
        let patches = workspace.directory.path("2024Q1_卫片图斑.gpkg")
        try CLIFixture.writeSmallPatches(to: patches)
        let imported = try runLandwatch(["patches", "import", "-w", workspace.path, patches, "--batch", "2024Q1",
                                         "--code-field", "JCBH", "--region-field", "XZQDM"])
        #expect(imported.status == 0)

        let assigned = try step(workspace, ["assign", "--batch", "2024Q1", "--due-days", "30", "--by", "省技术中心"])
        #expect(assigned.status == 0)
        #expect(assigned.stdout.contains("批次 2024Q1：下发 6 个图斑"))
        #expect(assigned.stdout.contains("已下发过 0 个"))

        let verified = try step(workspace, ["verify", "--batch", "2024Q1", "--patch", "P001", "--by", "县核查员",
                                            "--at", "2024-04-03T10:00:00+08:00", "--state", "已建成", "--use", "厂房"])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("状态 已核查（版本 version 2）"))
        #expect(verified.stdout.contains("⚠ 无现场照片"))

        let refused = try step(workspace, ["determine", "--batch", "2024Q1", "--patch", "P002", "--as", "WF01", "--by", "县执法"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("未经外业核查"))
        #expect(refused.stderr.contains("2024Q1/P002"))

        let determined = try step(workspace, ["determine", "--batch", "2024Q1", "--patch", "P001", "--as", "QT01", "--by", "县执法"])
        #expect(determined.status == 0, "\(determined.stderr)")
        #expect(determined.stdout.contains("已判定并提交市级审核"))
        #expect(determined.stdout.contains("（版本 version 3）"))
        #expect(determined.stdout.contains("其他 QT01 伪变化"))

        let returned = try step(workspace, ["review", "--batch", "2024Q1", "--patch", "P001", "--return", "现场已建厂房，不是伪变化",
                                            "--by", "市审核"])
        #expect(returned.status == 0, "\(returned.stderr)")
        #expect(returned.stdout.contains("2024Q1/P001：已退回（版本 version 4）"))

        let redetermined = try step(workspace, ["determine", "--batch", "2024Q1", "--patch", "P001", "--as", "未批先建", "--by", "县执法",
                                                "--expect-version", "4"])
        #expect(redetermined.status == 0, "\(redetermined.stderr)")
        #expect(redetermined.stdout.contains("违法 WF01 未批先建"))

        let approved = try step(workspace, ["review", "--batch", "2024Q1", "--patch", "P001", "--approve", "--by", "市审核"])
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(approved.stdout.contains("2024Q1/P001：已审核（版本 version 6）"))

        let log = try step(workspace, ["audit", "log", "--subject", "2024Q1/P001"])
        #expect(log.status == 0)
        for action in ["patch.assign", "patch.verify", "patch.determine", "patch.return", "patch.approve"] {
            #expect(log.stdout.contains(action))
        }

        let audit = try step(workspace, ["audit", "verify"])
        #expect(audit.status == 0, "\(audit.stderr)")
        // 6 assignments, 1 verification, 2 determinations, 1 return, 1 approval.
        #expect(audit.stdout.contains("审计日志完好：11 条事件"))

        let xlsx = workspace.directory.path("2024Q1-统计.xlsx")
        let stats = try step(workspace, ["stats", "--batch", "2024Q1", "--as-of", "2024-05-31", "--xlsx", xlsx])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("已写出工作簿"))
        #expect(FileManager.default.fileExists(atPath: xlsx))
        let size = try FileManager.default.attributesOfItem(atPath: xlsx)[.size] as? Int
        #expect((size ?? 0) > 0)
    }

    @Test("A step on a stale --expect-version exits 75 and leaves the patch as it was")
    func staleVersionExits75() throws {
        let workspace = try assignedWorkspace()
        let verified = try step(workspace, ["verify", "--batch", "2024Q1", "--patch", "P002", "--by", "县核查员", "--expect-version", "1"])
        #expect(verified.status == 0, "\(verified.stderr)")

        let stale = try step(workspace, ["determine", "--batch", "2024Q1", "--patch", "P002", "--as", "WF01", "--by", "县执法",
                                         "--expect-version", "1"])
        #expect(stale.status == 75)
        #expect(stale.stderr.contains("当前版本 2，您依据的是版本 1"))

        let current = try step(workspace, ["determine", "--batch", "2024Q1", "--patch", "P002", "--as", "WF01", "--by", "县执法",
                                           "--expect-version", "2"])
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout.contains("（版本 version 3）"))
    }

    @Test("determine --list-codes lists the code list in use, WF01 未批先建 among it")
    func listCodes() throws {
        let workspace = try CLIWorkspace(regions: false)
        let listed = try step(workspace, ["determine", "--list-codes"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let line = try #require(listed.stdout.split(separator: "\n").first { $0.contains("WF01") })
        #expect(line.contains("未批先建"))
        #expect(line.contains("违法"))
        #expect(listed.stdout.contains("HF01"))
    }

    @Test("A legal determination without its document number exits 65 naming the document it needs")
    func legalWithoutDocumentRefused() throws {
        let workspace = try assignedWorkspace()
        _ = try step(workspace, ["verify", "--batch", "2024Q1", "--patch", "P004", "--by", "县核查员"])
        let refused = try step(workspace, ["determine", "--batch", "2024Q1", "--patch", "P004", "--as", "HF01", "--by", "县执法"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("必须填写批准文号"))
    }
}
