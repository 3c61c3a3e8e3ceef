import CGDAL
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An .xlsx file read back without libxlsxwriter: the zip opened by GDAL's /vsizip/ and the parts
/// parsed as XML (ECMA-376 SpreadsheetML), so the tests check what Excel would read, not what the writer
/// meant to write. Everything is read when made, so the file may be removed afterwards.
struct WorkbookReadBack {
    /// Sheet names in workbook order (xl/workbook.xml).
    let sheetNames: [String]
    /// `<definedName>` values by name and sheet index, e.g. ("_xlnm.Print_Titles", 0).
    let definedNames: [DefinedNameKey: String]
    private let sheets: [String: SheetReadBack]

    struct DefinedNameKey: Hashable {
        let name: String
        let sheet: Int?
    }

    init(_ path: String) throws {
        let workbook = try Self.part("xl/workbook.xml", of: path)
        let relations = try Self.part("xl/_rels/workbook.xml.rels", of: path)
        var targets: [String: String] = [:]
        for relation in relations.descendants("Relationship") {
            targets[relation["Id"] ?? ""] = relation["Target"]
        }
        let sharedStrings = try Self.part("xl/sharedStrings.xml", of: path).descendants("si").map {
            $0.descendants("t").compactMap(\.stringValue).joined()
        }
        let styles = try CellStyle.all(in: Self.part("xl/styles.xml", of: path))
        var names: [String] = []
        var sheets: [String: SheetReadBack] = [:]
        for sheet in workbook.descendants("sheet") {
            let name = sheet["name"] ?? ""
            names.append(name)
            guard let target = sheet["r:id"].flatMap({ targets[$0] }) else { throw ReadBackError.missingPart("sheet \(name)") }
            sheets[name] = SheetReadBack(root: try Self.part("xl/" + target, of: path), sharedStrings: sharedStrings, styles: styles)
        }
        sheetNames = names
        self.sheets = sheets
        var defined: [DefinedNameKey: String] = [:]
        for element in workbook.descendants("definedName") {
            defined[DefinedNameKey(name: element["name"] ?? "", sheet: element["localSheetId"].flatMap { Int($0) })] = element.stringValue
        }
        definedNames = defined
    }

    func sheet(_ name: String) throws -> SheetReadBack {
        guard let sheet = sheets[name] else { throw ReadBackError.missingPart("sheet \(name)") }
        return sheet
    }

    /// One part of the zip, parsed.
    private static func part(_ member: String, of path: String) throws -> XMLElement {
        var bytes: UnsafeMutablePointer<GByte>?
        var size: vsi_l_offset = 0
        guard VSIIngestFile(nil, "/vsizip/\(path)/\(member)", &bytes, &size, -1) != 0, let bytes else {
            throw ReadBackError.missingPart(member)
        }
        defer { VSIFree(bytes) }
        let document = try XMLDocument(data: Data(bytes: bytes, count: Int(size)))
        guard let root = document.rootElement() else { throw ReadBackError.missingPart(member) }
        return root
    }
}

enum ReadBackError: Error {
    case missingPart(String)
}

/// A cell as Excel would read it.
struct CellReadBack: Equatable {
    /// The shared string, or nil for a number or blank.
    let text: String?
    let number: Double?
    let style: CellStyle
}

/// The parts of a cell's style (`<xf>` in styles.xml) the tests look at.
struct CellStyle: Equatable {
    var bold = false
    var fontSize: Double?
    var fontColor: String?
    /// ARGB of a solid fill, e.g. "FFFFC7CE".
    var fill: String?
    var topBorder: String?
    var bottomBorder: String?
    var numberFormat = "General"
    var horizontal: String?
    var wraps = false

    /// Every `<xf>` of `<cellXfs>`, by index.
    static func all(in styles: XMLElement) throws -> [CellStyle] {
        // Built-in formats are not written into styles.xml (ECMA-376 Part 1, 18.8.30).
        var formats: [Int: String] = [0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%"]
        for format in styles.descendants("numFmt") {
            if let id = format["numFmtId"].flatMap({ Int($0) }) { formats[id] = format["formatCode"] }
        }
        let fonts = styles.child("fonts")?.children("font") ?? []
        let fills = styles.child("fills")?.children("fill") ?? []
        let borders = styles.child("borders")?.children("border") ?? []
        return (styles.child("cellXfs")?.children("xf") ?? []).map { xf in
            var style = CellStyle()
            if let font = xf["fontId"].flatMap({ Int($0) }).flatMap({ fonts.indices.contains($0) ? fonts[$0] : nil }) {
                style.bold = font.child("b") != nil
                style.fontSize = font.child("sz")?["val"].flatMap { Double($0) }
                style.fontColor = font.child("color")?["rgb"]
            }
            if let pattern = xf["fillId"].flatMap({ Int($0) }).flatMap({ fills.indices.contains($0) ? fills[$0] : nil })?.child("patternFill"),
               pattern["patternType"] == "solid" {
                style.fill = pattern.child("fgColor")?["rgb"]
            }
            if let border = xf["borderId"].flatMap({ Int($0) }).flatMap({ borders.indices.contains($0) ? borders[$0] : nil }) {
                style.topBorder = border.child("top")?["style"]
                style.bottomBorder = border.child("bottom")?["style"]
            }
            style.numberFormat = xf["numFmtId"].flatMap { Int($0) }.flatMap { formats[$0] } ?? "General"
            style.horizontal = xf.child("alignment")?["horizontal"]
            style.wraps = xf.child("alignment")?["wrapText"] == "1"
            return style
        }
    }
}

/// One worksheet part.
struct SheetReadBack {
    /// Cells by reference ("B4"); a cell with no `<c>` element is absent.
    let cells: [String: CellReadBack]
    /// Merged ranges, e.g. "A1:E1".
    let merges: [String]
    /// Attributes of `<sheetView><pane>`, empty without a pane.
    let pane: [String: String]
    let pageSetup: [String: String]
    let fitsToPage: Bool
    let centredHorizontally: Bool
    let footer: String?
    /// `<col>` widths by 1-based column number.
    let columnWidths: [Int: Double]
    /// Explicit row heights in points by 1-based row number.
    let rowHeights: [Int: Double]

    fileprivate init(root: XMLElement, sharedStrings: [String], styles: [CellStyle]) {
        var cells: [String: CellReadBack] = [:]
        for cell in root.descendants("c") {
            let value = cell.child("v")?.stringValue
            let style = cell["s"].flatMap { Int($0) }.map { styles[$0] } ?? CellStyle()
            let isShared = cell["t"] == "s"
            cells[cell["r"] ?? ""] = CellReadBack(
                text: isShared ? value.flatMap { Int($0) }.map { sharedStrings[$0] } : nil,
                number: isShared ? nil : value.flatMap { Double($0) },
                style: style)
        }
        self.cells = cells
        merges = root.descendants("mergeCell").compactMap { $0["ref"] }
        pane = root.descendants("pane").first?.attributeDictionary ?? [:]
        pageSetup = root.descendants("pageSetup").first?.attributeDictionary ?? [:]
        fitsToPage = root.descendants("pageSetUpPr").first?["fitToPage"] == "1"
        centredHorizontally = root.descendants("printOptions").first?["horizontalCentered"] == "1"
        footer = root.descendants("oddFooter").first?.stringValue
        var widths: [Int: Double] = [:]
        for column in root.descendants("col") {
            guard let first = column["min"].flatMap({ Int($0) }), let last = column["max"].flatMap({ Int($0) }),
                  let width = column["width"].flatMap({ Double($0) }) else { continue }
            for index in first...last { widths[index] = width }
        }
        columnWidths = widths
        var heights: [Int: Double] = [:]
        for row in root.descendants("row") where row["customHeight"] == "1" {
            if let number = row["r"].flatMap({ Int($0) }), let height = row["ht"].flatMap({ Double($0) }) {
                heights[number] = height
            }
        }
        rowHeights = heights
    }

    /// The texts of row `row` (1-based) from column A on, numbers as written, blanks as "".
    func texts(row: Int, columns: Int) -> [String] {
        (0..<columns).map { column in
            let cell = cells["\(Character(UnicodeScalar(UInt8(65 + column))))\(row)"]
            return cell?.text ?? cell?.number.map { "\($0)" } ?? ""
        }
    }
}

private extension XMLElement {
    /// The attribute of that qualified name ("name", "r:id"). Not `attribute(forName:)`: in
    /// swift-corelibs-foundation it misses unprefixed attributes of elements in a default namespace.
    subscript(attribute: String) -> String? {
        attributes?.first { $0.name == attribute }.map { $0.stringValue ?? "" }
    }

    var attributeDictionary: [String: String] {
        Dictionary((attributes ?? []).compactMap { node in node.name.map { ($0, node.stringValue ?? "") } }) { first, _ in first }
    }

    func children(_ name: String) -> [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name }
    }

    func child(_ name: String) -> XMLElement? { children(name).first }

    /// Every element below this one named `name` (local name, any namespace), in document order.
    func descendants(_ name: String) -> [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.flatMap { element in
            (element.localName == name ? [element] : []) + element.descendants(name)
        }
    }
}
