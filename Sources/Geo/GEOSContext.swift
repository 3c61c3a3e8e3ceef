import CGEOS

/// The GEOS context of the current thread (`GEOS_init_r` / `GEOS_finish_r`), with its WKB reader and
/// writer and the last error message GEOS reported through the context's message handler.
/// Never shared across threads: `GEOSContext.current` hands each thread its own.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let reader: OpaquePointer
    private let writer: OpaquePointer
    fileprivate(set) var lastError = ""

    private static let perThread = ThreadLocal { GEOSContext() }

    static var current: GEOSContext { perThread.value }

    private init() {
        handle = GEOS_init_r()
        reader = GEOSWKBReader_create_r(handle)
        writer = GEOSWKBWriter_create_r(handle)
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 2)
        GEOSWKBWriter_setByteOrder_r(handle, writer, Int32(GEOS_WKB_NDR.rawValue))
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let message, let userData else { return }
            Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue().lastError = String(cString: message)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        GEOSWKBReader_destroy_r(handle, reader)
        GEOSWKBWriter_destroy_r(handle, writer)
        GEOS_finish_r(handle)
    }

    /// The error GEOS just reported for `operation`, clearing it.
    func failure(_ operation: String) -> GeoError {
        defer { lastError = "" }
        return .geometryOperationFailed(operation: operation, message: lastError.isEmpty ? "GEOS returned no result" : lastError)
    }

    /// Parses WKB into a GEOS geometry owned by the returned value (`GEOSWKBReader_read_r`).
    func read(_ wkb: [UInt8]) throws -> NativeGeometry {
        let pointer = wkb.withUnsafeBufferPointer { GEOSWKBReader_read_r(handle, reader, $0.baseAddress, $0.count) }
        guard let pointer else { throw failure("GEOSWKBReader_read_r") }
        return NativeGeometry(pointer, context: self)
    }

    /// Writes a GEOS geometry as 2D little-endian WKB (`GEOSWKBWriter_write_r`).
    func write(_ geometry: OpaquePointer) throws -> [UInt8] {
        var size = 0
        guard let bytes = GEOSWKBWriter_write_r(handle, writer, geometry, &size) else {
            throw failure("GEOSWKBWriter_write_r")
        }
        defer { GEOSFree_r(handle, bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: size))
    }
}

/// A GEOS geometry owned by Swift: destroyed (`GEOSGeom_destroy_r`) with this object.
/// Lives on the thread of its context.
final class NativeGeometry {
    let pointer: OpaquePointer
    let context: GEOSContext

    init(_ pointer: OpaquePointer, context: GEOSContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }

    func toGeometry() throws -> Geometry {
        try Geometry(wkb: context.write(pointer))
    }

    /// Wraps the result of a GEOS call returning a new geometry, or throws GEOS's message.
    func adopt(_ result: OpaquePointer?, _ operation: String) throws -> NativeGeometry {
        guard let result else { throw context.failure(operation) }
        return NativeGeometry(result, context: context)
    }

    /// Interprets a GEOS predicate result (1 true, 0 false, 2 exception).
    func predicate(_ result: CChar, _ operation: String) throws -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw context.failure(operation)
        }
    }
}
