import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// Files that cannot be read fail with a GeoIOError saying why, never a crash.
@Suite("Vector source errors")
struct OpenErrorTests {
    @Test("A file that does not exist fails with cannotOpen saying 文件不存在")
    func nonexistentFile() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("没有这个文件.shp")
        #expect(throws: GeoIOError.cannotOpen(path: path, gdalMessage: "文件不存在 / no such file")) {
            try VectorSource(path: path)
        }
    }

    @Test("A zip that does not exist fails with cannotOpen saying 文件不存在")
    func nonexistentZip() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("missing.zip")
        let error = #expect(throws: GeoIOError.self) { try VectorSource(path: path) }
        guard case let .cannotOpen(reported, message)? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(message.contains("文件不存在"))
    }

    /// 4 KiB of noise from a fixed linear congruential generator, the same in every run.
    static let noise: Data = {
        var state: UInt64 = 0x4C41_4E44_5741_5443
        return Data((0..<4096).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        })
    }()

    @Test("Random bytes named .shp, .gpkg, .geojson or .zip fail with cannotOpen, not a crash",
          arguments: ["shp", "gpkg", "geojson", "zip"])
    func corruptFile(ext: String) throws {
        let folder = TemporaryDirectory()
        let path = folder.path("corrupt.\(ext)")
        try Self.noise.write(to: URL(fileURLWithPath: path))
        #expect(throws: GeoIOError.cannotOpen(path: path, gdalMessage: "不是可识别的矢量文件 / not a recognised vector file")) {
            try VectorSource(path: path)
        }
    }

    @Test("A .gpkg that is an SQLite header followed by garbage fails with cannotOpen")
    func truncatedGeoPackage() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("truncated.gpkg")
        var bytes = Array("SQLite format 3\0".utf8)
        bytes += [UInt8](repeating: 0xAB, count: 1024)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: GeoIOError.self) { try VectorSource(path: path) }
        guard case .cannotOpen? = error else {
            Issue.record("expected cannotOpen, got \(String(describing: error))")
            return
        }
    }

    @Test("A shapefile whose .dbf is cut short opens without fields, so a required field is reported missing")
    func truncatedDBF() throws {
        // GDAL's shapefile driver cannot open a 3-byte DBF and carries on with geometry only.
        let folder = TemporaryDirectory()
        let path = try ShapefileEncodingTests.writeGBKShapefile(in: folder)
        try FileManager.default.removeItem(atPath: folder.path("patches.cpg"))
        try Data([0x03, 0x7E, 0x0B]).write(to: URL(fileURLWithPath: folder.path("patches.dbf")))
        let layer = try VectorSource(path: path).layer()
        #expect(layer.featureCount == 3)
        #expect(layer.fieldNames == [])
        #expect(throws: GeoIOError.missingField(path: path, field: "JCBH", available: [])) { try layer.requireField("JCBH") }
    }

    @Test("Asking for a field the layer lacks throws missingField listing the fields it has")
    func requireMissingField() throws {
        let folder = TemporaryDirectory()
        let path = try ShapefileEncodingTests.writeGBKShapefile(in: folder)
        let layer = try VectorSource(path: path).layer()
        try layer.requireField("JCBH")
        #expect(throws: GeoIOError.missingField(path: path, field: "TBBH", available: ["JCBH", "DLMC", "PDLX", "XZQDM", "MJ"])) {
            try layer.requireField("TBBH")
        }
    }

    @Test("The missingField message names the field and the available ones")
    func missingFieldMessage() {
        let error = GeoIOError.missingField(path: "/data/a.shp", field: "TBBH", available: ["JCBH", "DLMC"])
        #expect(error.description == "文件 /data/a.shp 中没有字段「TBBH」，现有字段：JCBH, DLMC / /data/a.shp has no field TBBH; fields are: JCBH, DLMC")
    }

    @Test("Asking for a layer name the file lacks throws noLayer")
    func missingLayer() throws {
        let folder = TemporaryDirectory()
        let path = try ShapefileEncodingTests.writeGBKShapefile(in: folder)
        let source = try VectorSource(path: path)
        #expect(source.layerNames == ["patches"])
        #expect(throws: GeoIOError.noLayer(path: path, layer: "farmland", available: ["patches"])) { try source.layer("farmland") }
    }
}
