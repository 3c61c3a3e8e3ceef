import Enforcement
import Foundation
import Geo
import GeoIO
import Prejudge
import Store
import TestSupport
import Workspace

// Fixtures for the enforcement-workflow tests: small batches written by code in CGCS2000 lon/lat
// (EPSG:4490), imported into a real workspace (SQLite store, files/ folder) in a temporary folder.
// Each patch is a 0.001° square (about 102 m × 111 m, ≈ 17 亩) near Guangzhou; region codes are taken
// from the delivery's XZQDM field (no boundaries needed), after-imagery date 2024-03-20.

enum WorkflowFixture {
    static let batch = "2024M04"
    static let afterDate = CalendarDay(year: 2024, month: 3, day: 20)!
    static let side = 0.001
    static let codes = DeterminationCodesFile.defaults

    /// A patch of the delivery: code, stated region code, and its south-west corner in degrees.
    struct Spec {
        let code: String
        let region: String
        let lon: Double
        let lat: Double

        var northEdge: Double { lat + WorkflowFixture.side }
        var centre: Coordinate { Coordinate(lon: lon + WorkflowFixture.side / 2, lat: lat + WorkflowFixture.side / 2) }
    }

    /// `codes` in `region`, laid out west to east 0.002° apart starting at (113.300 + 0.1 × row, 23.100).
    static func specs(_ codes: [String], region: String, row: Int = 0) -> [Spec] {
        codes.enumerated().map { i, code in
            Spec(code: code, region: region, lon: 113.300 + 0.1 * Double(row) + 0.002 * Double(i), lat: 23.100)
        }
    }

    /// A new workspace holding `specs` as batch 2024M04.
    static func workspace(_ specs: [Spec], in directory: TemporaryDirectory) throws -> Workspace {
        let workspace = try Workspace.create(at: directory.url.appendingPathComponent("ws", isDirectory: true))
        let path = directory.path("\(batch)_卫片图斑.gpkg")
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: "WPTB", crs: .cgcs2000, fields: [
            FieldDefinition("JCBH", .string(width: 24)), FieldDefinition("XZQDM", .string(width: 12)),
            FieldDefinition("QSX", .string(width: 10)), FieldDefinition("HSX", .string(width: 10)),
        ])
        for spec in specs {
            let square = Geometry(rectangle: Envelope(minX: spec.lon, minY: spec.lat, maxX: spec.lon + side, maxY: spec.lat + side))
            try writer.write(geometry: square, attributes: [
                "JCBH": .string(spec.code), "XZQDM": .string(spec.region),
                "QSX": .string("2023-12-15"), "HSX": .string(afterDate.description),
            ])
        }
        try writer.finish()
        var job = PatchImport(path: path, batchCode: batch, codeField: "JCBH")
        job.regionField = "XZQDM"
        _ = try job.run(in: workspace)
        return workspace
    }

    static func key(_ code: String) -> PatchKey { PatchKey(batch: batch, code: code) }

    /// An ISO 8601 time with its zone, e.g. 2024-04-05T10:00:00+08:00.
    static func moment(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func sign(_ person: String, _ time: String) -> Signature { Signature(person: person, at: moment(time)) }

    /// The provincial technical unit assigning on 2024-04-01, 09:00 Beijing time.
    static let assigner = sign("省技术中心 张三", "2024-04-01T09:00:00+08:00")

    static func whole(_ subtype: String, documents: [String] = []) -> [DeterminationPartDraft] {
        [DeterminationPartDraft(area: .rest, subtype: subtype, documents: documents)]
    }

    static let legal = whole("HF01", documents: ["粤府土〔2024〕12号"])
    static let illegal = whole("WF01")
    static let other = whole("QT01")

    /// A field visit without photos.
    static func visit(_ officer: String = "县核查员 王五", at time: String = "2024-04-05T10:00:00+08:00",
                      photos: [String] = []) -> VerificationInput {
        VerificationInput(officer: officer, at: moment(time), form: VerificationForm(constructionState: .completed, currentUse: "厂房"),
                          photoPaths: photos)
    }

    /// Verifies, determines and approves an assigned patch.
    static func approve(_ code: String, as parts: [DeterminationPartDraft], in workspace: Workspace) throws {
        try workspace.recordVerification(key(code), visit(), signature: sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
        try workspace.determine(key(code), parts: parts, codes: codes, signature: sign("县执法 李四", "2024-04-08T15:00:00+08:00"))
        try workspace.approve(key(code), signature: sign("市审核 赵六", "2024-04-10T11:00:00+08:00"))
    }

    static func auditLength(_ workspace: Workspace) throws -> Int64 { try workspace.store.lastAuditSequence() }

    static func area(_ code: String, in workspace: Workspace) throws -> Area {
        guard let patch = try workspace.store.patch(batch: batch, code: code) else { throw FixtureError.noPatch(code) }
        return patch.area
    }

    /// An 8 × 8 JPEG carrying `takenAt` (local, no zone) and `position` as EXIF.
    static func writePhoto(_ path: String, takenAt: String?, position: Coordinate?, shade: UInt8 = 90) throws {
        let pixels: [UInt8] = (0..<64).flatMap { i -> [UInt8] in [shade, UInt8(i * 3), 200] }
        try PhotoMetadata.writeJPEG(path: path, metadata: PhotoMetadata(width: 8, height: 8, takenAt: takenAt, position: position),
                                    rgb: pixels)
    }

    /// Every file under `directory`, as paths relative to it, sorted.
    static func files(under directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return enumerator.compactMap { item -> String? in
            guard let url = item as? URL, (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { return nil }
            return String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count + 1))
        }.sorted()
    }

    /// Runs a system tool and returns its standard output; throws unless it exits 0.
    static func tool(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try runTool(executable, arguments)
        guard result.status == 0 else { throw FixtureError.toolFailed(executable, result.status) }
        return result.stdout
    }

    /// The hex SHA-256 `/usr/bin/sha256sum` prints for a file.
    static func sha256sum(_ path: String) throws -> String {
        String(try tool("/usr/bin/sha256sum", [path]).prefix(while: { !$0.isWhitespace }))
    }

    /// Layer names `ogrinfo -so` lists for a file ("1: 统计汇总 (None)" → 统计汇总), in order.
    static func ogrLayers(_ path: String) throws -> [String] {
        try tool("/usr/bin/ogrinfo", ["-ro", "-so", path]).split(separator: "\n").compactMap { line -> String? in
            guard let colon = line.firstIndex(of: ":"), Int(line[..<colon]) != nil else { return nil }
            var name = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.hasSuffix(")"), let open = name.range(of: " (", options: .backwards) { name = String(name[..<open.lowerBound]) }
            return name
        }
    }
}

enum FixtureError: Error {
    case noPatch(String)
    case toolFailed(String, Int32)
}
