import Foundation
import Reports
import Testing
import TestSupport

/// What a workbook holds once written, read back from the file without libxlsxwriter (GDAL's /vsizip/
/// and the SpreadsheetML parts), for the two sample tables of `Sample`.
@Suite("Workbook contents")
struct WorkbookContentTests {
    /// The sample workbook, written and read back.
    static func readBack() throws -> WorkbookReadBack {
        let folder = TemporaryDirectory("landwatch-reports")
        return try WorkbookReadBack(Sample.write(in: folder))
    }

    @Test("The workbook has one sheet per table, in the order added, under their Chinese names")
    func sheetNames() throws {
        let workbook = try Self.readBack()
        #expect(workbook.sheetNames == ["违法用地统计", "立案查处"])
    }

    @Test("The title is merged across every column, bold and larger, with the subtitle merged under it")
    func titleAndSubtitle() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.cells["A1"]?.text == "2024 年第二季度违法用地情况统计表")
        #expect(sheet.cells["A1"]?.style.bold == true)
        #expect(sheet.cells["A1"]?.style.fontSize == 16)
        #expect(sheet.cells["A2"]?.text == "批次 2024M04 · 统计截至 2024-05-31")
        #expect(sheet.merges.contains("A1:E1"))
        #expect(sheet.merges.contains("A2:E2"))
    }

    @Test("The header row holds the column headers with their units, bold, filled, bordered, wrapped, centred")
    func headerRow() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.texts(row: 3, columns: 5) == ["地区", "图斑数（个）", "违法用地面积（亩）", "其中耕地（亩）", "违法占用耕地面积比例"])
        let style = try #require(sheet.cells["B3"]?.style)
        #expect(style.bold)
        #expect(style.fill == "FFD9E1F2")
        #expect(style.topBorder == "thin" && style.bottomBorder == "thin")
        #expect(style.wraps)
        #expect(style.horizontal == "center")
    }

    @Test("Numbers are stored as numbers and text as text, and an empty cell holds no value")
    func cellValues() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.cells["A4"]?.text == "广州市")
        #expect(sheet.cells["B4"]?.number == 128)
        #expect(sheet.cells["C4"]?.number == 356.42)
        #expect(sheet.cells["E4"]?.number == 0.338)
        #expect(sheet.cells["D6"]?.number == nil && sheet.cells["D6"]?.text == nil)
        #expect(sheet.cells["E7"]?.text == "—")
    }

    @Test("Each number column shows its own format, right-aligned, and text columns are left-aligned")
    func numberFormats() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.cells["B5"]?.style.numberFormat == "0")
        #expect(sheet.cells["C5"]?.style.numberFormat == "0.00")
        #expect(sheet.cells["E5"]?.style.numberFormat == "0.0%")
        #expect(sheet.cells["C5"]?.style.horizontal == "right")
        #expect(sheet.cells["A5"]?.style.horizontal == "left")
        #expect(try workbook.sheet("立案查处").cells["C3"]?.style.numberFormat == "0%")
    }

    @Test("The pane is frozen under the header row, wherever the header row is")
    func frozenHeader() throws {
        let workbook = try Self.readBack()
        let withSubtitle = try workbook.sheet("违法用地统计").pane
        #expect(withSubtitle["state"] == "frozen")
        #expect(withSubtitle["ySplit"] == "3")
        #expect(withSubtitle["topLeftCell"] == "A4")
        let withoutSubtitle = try workbook.sheet("立案查处").pane
        #expect(withoutSubtitle["state"] == "frozen")
        #expect(withoutSubtitle["ySplit"] == "2")
    }

    @Test("The totals row holds the caller's values, not sums, in bold under a rule")
    func totalsRow() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.texts(row: 8, columns: 5) == ["合计", "185.0", "475.02", "130.52", "0.2748"])
        for column in ["A", "C", "E"] {
            let style = try #require(sheet.cells["\(column)8"]?.style)
            #expect(style.bold)
            #expect(style.topBorder == "medium")
        }
        #expect(sheet.cells["E8"]?.style.numberFormat == "0.0%")
    }

    @Test("Highlighted rows are bold on a red fill and the other rows are plain")
    func highlightedRows() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        for column in ["A", "B", "E"] {
            let flagged = try #require(sheet.cells["\(column)4"]?.style)
            #expect(flagged.bold)
            #expect(flagged.fill == "FFFFC7CE")
            #expect(flagged.fontColor == "FF9C0006")
            let plain = try #require(sheet.cells["\(column)5"]?.style)
            #expect(!plain.bold)
            #expect(plain.fill == nil)
        }
        #expect(sheet.cells["E4"]?.style.numberFormat == "0.0%")
    }

    @Test("The footnote is merged across the table on the row after the totals")
    func footnote() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.cells["A9"]?.text == "注：违法占用耕地面积比例达到 15% 的地区以红色标出")
        #expect(sheet.merges.contains("A9:E9"))
        #expect(sheet.cells["A10"] == nil)
    }

    @Test("A table without subtitle, totals or footnote has its header on row 2 and nothing after its rows")
    func bareTable() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("立案查处")
        #expect(sheet.merges == ["A1:C1"])
        #expect(sheet.texts(row: 2, columns: 3) == ["地区", "立案数（件）", "结案率"])
        #expect(sheet.texts(row: 4, columns: 3) == ["韶关市", "3.0", "1.0"])
        #expect(sheet.cells.keys.allSatisfy { !$0.hasSuffix("5") })
    }

    @Test("Given widths are kept and other columns fit their longest cell, Chinese counting double")
    func columnWidths() throws {
        let workbook = try Self.readBack()
        let widths = try workbook.sheet("违法用地统计").columnWidths
        // libxlsxwriter adds Excel's 0.71 padding for the default font to the width it is given.
        #expect(abs((widths[3] ?? 0) - 14.71) < 0.01)
        // 其中耕地（亩）: 7 wide characters, 14 units, and 2 of margin.
        #expect(abs((widths[4] ?? 0) - 16.71) < 0.01)
        // 地区 is 4 units, but 广州市 is 6.
        #expect(abs((widths[1] ?? 0) - 8.71) < 0.01)
    }

    @Test("The title, header and footnote rows are given the height of the lines they wrap to")
    func rowHeights() throws {
        let workbook = try Self.readBack()
        let heights = try workbook.sheet("违法用地统计").rowHeights
        #expect(heights[1] == 24)
        // 违法用地面积（亩） is 18 units in a column of 14.
        #expect(heights[3] == 32)
        // One line of footnote is 15 points, Excel's default height, which is left unwritten.
        #expect(heights[9] == nil)
        #expect(try workbook.sheet("立案查处").rowHeights[2] == 16)
    }

    @Test("Print setup is landscape A4, one page wide, centred, numbered, repeating the header row")
    func printSetup() throws {
        let workbook = try Self.readBack()
        let sheet = try workbook.sheet("违法用地统计")
        #expect(sheet.pageSetup["orientation"] == "landscape")
        #expect(sheet.pageSetup["paperSize"] == "9")
        #expect(sheet.pageSetup["fitToWidth"] == nil || sheet.pageSetup["fitToWidth"] == "1")
        #expect(sheet.pageSetup["fitToHeight"] == "0")
        #expect(sheet.fitsToPage)
        #expect(sheet.centredHorizontally)
        #expect(sheet.footer == "&C第 &P 页，共 &N 页")
        #expect(workbook.definedNames[.init(name: "_xlnm.Print_Titles", sheet: 0)] == "'违法用地统计'!$3:$3")
        #expect(workbook.definedNames[.init(name: "_xlnm.Print_Titles", sheet: 1)] == "'立案查处'!$2:$2")
    }

    @Test("GDAL's XLSX driver, another reader, opens the workbook and finds both sheets")
    func gdalOpensIt() throws {
        let folder = TemporaryDirectory("landwatch-reports")
        let path = try Sample.write(in: folder)
        let result = try runTool("/usr/bin/ogrinfo", ["-ro", "-q", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1: 违法用地统计"))
        #expect(result.stdout.contains("2: 立案查处"))
    }
}
