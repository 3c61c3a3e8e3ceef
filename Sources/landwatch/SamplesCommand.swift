import ArgumentParser
import Detection
import Foundation
import Workspace

struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "样本库 / sample library from determined patches",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出已判定图斑的前后时相切片、掩膜与标签（LEVIR-CD 布局）/ export before/after chips, masks and labels of determined patches (LEVIR-CD layout)",
            discussion: """
            输出 A/（前时相）、B/（后时相）、label/（255 = 图斑；判为伪变化等无变化的图斑全为 0）、index.geojson（类别、子类、日期）与 statistics.json。
            Writes A/ (before), B/ (after), label/ (255 = the patch; all 0 for a patch determined as no change), index.geojson (category, sub-type, dates) and statistics.json.
              landwatch samples export --batch 2024Q1 --out samples/
              landwatch samples export --batch 2024Q1 --out samples/ --bands blue,green,red,nir   # 切片取红、绿、蓝波段 / chips show red, green, blue
            """)

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "批次 / batch") var batch: String
        @Option(help: "输出目录（新目录）/ output folder (a new one)") var out: String
        @Option(name: .customLong("chip-size"), help: "切片边长（像元）/ chip side in pixels") var chipSize = 256
        @Option(help: "影像波段用途，按波段顺序，用于取红、绿、蓝波段 / band roles in band order, to find red, green and blue (default: the band descriptions, else the first three bands)") var bands: String?

        func validate() throws {
            guard (32...4096).contains(chipSize) else { throw ValidationError("--chip-size 应在 32 到 4096 之间 / --chip-size must be 32 to 4096") }
        }

        func run() throws {
            try perform {
                var job = SampleExport(batchCode: batch, outputDirectory: out)
                job.chipSize = chipSize
                job.bandMap = try bands.map { try BandMap(parsing: $0) }
                let statistics = try job.run(in: try workspace.open(), progress: TerminalProgress())
                print("样本库 / sample library \(batch) → \(out): \(statistics.samples) 个样本 samples, \(String(format: "%.2f", statistics.areaMu)) 亩"
                      + (statistics.withoutImagery > 0 ? "；\(statistics.withoutImagery) 个已判定图斑无影像覆盖 determined patches without imagery" : ""))
                var table = TextTable("类别 category", "样本 samples", "面积(亩) mu")
                for (name, tally) in statistics.byCategory.sorted(by: { $0.key < $1.key }) {
                    table.add(name, "\(tally.samples)", String(format: "%.2f", tally.areaMu))
                }
                for (name, tally) in statistics.bySubtype.sorted(by: { $0.key < $1.key }) {
                    table.add("  " + name, "\(tally.samples)", String(format: "%.2f", tally.areaMu))
                }
                print(table.rendered)
            }
        }
    }
}
