import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// Imports administrative boundaries (行政区划) with their codes and names; re-importing updates by code.
public struct RegionImport {
    public var path: String
    public var codeField: String
    public var nameField: String
    public var parentField: String?
    public var layerName: String?
    public var assumeCRS: CRS?

    public init(path: String, codeField: String, nameField: String) {
        self.path = path
        self.codeField = codeField
        self.nameField = nameField
    }

    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> UpsertCountsReport {
        let source = try VectorSource(path: path)
        let layer = try source.layer(layerName)
        for field in [codeField, nameField] + (parentField.map { [$0] } ?? []) { try layer.requireField(field) }
        let crs = try layer.crs(assuming: assumeCRS)
        // Boundaries only serve to locate patches: an invalid (self-touching) coastline is repaired, not refused.
        let preparation = try FeaturePreparation(path: path, sourceCRS: crs, repairInvalid: true)
        var regions: [Region] = []
        progress.begin("读取行政区 / reading regions", total: layer.featureCount)
        try layer.forEachFeature { feature in
            progress.advance(to: regions.count + 1)
            guard let geometry = feature.geometry, !geometry.isEmpty else { return }
            let codeText = feature.attributes[codeField]?.text ?? ""
            guard let code = try? RegionCode(codeText) else {
                throw WorkspaceError.invalidRegionValue(path: path, feature: feature.fid, field: codeField, value: codeText)
            }
            let parent = try parentField.flatMap { field -> RegionCode? in
                guard let text = feature.attributes[field]?.text, !text.isEmpty else { return nil }
                guard let parent = try? RegionCode(text) else {
                    throw WorkspaceError.invalidRegionValue(path: path, feature: feature.fid, field: field, value: text)
                }
                return parent
            }
            let prepared = try preparation.prepare(geometry, fid: feature.fid)
            regions.append(Region(code: code, name: feature.attributes[nameField]?.text ?? code.rawValue,
                                  parentCode: parent, boundary: prepared.geometry, area: prepared.area))
        }
        progress.end()
        return UpsertCountsReport(counts: try workspace.store.saveRegions(regions), total: regions.count)
    }
}

/// Counts of an upserting import.
public struct UpsertCountsReport: Sendable {
    public let counts: UpsertCounts
    public let total: Int
}
