import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// VectorSource reads whatever OGR reads: zipped shapefiles, GeoJSON, KML, 3D and curved GeoPackages.
@Suite("Vector source formats")
struct SourceFormatTests {
    static let ring: [(Double, Double)] = [(113.25, 23.10), (113.26, 23.10), (113.26, 23.11), (113.25, 23.11), (113.25, 23.10)]
    static let ringWKT = "POLYGON ((113.25 23.1, 113.26 23.1, 113.26 23.11, 113.25 23.11, 113.25 23.1))"

    @Test("A zipped shapefile opens through VectorSource(path:) with its GBK values and CRS")
    func zippedShapefile() throws {
        let folder = TemporaryDirectory()
        _ = try ShapefileEncodingTests.writeGBKShapefile(in: folder, name: "batch")
        let entries = try ["shp", "shx", "dbf", "prj", "cpg"].map { ext in
            (name: "batch.\(ext)", data: try Data(contentsOf: URL(fileURLWithPath: folder.path("batch.\(ext)"))))
        }
        let zipPath = folder.path("2024年第1季度.zip")
        try StoredZip.write(entries, to: zipPath)
        let source = try VectorSource(path: zipPath)
        #expect(source.layerNames == ["batch"])
        let layer = try source.layer()
        #expect(layer.featureCount == 3)
        #expect(try layer.crs() == .epsg(4490))
        let features = try readAll(zipPath)
        #expect(ShapefileEncodingTests.textValues(features, "PDLX") == ["乱占耕地建房", "违法占用林地（待核实）", "设施农用地·合法"])
    }

    @Test("A zipped GBK shapefile without .cpg has its encoding detected inside the zip")
    func zippedShapefileWithoutCPG() throws {
        let folder = TemporaryDirectory()
        _ = try ShapefileEncodingTests.writeGBKShapefile(in: folder, name: "batch")
        try DBF.setLanguageDriverID(0, in: folder.path("batch.dbf"))
        let entries = try ["shp", "shx", "dbf", "prj"].map { ext in
            (name: "batch.\(ext)", data: try Data(contentsOf: URL(fileURLWithPath: folder.path("batch.\(ext)"))))
        }
        let zipPath = folder.path("nocpg.zip")
        try StoredZip.write(entries, to: zipPath)
        let features = try readAll(zipPath)
        #expect(ShapefileEncodingTests.textValues(features, "DLMC") == ["永久基本农田", "生态保护红线", "城镇开发边界"])
    }

    @Test("A deflate-compressed zip made by the zip tool opens like a stored one",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zip"), "跳过：未安装 zip / skipped: /usr/bin/zip not installed"))
    func deflatedZip() throws {
        let folder = TemporaryDirectory()
        _ = try ShapefileEncodingTests.writeGBKShapefile(in: folder, name: "batch")
        let zipped = try runTool("/usr/bin/zip", ["-q", "-9", "batch.zip", "batch.shp", "batch.shx", "batch.dbf", "batch.prj", "batch.cpg"],
                                 in: folder.url)
        try #require(zipped.status == 0)
        let features = try readAll(folder.path("batch.zip"))
        #expect(ShapefileEncodingTests.textValues(features, "DLMC") == ["永久基本农田", "生态保护红线", "城镇开发边界"])
    }

    @Test("A zip whose shapefile sits in a folder inside it opens through VectorSource(path:)")
    func zippedShapefileInFolder() throws {
        // Bureaus usually zip a folder (2024Q1/图斑.shp …), not loose files.
        let folder = TemporaryDirectory()
        _ = try ShapefileEncodingTests.writeGBKShapefile(in: folder, name: "batch")
        let entries = try ["shp", "shx", "dbf", "prj", "cpg"].map { ext in
            (name: "2024Q1/batch.\(ext)", data: try Data(contentsOf: URL(fileURLWithPath: folder.path("batch.\(ext)"))))
        }
        let zipPath = folder.path("nested.zip")
        try StoredZip.write(entries, to: zipPath)
        let features = try readAll(zipPath)
        #expect(ShapefileEncodingTests.textValues(features, "DLMC") == ["永久基本农田", "生态保护红线", "城镇开发边界"])
    }

    @Test("A GeoJSON file is read with its attributes, typed, and its geometry")
    func geoJSONSource() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("patches.geojson")
        try geoJSONText([
            (ring: Self.ring, properties: #"{"JCBH": "T001", "PDLX": "乱占耕地建房", "XZQDM": 440103, "MJ": 12.5, "BZ": null}"#),
        ]).write(toFile: path, atomically: true, encoding: .utf8)
        let source = try VectorSource(path: path)
        let layer = try source.layer()
        #expect(layer.fieldNames == ["JCBH", "PDLX", "XZQDM", "MJ", "BZ"])
        #expect(try layer.crs() == .epsg(4326))
        let features = try readAll(path)
        #expect(features.count == 1)
        let feature = try #require(features.first)
        #expect(feature.attributes == ["JCBH": .string("T001"), "PDLX": .string("乱占耕地建房"),
                                       "XZQDM": .integer(440103), "MJ": .real(12.5), "BZ": .null])
        #expect(feature.geometry?.wkt == Self.ringWKT)
    }

    @Test("Date and date-time fields read as ISO 8601, not OGR's 2024/03/20")
    func datesReadAsISO() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("dates.geojson")
        try geoJSONText([
            (ring: Self.ring, properties: #"{"HSX": "2024-03-20", "HCSJ": "2024-05-17T09:41:07"}"#),
        ]).write(toFile: path, atomically: true, encoding: .utf8)
        let feature = try #require(try readAll(path).first)
        #expect(feature.attributes == ["HSX": .string("2024-03-20"), "HCSJ": .string("2024-05-17T09:41:07")])
    }

    @Test("A KML file written by ogr2ogr is read with its attributes and geometry",
          .enabled(if: GDALTools.available, GDALTools.skipReason))
    func kmlSource() throws {
        let folder = TemporaryDirectory()
        let json = folder.path("source.geojson")
        try geoJSONText([
            (ring: Self.ring, properties: #"{"Name": "T001", "PDLX": "乱占耕地建房"}"#),
        ]).write(toFile: json, atomically: true, encoding: .utf8)
        let kml = folder.path("patches.kml")
        try GDALTools.ogr2ogr(["-f", "KML", kml, json])
        let layer = try VectorSource(path: kml).layer()
        #expect(layer.fieldNames.contains("PDLX"))
        #expect(try layer.crs() == .epsg(4326))
        let features = try readAll(kml)
        #expect(features.count == 1)
        let feature = try #require(features.first)
        #expect(feature.attributes["Name"] == .string("T001"))
        #expect(feature.attributes["PDLX"] == .string("乱占耕地建房"))
        #expect(feature.geometry?.wkt == Self.ringWKT)
    }

    @Test("A GeoPackage PolygonZ reads back two-dimensional, Z dropped",
          .enabled(if: GDALTools.available, GDALTools.skipReason))
    func polygonZIsFlattened() throws {
        let folder = TemporaryDirectory()
        let json = folder.path("z.geojson")
        try #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"JCBH": "Z1"}, "geometry": {"type": "Polygon", "coordinates": [[[113.25, 23.1, 12.5], [113.26, 23.1, 13], [113.26, 23.11, 14], [113.25, 23.11, 15], [113.25, 23.1, 12.5]]]}}]}"#
            .write(toFile: json, atomically: true, encoding: .utf8)
        let gpkg = folder.path("z.gpkg")
        try GDALTools.ogr2ogr(["-f", "GPKG", "-nlt", "POLYGONZ", gpkg, json])
        let geometry = try #require(try readAll(gpkg).first?.geometry)
        #expect(geometry.wkt == Self.ringWKT)
        // 2D ISO WKB polygon: byte order 1, type 3 (not 1003 / 0x80000003).
        #expect(Array(geometry.wkb.prefix(5)) == [1, 3, 0, 0, 0])
    }

    @Test("A curved GeoPackage geometry is read back linearised as a polygon",
          .enabled(if: GDALTools.available, GDALTools.skipReason))
    func curvePolygonIsLinearised() throws {
        let folder = TemporaryDirectory()
        let csv = folder.path("curve.csv")
        // A half-disc: the arc from (1,0) through (0,1) to (-1,0), closed by a straight edge.
        try "id,WKT\n1,\"CURVEPOLYGON(COMPOUNDCURVE(CIRCULARSTRING(1 0,0 1,-1 0),(-1 0,1 0)))\"\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let gpkg = folder.path("curve.gpkg")
        try GDALTools.ogr2ogr(["-f", "GPKG", "-a_srs", "EPSG:4547", "-nlt", "CURVEPOLYGON", gpkg, csv])
        let geometry = try #require(try readAll(gpkg).first?.geometry)
        guard case .polygon(let polygon) = geometry.shape else {
            Issue.record("expected a polygon, got \(geometry.shape.typeName)")
            return
        }
        #expect(polygon.exterior.count > 10)
        // A half unit disc has area π/2; the linearised arc is a little inside it.
        #expect(isClose(try geometry.planarArea(), Double.pi / 2, relative: 1e-2))
    }
}
