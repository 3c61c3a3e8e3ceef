/// One value in a report table.
public enum ReportCell: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    case text(String)
    /// Written as an Excel number and shown with its column's number format; for percent columns a
    /// fraction (0.153 shows as 15.3%).
    case number(Double)
    /// A blank cell that still carries the column's borders.
    case empty

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
}

/// A column of a report table: its header (with the unit, e.g. "面积（亩）"), how numbers are shown, and
/// its width.
public struct ReportColumn: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Left-aligned text.
        case text
        /// Right-aligned, no decimals (Excel format "0").
        case integer
        /// Right-aligned with `places` decimals ("0.00" for 2).
        case decimal(places: Int)
        /// A fraction shown as a percentage with `places` decimals ("0.0%" for 1: 0.153 → 15.3%).
        case percent(places: Int)

        /// The Excel number format code, nil for text.
        var numberFormat: String? {
            switch self {
            case .text: return nil
            case .integer: return "0"
            case .decimal(let places): return places == 0 ? "0" : "0." + String(repeating: "0", count: places)
            case .percent(let places): return (places == 0 ? "0" : "0." + String(repeating: "0", count: places)) + "%"
            }
        }
    }

    public let header: String
    public let kind: Kind
    /// In Excel's column-width unit (the width of one "0" in the default font; a Chinese character is
    /// about 2). Nil: wide enough for the longest cell, and for the header up to 8 Chinese characters a
    /// line (longer headers wrap).
    public let width: Double?

    /// - Precondition: decimal and percent places are 0…15 (Excel shows at most 15 significant digits).
    public init(_ header: String, kind: Kind = .text, width: Double? = nil) {
        switch kind {
        case .decimal(let places), .percent(let places):
            precondition((0...15).contains(places), "decimal places must be 0…15, got \(places)")
        case .text, .integer:
            break
        }
        self.header = header
        self.kind = kind
        self.width = width
    }
}

/// The totals row under the data: a label in the first column and the caller's values for the others.
/// The writer does not add anything up: totals are domain figures (a ratio's total is not a sum).
public struct ReportTotals: Hashable, Sendable {
    public let label: String
    /// One per column after the first; `.empty` where a column has no total.
    public let values: [ReportCell]

    public init(label: String = "合计", values: [ReportCell]) {
        self.label = label
        self.values = values
    }
}

/// One worksheet of a report: title, optional subtitle, a header row, data rows, optional totals and
/// footnote. Checked when made, so a table that exists can be written.
public struct ReportTable: Hashable, Sendable {
    /// Excel's limits: 31 UTF-16 code units, none of `[ ] : * ? / \`, no apostrophe at either end.
    public let sheetName: String
    /// Bold and larger, merged across all columns.
    public let title: String
    /// A line under the title, e.g. "批次 2024M04 · 统计截至 2024-05-31".
    public let subtitle: String?
    public let columns: [ReportColumn]
    public let rows: [[ReportCell]]
    public let totals: ReportTotals?
    /// Indexes into `rows` shown with a red fill and bold text (flagged cities, say).
    public let highlightedRows: Set<Int>
    /// A line under the table, e.g. "注：违法占用耕地面积比例达到 15% 的地区以红色标出".
    public let footnote: String?

    /// - Throws: `ReportsError.invalidSheetName`, `.columnCount`, `.rowWidthMismatch`,
    ///   `.highlightOutOfRange` or `.nonFiniteNumber`.
    public init(sheetName: String, title: String, subtitle: String? = nil, columns: [ReportColumn],
                rows: [[ReportCell]], totals: ReportTotals? = nil, highlightedRows: Set<Int> = [],
                footnote: String? = nil) throws {
        if let problem = Self.problem(withSheetName: sheetName) {
            throw ReportsError.invalidSheetName(name: sheetName, problem: problem)
        }
        guard (1...16_384).contains(columns.count) else {
            throw ReportsError.columnCount(sheet: sheetName, count: columns.count)
        }
        var checked: [(TableRowPosition, [ReportCell])] = rows.enumerated().map { (.data($0.offset), $0.element) }
        if let totals {
            checked.append((.totals, [.text(totals.label)] + totals.values))
        }
        for (position, cells) in checked {
            guard cells.count == columns.count else {
                throw ReportsError.rowWidthMismatch(sheet: sheetName, row: position, expected: columns.count, actual: cells.count)
            }
            for (cell, column) in zip(cells, columns) {
                if case .number(let value) = cell, !value.isFinite {
                    throw ReportsError.nonFiniteNumber(sheet: sheetName, row: position, column: column.header)
                }
            }
        }
        if let outside = highlightedRows.sorted().first(where: { !rows.indices.contains($0) }) {
            throw ReportsError.highlightOutOfRange(sheet: sheetName, row: outside, rowCount: rows.count)
        }
        self.sheetName = sheetName
        self.title = title
        self.subtitle = subtitle
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.highlightedRows = highlightedRows
        self.footnote = footnote
    }

    /// What Excel would object to in `name`, nil if nothing. Checked here, not only by libxlsxwriter,
    /// because the library counts code points where Excel counts UTF-16 units (a name with characters
    /// outside the BMP could pass the library and be refused by Excel) and accepts an empty name.
    static func problem(withSheetName name: String) -> SheetNameProblem? {
        if name.isEmpty { return .empty }
        if name.utf16.count > 31 { return .tooLong(length: name.utf16.count) }
        if let forbidden = name.first(where: { "[]:*?/\\".contains($0) }) { return .forbiddenCharacter(forbidden) }
        if name.hasPrefix("'") || name.hasSuffix("'") { return .apostropheAtEdge }
        return nil
    }
}
