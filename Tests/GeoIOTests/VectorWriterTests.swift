import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// VectorWriter exports: dBase limits checked before anything is written, files moved into place only
/// when complete, GeoJSON in RFC 7946 longitude/latitude.
@Suite("VectorWriter")
struct VectorWriterTests {
    @Test("A shapefile field name longer than 10 GBK bytes throws fieldNameTooLong and writes nothing")
    func fieldNameTooLong() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.shp")
        // 永久基本农田编号: 8 characters, 16 bytes in GBK.
        #expect(throws: GeoIOError.fieldNameTooLong(path: path, field: "永久基本农田编号")) {
            try VectorWriter(path: path, format: .shp, layerName: "export", crs: .cgcs2000,
                             fields: [FieldDefinition("JCBH", .string(width: 20)), FieldDefinition("永久基本农田编号", .string(width: 20))])
        }
        #expect(try folderEntries(folder.url) == [])
    }

    @Test("A shapefile field name of exactly 10 GBK bytes is accepted and read back")
    func fieldNameOfTenBytes() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.shp")
        // 基本农田编号 is 6 characters: 12 bytes, too long; 农田编号A1 is 4 × 2 + 2 = 10 bytes.
        #expect(throws: GeoIOError.fieldNameTooLong(path: path, field: "基本农田编号")) {
            try VectorWriter(path: path, format: .shp, layerName: "export", crs: .cgcs2000,
                             fields: [FieldDefinition("基本农田编号", .integer)])
        }
        try writeLayer(path, format: .shp, fields: [FieldDefinition("农田编号A1", .string(width: 10))],
                       features: [(square(x: 113, y: 23, size: 0.01), ["农田编号A1": .string("甲")])])
        let layer = try VectorSource(path: path).layer()
        #expect(layer.fieldNames == ["农田编号A1"])
        #expect(try readAll(path).first?.attributes == ["农田编号A1": .string("甲")])
    }

    @Test("Long field names are fine outside shapefiles")
    func longFieldNameInGeoPackage() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.gpkg")
        try writeLayer(path, format: .gpkg, fields: [FieldDefinition("永久基本农田编号", .string(width: 0))],
                       features: [(square(x: 113, y: 23, size: 0.01), ["永久基本农田编号": .string("JBNT-001")])])
        #expect(try readAll(path).first?.attributes == ["永久基本农田编号": .string("JBNT-001")])
    }

    @Test("A GeoPackage export appears only at finish() and leaves no staging folder behind")
    func geoPackageIsAtomic() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.gpkg")
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: "patches", crs: .cgcs2000,
                                      fields: [FieldDefinition("JCBH", .string(width: 0)), FieldDefinition("MJ", .real)])
        for i in 0..<5 {
            try writer.write(geometry: square(x: 113 + Double(i) * 0.01, y: 23, size: 0.005),
                             attributes: ["JCBH": .string("T00\(i)"), "MJ": .real(Double(i) + 0.5)])
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the target before finish()")
        let staged = try folderEntries(folder.url)
        #expect(staged.count == 1)
        #expect(staged.first?.hasPrefix(".landwatch-export-") == true)
        try writer.finish()
        #expect(try folderEntries(folder.url) == ["export.gpkg"])
        let layer = try VectorSource(path: path).layer()
        #expect(layer.name == "patches")
        #expect(layer.featureCount == 5)
        #expect(try readAll(path).map { $0.attributes["JCBH"] } == (0..<5).map { .string("T00\($0)") })
    }

    @Test("A GeoPackage export replaces an existing file at the target")
    func exportReplacesTarget() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.gpkg")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try writeLayer(path, format: .gpkg, fields: [FieldDefinition("JCBH", .string(width: 0))],
                       features: [(square(x: 113, y: 23, size: 0.01), ["JCBH": .string("NEW")])])
        #expect(try readAll(path).map { $0.attributes["JCBH"] } == [.string("NEW")])
        #expect(try folderEntries(folder.url) == ["export.gpkg"])
    }

    @Test("A writer released without finish() leaves neither the target nor the staging folder")
    func abandonedWriterLeavesNothing() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.gpkg")
        do {
            let writer = try VectorWriter(path: path, format: .gpkg, layerName: "patches", crs: .cgcs2000, fields: [])
            try writer.write(geometry: square(x: 113, y: 23, size: 0.01), attributes: [:])
        }
        #expect(try folderEntries(folder.url) == [])
    }

    @Test("GeoJSON output is RFC 7946 longitude/latitude even when the writer's CRS is EPSG:4547")
    func geoJSONIsLonLat() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.geojson")
        // A 1 km square at easting 500 000 (the 114°E central meridian), northing 2 545 000 (about 23°N).
        let gk = square(x: 500_000, y: 2_545_000, size: 1_000)
        try writeLayer(path, format: .geojson, crs: .epsg(4547), fields: [FieldDefinition("JCBH", .string(width: 0))],
                       features: [(gk, ["JCBH": .string("GK1")])])
        let layer = try VectorSource(path: path).layer()
        #expect(try layer.crs() == .epsg(4326))
        let feature = try #require(try readAll(path).first)
        #expect(feature.attributes == ["JCBH": .string("GK1")])
        let envelope = try #require(feature.geometry?.envelope)
        // The square's corners in lon/lat, by pyproj 3.7.2 (EPSG:4547 → EPSG:4326, always_xy):
        // (500000, 2545000) → 114, 23.004175588; (501000, 2545000) → 114.009754253, 23.004175287;
        // (501000, 2546000) → 114.009754902, 23.013205111; (500000, 2546000) → 114, 23.013205412.
        // GDAL writes RFC 7946 GeoJSON with 7 decimals, hence the 1e-7 tolerance.
        #expect(isClose(envelope.minX, 114.0, absolute: 1e-7))
        #expect(isClose(envelope.maxX, 114.009754902, absolute: 1e-7))
        #expect(isClose(envelope.minY, 23.004175287, absolute: 1e-7))
        #expect(isClose(envelope.maxY, 23.013205412, absolute: 1e-7))
        // The official area survives the round trip (GK scale factor 1 at the central meridian).
        let area = try EllipsoidalArea.of(try #require(feature.geometry), in: .wgs84).squareMetres
        #expect(isClose(area, 1_000_000, relative: 1e-3))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("\"crs\""), "RFC 7946 GeoJSON has no crs member")
        #expect(!text.contains("500000"))
    }

    @Test("GeoJSON output keeps Chinese text, integers, reals and nulls")
    func geoJSONAttributes() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.geojson")
        let attributes: [String: AttributeValue] = ["PDLX": .string("乱占耕地建房"), "XZQDM": .integer(440103),
                                                    "MJ": .real(12.75), "BZ": .null]
        try writeLayer(path, format: .geojson, fields: [FieldDefinition("PDLX", .string(width: 0)), FieldDefinition("XZQDM", .integer),
                                                        FieldDefinition("MJ", .real), FieldDefinition("BZ", .string(width: 0))],
                       features: [(square(x: 113, y: 23, size: 0.01), attributes)])
        #expect(try readAll(path).first?.attributes == attributes)
    }

    @Test("Polygons are written as multipolygons so every feature has one type")
    func polygonsBecomeMultipolygons() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("export.gpkg")
        try writeLayer(path, format: .gpkg, fields: [], features: [(square(x: 113, y: 23, size: 0.01), [:])])
        let geometry = try #require(try readAll(path).first?.geometry)
        #expect(geometry.wkt == "MULTIPOLYGON (((113 23, 113.01 23, 113.01 23.01, 113 23.01, 113 23)))")
    }
}
