import Foundation
import Reports
import Testing
import TestSupport

/// A workbook is either written whole to its path or not at all, and every refusal says why.
@Suite("WorkbookWriter failures")
struct WorkbookWriterFailureTests {
    @Test("A second sheet of the same name, in another letter case, throws duplicateSheetName with libxlsxwriter's message")
    func duplicateSheetName() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let writer = try WorkbookWriter(path: folder.path("dup.xlsx"))
        try writer.add(ReportTable(sheetName: "Cities 统计", title: "一", columns: [ReportColumn("地区")], rows: []))
        let again = try ReportTable(sheetName: "CITIES 统计", title: "二", columns: [ReportColumn("地区")], rows: [])
        let error = #expect(throws: ReportsError.self) { try writer.add(again) }
        guard case let .duplicateSheetName(name, message) = error else {
            Issue.record("expected duplicateSheetName, got \(String(describing: error))")
            return
        }
        #expect(name == "CITIES 统计")
        #expect(message.contains("already in use"), "libxlsxwriter's lxw_strerror text: \(message)")
        #expect(error?.description.contains("工作表名称「CITIES 统计」已被使用") == true)
    }

    @Test("After a duplicate sheet name the workbook can still be completed")
    func duplicateLeavesWorkbookUsable() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = folder.path("dup.xlsx")
        let writer = try WorkbookWriter(path: path)
        try writer.add(Sample.cases())
        #expect(throws: ReportsError.self) { try writer.add(Sample.cases()) }
        try writer.add(Sample.cities())
        try writer.close()
        #expect(try WorkbookReadBack(path).sheetNames == ["立案查处", "违法用地统计"])
    }

    @Test("A writer released without close leaves nothing in the folder")
    func droppedWriterWritesNothing() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        do {
            let writer = try WorkbookWriter(path: folder.path("dropped.xlsx"))
            try writer.add(Sample.cities())
        }
        #expect(try folderEntries(folder) == [])
    }

    @Test("Nothing is written at the path until close")
    func nothingBeforeClose() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = folder.path("later.xlsx")
        let writer = try WorkbookWriter(path: path)
        try writer.add(Sample.cities())
        #expect(try folderEntries(folder) == [])
        try writer.close()
        #expect(try folderEntries(folder) == ["later.xlsx"])
    }

    @Test("A writer for a path in a missing folder throws missingFolder")
    func missingFolder() {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = folder.path("nowhere/report.xlsx")
        #expect(throws: ReportsError.missingFolder(path: path)) { try WorkbookWriter(path: path) }
    }

    @Test("A folder removed before close makes close throw cannotCreate with libxlsxwriter's message")
    func folderRemovedBeforeClose() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let subfolder = folder.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: false)
        let path = subfolder.appendingPathComponent("report.xlsx").path
        let writer = try WorkbookWriter(path: path)
        try writer.add(Sample.cities())
        try FileManager.default.removeItem(at: subfolder)
        let error = #expect(throws: ReportsError.self) { try writer.close() }
        guard case let .cannotCreate(failedPath, reason) = error else {
            Issue.record("expected cannotCreate, got \(String(describing: error))")
            return
        }
        #expect(failedPath == path)
        #expect(reason.contains("Error creating output xlsx file"), "libxlsxwriter's lxw_strerror text: \(reason)")
        #expect(try folderEntries(folder) == [])
    }

    @Test("When the file cannot be moved into place, close throws cannotCreate and removes its temporary file")
    func renameFailureCleansUp() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        // A non-empty folder where the workbook should go: rename(2) cannot replace it.
        let path = folder.path("report.xlsx")
        try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
        let writer = try WorkbookWriter(path: path)
        try writer.add(Sample.cities())
        #expect(throws: ReportsError.self) { try writer.close() }
        #expect(try folderEntries(folder) == ["report.xlsx"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["inside"])
    }

    @Test("Closing replaces a workbook already at the path")
    func replacesExisting() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = folder.path("report.xlsx")
        try Data("an older report".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try WorkbookWriter(path: path)
        try writer.add(Sample.cases())
        try writer.close()
        #expect(try WorkbookReadBack(path).sheetNames == ["立案查处"])
        #expect(try folderEntries(folder) == ["report.xlsx"])
    }

    @Test("A cell over Excel's 32,767 characters fails the add with libxlsxwriter's message; the workbook is abandoned and writes nothing")
    func cellTooLongAbandons() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = folder.path("long.xlsx")
        let writer = try WorkbookWriter(path: path)
        try writer.add(Sample.cases())
        let table = try ReportTable(sheetName: "长文本", title: "长文本", columns: [ReportColumn("说明")],
                                    rows: [[.text(String(repeating: "耕", count: 32_768))]])
        let error = #expect(throws: ReportsError.self) { try writer.add(table) }
        guard case let .cannotWrite(failedPath, sheet, message) = error else {
            Issue.record("expected cannotWrite, got \(String(describing: error))")
            return
        }
        #expect(failedPath == path && sheet == "长文本")
        #expect(message.contains("32,767"), "libxlsxwriter's lxw_strerror text: \(message)")
        #expect(throws: ReportsError.notOpen(path: path)) { try writer.close() }
        #expect(try folderEntries(folder) == [])
    }

    @Test("Adding after close throws notOpen")
    func addAfterClose() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = folder.path("closed.xlsx")
        let writer = try WorkbookWriter(path: path)
        try writer.close()
        #expect(throws: ReportsError.notOpen(path: path)) { try writer.add(Sample.cases()) }
    }
}
