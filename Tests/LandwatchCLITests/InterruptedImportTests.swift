import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// Patches in the large delivery. The CLI imports about 2,000 patches a second in a debug build on
/// this 2-core machine, so this takes ~15 s: ample time to kill it mid-import, short enough to run to
/// completion in the same test.
private let largeCount = 30_000

@Suite("The landwatch command line: long imports", .serialized)
struct InterruptedImportTests {
    @Test("An import killed with SIGKILL mid-transaction leaves no trace, and the workspace stays usable")
    func killedImportLeavesNoTrace() throws {
        let started = Date()
        let workspace = try CLIWorkspace()
        let small = workspace.directory.path("2024Q1.gpkg"), large = workspace.directory.path("2024M05_大批次.gpkg")
        try CLIFixture.writeSmallPatches(to: small)
        try CLIFixture.writeManyPatches(to: large, count: largeCount)

        let first = try runLandwatch(["patches", "import", "-w", workspace.path, small, "--batch", "2024Q1", "--code-field", "JCBH", "--region-field", "XZQDM"])
        #expect(first.status == 0)

        // Start the large import and wait for its first progress line: the transaction is then open and
        // has written rows (the line is drawn from inside the import, after at least a second of it).
        let arguments = ["patches", "import", "-w", workspace.path, large, "--batch", "2024M05", "--code-field", "JCBH", "--region-field", "XZQDM"]
        let process = Process()
        process.executableURL = landwatchExecutable
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        defer {
            // If an expectation failed before the kill, do not leave the import running.
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("/s") {
            let chunk = stderr.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // EOF: the process ended before drawing progress
            seen.append(chunk)
        }
        let progressLine = String(decoding: seen, as: UTF8.self)
        try #require(progressLine.contains("导入图斑 2024M05"), "no progress line before the import ended: \(progressLine)")
        #expect(kill(process.processIdentifier, SIGKILL) == 0)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGKILL)
        #expect(stdout.fileHandleForReading.readDataToEndOfFile().isEmpty, "the import finished before it was killed")

        // No batch and no patch of the killed import; the earlier batch exactly as it was.
        let listed = try runLandwatch(["patches", "list", "-w", workspace.path, "--format", "csv"])
        #expect(listed.status == 0)
        let rows = csvRows(listed.stdout).dropFirst()
        #expect(rows.count == CLIFixture.smallPatchCount)
        #expect(rows.allSatisfy { $0[1] == "2024Q1" })
        #expect(try runLandwatch(["patches", "list", "-w", workspace.path, "--batch", "2024M05", "--format", "csv"]).stdout
                    .split(separator: "\n").count == 1)
        let summary = try runLandwatch(["summary", "-w", workspace.path])
        #expect(summary.status == 0)
        #expect(!summary.stdout.contains("2024M05"))
        #expect(summary.stdout.contains("2024Q1"))

        // The same import runs to completion afterwards.
        let again = try runLandwatch(arguments)
        #expect(again.status == 0)
        #expect(again.stdout.contains("批次 / batch 2024M05: \(largeCount) 个图斑 patches（新增 inserted \(largeCount)，更新 updated 0，未变 unchanged 0）"))
        let afterwards = try runLandwatch(["patches", "list", "-w", workspace.path, "--batch", "2024Q1", "--format", "csv"])
        #expect(csvRows(afterwards.stdout).count == 1 + CLIFixture.smallPatchCount)
        let total = try runLandwatch(["patches", "list", "-w", workspace.path, "--batch", "2024M05", "--format", "csv", "--limit", "5"])
        #expect(csvRows(total.stdout).count == 6)
        print("killed-import test took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    @Test("A long import draws progress lines with a rate on stderr and none on stdout")
    func progressGoesToStderr() throws {
        let workspace = try CLIWorkspace()
        let file = workspace.directory.path("进度.gpkg")
        let count = 8_000
        try CLIFixture.writeManyPatches(to: file, count: count)
        let result = try runLandwatch(["patches", "import", "-w", workspace.path, file, "--batch", "2024M06", "--code-field", "JCBH"])
        #expect(result.status == 0)
        let progress = result.stderr.split(separator: "\n").filter { $0.contains("导入图斑 2024M06 / importing patches") }
        #expect(progress.count >= 2, "stderr: \(result.stderr)")
        #expect(progress.allSatisfy { $0.contains("/s") && $0.contains("/\(count)") })
        // Not a terminal: plain lines, no carriage returns or escape sequences.
        #expect(!result.stderr.contains("\r") && !result.stderr.contains("\u{1B}"))
        #expect(progress.last?.contains("\(count)/\(count)") == true)
        #expect(!result.stdout.contains("/s"))
        #expect(!result.stdout.contains("importing patches"))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stdout.contains("新增 inserted \(count)"))
    }
}
