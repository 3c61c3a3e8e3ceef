import CXLSX
import Foundation

/// Writes an Excel workbook (.xlsx) through libxlsxwriter, one `ReportTable` per worksheet, laid out
/// to be handed in and printed: title merged over the table, header row bold on a light fill and frozen,
/// thin borders, number formats per column, totals bold under a rule, flagged rows red; printed
/// landscape on A4, one page wide, the header row repeated on every page, pages numbered.
///
/// The workbook is built in memory and only `close()` writes it: to a hidden file beside `path`, then
/// renamed over `path` (atomic within one folder), so a failure leaves no file at `path`, or the one
/// that was there before. A writer dropped without `close()` writes nothing. One thread at a time.
public final class WorkbookWriter {
    public let path: String
    private let stagedPath: String
    /// The `lxw_workbook` owned here, nil once closed or abandoned. Its worksheets and formats belong
    /// to it and are freed with it.
    private var workbook: UnsafeMutablePointer<lxw_workbook>?
    /// Formats made so far; libxlsxwriter keeps every format added, so each style is made once.
    private var formats: [FormatKey: UnsafeMutablePointer<lxw_format>] = [:]

    /// Starts an empty workbook in memory (`workbook_new`).
    /// - Throws: `ReportsError.missingFolder` when the folder of `path` does not exist, `.cannotCreate`
    ///   when libxlsxwriter cannot allocate the workbook.
    public init(path: String) throws {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReportsError.missingFolder(path: path)
        }
        // A fixed-length name, so a long target name cannot push the staged one past NAME_MAX.
        stagedPath = folder.appendingPathComponent(".landwatch-report-\(UUID().uuidString).xlsx").path
        // workbook_new fails only when malloc does: the file is not opened until workbook_close.
        guard let workbook = workbook_new(stagedPath) else {
            throw ReportsError.cannotCreate(path: path, reason: Self.message(LXW_ERROR_MEMORY_MALLOC_FAILED))
        }
        self.workbook = workbook
    }

    deinit { abandon() }

    /// Adds `table` as the next worksheet (`workbook_add_worksheet`).
    /// - Throws: `ReportsError.duplicateSheetName` when a sheet of that name (ignoring case) was added
    ///   already, the workbook staying usable; `.cannotWrite` when libxlsxwriter refuses a cell (a text
    ///   over Excel's 32,767 characters, say), after which the workbook is abandoned and `close()`
    ///   throws `.notOpen`; `.notOpen` after `close()`.
    public func add(_ table: ReportTable) throws {
        guard let workbook else { throw ReportsError.notOpen(path: path) }
        let validity = workbook_validate_sheet_name(workbook, table.sheetName)
        if validity == LXW_ERROR_SHEETNAME_ALREADY_USED {
            throw ReportsError.duplicateSheetName(name: table.sheetName, libraryMessage: Self.message(validity))
        }
        // ReportTable already holds names to Excel's rules, which include libxlsxwriter's.
        try check(validity, sheet: table.sheetName)
        // Past this point a failure may leave half a sheet in the workbook: drop the whole workbook
        // rather than ever write an incomplete report.
        do {
            // With a valid name, workbook_add_worksheet fails only when malloc does.
            guard let sheet = workbook_add_worksheet(workbook, table.sheetName) else {
                throw failure(LXW_ERROR_MEMORY_MALLOC_FAILED, sheet: table.sheetName)
            }
            try write(table, to: sheet, of: workbook)
        } catch {
            abandon()
            throw error
        }
    }

    /// Writes the workbook (`workbook_close`, which also frees it) and moves it to `path`, replacing
    /// any file there. A workbook with no table gets libxlsxwriter's empty "Sheet1".
    /// - Throws: `ReportsError.cannotCreate` with libxlsxwriter's or the system's message, leaving
    ///   nothing new at `path`; `.notOpen` when already closed or abandoned.
    public func close() throws {
        guard let workbook else { throw ReportsError.notOpen(path: path) }
        self.workbook = nil
        formats = [:]
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            // The zip may have been started before the failure.
            try? FileManager.default.removeItem(atPath: stagedPath)
            throw ReportsError.cannotCreate(path: path, reason: Self.message(status))
        }
        guard rename(stagedPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: stagedPath)
            throw ReportsError.cannotCreate(path: path, reason: reason)
        }
    }

    /// Frees the workbook without writing it. `lxw_workbook_free` is what `workbook_close` ends with;
    /// nothing is on disk before that (no constant-memory mode), so there is nothing to remove.
    private func abandon() {
        guard let workbook else { return }
        self.workbook = nil
        formats = [:]
        lxw_workbook_free(workbook)
    }

    // MARK: Layout

    private func write(_ table: ReportTable, to sheet: UnsafeMutablePointer<lxw_worksheet>,
                       of workbook: UnsafeMutablePointer<lxw_workbook>) throws {
        let name = table.sheetName
        let widths = table.columns.indices.map { TextWidth.width(of: table.columns[$0], index: $0, in: table) }
        for (index, width) in widths.enumerated() {
            try check(worksheet_set_column(sheet, lxw_col_t(index), lxw_col_t(index), width, nil), sheet: name)
        }
        let tableWidth = widths.reduce(0, +)
        let lastColumn = lxw_col_t(table.columns.count - 1)

        /// A line of text across the whole table. Merged cells are never sized by Excel or LibreOffice,
        /// so the row is given the height of the lines the text is expected to wrap to.
        func line(_ text: String, row: lxw_row_t, _ key: FormatKey, pointsPerLine: Double) throws {
            let format = try self.format(key, sheet: name, in: workbook)
            let height = Double(TextWidth.lines(text, in: tableWidth)) * pointsPerLine
            try check(worksheet_set_row(sheet, row, height, nil), sheet: name)
            // Excel refuses a merge of a single cell.
            let status = lastColumn == 0
                ? worksheet_write_string(sheet, row, 0, text, format)
                : worksheet_merge_range(sheet, row, 0, row, lastColumn, text, format)
            try check(status, sheet: name)
        }

        func cells(_ cells: [ReportCell], row: lxw_row_t, role: CellRole) throws {
            for (index, (cell, column)) in zip(cells, table.columns).enumerated() {
                let format = try self.format(.cell(column.kind, role), sheet: name, in: workbook)
                let status: lxw_error
                switch cell {
                case .text(let text): status = worksheet_write_string(sheet, row, lxw_col_t(index), text, format)
                case .number(let value): status = worksheet_write_number(sheet, row, lxw_col_t(index), value, format)
                case .empty: status = worksheet_write_blank(sheet, row, lxw_col_t(index), format)
                }
                try check(status, sheet: name)
            }
        }

        try line(table.title, row: 0, .title, pointsPerLine: 24)
        var row: lxw_row_t = 1
        if let subtitle = table.subtitle {
            try line(subtitle, row: row, .subtitle, pointsPerLine: 16)
            row += 1
        }
        let headerRow = row
        // LibreOffice keeps the default height for imported rows, so a wrapped header would spill over
        // the rows around it: the row is given the height of its most wrapped header.
        let headerLines = zip(table.columns, widths).map { TextWidth.lines($0.header, in: $1) }.max() ?? 1
        try check(worksheet_set_row(sheet, headerRow, Double(headerLines) * 16, nil), sheet: name)
        let headerFormat = try format(.header, sheet: name, in: workbook)
        for (index, column) in table.columns.enumerated() {
            try check(worksheet_write_string(sheet, headerRow, lxw_col_t(index), column.header, headerFormat), sheet: name)
        }
        row += 1
        for (index, values) in table.rows.enumerated() {
            try cells(values, row: row, role: table.highlightedRows.contains(index) ? .highlighted : .body)
            row += 1
        }
        if let totals = table.totals {
            try cells([.text(totals.label)] + totals.values, row: row, role: .totals)
            row += 1
        }
        if let footnote = table.footnote {
            try line(footnote, row: row, .footnote, pointsPerLine: 15)
        }

        worksheet_freeze_panes(sheet, headerRow + 1, 0)
        try check(worksheet_repeat_rows(sheet, headerRow, headerRow), sheet: name)
        worksheet_set_landscape(sheet)
        worksheet_set_paper(sheet, 9)  // A4, the paper Chinese offices print on.
        worksheet_fit_to_pages(sheet, 1, 0)  // One page wide, as many tall as needed.
        worksheet_center_horizontally(sheet)
        try check(worksheet_set_footer(sheet, "&C第 &P 页，共 &N 页"), sheet: name)
    }

    // MARK: Formats

    private enum CellRole: Hashable { case body, highlighted, totals }

    private enum FormatKey: Hashable {
        case title, subtitle, header, footnote
        case cell(ReportColumn.Kind, CellRole)
    }

    /// The format for `key`, made on first use (`workbook_add_format`) while writing `sheet`.
    private func format(_ key: FormatKey, sheet: String,
                        in workbook: UnsafeMutablePointer<lxw_workbook>) throws -> UnsafeMutablePointer<lxw_format> {
        if let made = formats[key] { return made }
        // workbook_add_format fails only when malloc does.
        guard let format = workbook_add_format(workbook) else {
            throw failure(LXW_ERROR_MEMORY_MALLOC_FAILED, sheet: sheet)
        }
        format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        switch key {
        case .title:
            format_set_bold(format)
            format_set_font_size(format, 16)
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_text_wrap(format)
        case .subtitle:
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_text_wrap(format)
        case .header:
            format_set_bold(format)
            format_set_bg_color(format, 0xD9E1F2)
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
            format_set_text_wrap(format)
        case .footnote:
            format_set_font_size(format, 10)
            format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
            // Its height is an estimate: if it overshoots, the text still sits right under the table.
            format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_text_wrap(format)
        case let .cell(kind, role):
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            if let code = kind.numberFormat {
                format_set_num_format(format, code)
                format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
            } else {
                format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
            }
            switch role {
            case .body:
                break
            case .highlighted:
                // Excel's own "Bad" colours: light red fill, dark red text.
                format_set_bold(format)
                format_set_bg_color(format, 0xFFC7CE)
                format_set_font_color(format, 0x9C0006)
            case .totals:
                format_set_bold(format)
                format_set_top(format, UInt8(LXW_BORDER_MEDIUM.rawValue))
            }
        }
        formats[key] = format
        return format
    }

    // MARK: Errors

    private func check(_ status: lxw_error, sheet: String) throws {
        guard status == LXW_NO_ERROR else { throw failure(status, sheet: sheet) }
    }

    private func failure(_ status: lxw_error, sheet: String) -> ReportsError {
        .cannotWrite(path: path, sheet: sheet, libraryMessage: Self.message(status))
    }

    /// libxlsxwriter's own description of `status` (`lxw_strerror`).
    private static func message(_ status: lxw_error) -> String {
        String(cString: lxw_strerror(status))
    }
}
