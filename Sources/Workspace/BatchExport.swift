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
    /// Only the patches answering to this county (or counties inside this region): a jurisdiction's package.
    public var county: RegionCode?
    /// The CRS to write; CGCS2000 geographic (EPSG:4490) by default. GeoJSON is always WGS 84 lon/lat.
    public var crs: CRS = .cgcs2000

    public init(batchCode: String, format: VectorFormat, outputPath: String) {
        self.batchCode = batchCode
        self.format = format
        self.outputPath = outputPath
    }

    /// The exported fields: 监测编号, 批次, 行政区划代码, 区划来源, 空间落位区划, 面积 m², 面积 亩, 前时相, 后时相, 几何问题;
    /// then the overlay area in m² on each kind of layer (耕地: the 01xx part of the land-class layer; empty
    /// when not overlaid), the pre-judgement: 结论, 类型, 优先级, 命中规则; and the workflow (汇交): 状态, 下发县区,
    /// 核查期限, 首次核查日期, 判定类型, 判定子类, 批准文号, 合法/违法/其他面积 m², 省级复核结论, 是否瞒报, 案件编号, 整改到位日期.
    public static let fields: [FieldDefinition] = baseFields + LayerKind.allCases.map { FieldDefinition($0.exportField, .real) } + [
        FieldDefinition("YPJL", .string(width: 10)),
        FieldDefinition("YPLX", .string(width: 40)),
        FieldDefinition("YXJ", .string(width: 2)),
        FieldDefinition("YPGZ", .string(width: 120)),
    ] + workflowFields

    private static let workflowFields: [FieldDefinition] = [
        FieldDefinition("ZT", .string(width: 10)),
        FieldDefinition("XFXQ", .string(width: 12)),
        FieldDefinition("HCQX", .string(width: 10)),
        FieldDefinition("HCRQ", .string(width: 10)),
        FieldDefinition("PDLX", .string(width: 4)),
        FieldDefinition("PDZL", .string(width: 120)),
        FieldDefinition("PZWH", .string(width: 160)),
        FieldDefinition("HFMJ", .real),
        FieldDefinition("WFMJ", .real),
        FieldDefinition("QTMJ", .real),
        FieldDefinition("FHJL", .string(width: 40)),
        FieldDefinition("SFMB", .string(width: 2)),
        FieldDefinition("AJBH", .string(width: 40)),
        FieldDefinition("ZGRQ", .string(width: 10)),
    ]

    private static let baseFields: [FieldDefinition] = [
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
        try workspace.requireBatch(batchCode)
        var query = PatchQuery(batch: batchCode, region: region)
        query.county = county
        let patches = try workspace.store.patches(matching: query)
        let overlays = try workspace.store.prejudgeFacts(batch: batchCode)
        let prejudgements = try workspace.store.prejudgements(batch: batchCode)
        let workflows = try workspace.store.patchWorkflows(batch: batchCode)
        let writer = try VectorWriter(path: outputPath, format: format, layerName: "patches_\(batchCode)",
                                      crs: format == .geojson ? .cgcs2000 : crs, fields: Self.fields)
        progress.begin("导出图斑 / exporting patches", total: patches.count)
        defer { progress.end() }
        for (i, patch) in patches.enumerated() {
            let geometry = format == .geojson ? patch.geometry : try patch.geometry.transformed(from: .cgcs2000, to: crs)
            let attributes = Self.attributes(of: patch).merging(
                Self.attributes(overlay: overlays[patch.code], prejudgement: prejudgements[patch.code])) { a, _ in a }
                .merging(Self.attributes(workflow: workflows[PatchKey(batch: batchCode, code: patch.code)])) { a, _ in a }
            try writer.write(geometry: geometry, attributes: attributes)
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

    static func attributes(overlay: PrejudgeFacts?, prejudgement: Prejudgement?) -> [String: AttributeValue] {
        var values: [String: AttributeValue] = [:]
        for kind in LayerKind.allCases {
            let layer = overlay?.layers[kind]
            let area = kind == .cultivatedLand ? layer?.cultivatedArea : layer?.area
            values[kind.exportField] = area.map { .real($0.squareMetres) } ?? .null
        }
        values["YPJL"] = prejudgement.map { .string($0.verdict.chineseName) } ?? .null
        values["YPLX"] = prejudgement?.subtype.map(AttributeValue.string) ?? .null
        values["YXJ"] = prejudgement.map { .string($0.priority.chineseName) } ?? .null
        values["YPGZ"] = prejudgement.map { .string($0.fired.map(\.id).joined(separator: ",")) } ?? .null
        return values
    }
}

extension BatchExport {
    static func attributes(workflow: PatchWorkflow?) -> [String: AttributeValue] {
        func text(_ s: String?) -> AttributeValue { s.map(AttributeValue.string) ?? .null }
        let determination = workflow?.determination
        func area(_ category: DeterminationCategory) -> AttributeValue {
            determination.map { .real($0.area(of: category).squareMetres) } ?? .null
        }
        return [
            "ZT": text(workflow?.status.chineseName),
            "XFXQ": text(workflow?.assignment?.county.rawValue),
            "HCQX": text(workflow?.assignment?.due.description),
            "HCRQ": text(workflow?.firstVerifiedAt.map { CalendarDay($0).description }),
            "PDLX": text(determination?.reportedCategory.chineseName),
            "PDZL": text(determination.map { $0.parts.map { "\($0.subtype.code) \($0.subtype.name)" }.joined(separator: "；") }),
            "PZWH": text(determination.map { $0.parts.flatMap(\.documents).joined(separator: "；") }.flatMap { $0.isEmpty ? nil : $0 }),
            "HFMJ": area(.legal), "WFMJ": area(.illegal), "QTMJ": area(.other),
            "FHJL": text(workflow?.auditJudgement.map { "\($0.category.chineseName) \($0.subtype.name)" }),
            "SFMB": text(workflow?.auditJudgement == nil ? nil : (workflow!.concealed ? "是" : "否")),
            "AJBH": text(workflow?.caseNumber),
            "ZGRQ": text(workflow?.rectifiedOn?.description),
        ]
    }
}

extension LayerKind {
    /// The export field holding a patch's area on this kind of layer, in m² (≤ 10 bytes for Shapefiles).
    public var exportField: String {
        switch self {
        case .basicFarmland: return "JBNTMJ"
        case .cultivatedLand: return "GDMJ"
        case .ecologicalRedLine: return "STHXMJ"
        case .urbanBoundary: return "CZKFMJ"
        case .approvedLand: return "PZYDMJ"
        case .landSupply: return "GYMJ"
        case .facilityFarmland: return "SSNYDMJ"
        }
    }
}
