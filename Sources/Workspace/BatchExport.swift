import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// Exports a batch's patches with their region and ellipsoidal areas to GeoPackage, Shapefile (GBK)
/// or GeoJSON. Field names are the short codes bureaus use, ≤ 10 bytes so Shapefiles keep them.
public struct BatchExport {
    public var batchCode: String
    public var format: VectorFormat
    public var outputPath: String
    public var region: RegionCode?
    /// The CRS to write; CGCS2000 geographic (EPSG:4490) by default. GeoJSON is always WGS 84 lon/lat.
    public var crs: CRS = .cgcs2000

    public init(batchCode: String, format: VectorFormat, outputPath: String) {
        self.batchCode = batchCode
        self.format = format
        self.outputPath = outputPath
    }

    /// The exported fields: 监测编号, 批次, 行政区划代码, 区划来源, 空间落位区划, 面积 m², 面积 亩, 前时相, 后时相, 几何问题.
    public static let fields: [FieldDefinition] = [
        FieldDefinition("JCBH", .string(width: 40)),
        FieldDefinition("PCBH", .string(width: 40)),
        FieldDefinition("XZQDM", .string(width: 12)),
        FieldDefinition("XZQLY", .string(width: 10)),
        FieldDefinition("KJXZQDM", .string(width: 12)),
        FieldDefinition("TBMJ", .real),
        FieldDefinition("TBMJMU", .real),
        FieldDefinition("QSX", .string(width: 20)),
        FieldDefinition("HSX", .string(width: 20)),
        FieldDefinition("JHWT", .string(width: 80)),
    ]

    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Int {
        guard try workspace.store.batches().contains(where: { $0.batch.code == batchCode }) else {
            throw WorkspaceError.noBatch(batchCode)
        }
        let patches = try workspace.store.patches(matching: PatchQuery(batch: batchCode, region: region))
        let writer = try VectorWriter(path: outputPath, format: format, layerName: "patches_\(batchCode)",
                                      crs: format == .geojson ? .cgcs2000 : crs, fields: Self.fields)
        progress.begin("导出图斑 / exporting patches", total: patches.count)
        defer { progress.end() }
        for (i, patch) in patches.enumerated() {
            let geometry = format == .geojson ? patch.geometry : try patch.geometry.transformed(from: .cgcs2000, to: crs)
            try writer.write(geometry: geometry, attributes: Self.attributes(of: patch))
            progress.advance(to: i + 1)
        }
        try writer.finish()
        return patches.count
    }

    static func attributes(of patch: Patch) -> [String: AttributeValue] {
        func text(_ s: String?) -> AttributeValue { s.map(AttributeValue.string) ?? .null }
        let source: String
        switch patch.regionSource {
        case .attribute: source = "属性"
        case .spatial: source = "空间"
        case .none: source = "无"
        }
        var problem = patch.invalidReason
        if patch.repaired, let reason = problem { problem = "\(reason)（已修复）" }
        return [
            "JCBH": .string(patch.code), "PCBH": .string(patch.batchCode),
            "XZQDM": text(patch.regionCode?.rawValue), "XZQLY": .string(source),
            "KJXZQDM": text(patch.spatialRegionCode?.rawValue),
            "TBMJ": .real(patch.area.squareMetres), "TBMJMU": .real(patch.area.mu),
            "QSX": text(patch.beforeDate), "HSX": text(patch.afterDate), "JHWT": text(problem),
        ]
    }
}
