import Foundation
import Geo
import GeoIO
import Testing
import TestSupport

/// Field-verification photos: EXIF time, GPS position and compass direction written with
/// `PhotoMetadata.writeJPEG` and read back with `PhotoMetadata.read`. Fixtures the writer cannot make
/// (DateTime only, missing refs, zero denominators) come from gdal_translate or byte edits.
@Suite("Photo metadata")
struct PhotoMetadataTests {
    /// 23°7′30.5″N 113°15′59.123456″E (Guangzhou), facing 123.4° true, taken 2024-05-17 09:41:07.
    static let guangzhou = PhotoMetadata(width: 64, height: 48, takenAt: "2024-05-17T09:41:07",
                                         position: Coordinate(lon: 113 + 15.0 / 60 + 59.123456 / 3600, lat: 23 + 7.0 / 60 + 30.5 / 3600),
                                         directionDegrees: 123.4, directionReference: "T")

    static let toolsSkipReason: Comment = "跳过：未安装 gdal_translate / gdalinfo（gdal-bin）/ skipped: gdal_translate or gdalinfo (gdal-bin) not installed"
    static var toolsAvailable: Bool { GDALTools.path("gdal_translate") != nil && GDALTools.path("gdalinfo") != nil }

    /// A horizontal red and vertical green gradient, so the JPEG has real content to compress.
    static func gradient(width: Int, height: Int) -> [UInt8] {
        (0..<height).flatMap { y in
            (0..<width).flatMap { x in [UInt8(x * 255 / width), UInt8(y * 255 / height), 128] }
        }
    }

    /// Writes `metadata` with a gradient of its size to `name` in `folder`.
    static func write(_ metadata: PhotoMetadata, _ name: String, in folder: TemporaryDirectory) throws -> String {
        let path = folder.path(name)
        try PhotoMetadata.writeJPEG(path: path, metadata: metadata, rgb: gradient(width: metadata.width, height: metadata.height))
        return path
    }

    /// A 64 × 48 JPEG made by gdal_translate from one without EXIF, carrying exactly the `EXIF_*` items given.
    static func translated(_ items: [String: String], in folder: TemporaryDirectory) throws -> String {
        let plain = try write(PhotoMetadata(width: 64, height: 48), "plain.jpg", in: folder)
        let path = folder.path("translated.jpg")
        let metadata = items.sorted { $0.key < $1.key }.flatMap { ["-mo", "\($0.key)=\($0.value)"] }
        _ = try GDALTools.run("gdal_translate", ["-q", "-of", "JPEG", "-co", "WRITE_EXIF_METADATA=YES"] + metadata + [plain, path])
        return path
    }

    @Test("Time, position, direction and size survive a write and read, the position to 1e-7 degrees (about 1 cm)")
    func roundTrip() throws {
        let folder = TemporaryDirectory()
        let read = try PhotoMetadata.read(path: try Self.write(Self.guangzhou, "guangzhou.jpg", in: folder))
        #expect(read.width == 64)
        #expect(read.height == 48)
        #expect(read.takenAt == "2024-05-17T09:41:07")
        let position = try #require(read.position)
        #expect(isClose(position.x, 113.266423182, absolute: 1e-7))
        #expect(isClose(position.y, 23.125138889, absolute: 1e-7))
        #expect(isClose(try #require(read.directionDegrees), 123.4, absolute: 1e-6))
        #expect(read.directionReference == "T")
    }

    @Test("gdalinfo, independently of our reader, sees the EXIF tags the writer wrote",
          .enabled(if: toolsAvailable, toolsSkipReason))
    func gdalinfoSeesWrittenTags() throws {
        let folder = TemporaryDirectory()
        let info = try GDALTools.run("gdalinfo", [try Self.write(Self.guangzhou, "guangzhou.jpg", in: folder)])
        let lines = Set(info.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(lines.isSuperset(of: [
            "EXIF_DateTimeOriginal=2024:05:17 09:41:07",
            "EXIF_GPSLatitude=(23) (7) (30.5)", "EXIF_GPSLatitudeRef=N",
            "EXIF_GPSLongitude=(113) (15) (59.1235)", "EXIF_GPSLongitudeRef=E",
            "EXIF_GPSImgDirection=(123.4)", "EXIF_GPSImgDirectionRef=T",
        ]), "gdalinfo printed:\n\(info)")
    }

    @Test("The EXIF is written into the JPEG itself: no .aux.xml sidecar appears beside it")
    func noSidecar() throws {
        let folder = TemporaryDirectory()
        _ = try Self.write(Self.guangzhou, "guangzhou.jpg", in: folder)
        #expect(try folderEntries(folder.url) == ["guangzhou.jpg"])
    }

    @Test("A photo taken south of the equator and west of Greenwich reads negative latitude and longitude")
    func southWest() throws {
        let folder = TemporaryDirectory()
        var metadata = Self.guangzhou
        metadata.position = Coordinate(lon: -58.3815591, lat: -34.6037232)
        let position = try #require(try PhotoMetadata.read(path: try Self.write(metadata, "buenos-aires.jpg", in: folder)).position)
        #expect(isClose(position.x, -58.3815591, absolute: 1e-7))
        #expect(isClose(position.y, -34.6037232, absolute: 1e-7))
    }

    @Test("A photo written without a position reads position nil and keeps its time")
    func withoutGPS() throws {
        let folder = TemporaryDirectory()
        let metadata = PhotoMetadata(width: 64, height: 48, takenAt: "2024-05-17T09:41:07")
        let read = try PhotoMetadata.read(path: try Self.write(metadata, "no-gps.jpg", in: folder))
        #expect(read == metadata)
    }

    @Test("A photo without GPSImgDirection reads directionDegrees and directionReference nil")
    func withoutDirection() throws {
        let folder = TemporaryDirectory()
        var metadata = Self.guangzhou
        metadata.directionDegrees = nil
        metadata.directionReference = nil
        let read = try PhotoMetadata.read(path: try Self.write(metadata, "no-direction.jpg", in: folder))
        #expect(read.directionDegrees == nil)
        #expect(read.directionReference == nil)
        #expect(read.position != nil)
    }

    @Test("A photo with only EXIF DateTime, no DateTimeOriginal, reads takenAt from DateTime",
          .enabled(if: toolsAvailable, toolsSkipReason))
    func dateTimeFallback() throws {
        let folder = TemporaryDirectory()
        let path = try Self.translated(["EXIF_DateTime": "2023:11:02 16:05:44"], in: folder)
        #expect(try PhotoMetadata.read(path: path).takenAt == "2023-11-02T16:05:44")
    }

    @Test("DateTimeOriginal wins over DateTime when a photo has both",
          .enabled(if: toolsAvailable, toolsSkipReason))
    func dateTimeOriginalWins() throws {
        let folder = TemporaryDirectory()
        let path = try Self.translated(["EXIF_DateTimeOriginal": "2024:05:17 09:41:07", "EXIF_DateTime": "2024:06:01 18:00:00"], in: folder)
        #expect(try PhotoMetadata.read(path: path).takenAt == "2024-05-17T09:41:07")
    }

    @Test("A blank DateTimeOriginal, as a camera with an unset clock writes, reads takenAt nil",
          .enabled(if: toolsAvailable, toolsSkipReason))
    func blankDateTime() throws {
        let folder = TemporaryDirectory()
        let path = try Self.translated(["EXIF_DateTimeOriginal": "    :  :     :  :  "], in: folder)
        #expect(try PhotoMetadata.read(path: path).takenAt == nil)
    }

    @Test("A latitude without its N/S ref reads position nil rather than guessing the hemisphere",
          .enabled(if: toolsAvailable, toolsSkipReason))
    func missingRef() throws {
        let folder = TemporaryDirectory()
        let path = try Self.translated(["EXIF_GPSLatitude": "(23) (7) (30.5)", "EXIF_GPSLongitude": "(113) (15) (59)",
                                        "EXIF_GPSLongitudeRef": "E"], in: folder)
        #expect(try PhotoMetadata.read(path: path).position == nil)
    }

    @Test("Out-of-range GPS values (latitude over 90°, 75 minutes, longitude over 180°) read position nil",
          .enabled(if: toolsAvailable, toolsSkipReason),
          arguments: [("(95) (0) (0)", "(113) (15) (59)"), ("(23) (75) (0)", "(113) (15) (59)"), ("(23) (7) (30.5)", "(181) (0) (0)")])
    func outOfRange(latitude: String, longitude: String) throws {
        let folder = TemporaryDirectory()
        let path = try Self.translated(["EXIF_GPSLatitude": latitude, "EXIF_GPSLatitudeRef": "N",
                                        "EXIF_GPSLongitude": longitude, "EXIF_GPSLongitudeRef": "E"], in: folder)
        #expect(try PhotoMetadata.read(path: path).position == nil)
    }

    @Test("GPS rationals with zero denominators, as phones without a fix write, read position nil")
    func zeroDenominators() throws {
        let folder = TemporaryDirectory()
        let path = try Self.write(Self.guangzhou, "no-fix.jpg", in: folder)
        try EXIFBytes.zeroDenominators(ofGPSTags: [0x0002, 0x0004], in: path)
        let read = try PhotoMetadata.read(path: path)
        #expect(read.position == nil)
        #expect(read.takenAt == "2024-05-17T09:41:07")
    }

    @Test("A .jpg.aux.xml sidecar claiming another position does not change what is read from the photo")
    func sidecarIgnored() throws {
        let folder = TemporaryDirectory()
        let path = try Self.write(PhotoMetadata(width: 64, height: 48), "plain.jpg", in: folder)
        try """
            <PAMDataset><Metadata>
              <MDI key="EXIF_GPSLatitude">(23) (7) (30.5)</MDI><MDI key="EXIF_GPSLatitudeRef">N</MDI>
              <MDI key="EXIF_GPSLongitude">(113) (15) (59)</MDI><MDI key="EXIF_GPSLongitudeRef">E</MDI>
              <MDI key="EXIF_DateTimeOriginal">2024:05:17 09:41:07</MDI>
            </Metadata></PAMDataset>
            """.write(toFile: path + ".aux.xml", atomically: true, encoding: .utf8)
        #expect(try PhotoMetadata.read(path: path) == PhotoMetadata(width: 64, height: 48))
    }

    @Test("A text file named .jpg fails with notAPhoto carrying GDAL's reason")
    func textFile() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("现场照片.jpg")
        try "这不是照片 / not a photo\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: GeoIOError.notAPhoto(path: path, gdalMessage: "`\(path)' not recognized as a supported file format.")) {
            try PhotoMetadata.read(path: path)
        }
    }

    @Test("The notAPhoto message says so in Chinese and English")
    func notAPhotoMessage() {
        let error = GeoIOError.notAPhoto(path: "/data/a.jpg", gdalMessage: "JPEG datastream contains no image")
        #expect(error.description == "文件 /data/a.jpg 不是可读取的 JPEG 照片：JPEG datastream contains no image / /data/a.jpg is not a readable JPEG photo: JPEG datastream contains no image")
    }

    @Test("A photo path that does not exist fails with cannotOpen saying 文件不存在")
    func missingFile() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("missing.jpg")
        #expect(throws: GeoIOError.cannotOpen(path: path, gdalMessage: "文件不存在 / no such file")) {
            try PhotoMetadata.read(path: path)
        }
    }

    @Test("A JPEG cut off inside its EXIF header fails with notAPhoto")
    func truncatedHeader() throws {
        let folder = TemporaryDirectory()
        let path = try Self.write(Self.guangzhou, "cut.jpg", in: folder)
        try Data(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(100)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: GeoIOError.self) { try PhotoMetadata.read(path: path) }
        guard case let .notAPhoto(reported, message)? = error else {
            Issue.record("expected notAPhoto, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(message.contains("JPEG datastream contains no image"))
    }

    @Test("A JPEG cut off in its pixel data still reads its metadata, which sits before the pixels")
    func truncatedPixels() throws {
        let folder = TemporaryDirectory()
        let path = try Self.write(Self.guangzhou, "cut.jpg", in: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(bytes.prefix(bytes.count * 3 / 4)).write(to: URL(fileURLWithPath: path))
        let read = try PhotoMetadata.read(path: path)
        #expect(read.takenAt == "2024-05-17T09:41:07")
        #expect(isClose(try #require(read.position).y, 23.125138889, absolute: 1e-7))
        #expect(read.width == 64)
    }

    @Test("writeJPEG refuses pixels that do not match the size, and writes nothing")
    func pixelCountMismatch() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("wrong.jpg")
        #expect(throws: GeoIOError.invalidPhotoInput(path: path, field: "rgb", value: "27 ≠ 4 × 3 × 3")) {
            try PhotoMetadata.writeJPEG(path: path, metadata: PhotoMetadata(width: 4, height: 3), rgb: Self.gradient(width: 3, height: 3))
        }
        #expect(try folderEntries(folder.url) == [])
    }

    @Test("writeJPEG refuses a takenAt that is not YYYY-MM-DDTHH:MM:SS")
    func badTakenAt() throws {
        let folder = TemporaryDirectory()
        let path = folder.path("bad-time.jpg")
        let metadata = PhotoMetadata(width: 4, height: 3, takenAt: "2024/05/17 09:41")
        #expect(throws: GeoIOError.invalidPhotoInput(path: path, field: "takenAt", value: "\"2024/05/17 09:41\" ≠ YYYY-MM-DDTHH:MM:SS")) {
            try PhotoMetadata.writeJPEG(path: path, metadata: metadata, rgb: Self.gradient(width: 4, height: 3))
        }
    }
}

extension GDALTools {
    /// Runs a gdal-bin tool and returns what it printed (stdout, then stderr); throws with that output when it fails.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        guard let executable = path(tool) else { throw ToolFailure(message: "\(tool) not found") }
        let result = try runTool(executable, arguments)
        guard result.status == 0 else {
            throw ToolFailure(message: "\(tool) \(arguments.joined(separator: " ")): \(result.stdout)\(result.stderr)")
        }
        return result.stdout + result.stderr
    }
}

/// Byte edits of a JPEG's EXIF block, for what no writer at hand produces.
enum EXIFBytes {
    /// Sets every denominator of the GPS rationals with the given tags to 0, as some phones write them
    /// without a fix. Walks the TIFF structure after the `Exif\0\0` marker: header, IFD0, then the GPS
    /// IFD its tag 0x8825 points to.
    static func zeroDenominators(ofGPSTags tags: Set<Int>, in path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array("Exif\0\0".utf8)
        guard let start = (0...(bytes.count - marker.count)).first(where: { Array(bytes[$0..<$0 + marker.count]) == marker }) else {
            throw GDALTools.ToolFailure(message: "no EXIF block in \(path)")
        }
        let tiff = start + marker.count
        let littleEndian = bytes[tiff] == UInt8(ascii: "I")
        func integer(_ offset: Int, _ size: Int) -> Int {
            let slice = bytes[(tiff + offset)..<(tiff + offset + size)]
            return (littleEndian ? slice.reversed() : Array(slice)).reduce(0) { $0 << 8 | Int($1) }
        }
        /// The (tag, type, count, value) of each entry of the IFD at `offset` from the TIFF header.
        func entries(_ offset: Int) -> [(tag: Int, type: Int, count: Int, value: Int)] {
            (0..<integer(offset, 2)).map { i in
                let entry = offset + 2 + 12 * i
                return (integer(entry, 2), integer(entry + 2, 2), integer(entry + 4, 4), integer(entry + 8, 4))
            }
        }
        guard let gps = entries(integer(4, 4)).first(where: { $0.tag == 0x8825 }) else {
            throw GDALTools.ToolFailure(message: "no GPS IFD in \(path)")
        }
        let rationalType = 5
        for entry in entries(gps.value) where tags.contains(entry.tag) && entry.type == rationalType {
            for k in 0..<entry.count {
                let denominator = tiff + entry.value + 8 * k + 4
                bytes.replaceSubrange(denominator..<denominator + 4, with: [0, 0, 0, 0])
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
