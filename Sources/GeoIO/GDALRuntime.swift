import CGDAL

/// Registers GDAL's drivers once per process and keeps GDAL from printing to stderr: errors are read
/// back with `CPLGetLastErrorMsg` (per thread in GDAL) and turned into `GeoIOError`s.
enum GDALRuntime {
    private static let ready: Bool = {
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
        return true
    }()

    static func ensureReady() { _ = ready }

    /// GDAL's last error message on this thread, or a fallback.
    static func lastError(or fallback: String = "GDAL error") -> String {
        guard let message = CPLGetLastErrorMsg(), message.pointee != 0 else { return fallback }
        return String(cString: message)
    }

    /// A GDAL string list (`char **`) built from name=value pairs, freed by `CSLDestroy` after `body`.
    static func withOptions<T>(_ options: [(String, String)], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for (name, value) in options { list = CSLSetNameValue(list, name, value) }
        defer { CSLDestroy(list) }
        return try body(list)
    }

    /// A GDAL string list of plain values (`CSLAddString`: driver names, file names), freed by
    /// `CSLDestroy` after `body`.
    static func withList<T>(_ items: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for item in items { list = CSLAddString(list, item) }
        defer { CSLDestroy(list) }
        return try body(list)
    }

    /// A GDAL progress callback (`GDALProgressFunc`) and its argument that hand the fraction done
    /// (0…1) to `report`; none when `report` is nil. Valid during `body` only.
    static func withProgress<T>(_ report: ((Double) -> Void)?,
                                _ body: (GDALProgressFunc?, UnsafeMutableRawPointer?) throws -> T) rethrows -> T {
        guard let report else { return try body(nil, nil) }
        let box = ProgressBox(report)
        return try withExtendedLifetime(box) {
            try body({ fraction, _, argument in
                argument.map { Unmanaged<ProgressBox>.fromOpaque($0).takeUnretainedValue().report(fraction) }
                return 1
            }, Unmanaged.passUnretained(box).toOpaque())
        }
    }

    private final class ProgressBox {
        let report: (Double) -> Void
        init(_ report: @escaping (Double) -> Void) { self.report = report }
    }

    /// The same string list as GDAL's `const char *const *` parameters want it.
    static func constant(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> UnsafePointer<UnsafePointer<CChar>?>? {
        list.map { UnsafePointer(OpaquePointer($0)) }
    }
}
