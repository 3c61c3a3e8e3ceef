import CGDAL
import Foundation
import Geo

/// A vector file opened read-only through OGR (`GDALOpenEx` with `GDAL_OF_VECTOR`): Shapefile,
/// GeoPackage, GeoJSON, KML, a zipped shapefile, or anything else OGR reads. Owns the dataset
/// (`GDALClose` on deinit); use it from one thread at a time.
public final class VectorSource {
    public let path: String
    private let dataset: GDALDatasetH

    /// Opens `path`. A `.zip` is read through `/vsizip/`; a shapefile without .cpg has its text
    /// encoding detected (UTF-8 or GBK).
    public init(path: String) throws {
        GDALRuntime.ensureReady()
        self.path = path
        var gdalPath = Self.gdalPath(for: path)
        var options: [(String, String)] = []
        if let shp = Self.shapefileInside(gdalPath) {
            // GDAL does not look into a zip's sub-folders, where bureaus usually put the shapefile.
            gdalPath = shp
            if let encoding = DBFEncoding.openOption(forShapefile: shp) { options.append(("ENCODING", encoding)) }
        }
        CPLErrorReset()
        let opened = GDALRuntime.withOptions(options) { list in
            GDALOpenEx(gdalPath, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, GDALRuntime.constant(list), nil)
        }
        guard let opened else {
            let reason = FileManager.default.fileExists(atPath: path)
                ? GDALRuntime.lastError(or: "不是可识别的矢量文件 / not a recognised vector file")
                : "文件不存在 / no such file"
            throw GeoIOError.cannotOpen(path: path, gdalMessage: reason)
        }
        dataset = opened
    }

    deinit { GDALClose(dataset) }

    public var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(dataset)).compactMap { i in
            GDALDatasetGetLayer(dataset, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// A layer by name, or the first layer when `name` is nil.
    public func layer(_ name: String? = nil) throws -> VectorLayer {
        let handle: OGRLayerH?
        if let name { handle = GDALDatasetGetLayerByName(dataset, name) } else { handle = GDALDatasetGetLayer(dataset, 0) }
        guard let handle else { throw GeoIOError.noLayer(path: path, layer: name, available: layerNames) }
        return VectorLayer(handle: handle, source: self)
    }

    static func gdalPath(for path: String) -> String {
        path.lowercased().hasSuffix(".zip") && !path.hasPrefix("/vsi") ? "/vsizip/" + path : path
    }

    /// The .shp to read: the path itself, or the only one inside a zip (at any depth).
    private static func shapefileInside(_ gdalPath: String) -> String? {
        if gdalPath.lowercased().hasSuffix(".shp") { return gdalPath }
        guard gdalPath.hasPrefix("/vsizip/"), let list = VSIReadDirRecursive(gdalPath) else { return nil }
        defer { CSLDestroy(list) }
        var found: [String] = []
        var i = 0
        while let entry = list[i] {
            let name = String(cString: entry)
            if name.lowercased().hasSuffix(".shp") { found.append(gdalPath + "/" + name) }
            i += 1
        }
        return found.count == 1 ? found[0] : nil
    }
}

/// One layer of a `VectorSource`: its CRS, fields and features. Valid while its source is alive
/// (it keeps the source alive).
public final class VectorLayer {
    private let handle: OGRLayerH
    private let source: VectorSource

    init(handle: OGRLayerH, source: VectorSource) {
        self.handle = handle
        self.source = source
    }

    public var name: String { String(cString: OGR_L_GetName(handle)) }

    /// Number of features (`OGR_L_GetFeatureCount`, forced).
    public var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    public var fieldNames: [String] {
        let definition = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(definition)).map { String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, $0))) }
    }

    /// Throws `GeoIOError.missingField` naming the available fields when `field` is not one of them.
    public func requireField(_ field: String) throws {
        guard fieldNames.contains(field) else {
            throw GeoIOError.missingField(path: source.path, field: field, available: fieldNames)
        }
    }

    /// The layer's CRS, identified as an EPSG code where OGR can match one with confidence (ESRI .prj
    /// files name CGCS2000 differently), else as WKT. Without a CRS in the file, `assumed` is used;
    /// without either, `GeoIOError.missingCRS`.
    public func crs(assuming assumed: CRS? = nil) throws -> CRS {
        guard let srs = OGR_L_GetSpatialRef(handle) else {
            guard let assumed else { throw GeoIOError.missingCRS(path: source.path) }
            return assumed
        }
        if let code = SpatialReference.epsgCode(of: srs) { return .epsg(code) }
        guard let wkt = SpatialReference.wkt2(of: srs) else {
            guard let assumed else { throw GeoIOError.unknownCRS(path: source.path, detail: "OGR cannot export it") }
            return assumed
        }
        let crs = CRS(definition: wkt)
        do {
            _ = try crs.info()
            return crs
        } catch {
            guard let assumed else { throw GeoIOError.unknownCRS(path: source.path, detail: "\(error)") }
            return assumed
        }
    }

    /// Keeps only the features for which `expression` holds when they are read: an OGR SQL `WHERE`
    /// clause such as `XZQDM = '449901'` (`OGR_L_SetAttributeFilter`). A clause OGR cannot parse, or one
    /// naming a field the layer lacks, is refused with the layer's fields listed.
    public func filter(where expression: String) throws {
        CPLErrorReset()
        var accepted = OGR_L_SetAttributeFilter(handle, expression) == OGRERR_NONE
        if accepted {
            // A GeoPackage hands the clause to SQLite, which refuses an unknown column only when the
            // first feature is asked for.
            OGR_L_ResetReading(handle)
            if let first = OGR_L_GetNextFeature(handle) { OGR_F_Destroy(first) } else { accepted = CPLGetLastErrorType() != CE_Failure }
            OGR_L_ResetReading(handle)
        }
        guard accepted else {
            // OGR's parser adds the clause again below its message, with a caret under the fault; the
            // error names the clause already.
            let message = GDALRuntime.lastError().components(separatedBy: " Occurred around")[0]
            OGR_L_SetAttributeFilter(handle, nil)
            throw GeoIOError.invalidFilter(path: source.path, expression: expression, gdalMessage: message, available: fieldNames)
        }
    }

    /// Reads every feature in file order, calling `body` for each; 2D only (Z/M dropped), curves
    /// linearised. Features stream one at a time: memory does not grow with the file.
    public func forEachFeature(_ body: (VectorFeature) throws -> Void) throws {
        OGR_L_ResetReading(handle)
        let definition = OGR_L_GetLayerDefn(handle)
        let fieldCount = OGR_FD_GetFieldCount(definition)
        let names = fieldNames
        let types = (0..<fieldCount).map { OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, $0)) }
        while true {
            CPLErrorReset()
            guard let feature = OGR_L_GetNextFeature(handle) else {
                if CPLGetLastErrorType() == CE_Failure {
                    throw GeoIOError.unreadableFeature(path: source.path, feature: -1, gdalMessage: GDALRuntime.lastError())
                }
                return
            }
            defer { OGR_F_Destroy(feature) }
            let fid = OGR_F_GetFID(feature)
            var attributes: [String: AttributeValue] = [:]
            attributes.reserveCapacity(Int(fieldCount))
            for i in 0..<fieldCount {
                attributes[names[Int(i)]] = Self.value(feature, i, types[Int(i)])
            }
            let geometry = try OGR_F_GetGeometryRef(feature).map { try wkbGeometry($0, fid: fid) }
            try body(VectorFeature(fid: fid, geometry: geometry, attributes: attributes))
        }
    }

    private func wkbGeometry(_ geometry: OGRGeometryH, fid: Int64) throws -> Geometry {
        var linear: OGRGeometryH = geometry
        var owned: OGRGeometryH?
        if OGR_G_HasCurveGeometry(geometry, 0) != 0 {
            owned = OGR_G_GetLinearGeometry(geometry, 0, nil)
            linear = owned ?? geometry
        }
        defer { if let owned { OGR_G_DestroyGeometry(owned) } }
        OGR_G_FlattenTo2D(linear)
        let size = OGR_G_WkbSize(linear)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard OGR_G_ExportToIsoWkb(linear, wkbNDR, &bytes) == OGRERR_NONE else {
            throw GeoIOError.unreadableFeature(path: source.path, feature: fid, gdalMessage: GDALRuntime.lastError())
        }
        do {
            return try Geometry(wkb: bytes)
        } catch {
            throw GeoIOError.unreadableFeature(path: source.path, feature: fid, gdalMessage: "\(error)")
        }
    }

    private static func value(_ feature: OGRFeatureH, _ i: Int32, _ type: OGRFieldType) -> AttributeValue {
        guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0 else { return .null }
        switch type {
        case OFTInteger, OFTInteger64: return .integer(OGR_F_GetFieldAsInteger64(feature, i))
        case OFTReal: return .real(OGR_F_GetFieldAsDouble(feature, i))
        case OFTDate, OFTDateTime: return .string(isoDate(feature, i, withTime: type == OFTDateTime))
        default: return .string(String(cString: OGR_F_GetFieldAsString(feature, i)))
        }
    }

    /// A date field as ISO 8601 (2024-03-20, or 2024-03-20T10:30:00 for a date and time), as dates are
    /// typed everywhere else, where OGR's own text is 2024/03/20 (`OGR_F_GetFieldAsDateTimeEx`).
    private static func isoDate(_ feature: OGRFeatureH, _ i: Int32, withTime: Bool) -> String {
        var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, hour: Int32 = 0, minute: Int32 = 0, zone: Int32 = 0
        var second: Float = 0
        guard OGR_F_GetFieldAsDateTimeEx(feature, i, &year, &month, &day, &hour, &minute, &second, &zone) != 0 else {
            return String(cString: OGR_F_GetFieldAsString(feature, i))
        }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        return withTime ? date + String(format: "T%02d:%02d:%02d", hour, minute, Int(second)) : date
    }
}

/// CRS identification on OGR spatial references.
enum SpatialReference {
    /// The EPSG code OGR identifies (`OSRAutoIdentifyEPSG`, then `OSRFindMatches` at ≥ 90% confidence).
    static func epsgCode(of srs: OGRSpatialReferenceH) -> Int? {
        if let clone = OSRClone(srs) {
            defer { OSRDestroySpatialReference(clone) }
            if OSRAutoIdentifyEPSG(clone) == OGRERR_NONE, let code = authorityCode(clone) { return code }
        }
        var count: Int32 = 0
        var confidences: UnsafeMutablePointer<Int32>?
        guard let matches = OSRFindMatches(srs, nil, &count, &confidences) else { return nil }
        defer {
            OSRFreeSRSArray(matches)
            VSIFree(confidences)
        }
        for i in 0..<Int(count) where (confidences?[i] ?? 0) >= 90 {
            if let match = matches[i], let code = authorityCode(match) { return code }
        }
        return nil
    }

    private static func authorityCode(_ srs: OGRSpatialReferenceH) -> Int? {
        guard let authority = OSRGetAuthorityName(srs, nil), String(cString: authority) == "EPSG",
              let code = OSRGetAuthorityCode(srs, nil) else { return nil }
        return Int(String(cString: code))
    }

    static func wkt2(of srs: OGRSpatialReferenceH) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        let status = GDALRuntime.withOptions([("FORMAT", "WKT2_2019")]) { OSRExportToWktEx(srs, &text, GDALRuntime.constant($0)) }
        defer { VSIFree(text) }
        guard status == OGRERR_NONE, let text else { return nil }
        return String(cString: text)
    }

    /// A new OGR spatial reference for a CRS, easting/longitude first (`OAMS_TRADITIONAL_GIS_ORDER`).
    /// The caller releases it (`OSRRelease`).
    static func make(_ crs: CRS) -> OGRSpatialReferenceH? {
        guard let srs = OSRNewSpatialReference(nil) else { return nil }
        guard OSRSetFromUserInput(srs, crs.definition) == OGRERR_NONE else {
            OSRRelease(srs)
            return nil
        }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        return srs
    }
}
