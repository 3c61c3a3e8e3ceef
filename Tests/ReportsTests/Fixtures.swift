import Foundation
import Reports
import TestSupport

/// The two tables the read-back tests write: a full one (subtitle, totals, highlight, footnote) and a
/// bare one (title, header, rows only).
enum Sample {
    static func cities() throws -> ReportTable {
        try ReportTable(
            sheetName: "违法用地统计",
            title: "2024 年第二季度违法用地情况统计表",
            subtitle: "批次 2024M04 · 统计截至 2024-05-31",
            columns: [
                ReportColumn("地区"),
                ReportColumn("图斑数（个）", kind: .integer),
                ReportColumn("违法用地面积（亩）", kind: .decimal(places: 2), width: 14),
                ReportColumn("其中耕地（亩）", kind: .decimal(places: 2)),
                ReportColumn("违法占用耕地面积比例", kind: .percent(places: 1)),
            ],
            rows: [
                ["广州市", 128, 356.42, 120.5, 0.338],
                ["韶关市", 45, 98.1, 10.02, 0.102],
                ["深圳市", 12, 20.5, .empty, .empty],
                ["珠海市", 0, 0, 0, "—"],
            ],
            totals: ReportTotals(values: [185, 475.02, 130.52, 0.2748]),
            highlightedRows: [0],
            footnote: "注：违法占用耕地面积比例达到 15% 的地区以红色标出")
    }

    static func cases() throws -> ReportTable {
        try ReportTable(
            sheetName: "立案查处",
            title: "立案查处情况",
            columns: [
                ReportColumn("地区"),
                ReportColumn("立案数（件）", kind: .integer),
                ReportColumn("结案率", kind: .percent(places: 0)),
            ],
            rows: [
                ["广州市", 17, 0.88],
                ["韶关市", 3, 1],
            ])
    }

    /// Writes both tables to 统计.xlsx in `folder` and returns its path.
    static func write(in folder: TemporaryDirectory) throws -> String {
        let path = folder.path("统计.xlsx")
        let writer = try WorkbookWriter(path: path)
        try writer.add(cities())
        try writer.add(cases())
        try writer.close()
        return path
    }
}

/// Names in `folder`, hidden ones included, sorted.
func folderEntries(_ folder: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
}
