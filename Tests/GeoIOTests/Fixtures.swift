import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

// Helpers shared by the GeoIO tests. Every fixture is generated into a TemporaryDirectory by the test
// that uses it: with VectorWriter, with GDAL's own command-line tools, or as raw bytes.

/// |actual − expected| ≤ tolerance × |expected|.
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}

/// |actual − expected| ≤ tolerance.
func isClose(_ actual: Double, _ expected: Double, absolute tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance
}

/// An axis-aligned square polygon with its south-west corner at (x, y).
func square(x: Double, y: Double, size: Double) -> Geometry {
    Geometry(rectangle: Envelope(minX: x, minY: y, maxX: x + size, maxY: y + size))
}

/// Reads every feature of the first layer of `path`.
func readAll(_ path: String) throws -> [VectorFeature] {
    var features: [VectorFeature] = []
    try VectorSource(path: path).layer().forEachFeature { features.append($0) }
    return features
}

/// Writes one layer with VectorWriter and finishes it.
func writeLayer(_ path: String, format: VectorFormat, crs: CRS = .cgcs2000, fields: [FieldDefinition],
                features: [(Geometry?, [String: AttributeValue])], layerName: String = "patches") throws {
    let writer = try VectorWriter(path: path, format: format, layerName: layerName, crs: crs, fields: fields)
    for (geometry, attributes) in features { try writer.write(geometry: geometry, attributes: attributes) }
    try writer.finish()
}

/// Names of the entries of a folder, sorted.
func folderEntries(_ url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
}

/// GDAL's command-line tools (gdal-bin), used to make fixtures VectorWriter cannot (UTF-8 shapefiles, KML,
/// 3D GeoPackages) independently of the code under test.
enum GDALTools {
    static func path(_ tool: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        return folders.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var available: Bool { path("ogr2ogr") != nil }
    static let skipReason: Comment = "跳过：未安装 GDAL 命令行工具（gdal-bin 的 ogr2ogr）/ skipped: ogr2ogr (gdal-bin) not installed"

    /// Runs `ogr2ogr` with `arguments`; throws with its stderr when it fails.
    static func ogr2ogr(_ arguments: [String]) throws {
        guard let executable = path("ogr2ogr") else { throw ToolFailure(message: "ogr2ogr not found") }
        let result = try runTool(executable, arguments)
        guard result.status == 0 else {
            throw ToolFailure(message: "ogr2ogr \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }

    struct ToolFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}

/// A GeoJSON FeatureCollection with one polygon feature per ring (lon, lat pairs), properties given as JSON text.
func geoJSONText(_ features: [(ring: [(Double, Double)], properties: String)]) -> String {
    let items = features.map { feature in
        let ring = feature.ring.map { "[\($0.0), \($0.1)]" }.joined(separator: ", ")
        return #"{"type": "Feature", "properties": \#(feature.properties), "geometry": {"type": "Polygon", "coordinates": [[\#(ring)]]}}"#
    }
    return #"{"type": "FeatureCollection", "features": [\#(items.joined(separator: ", "))]}"#
}

/// Raw dBase edits: byte 29 of a DBF header is the language driver id (LDID).
enum DBF {
    static func setLanguageDriverID(_ value: UInt8, in path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[29] = value
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func languageDriverID(of path: String) throws -> UInt8 {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))[29]
    }
}

/// A minimal ZIP writer (entries stored uncompressed, CRC-32 per entry): enough for GDAL's /vsizip/,
/// without depending on a `zip` tool being installed.
enum StoredZip {
    static func write(_ entries: [(name: String, data: Data)], to path: String) throws {
        var archive = Data()
        var central = Data()
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = crc32(entry.data)
            let size = UInt32(entry.data.count)
            let offset = UInt32(archive.count)
            // Local file header.
            archive.append(le32(0x0403_4b50)); archive.append(le16(20)); archive.append(le16(0)); archive.append(le16(0))
            archive.append(le16(0)); archive.append(le16(0x21))                  // time 00:00:02, date 1980-01-01
            archive.append(le32(crc)); archive.append(le32(size)); archive.append(le32(size))
            archive.append(le16(UInt16(name.count))); archive.append(le16(0))
            archive.append(contentsOf: name)
            archive.append(entry.data)
            // Central directory record.
            central.append(le32(0x0201_4b50)); central.append(le16(20)); central.append(le16(20))
            central.append(le16(0)); central.append(le16(0)); central.append(le16(0)); central.append(le16(0x21))
            central.append(le32(crc)); central.append(le32(size)); central.append(le32(size))
            central.append(le16(UInt16(name.count))); central.append(le16(0)); central.append(le16(0))
            central.append(le16(0)); central.append(le16(0)); central.append(le32(0)); central.append(le32(offset))
            central.append(contentsOf: name)
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(le32(0x0605_4b50)); archive.append(le16(0)); archive.append(le16(0))
        archive.append(le16(UInt16(entries.count))); archive.append(le16(UInt16(entries.count)))
        archive.append(le32(UInt32(central.count))); archive.append(le32(centralOffset)); archive.append(le16(0))
        try archive.write(to: URL(fileURLWithPath: path))
    }

    private static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    private static func le32(_ v: UInt32) -> Data { Data((0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }) }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
