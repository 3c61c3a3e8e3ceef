import CGDAL
import Foundation
import Geo

/// The file formats LandWatch writes.
public enum VectorFormat: String, CaseIterable, Sendable {
    case gpkg, shp, geojson

    var driverName: String {
        switch self {
        case .gpkg: return "GPKG"
        case .shp: return "ESRI Shapefile"
        case .geojson: return "GeoJSON"
        }
    }

    public var fileExtension: String { rawValue }
}

/// A field of a layer being written.
public struct FieldDefinition: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Text; `width` in bytes matters for Shapefile only.
        case string(width: Int)
        case integer
        case real
    }

    public let name: String
    public let kind: Kind

    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// Writes one polygon layer to a new GeoPackage, GeoJSON (RFC 7946) or Shapefile (GBK, with .cpg, as
/// Chinese desktop GIS expects). Files are written into a hidden folder beside the target and moved
/// into place by `finish()`, so a failed export leaves no partial file behind. One thread at a time.
public final class VectorWriter {
    public let path: String
    public let format: VectorFormat
    private let staging: URL
    private let stagedPath: String
    private var dataset: GDALDatasetH?
    private let layer: OGRLayerH
    private let srs: OGRSpatialReferenceH
    private let fields: [FieldDefinition]
    private var written = 0

    /// - Parameter crs: the CRS of the geometries given to `write`. GeoJSON output is reprojected to
    ///   WGS 84 longitude/latitude by GDAL, as RFC 7946 requires.
    public init(path: String, format: VectorFormat, layerName: String, crs: CRS, fields: [FieldDefinition]) throws {
        GDALRuntime.ensureReady()
        self.path = path
        self.format = format
        self.fields = fields
        if format == .shp, let long = fields.first(where: { Self.gbkByteCount($0.name) > 10 }) {
            throw GeoIOError.fieldNameTooLong(path: path, field: long.name)
        }
        let target = URL(fileURLWithPath: path)
        staging = target.deletingLastPathComponent().appendingPathComponent(".landwatch-export-\(UUID().uuidString)")
        stagedPath = staging.appendingPathComponent(target.lastPathComponent).path
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw GeoIOError.cannotCreate(path: path, gdalMessage: error.localizedDescription)
        }
        guard let driver = GDALGetDriverByName(format.driverName),
              let dataset = GDALCreate(driver, stagedPath, 0, 0, 0, GDT_Unknown, nil) else {
            try? FileManager.default.removeItem(at: staging)
            throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError())
        }
        guard let srs = SpatialReference.make(crs) else {
            GDALClose(dataset)
            try? FileManager.default.removeItem(at: staging)
            throw GeoIOError.cannotCreate(path: path, gdalMessage: "unknown CRS \(crs)")
        }
        var options: [(String, String)] = []
        switch format {
        case .shp: options.append(("ENCODING", "GBK"))
        case .geojson: options.append(("RFC7946", "YES"))
        case .gpkg: break
        }
        let created = GDALRuntime.withOptions(options) { list in
            GDALDatasetCreateLayer(dataset, layerName, srs, wkbMultiPolygon, list)
        }
        guard let created else {
            GDALClose(dataset)
            OSRRelease(srs)
            try? FileManager.default.removeItem(at: staging)
            throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError())
        }
        self.dataset = dataset
        self.layer = created
        self.srs = srs
        for field in fields {
            let definition = OGR_Fld_Create(field.name, Self.ogrType(field.kind))
            if case .string(let width) = field.kind { OGR_Fld_SetWidth(definition, Int32(width)) }
            defer { OGR_Fld_Destroy(definition) }
            guard OGR_L_CreateField(created, definition, 1) == OGRERR_NONE else {
                abandon()
                throw GeoIOError.cannotCreate(path: path, gdalMessage: GDALRuntime.lastError())
            }
        }
        _ = GDALDatasetStartTransaction(dataset, 0)
    }

    deinit { abandon() }

    /// Appends one feature. Polygons are written as multipolygons so every feature has one type.
    public func write(geometry: Geometry?, attributes: [String: AttributeValue]) throws {
        guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer)) else {
            throw GeoIOError.cannotWrite(path: path, feature: written + 1, gdalMessage: GDALRuntime.lastError())
        }
        defer { OGR_F_Destroy(feature) }
        for (index, field) in fields.enumerated() {
            switch attributes[field.name] ?? .null {
            case .null: OGR_F_SetFieldNull(feature, Int32(index))
            case .string(let s): OGR_F_SetFieldString(feature, Int32(index), s)
            case .integer(let i): OGR_F_SetFieldInteger64(feature, Int32(index), i)
            case .real(let d): OGR_F_SetFieldDouble(feature, Int32(index), d)
            }
        }
        if let geometry {
            var ogrGeometry: OGRGeometryH?
            let status = geometry.wkb.withUnsafeBufferPointer {
                OGR_G_CreateFromWkbEx($0.baseAddress, srs, &ogrGeometry, $0.count)
            }
            guard status == OGRERR_NONE, let made = ogrGeometry else {
                throw GeoIOError.cannotWrite(path: path, feature: written + 1, gdalMessage: GDALRuntime.lastError())
            }
            OGR_F_SetGeometryDirectly(feature, OGR_G_ForceToMultiPolygon(made))
        }
        guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
            throw GeoIOError.cannotWrite(path: path, feature: written + 1, gdalMessage: GDALRuntime.lastError())
        }
        written += 1
    }

    /// Commits, closes, and moves the file(s) to `path`, replacing what was there.
    public func finish() throws {
        guard let dataset else { return }
        _ = GDALDatasetCommitTransaction(dataset)
        GDALClose(dataset)
        self.dataset = nil
        OSRRelease(srs)
        defer { try? FileManager.default.removeItem(at: staging) }
        let manager = FileManager.default
        let targetFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            for name in try manager.contentsOfDirectory(atPath: staging.path) {
                let destination = targetFolder.appendingPathComponent(name)
                if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
                try manager.moveItem(at: staging.appendingPathComponent(name), to: destination)
            }
        } catch {
            throw GeoIOError.cannotCreate(path: path, gdalMessage: error.localizedDescription)
        }
    }

    private func abandon() {
        guard let dataset else { return }
        GDALClose(dataset)
        self.dataset = nil
        OSRRelease(srs)
        try? FileManager.default.removeItem(at: staging)
    }

    private static func ogrType(_ kind: FieldDefinition.Kind) -> OGRFieldType {
        switch kind {
        case .string: return OFTString
        case .integer: return OFTInteger64
        case .real: return OFTReal
        }
    }

    /// Length of a field name once encoded as GBK (`CPLRecode`), as dBase limits it.
    static func gbkByteCount(_ name: String) -> Int {
        let recoded = CPLRecode(name, "UTF-8", "GBK")
        defer { VSIFree(recoded) }
        return strlen(recoded)
    }
}
