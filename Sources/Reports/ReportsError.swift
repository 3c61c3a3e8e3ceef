/// Where in a `ReportTable` a problem is: a data row (index into `rows`, from 0) or the totals row.
public enum TableRowPosition: Hashable, Sendable {
    case data(Int)
    case totals

    /// 中文 / English name of the row; data rows counted from 1, as a reader of the sheet counts them.
    var label: (chinese: String, english: String) {
        switch self {
        case .data(let index): return ("数据第 \(index + 1) 行", "data row \(index + 1)")
        case .totals: return ("合计行", "the totals row")
        }
    }
}

/// Why Excel would refuse a worksheet name.
public enum SheetNameProblem: Hashable, Sendable {
    case empty
    /// Longer than Excel's 31 characters (UTF-16 code units, as Excel counts them).
    case tooLong(length: Int)
    /// One of `[ ] : * ? / \`.
    case forbiddenCharacter(Character)
    /// Excel uses `'` to quote sheet names in formulas, so a name may not begin or end with one.
    case apostropheAtEdge
}

/// The one error type of `Reports`: tables Excel could not hold and workbooks that could not be written.
/// Messages are in Chinese and English and carry libxlsxwriter's own words (`lxw_strerror`) where the
/// library is the one refusing.
public enum ReportsError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSheetName(name: String, problem: SheetNameProblem)
    /// Excel compares sheet names ignoring case; so does libxlsxwriter (ASCII letters only).
    case duplicateSheetName(name: String, libraryMessage: String)
    /// A table needs 1 to 16,384 columns (Excel's limit).
    case columnCount(sheet: String, count: Int)
    case rowWidthMismatch(sheet: String, row: TableRowPosition, expected: Int, actual: Int)
    case highlightOutOfRange(sheet: String, row: Int, rowCount: Int)
    /// Excel has no NaN or infinity; `column` is the column's header.
    case nonFiniteNumber(sheet: String, row: TableRowPosition, column: String)
    case missingFolder(path: String)
    case cannotCreate(path: String, reason: String)
    /// libxlsxwriter refused a cell or setting; the writer is abandoned and writes no file.
    case cannotWrite(path: String, sheet: String, libraryMessage: String)
    /// `add` or `close` after `close`, or after a failed `add` abandoned the workbook.
    case notOpen(path: String)

    public var description: String {
        switch self {
        case let .invalidSheetName(name, problem):
            let (chinese, english) = Self.explain(problem)
            return "工作表名称「\(name)」无效：\(chinese) / Invalid sheet name \"\(name)\": \(english)"
        case let .duplicateSheetName(name, message):
            return "工作表名称「\(name)」已被使用（不区分大小写）：\(message) / Sheet name \"\(name)\" is already used (ignoring case): \(message)"
        case let .columnCount(sheet, count):
            return "工作表「\(sheet)」有 \(count) 列，应为 1 至 16384 列 / Sheet \"\(sheet)\" has \(count) columns; Excel allows 1 to 16,384"
        case let .rowWidthMismatch(sheet, row, expected, actual):
            let (chinese, english) = row.label
            return "工作表「\(sheet)」\(chinese)有 \(actual) 个单元格，应为 \(expected) 个 / Sheet \"\(sheet)\": \(english) has \(actual) cells, expected \(expected)"
        case let .highlightOutOfRange(sheet, row, rowCount):
            return "工作表「\(sheet)」要突出显示的行号 \(row) 超出数据行范围 0…\(rowCount - 1) / Sheet \"\(sheet)\": highlighted row index \(row) is outside the \(rowCount) data rows"
        case let .nonFiniteNumber(sheet, row, column):
            let (chinese, english) = row.label
            return "工作表「\(sheet)」\(chinese)「\(column)」列的数值不是有限数（NaN 或无穷大），Excel 无法保存 / Sheet \"\(sheet)\": \(english), column \"\(column)\" is NaN or infinite, which Excel cannot hold"
        case let .missingFolder(path):
            return "无法创建 \(path)：所在文件夹不存在 / Cannot create \(path): its folder does not exist"
        case let .cannotCreate(path, reason):
            return "无法创建 Excel 文件 \(path)：\(reason) / Cannot create Excel file \(path): \(reason)"
        case let .cannotWrite(path, sheet, message):
            return "写入 \(path) 的工作表「\(sheet)」失败，未生成文件：\(message) / Cannot write sheet \"\(sheet)\" of \(path); no file was written: \(message)"
        case let .notOpen(path):
            return "工作簿 \(path) 已关闭或已放弃 / Workbook \(path) is already closed or was abandoned"
        }
    }

    private static func explain(_ problem: SheetNameProblem) -> (chinese: String, english: String) {
        switch problem {
        case .empty:
            return ("名称为空", "the name is empty")
        case .tooLong(let length):
            return ("长度 \(length) 超过 Excel 上限 31 个字符", "\(length) characters, more than Excel's 31")
        case .forbiddenCharacter(let character):
            return ("含有 Excel 禁用的字符「\(character)」（禁用 [ ] : * ? / \\）",
                    "contains \"\(character)\", which Excel forbids ([ ] : * ? / \\)")
        case .apostropheAtEdge:
            return ("不能以单引号 ' 开头或结尾", "it may not begin or end with an apostrophe (')")
        }
    }
}
