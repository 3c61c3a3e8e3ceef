import CGDAL
import Foundation

/// Decides how the text of a shapefile's DBF is encoded. A .cpg file or a DBF language-driver id
/// (LDID) is read by GDAL itself; bureau files often have neither and are GBK, which GDAL would read
/// as ISO-8859-1. Then the raw text bytes are checked: valid UTF-8 means UTF-8, anything else GB18030
/// (a superset of GBK). Read through GDAL's VSI layer so zipped shapefiles work too.
enum DBFEncoding {
    /// The ENCODING open option to give the Shapefile driver, or nil to let GDAL decide (.cpg or LDID present).
    static func openOption(forShapefile shpPath: String) -> String? {
        let base = String(shpPath.dropLast(4))
        for ext in [".cpg", ".CPG"] where exists(base + ext) { return nil }
        guard let dbf = [".dbf", ".DBF"].map({ base + $0 }).first(where: exists),
              let header = read(dbf, offset: 0, count: 32), header.count == 32 else { return nil }
        let languageDriverID = header[29]
        if languageDriverID != 0 { return nil }
        return looksLikeUTF8(dbfPath: dbf, header: header) ? "UTF-8" : "GB18030"
    }

    private static func looksLikeUTF8(dbfPath: String, header: [UInt8]) -> Bool {
        let recordCount = Int(header[4]) | Int(header[5]) << 8 | Int(header[6]) << 16 | Int(header[7]) << 24
        let headerLength = Int(header[8]) | Int(header[9]) << 8
        let recordLength = Int(header[10]) | Int(header[11]) << 8
        guard recordLength > 0, let descriptors = read(dbfPath, offset: 32, count: max(headerLength - 32, 0)) else { return true }
        // Character fields: (offset within record, length). Offset 0 of a record is the deletion flag.
        var textFields: [(Int, Int)] = []
        var position = 1
        var i = 0
        while i + 32 <= descriptors.count, descriptors[i] != 0x0D {
            let length = Int(descriptors[i + 16])
            if descriptors[i + 11] == UInt8(ascii: "C") { textFields.append((position, length)) }
            position += length
            i += 32
        }
        guard !textFields.isEmpty else { return true }
        let sampleRecords = min(recordCount, 20_000)
        guard let records = read(dbfPath, offset: headerLength, count: sampleRecords * recordLength) else { return true }
        var record = 0
        while (record + 1) * recordLength <= records.count {
            let start = record * recordLength
            for (offset, length) in textFields {
                let bytes = records[(start + offset)..<min(start + offset + length, records.count)]
                if bytes.contains(where: { $0 >= 0x80 }), String(bytes: bytes, encoding: .utf8) == nil,
                   !isTruncatedUTF8(bytes, width: length) {
                    return false
                }
            }
            record += 1
        }
        return true
    }

    /// A UTF-8 value cut in the middle of a character by the field width is still UTF-8. Only a value
    /// that fills its field can have been cut: short GBK values such as "1组" must not pass as UTF-8.
    private static func isTruncatedUTF8(_ bytes: ArraySlice<UInt8>, width: Int) -> Bool {
        var trimmed = Array(bytes)
        while let last = trimmed.last, last == 0x20 || last == 0 { trimmed.removeLast() }
        guard trimmed.count >= width else { return false }
        for cut in 1...3 where trimmed.count > cut {
            if String(bytes: trimmed.dropLast(cut), encoding: .utf8) != nil { return true }
        }
        return false
    }

    private static func exists(_ path: String) -> Bool {
        guard let file = VSIFOpenL(path, "rb") else { return false }
        VSIFCloseL(file)
        return true
    }

    private static func read(_ path: String, offset: Int, count: Int) -> [UInt8]? {
        guard let file = VSIFOpenL(path, "rb") else { return nil }
        defer { VSIFCloseL(file) }
        guard VSIFSeekL(file, vsi_l_offset(offset), SEEK_SET) == 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        let got = buffer.withUnsafeMutableBytes { VSIFReadL($0.baseAddress, 1, count, file) }
        return Array(buffer.prefix(got))
    }
}
