import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// Imports a batch of change patches (卫片图斑) from a ministry delivery or any OGR vector file.
/// Re-importing the same batch updates patches by code and never duplicates them.
public struct PatchImport {
    public var path: String
    public var batchCode: String
    public var batchName: String?
    /// 图斑编号 field, e.g. JCBH.
    public var codeField: String
    /// 行政区划代码 field, e.g. XZQDM; without it the region comes from the boundaries.
    public var regionField: String?
    /// 前时相 / 后时相 fields; when nil, the common names QSX / HSX are used if present.
    public var beforeField: String?
    public var afterField: String?
    public var layerName: String?
    public var assumeCRS: CRS?
    public var repairInvalid = false

    public init(path: String, batchCode: String, codeField: String) {
        self.path = path
        self.batchCode = batchCode
        self.codeField = codeField
    }

    public struct RegionMismatch: Sendable, Equatable {
        public let patchCode: String
        /// What the patch's attribute says.
        public let stated: RegionCode
        /// The region whose boundary contains the patch.
        public let found: RegionCode
    }

    public struct Report: Sendable {
        public let batch: String
        public let counts: UpsertCounts
        public let regionMismatches: [RegionMismatch]
        public let withoutRegion: [String]
        public let invalid: [InvalidGeometryNote]
        public let withoutGeometry: Int
        public var total: Int { counts.inserted + counts.updated + counts.unchanged }
    }

    /// One transaction: on any error the workspace keeps the batch as it was.
    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Report {
        let source = try VectorSource(path: path)
        let layer = try source.layer(layerName)
        try layer.requireField(codeField)
        if let regionField { try layer.requireField(regionField) }
        let fields = Set(layer.fieldNames)
        let before = beforeField ?? ["QSX", "QSXSJ"].first(where: fields.contains)
        let after = afterField ?? ["HSX", "HSXSJ"].first(where: fields.contains)
        for field in [beforeField, afterField].compactMap({ $0 }) { try layer.requireField(field) }
        let crs = try layer.crs(assuming: assumeCRS)
        let preparation = try FeaturePreparation(path: path, sourceCRS: crs, repairInvalid: repairInvalid)
        let locator = try RegionLocator(regions: workspace.store.regions())
        let batch = try Batch(code: batchCode, name: batchName ?? batchCode, sourcePath: path, importedAt: Date())

        var mismatches: [RegionMismatch] = []
        var withoutRegion: [String] = []
        var invalid: [InvalidGeometryNote] = []
        var withoutGeometry = 0
        var seen = Set<String>()
        var read = 0
        progress.begin("导入图斑 \(batchCode) / importing patches", total: layer.featureCount)
        defer { progress.end() }
        let counts = try workspace.store.importBatch(batch) { sink in
            try layer.forEachFeature { feature in
                read += 1
                progress.advance(to: read)
                guard let code = feature.attributes[codeField]?.text?.trimmingCharacters(in: .whitespaces), !code.isEmpty else {
                    throw WorkspaceError.missingPatchCode(path: path, feature: feature.fid, field: codeField)
                }
                guard seen.insert(code).inserted else {
                    throw WorkspaceError.duplicatePatchCode(path: path, code: code, feature: feature.fid)
                }
                guard let geometry = feature.geometry, !geometry.isEmpty else {
                    withoutGeometry += 1
                    return
                }
                let prepared = try preparation.prepare(geometry, fid: feature.fid)
                if let reason = prepared.invalidReason {
                    invalid.append(InvalidGeometryNote(feature: code, reason: reason, repaired: prepared.repaired))
                }
                let stated = try statedRegion(feature)
                let found = try locator.locate(prepared.geometry)
                let patch = Patch(
                    code: code, batchCode: batchCode, regionCode: stated ?? found,
                    regionSource: stated != nil ? .attribute : (found != nil ? .spatial : .none),
                    spatialRegionCode: found, geometry: prepared.geometry, area: prepared.area,
                    beforeDate: before.flatMap { feature.attributes[$0]?.text }, afterDate: after.flatMap { feature.attributes[$0]?.text },
                    invalidReason: prepared.invalidReason, repaired: prepared.repaired, attributes: feature.attributes)
                if patch.regionDisagrees, let stated, let found {
                    mismatches.append(RegionMismatch(patchCode: code, stated: stated, found: found))
                }
                if patch.regionCode == nil { withoutRegion.append(code) }
                try sink.upsert(patch)
            }
        }
        return Report(batch: batchCode, counts: counts, regionMismatches: mismatches, withoutRegion: withoutRegion,
                      invalid: invalid, withoutGeometry: withoutGeometry)
    }

    private func statedRegion(_ feature: VectorFeature) throws -> RegionCode? {
        guard let regionField, let text = feature.attributes[regionField]?.text, !text.isEmpty else { return nil }
        guard let code = try? RegionCode(text) else {
            throw WorkspaceError.invalidRegionValue(path: path, feature: feature.fid, field: regionField, value: text)
        }
        return code
    }
}
