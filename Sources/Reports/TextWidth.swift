import Foundation

/// Estimates of how wide text shows in Excel, in its column-width unit (one "0" of the default font).
/// libxlsxwriter cannot measure text, and neither Excel nor LibreOffice sizes merged cells, so widths of
/// auto-sized columns and heights of merged lines are estimated here.
enum TextWidth {
    /// Wide characters (CJK, full-width forms such as "（亩）") count 2, others 1; the widest line counts.
    static func of(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) } }
            .max() ?? 0
    }

    /// Lines `text` takes when wrapped in `width` units, counting its own line breaks.
    static func lines(_ text: String, in width: Double) -> Int {
        let usable = max(width - 1, 1)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { max(1, Int((Double(of(String($0))) / usable).rounded(.up))) }
            .reduce(0, +)
    }

    /// The width of `column`: its own, or one that fits its longest cell and up to 16 units of header
    /// (longer headers wrap, which is better than a very wide column of short numbers).
    static func width(of column: ReportColumn, index: Int, in table: ReportTable) -> Double {
        if let width = column.width { return width }
        var cells = table.rows.map { $0[index] }
        if let totals = table.totals {
            cells.append(index == 0 ? .text(totals.label) : totals.values[index - 1])
        }
        let widest = cells.map { shown($0, as: column.kind) }.max() ?? 0
        return Double(min(max(min(of(column.header), 16), widest) + 2, 60))
    }

    /// Width of a cell as its number format shows it.
    private static func shown(_ cell: ReportCell, as kind: ReportColumn.Kind) -> Int {
        switch cell {
        case .empty: return 0
        case .text(let text): return of(text)
        case .number(let value):
            switch kind {
            case .text: return String(value).count
            case .integer: return String(format: "%.0f", value).count
            case .decimal(let places): return String(format: "%.\(places)f", value).count
            case .percent(let places): return String(format: "%.\(places)f", value * 100).count + 1
            }
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
