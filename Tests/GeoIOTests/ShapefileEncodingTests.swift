import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// Bureau shapefiles carry GBK text in their DBF, with a .cpg, with a language driver id, or with
/// neither; LandWatch writes GBK with a .cpg and reads all three kinds back as the same Chinese text.
@Suite("Shapefile text encoding")
struct ShapefileEncodingTests {
    static let fields = [
        FieldDefinition("JCBH", .string(width: 20)),
        FieldDefinition("DLMC", .string(width: 40)),
        FieldDefinition("PDLX", .string(width: 40)),
        FieldDefinition("XZQDM", .integer),
        FieldDefinition("MJ", .real),
    ]

    static let rows: [[String: AttributeValue]] = [
        ["JCBH": .string("440103-2024-001"), "DLMC": .string("永久基本农田"), "PDLX": .string("乱占耕地建房"),
         "XZQDM": .integer(440103), "MJ": .real(1234.5)],
        ["JCBH": .string("440104-2024-002"), "DLMC": .string("生态保护红线"), "PDLX": .string("违法占用林地（待核实）"),
         "XZQDM": .integer(440104), "MJ": .real(88.25)],
        ["JCBH": .string("440203-2024-003"), "DLMC": .string("城镇开发边界"), "PDLX": .string("设施农用地·合法"),
         "XZQDM": .integer(440203), "MJ": .real(0.5)],
    ]

    /// Writes the three rows as a GBK shapefile `name`.shp in `folder` and returns its path.
    static func writeGBKShapefile(in folder: TemporaryDirectory, name: String = "patches") throws -> String {
        let path = folder.path("\(name).shp")
        let features = rows.enumerated().map { index, row in
            (Optional(square(x: 113.2 + Double(index) * 0.01, y: 23.1, size: 0.005)), row)
        }
        try writeLayer(path, format: .shp, fields: fields, features: features)
        return path
    }

    static func textValues(_ features: [VectorFeature], _ field: String) -> [String] {
        features.map { $0.attributes[field]?.text ?? "<null>" }
    }

    @Test("A GBK shapefile written by VectorWriter reads back with identical Chinese values")
    func gbkRoundTrip() throws {
        let folder = TemporaryDirectory()
        let path = try Self.writeGBKShapefile(in: folder)
        let features = try readAll(path)
        #expect(features.count == 3)
        for (feature, row) in zip(features, Self.rows) {
            #expect(feature.attributes == row)
        }
    }

    @Test("The shapefile VectorWriter makes has a .cpg saying GBK and its DBF bytes are GBK")
    func cpgSaysGBK() throws {
        let folder = TemporaryDirectory()
        _ = try Self.writeGBKShapefile(in: folder)
        let cpg = try String(contentsOfFile: folder.path("patches.cpg"), encoding: .utf8)
        #expect(cpg.trimmingCharacters(in: .whitespacesAndNewlines) == "GBK")
        // 永久基本农田 in GBK: D3C0 BEC3 BBF9 B1BE C5A9 CCEF.
        let dbf = try Data(contentsOf: URL(fileURLWithPath: folder.path("patches.dbf")))
        let gbk = Data([0xD3, 0xC0, 0xBE, 0xC3, 0xBB, 0xF9, 0xB1, 0xBE, 0xC5, 0xA9, 0xCC, 0xEF])
        #expect(dbf.range(of: gbk) != nil)
        #expect(dbf.range(of: Data("永久基本农田".utf8)) == nil)
    }

    @Test("The shapefile is written with the file names of the path, whatever the layer name")
    func shapefileComponents() throws {
        let folder = TemporaryDirectory()
        _ = try Self.writeGBKShapefile(in: folder, name: "图斑导出")
        #expect(try folderEntries(folder.url) == ["图斑导出.cpg", "图斑导出.dbf", "图斑导出.prj", "图斑导出.shp", "图斑导出.shx"])
    }

    @Test("A GBK shapefile without .cpg and with language driver id 0 is detected as GB18030 and read correctly")
    func gbkWithoutCPG() throws {
        let folder = TemporaryDirectory()
        let path = try Self.writeGBKShapefile(in: folder)
        try FileManager.default.removeItem(atPath: folder.path("patches.cpg"))
        try DBF.setLanguageDriverID(0, in: folder.path("patches.dbf"))
        #expect(try DBF.languageDriverID(of: folder.path("patches.dbf")) == 0)
        let features = try readAll(path)
        #expect(Self.textValues(features, "DLMC") == ["永久基本农田", "生态保护红线", "城镇开发边界"])
        #expect(Self.textValues(features, "PDLX") == ["乱占耕地建房", "违法占用林地（待核实）", "设施农用地·合法"])
        #expect(Self.textValues(features, "JCBH") == ["440103-2024-001", "440104-2024-002", "440203-2024-003"])
    }

    @Test("A UTF-8 shapefile without .cpg and with language driver id 0 is read as UTF-8",
          .enabled(if: GDALTools.available, GDALTools.skipReason))
    func utf8WithoutCPG() throws {
        let folder = TemporaryDirectory()
        let json = folder.path("source.geojson")
        try geoJSONText([
            (ring: [(113, 23), (113.1, 23), (113.1, 23.1), (113, 23)], properties: #"{"DLMC": "永久基本农田", "PDLX": "乱占耕地建房"}"#),
            (ring: [(114, 23), (114.1, 23), (114.1, 23.1), (114, 23)], properties: #"{"DLMC": "生态保护红线", "PDLX": "其他用地"}"#),
        ]).write(toFile: json, atomically: true, encoding: .utf8)
        let shp = folder.path("utf8.shp")
        try GDALTools.ogr2ogr(["-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", shp, json])
        try FileManager.default.removeItem(atPath: folder.path("utf8.cpg"))
        try DBF.setLanguageDriverID(0, in: folder.path("utf8.dbf"))
        let dbf = try Data(contentsOf: URL(fileURLWithPath: folder.path("utf8.dbf")))
        #expect(dbf.range(of: Data("乱占耕地建房".utf8)) != nil, "the fixture's DBF holds UTF-8 bytes")
        let features = try readAll(shp)
        #expect(Self.textValues(features, "DLMC") == ["永久基本农田", "生态保护红线"])
        #expect(Self.textValues(features, "PDLX") == ["乱占耕地建房", "其他用地"])
    }

    @Test("A GBK shapefile without .cpg whose only Chinese text is one character after digits is still read as GBK")
    func gbkShortValuesWithoutCPG() throws {
        // Village groups (村民小组) are often written "1组", "2组": in GBK each is one ASCII digit and a
        // two-byte character, and dropping the last two bytes leaves valid UTF-8.
        let folder = TemporaryDirectory()
        let path = folder.path("groups.shp")
        let names = ["1组", "2组", "3号"]
        try writeLayer(path, format: .shp, fields: [FieldDefinition("ZM", .string(width: 20))],
                       features: names.enumerated().map { (Optional(square(x: 113 + Double($0.offset), y: 23, size: 0.01)), ["ZM": .string($0.element)]) })
        try FileManager.default.removeItem(atPath: folder.path("groups.cpg"))
        try DBF.setLanguageDriverID(0, in: folder.path("groups.dbf"))
        let values = Self.textValues(try readAll(path), "ZM")
        #expect(values == names)
    }
}
