import ArgumentParser
import Camera
import Foundation

struct CamerasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cameras",
        abstract: "铁塔视频监控 / tower-camera monitoring",
        subcommands: [Evaluate.self])

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "在画面序列上评估误报、种植变化的召回与重复报警 / false alarms, recall on planted changes and duplicate alarms on frame sequences",
            discussion: """
            每个子目录是一个预置位的画面序列（文件名 = 拍摄时间），其中没有真实地物变化：任何报警都是误报。
            另把 --chips 目录（LEVIR-CD 布局）中的真实变化贴入画面的地面部分，持续到序列结束，统计召回。
            Each sub-folder is one preset's frames (file name = capture time) with no real ground change: every
            alarm is false. Real changes from --chips (LEVIR-CD layout) are planted into the ground part of the
            view and persist to the end; recall counts those that alarm.
              landwatch cameras eval --sequences ../shared/data/camera --chips ../shared/data/change/levir-samples
            """)

        @Option(help: "画面序列目录（或其父目录）/ a frame sequence folder, or a folder of them") var sequences: String
        @Option(help: "变化样本（LEVIR-CD 布局）/ change chips (LEVIR-CD layout)") var chips: String?
        @Option(help: "每个序列种植的变化数 / planted changes per sequence") var plants = 10
        @Option(help: "持续巡检次数 N / passes a change must persist") var persistence: Int?
        @Option(name: .customLong("changed-below"), help: "变化判定 ZNCC 阈值 / ZNCC below which a cell is changed") var changedBelow: Float?
        @Option(name: .customLong("consistent-above"), help: "一致性 ZNCC 阈值 / ZNCC a run must keep") var consistentAbove: Float?
        @Option(name: .customLong("minimum-cells"), help: "最少单元数 / cells an alarm needs") var minimumCells: Int?
        @Option(help: "另存 JSON 结果 / also write the scores as JSON") var json: String?

        func run() throws {
            try perform {
                var settings = MonitorSettings()
                if let persistence { settings.persistencePasses = persistence }
                if let changedBelow { settings.changedBelow = changedBelow }
                if let consistentAbove { settings.consistentAbove = consistentAbove }
                if let minimumCells { settings.minimumCells = minimumCells }
                let chipImages = try chips.map { path throws(CameraError) in try PlantedChange.chips(fromPairs: path) } ?? []
                var scores: [SequenceScore] = []
                for directory in try Self.sequenceDirectories(sequences) {
                    let score = try CameraEvaluation.evaluate(try FrameSequence(directory: directory), chips: chipImages,
                                                              plants: chipImages.isEmpty ? 0 : plants, settings: settings)
                    scores.append(score)
                }
                var table = TextTable("序列 sequence", "画面 frames", "跳过 skipped", "误报 false", "种植 planted", "召回 recall",
                                      "种植期误报 false (planted)", "重复率 duplicates", "帧/秒 fps")
                for s in scores {
                    table.add(s.sequence, "\(s.frames)", "\(s.skippedFrames)", "\(s.falseAlarms)", "\(s.planted)",
                              String(format: "%.2f", s.recall), "\(s.plantedRunFalseAlarms)",
                              String(format: "%.3f", s.duplicateRate), String(format: "%.1f", s.framesPerSecond))
                }
                print(table.rendered)
                let planted = scores.reduce(0) { $0 + $1.planted }, found = scores.reduce(0) { $0 + $1.found }
                let alarms = scores.reduce(0) { $0 + $1.plantedRunAlarms }, duplicates = scores.reduce(0) { $0 + $1.duplicateAlarms }
                print("合计 / total: 误报 false alarms \(scores.reduce(0) { $0 + $1.falseAlarms })，"
                      + "召回 recall \(found)/\(planted)，重复报警 duplicate alarms \(duplicates)/\(alarms)")
                if let json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    try encoder.encode(scores).write(to: URL(fileURLWithPath: json))
                }
            }
        }

        /// The folder itself when it holds frames, else its sub-folders that do.
        static func sequenceDirectories(_ path: String) throws -> [String] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if names.contains(where: { FrameSequence.extensions.contains(($0 as NSString).pathExtension.lowercased()) }) { return [path] }
            let folders = names.sorted().map { (path as NSString).appendingPathComponent($0) }.filter {
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue
            }
            guard !folders.isEmpty else { throw CameraError.sequence(path: path, reason: "没有画面序列 / no frame sequences") }
            return folders
        }
    }
}
