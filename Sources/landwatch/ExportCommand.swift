import ArgumentParser
import Enforcement
import Foundation
import GeoIO
import Workspace

extension VectorFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "导出批次图斑 / export a batch's patches (GPKG, SHP in GBK, GeoJSON)")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "批次 / batch") var batch: String
    @Option(help: "格式 / format: gpkg, shp or geojson") var format: VectorFormat
    @Option(help: "输出文件 / output file") var out: String
    @Option(help: "只导出该行政区（含下级）/ only this region and those inside it") var region: String?
    @Option(help: "输出坐标系 / output CRS (default EPSG:4490; GeoJSON is always WGS 84)") var crs: String?

    func run() throws {
        try perform {
            var job = BatchExport(batchCode: batch, format: format, outputPath: out)
            job.region = try region.map(RegionCode.init)
            if let crs = try parseCRS(crs) { job.crs = crs }
            let count = try job.run(in: try workspace.open(), progress: TerminalProgress())
            print("已导出 / exported \(count) 个图斑 patches → \(out)")
        }
    }
}
