import CGDAL
import Foundation
import Geo

/// What a field-verification photo (外业核查照片) says about itself in its EXIF block: when it was
/// taken, where, and which way the camera faced. Read as evidence against spoofed photos, and written
/// for test fixtures and the demo.
///
/// Only JPEG is read and written (GDAL's JPEG driver, which exposes EXIF tags as `EXIF_*` metadata
/// items). `width` and `height` are the stored pixel dimensions; the EXIF Orientation tag is not applied.
public struct PhotoMetadata: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Local time the photo was taken, `"YYYY-MM-DDTHH:MM:SS"`, without zone because EXIF records
    /// none. From EXIF DateTimeOriginal, else DateTime (when the file was last changed, usually the
    /// same on a phone); nil when neither holds a valid date.
    public var takenAt: String?
    /// Longitude, latitude in degrees, negative west and south. EXIF GPS is WGS 84; LandWatch stores
    /// CGCS2000 (EPSG:4490), which agrees with WGS 84 to within a few centimetres, far below a phone's
    /// metres of GPS error, so the two are treated as the same. nil when the photo carries no usable
    /// position.
    public var position: Coordinate?
    /// Direction the camera faced (EXIF GPSImgDirection), degrees clockwise from north, 0–360.
    public var directionDegrees: Double?
    /// Which north `directionDegrees` counts from (EXIF GPSImgDirectionRef): `"T"` true, `"M"` magnetic.
    public var directionReference: String?

    public init(width: Int, height: Int, takenAt: String? = nil, position: Coordinate? = nil,
                directionDegrees: Double? = nil, directionReference: String? = nil) {
        self.width = width
        self.height = height
        self.takenAt = takenAt
        self.position = position
        self.directionDegrees = directionDegrees
        self.directionReference = directionReference
    }

    /// Reads the metadata of the JPEG at `path` (`GDALOpenEx` with the JPEG driver only, then
    /// `GDALGetMetadataItem` for the `EXIF_*` items). Values that are missing or malformed read as
    /// nil rather than failing: a position without hemisphere refs, outside ±90°/±180°, or at exactly
    /// (0, 0), which is what phones without a fix write (GDAL prints a zero-denominator rational as 0,
    /// so a single zeroed part, say the seconds, cannot be told from a real 0 and is read as one).
    ///
    /// Sidecar files are ignored: GDAL would otherwise let a `photo.jpg.aux.xml` override the EXIF in
    /// the photo, and the evidence must come from the photo itself.
    ///
    /// - Throws: `GeoIOError.cannotOpen` when there is no such file, `.notAPhoto` when it is not a
    ///   JPEG or is cut off before its header ends (a photo cut off in its pixel data still reads).
    public static func read(path: String) throws -> PhotoMetadata {
        GDALRuntime.ensureReady()
        guard FileManager.default.fileExists(atPath: path) else {
            throw GeoIOError.cannotOpen(path: path, gdalMessage: "文件不存在 / no such file")
        }
        CPLErrorReset()
        // The sibling list names only the photo, so GDAL looks for no .aux.xml (or any other) sidecar.
        let siblings = [URL(fileURLWithPath: path).lastPathComponent]
        let flags = UInt32(GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        let opened = GDALRuntime.withList(["JPEG"]) { drivers in
            GDALRuntime.withList(siblings) { files in
                GDALOpenEx(path, flags, GDALRuntime.constant(drivers), nil, GDALRuntime.constant(files))
            }
        }
        guard let opened else {
            throw GeoIOError.notAPhoto(path: path, gdalMessage: GDALRuntime.lastError(or: "not a JPEG file"))
        }
        let dataset = OwnedDataset(opened)
        func item(_ name: String) -> String? {
            GDALGetMetadataItem(dataset.handle, "EXIF_" + name, nil).map { String(cString: $0) }
        }
        return PhotoMetadata(
            width: Int(GDALGetRasterXSize(dataset.handle)),
            height: Int(GDALGetRasterYSize(dataset.handle)),
            takenAt: item("DateTimeOriginal").flatMap(EXIFText.isoDateTime) ?? item("DateTime").flatMap(EXIFText.isoDateTime),
            position: EXIFText.position(latitude: item("GPSLatitude"), latitudeRef: item("GPSLatitudeRef"),
                                        longitude: item("GPSLongitude"), longitudeRef: item("GPSLongitudeRef")),
            directionDegrees: item("GPSImgDirection").flatMap(EXIFText.direction),
            directionReference: item("GPSImgDirectionRef").flatMap(EXIFText.directionReference))
    }

    /// Writes `rgb` as a JPEG at `path` carrying `metadata` as EXIF, replacing any file there: the pixels
    /// go into a GDAL MEM dataset whose `EXIF_*` metadata items the JPEG driver writes
    /// (`GDALCreateCopy` with `WRITE_EXIF_METADATA=YES`). Latitude and longitude are written as
    /// degree/minute/second rationals with N/S and E/W refs; no GPS position tags are written when
    /// `metadata.position` is nil. `takenAt` becomes DateTimeOriginal.
    ///
    /// - Parameters:
    ///   - metadata: the image size (`width` × `height` pixels, each 1–65,500 as JPEG allows) and the EXIF.
    ///   - rgb: `width × height` pixels, row by row from the top left, 3 bytes each (red, green, blue).
    ///   - quality: JPEG quality, 1–100.
    /// - Throws: `GeoIOError.invalidPhotoInput` naming the bad value (nothing is written), or
    ///   `.cannotCreate` with GDAL's message.
    public static func writeJPEG(path: String, metadata: PhotoMetadata, rgb: [UInt8], quality: Int = 85) throws {
        GDALRuntime.ensureReady()
        let items = try exifItems(metadata, path: path)
        let (width, height) = (metadata.width, metadata.height)
        guard (1...100).contains(quality) else {
            throw GeoIOError.invalidPhotoInput(path: path, field: "quality", value: "\(quality) ∉ 1…100")
        }
        guard rgb.count == width * height * 3 else {
            throw GeoIOError.invalidPhotoInput(path: path, field: "rgb", value: "\(rgb.count) ≠ \(width) × \(height) × 3")
        }
        CPLErrorReset()
        guard let memory = GDALGetDriverByName("MEM"), let jpeg = GDALGetDriverByName("JPEG"),
              let created = GDALCreate(memory, "", Int32(width), Int32(height), 3, GDT_Byte, nil) else {
            throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError())
        }
        let source = OwnedDataset(created)
        let status = rgb.withUnsafeBytes { pixels in
            // GDAL takes one non-const buffer for reading and writing; GF_Write only reads it.
            GDALDatasetRasterIO(source.handle, GF_Write, 0, 0, Int32(width), Int32(height),
                                UnsafeMutableRawPointer(mutating: pixels.baseAddress), Int32(width), Int32(height),
                                GDT_Byte, 3, nil, 3, Int32(width * 3), 1)
        }
        guard status == CE_None else {
            throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError())
        }
        for (name, value) in items { GDALSetMetadataItem(source.handle, name, value, nil) }
        let copied = GDALRuntime.withOptions([("QUALITY", "\(quality)"), ("WRITE_EXIF_METADATA", "YES")]) { options in
            GDALCreateCopy(jpeg, path, source.handle, 0, options, nil, nil)
        }
        guard let copied else {
            let message = GDALRuntime.lastError()
            try? FileManager.default.removeItem(atPath: path)
            throw GeoIOError.cannotCreate(path: path, gdalMessage: message)
        }
        // GDALCreateCopy has written the whole file by the time it returns; closing releases it.
        GDALClose(copied)
    }

    /// The `EXIF_*` metadata items GDAL's JPEG driver turns into EXIF tags, after checking each value.
    private static func exifItems(_ metadata: PhotoMetadata, path: String) throws -> [(String, String)] {
        func invalid(_ field: String, _ value: String) -> GeoIOError {
            GeoIOError.invalidPhotoInput(path: path, field: field, value: value)
        }
        guard (1...65_500).contains(metadata.width) else { throw invalid("width", "\(metadata.width) ∉ 1…65500") }
        guard (1...65_500).contains(metadata.height) else { throw invalid("height", "\(metadata.height) ∉ 1…65500") }
        var items: [(String, String)] = []
        if let takenAt = metadata.takenAt {
            guard let fields = DateTimeFields(takenAt, dateSeparators: ["-"], timeSeparators: ["T"]) else {
                throw invalid("takenAt", "\"\(takenAt)\" ≠ YYYY-MM-DDTHH:MM:SS")
            }
            items.append(("EXIF_DateTimeOriginal", fields.exif))
        }
        if let position = metadata.position {
            guard (-90...90).contains(position.y), (-180...180).contains(position.x) else {
                throw invalid("position", "(\(position.x), \(position.y))")
            }
            items += [("EXIF_GPSLatitude", EXIFText.rationals(degrees: abs(position.y))),
                      ("EXIF_GPSLatitudeRef", position.y < 0 ? "S" : "N"),
                      ("EXIF_GPSLongitude", EXIFText.rationals(degrees: abs(position.x))),
                      ("EXIF_GPSLongitudeRef", position.x < 0 ? "W" : "E")]
        }
        if let direction = metadata.directionDegrees {
            guard (0...360).contains(direction) else { throw invalid("directionDegrees", "\(direction) ∉ 0…360") }
            items.append(("EXIF_GPSImgDirection", "(\(direction))"))
        }
        if let reference = metadata.directionReference {
            guard EXIFText.directionReference(reference) == reference else {
                throw invalid("directionReference", "\"\(reference)\" ∉ {T, M}")
            }
            items.append(("EXIF_GPSImgDirectionRef", reference))
        }
        return items
    }
}

/// EXIF values as GDAL prints and parses them: rationals as `"(23) (7) (30.5)"` (`%g`, 6 significant
/// digits, so about 0.0001″ ≈ 3 mm for seconds of arc), dates as `"YYYY:MM:DD HH:MM:SS"`.
private enum EXIFText {
    /// The numbers of a GDAL rational list, or nil unless every one is a finite `(number)`.
    static func numbers(_ text: String) -> [Double]? {
        var values: [Double] = []
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard let first = rest.first else { return values }
            guard first == "(", let close = rest.firstIndex(of: ")"),
                  let value = Double(rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: .whitespaces)),
                  value.isFinite else { return nil }
            values.append(value)
            rest = rest[rest.index(after: close)...]
        }
    }

    /// Degrees from 1 to 3 rationals (degrees, minutes, seconds), or nil when a part is negative or
    /// a minute or second part exceeds 60 (60 itself is what `%g` makes of 59.99999…).
    static func degrees(_ text: String) -> Double? {
        guard let parts = numbers(text), (1...3).contains(parts.count), parts.allSatisfy({ $0 >= 0 }),
              parts.dropFirst().allSatisfy({ $0 <= 60 }) else { return nil }
        return zip(parts, [1.0, 60.0, 3600.0]).reduce(0) { $0 + $1.0 / $1.1 }
    }

    static func position(latitude: String?, latitudeRef: String?, longitude: String?, longitudeRef: String?) -> Coordinate? {
        guard let lat = latitude.flatMap(degrees), lat <= 90, let lon = longitude.flatMap(degrees), lon <= 180,
              let latSign = sign(latitudeRef, positive: "N", negative: "S"),
              let lonSign = sign(longitudeRef, positive: "E", negative: "W"),
              lat != 0 || lon != 0 else { return nil }
        return Coordinate(lon: lonSign * lon, lat: latSign * lat)
    }

    private static func sign(_ ref: String?, positive: String, negative: String) -> Double? {
        switch ref?.trimmingCharacters(in: .whitespaces).uppercased() {
        case positive: return 1
        case negative: return -1
        default: return nil
        }
    }

    static func direction(_ text: String) -> Double? {
        guard let parts = numbers(text), parts.count == 1, (0...360).contains(parts[0]) else { return nil }
        return parts[0]
    }

    static func directionReference(_ text: String) -> String? {
        let reference = text.trimmingCharacters(in: .whitespaces).uppercased()
        return reference == "T" || reference == "M" ? reference : nil
    }

    /// `"(d) (m) (s)"` for non-negative decimal degrees. Seconds keep all their digits: GDAL turns each
    /// into a 32-bit rational itself.
    static func rationals(degrees: Double) -> String {
        let whole = degrees.rounded(.down)
        let minutes = (degrees - whole) * 60
        let wholeMinutes = minutes.rounded(.down)
        return "(\(Int(whole))) (\(Int(wholeMinutes))) (\((minutes - wholeMinutes) * 60))"
    }

    /// EXIF date and time as ISO 8601 local time, or nil for anything else, such as the blank
    /// `"    :  :     :  :  "` or `"0000:00:00 00:00:00"` of a camera whose clock was never set.
    static func isoDateTime(_ text: String) -> String? {
        DateTimeFields(text, dateSeparators: [":", "-"], timeSeparators: [" ", "T"])?.iso
    }
}

/// A date and time of day checked field by field, from `YYYY?MM?DD?HH:MM:SS` with the given separators.
private struct DateTimeFields {
    let year, month, day, hour, minute, second: Int

    init?(_ text: String, dateSeparators: Set<Character>, timeSeparators: Set<Character>) {
        let characters = Array(text.trimmingCharacters(in: .whitespaces))
        guard characters.count == 19, dateSeparators.contains(characters[4]), characters[7] == characters[4],
              timeSeparators.contains(characters[10]), characters[13] == ":", characters[16] == ":" else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            let digits = characters[start..<start + length]
            return digits.allSatisfy({ ("0"..."9").contains($0) }) ? Int(String(digits)) : nil
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
    }

    var iso: String { format("-", "T") }
    var exif: String { format(":", " ") }

    private func format(_ dateSeparator: String, _ timeSeparator: String) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return [pad(year, 4), pad(month, 2), pad(day, 2)].joined(separator: dateSeparator) + timeSeparator
            + [pad(hour, 2), pad(minute, 2), pad(second, 2)].joined(separator: ":")
    }
}
