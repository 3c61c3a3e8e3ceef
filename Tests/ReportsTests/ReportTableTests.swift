import Reports
import Testing

/// Tables are checked when made: what Excel would refuse never reaches a writer.
@Suite("ReportTable checks")
struct ReportTableTests {
    static let twoColumns = [ReportColumn("地区"), ReportColumn("面积（亩）", kind: .decimal(places: 2))]

    static func table(sheetName: String = "统计", rows: [[ReportCell]] = [["广州市", 1.5]],
                      totals: ReportTotals? = nil, highlightedRows: Set<Int> = []) throws -> ReportTable {
        try ReportTable(sheetName: sheetName, title: "标题", columns: twoColumns, rows: rows,
                        totals: totals, highlightedRows: highlightedRows)
    }

    @Test("A sheet name of 31 Chinese characters is accepted")
    func longestName() throws {
        let name = String(repeating: "耕", count: 31)
        #expect(try Self.table(sheetName: name).sheetName == name)
    }

    @Test("A sheet name of 32 characters throws invalidSheetName tooLong")
    func nameTooLong() {
        let name = String(repeating: "耕", count: 32)
        #expect(throws: ReportsError.invalidSheetName(name: name, problem: .tooLong(length: 32))) {
            try Self.table(sheetName: name)
        }
    }

    @Test("A sheet name is measured in UTF-16 units as Excel does: 16 characters outside the BMP are too long")
    func nameCountedInUTF16() {
        let name = String(repeating: "𠀀", count: 16)
        #expect(throws: ReportsError.invalidSheetName(name: name, problem: .tooLong(length: 32))) {
            try Self.table(sheetName: name)
        }
    }

    @Test("A sheet name with a character Excel forbids throws invalidSheetName naming the character",
          arguments: ["[", "]", ":", "*", "?", "/", "\\"])
    func forbiddenCharacter(character: String) {
        let name = "2024\(character)统计"
        #expect(throws: ReportsError.invalidSheetName(name: name, problem: .forbiddenCharacter(Character(character)))) {
            try Self.table(sheetName: name)
        }
    }

    @Test("A full-width colon, unlike the ASCII one, is allowed in a sheet name")
    func fullWidthColon() throws {
        #expect(try Self.table(sheetName: "统计：2024").sheetName == "统计：2024")
    }

    @Test("A sheet name beginning or ending with an apostrophe throws apostropheAtEdge", arguments: ["'统计", "统计'"])
    func apostrophe(name: String) {
        #expect(throws: ReportsError.invalidSheetName(name: name, problem: .apostropheAtEdge)) {
            try Self.table(sheetName: name)
        }
    }

    @Test("An empty sheet name throws invalidSheetName empty")
    func emptyName() {
        #expect(throws: ReportsError.invalidSheetName(name: "", problem: .empty)) { try Self.table(sheetName: "") }
    }

    @Test("A data row with the wrong number of cells throws rowWidthMismatch naming the row")
    func rowWidth() {
        #expect(throws: ReportsError.rowWidthMismatch(sheet: "统计", row: .data(1), expected: 2, actual: 3)) {
            try Self.table(rows: [["广州市", 1], ["韶关市", 2, 3]])
        }
    }

    @Test("A totals row with the wrong number of values throws rowWidthMismatch for the totals row")
    func totalsWidth() {
        #expect(throws: ReportsError.rowWidthMismatch(sheet: "统计", row: .totals, expected: 2, actual: 3)) {
            try Self.table(totals: ReportTotals(values: [1, 2]))
        }
    }

    @Test("A highlighted row index past the last row throws highlightOutOfRange")
    func highlightOutOfRange() {
        #expect(throws: ReportsError.highlightOutOfRange(sheet: "统计", row: 1, rowCount: 1)) {
            try Self.table(highlightedRows: [0, 1])
        }
    }

    @Test("A NaN or infinite number throws nonFiniteNumber naming the row and column", arguments: [Double.nan, .infinity])
    func nonFinite(value: Double) {
        #expect(throws: ReportsError.nonFiniteNumber(sheet: "统计", row: .data(0), column: "面积（亩）")) {
            try Self.table(rows: [["广州市", .number(value)]])
        }
    }

    @Test("A table without columns throws columnCount")
    func noColumns() {
        #expect(throws: ReportsError.columnCount(sheet: "统计", count: 0)) {
            try ReportTable(sheetName: "统计", title: "标题", columns: [], rows: [])
        }
    }

    @Test("Error messages are in Chinese and English and name the sheet")
    func bilingualMessage() {
        let message = ReportsError.rowWidthMismatch(sheet: "统计", row: .data(1), expected: 2, actual: 3).description
        #expect(message.contains("工作表「统计」数据第 2 行有 3 个单元格，应为 2 个"))
        #expect(message.contains("Sheet \"统计\": data row 2 has 3 cells, expected 2"))
    }
}
