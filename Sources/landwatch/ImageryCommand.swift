import ArgumentParser
import Enforcement
import Foundation
import Workspace

struct ImageryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imagery",
        abstract: "登记前/后时相影像（GeoTIFF，任意坐标系），供网页卷帘对比 / register before/after imagery (GeoTIFF, any CRS) for the web swipe",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记一幅影像 / register an image")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "影像文件 / raster file (GeoTIFF)") var file: String
        @Option(help: "before（前时相）或 after（后时相）") var phase: String
        @Option(help: "批次（不填则用于所有批次）/ batch (all batches when omitted)") var batch: String?
        @Option(help: "成像日期 / acquisition date") var date: String?
        @Option(help: "名称 / name") var name: String?

        func run() throws {
            guard let phase = ImageryPhase(rawValue: phase) ?? ImageryPhase.allCases.first(where: { $0.chineseName == phase }) else {
                throw ValidationError("--phase 应为 before（前时相）或 after（后时相）/ --phase must be before or after")
            }
            let acquired = try date.map { try parseDay($0, option: "--date") }
            try perform {
                let image = try workspace.open().addImagery(path: file, batch: batch, phase: phase, acquired: acquired, name: name)
                let e = image.envelope
                print("已登记影像 / registered imagery \(image.id)：\(image.phase.chineseName) \(image.name)，范围 / extent "
                    + String(format: "%.5f,%.5f – %.5f,%.5f", e.minX, e.minY, e.maxX, e.maxY))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出影像 / list imagery")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "批次 / batch") var batch: String?

        func run() throws {
            try perform {
                var table = TextTable("编号 id", "时相 phase", "批次 batch", "日期 date", "名称 name", "文件 file")
                for image in try workspace.open().store.imagery(batch: batch) {
                    table.add(String(image.id), image.phase.chineseName, image.batch ?? "全部", image.acquired?.description ?? "",
                              image.name, image.path)
                }
                print(table.rendered)
            }
        }
    }
}
