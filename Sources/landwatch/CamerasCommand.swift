import ArgumentParser
import Camera
import Enforcement
import Foundation
import Geo
import Workspace

struct CamerasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cameras",
        abstract: "铁塔视频监控 / tower-camera monitoring",
        subcommands: [Add.self, Preset.self, List.self, Ingest.self, Grab.self, Evaluate.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记或修改铁塔摄像机 / add a tower camera, or update it",
            discussion: "  landwatch cameras add --id JL-017 --name 巨鹿北铁塔 --lon 115.03 --lat 37.22 --height 45")

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "摄像机编号（字母、数字、- _）/ camera id") var id: String
        @Option(help: "名称 / name") var name: String
        @Option(help: "经度（CGCS2000）/ longitude") var lon: Double
        @Option(help: "纬度（CGCS2000）/ latitude") var lat: Double
        @Option(help: "架设高度（米）/ height above ground, metres") var height: Double
        @Option(help: "所属县区代码，默认按位置查找 / county code (default: the region holding the tower)") var region: String?

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let camera = try ws.saveCamera(id: id, name: name, position: Coordinate(x: lon, y: lat), heightMetres: height,
                                               regionCode: try region.map(RegionCode.init))
                print("已登记摄像机 / camera saved: \(camera.id) \(camera.name)，所属 \(camera.regionCode?.rawValue ?? "未定位 / no region")")
            }
        }
    }

    struct Preset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "定义预置位：控制点与遮罩 / define a preset: control points and mask",
            discussion: """
            控制点 CSV 每行 x,y,经度,纬度（全分辨率画面像素，x 向右、y 向下；CGCS2000 度），至少 4 个。
            遮罩为 GeoJSON 多边形（同样的像素坐标）：天空、车行道路、水面、铁塔本身等不判读的区域。
            Control points: a CSV of x,y,lon,lat lines (pixels of the full frame, x right, y down; CGCS2000
            degrees), at least 4. Mask: GeoJSON polygons in the same pixels (sky, roads, water, the tower).
              landwatch cameras preset JL-017 --preset 3 --control-points cp.csv --mask mask.geojson
            """)

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "摄像机编号 / camera id") var camera: String
        @Option(help: "预置位编号 / preset number") var preset: Int
        @Option(name: .customLong("control-points"), help: "控制点 CSV / control points CSV") var controlPoints: String?
        @Option(help: "遮罩 GeoJSON / mask GeoJSON") var mask: String?

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let points = try controlPoints.map(Workspace.controlPoints(csv:)) ?? []
                let saved = try ws.savePreset(camera: camera, number: preset, controlPoints: points, mask: try mask.map(Workspace.viewMask(geoJSON:)))
                print("已保存预置位 / preset saved: \(camera)#\(saved.number)，控制点 \(saved.controlPoints.count) 个，"
                      + (saved.mask == nil ? "无遮罩 / no mask" : "有遮罩 / masked"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出摄像机与预置位 / list cameras and their presets")

        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let presets = try ws.store.presets(camera: nil)
                var table = TextTable("编号 id", "名称 name", "县区 county", "经度 lon", "纬度 lat", "高度 m", "预置位 presets")
                for camera in try ws.store.cameras() {
                    let numbers = presets.filter { $0.cameraID == camera.id }.map { "\($0.number)" + ($0.controlPoints.count >= 4 ? "" : "*") }
                    table.add(camera.id, camera.name, camera.regionCode?.rawValue ?? "—", String(format: "%.6f", camera.position.x),
                              String(format: "%.6f", camera.position.y), String(format: "%.0f", camera.heightMetres), numbers.joined(separator: " "))
                }
                print(table.rendered)
                if presets.contains(where: { $0.controlPoints.count < 4 }) {
                    print("* 无控制点：告警没有地面位置 / no control points: alarms have no ground position")
                }
            }
        }
    }

    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "接入一个预置位的巡检画面并比对 / ingest a preset's frames and compare them",
            discussion: """
            画面按拍摄时间顺序比对；文件名应为拍摄时间（20240403_101500.jpg，北京时间），单个画面可用 --at 指定。
            已接入的画面会跳过，中断后重新运行即可续接。
            Frames are compared in time order; their names are their capture times (UTC+8), or give --at for one
            frame. Frames already ingested are skipped, so an interrupted run is resumed by running it again.
              landwatch cameras ingest JL-017 --preset 3 frames/*.jpg
            """)

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "摄像机编号 / camera id") var camera: String
        @Option(help: "预置位编号 / preset number") var preset: Int
        @Option(help: "单个画面的拍摄时间 ISO 8601 / capture time of a single frame, ISO 8601") var at: String?
        @Argument(help: "画面文件 / frame files") var frames: [String]

        func run() throws {
            try perform {
                let inputs: [FrameInput]
                if let at {
                    guard frames.count == 1, let time = try? Date(at, strategy: .iso8601) else {
                        throw ValidationError("--at 只用于单个画面，时间如 2024-04-03T10:15:00+08:00 / --at takes one frame and an ISO 8601 time")
                    }
                    inputs = [FrameInput(path: frames[0], capturedAt: time, source: frames[0])]
                } else {
                    inputs = try frames.map(FrameInput.init(file:))
                }
                let ws = try workspace.open()
                let report = try ws.ingestFrames(camera: camera, preset: preset, frames: inputs, progress: TerminalProgress())
                let skipped = report.passes.filter { $0.outcome == .skipped }.count
                print("接入 \(report.passes.count) 帧（不可比 \(skipped)），已接入过 \(report.alreadyIngested) 帧；新告警 \(report.alarms.count) 条"
                      + " / \(report.passes.count) frames ingested (\(skipped) not comparable), \(report.alreadyIngested) already in; \(report.alarms.count) alarms")
                for alarm in report.alarms { print("  " + AlarmsCommand.line(alarm)) }
            }
        }
    }

    struct Grab: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "用 ffmpeg 从视频流或抓拍地址取画面并比对 / grab frames from a stream or snapshot URL with ffmpeg and compare them",
            discussion: """
            支持 RTSP、HTTP(S) 视频流和抓拍图片地址；地址中的密码不会被保存或打印。--every 按间隔定时抓拍。
            RTSP, HTTP(S) streams and snapshot URLs; a password in the URL is never stored or printed.
            With --every the URL is polled on a schedule.
              landwatch cameras grab JL-017 --preset 3 --url rtsp://user:pass@10.0.0.5/ch1 --every 600 --count 144
            """)

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "摄像机编号 / camera id") var camera: String
        @Option(help: "预置位编号 / preset number") var preset: Int
        @Option(help: "视频流或抓拍地址 / stream or snapshot URL") var url: String
        @Option(help: "定时抓拍间隔（秒）/ seconds between grabs") var every: Int?
        @Option(help: "抓拍次数（配合 --every）/ how many grabs with --every") var count = 1
        @Option(help: "单次抓拍超时（秒）/ seconds to wait for a frame") var timeout = 20

        func run() throws {
            try perform {
                let ws = try workspace.open()
                for round in 0..<(every == nil ? 1 : max(1, count)) {
                    if round > 0, let every { Thread.sleep(forTimeInterval: Double(every)) }
                    let report = try ws.grabFrame(camera: camera, preset: preset, url: url, timeout: timeout)
                    let pass = report.passes.first
                    print("\(AlarmsCommand.timeText(pass?.capturedAt ?? Date()))  \(pass?.outcome.chineseName ?? "")  告警 alarms \(report.alarms.count)")
                    for alarm in report.alarms { print("  " + AlarmsCommand.line(alarm)) }
                }
            }
        }
    }

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
        @Option(help: "每个序列种植的变化数 / planted changes per sequence") var plants = 30
        @Option(help: "持续巡检次数 N / passes a change must persist") var persistence: Int?
        @Option(name: .customLong("changed-below"), help: "变化判定 ZNCC 阈值 / ZNCC below which a cell is changed") var changedBelow: Float?
        @Option(name: .customLong("consistent-above"), help: "一致性 ZNCC 阈值 / ZNCC a run must keep") var consistentAbove: Float?
        @Option(name: .customLong("minimum-cells"), help: "最少单元数 / cells an alarm needs") var minimumCells: Int?
        @Option(help: "基准库的巡检次数 / past passes in the reference bank") var bank: Int?
        @Option(help: "另存 JSON 结果 / also write the scores as JSON") var json: String?
        @Flag(name: .customLong("operator-masks"),
              help: "模拟值守员：每个误报即排除并屏蔽其区域 / an operator dismisses each false alarm with its place masked")
        var operatorMasks = false

        func run() throws {
            try perform {
                var settings = MonitorSettings()
                if let persistence { settings.persistencePasses = persistence }
                if let changedBelow { settings.changedBelow = changedBelow }
                if let consistentAbove { settings.consistentAbove = consistentAbove }
                if let minimumCells { settings.minimumCells = minimumCells }
                if let bank { settings.bankSize = bank }
                let chipImages = try chips.map { path throws(CameraError) in try PlantedChange.chips(fromPairs: path) } ?? []
                var scores: [SequenceScore] = []
                for directory in try Self.sequenceDirectories(sequences) {
                    let score = try CameraEvaluation.evaluate(try FrameSequence(directory: directory), chips: chipImages,
                                                              plants: chipImages.isEmpty ? 0 : plants, settings: settings,
                                                              operatorMasks: operatorMasks)
                    scores.append(score)
                }
                var table = TextTable("序列 sequence", "画面 frames", "跳过 skipped", "误报 false", "种植 planted", "召回 recall", "小于报警单元 below alarm size",
                                      "种植期误报 false (planted)", "重复率 duplicates", "帧/秒 fps")
                for s in scores {
                    table.add(s.sequence, "\(s.frames)", "\(s.skippedFrames)", "\(s.falseAlarms)", "\(s.planted)",
                              String(format: "%.2f", s.recall), "\(s.foundBelowAlarmSize)/\(s.plantedBelowAlarmSize)", "\(s.plantedRunFalseAlarms)",
                              String(format: "%.3f", s.duplicateRate), String(format: "%.1f", s.framesPerSecond))
                }
                print(table.rendered)
                let planted = scores.reduce(0) { $0 + $1.planted }, found = scores.reduce(0) { $0 + $1.found }
                let alarms = scores.reduce(0) { $0 + $1.plantedRunAlarms }, duplicates = scores.reduce(0) { $0 + $1.duplicateAlarms }
                let small = "\(scores.reduce(0) { $0 + $1.foundBelowAlarmSize })/\(scores.reduce(0) { $0 + $1.plantedBelowAlarmSize })"
                print("合计 / total: 误报 false alarms \(scores.reduce(0) { $0 + $1.falseAlarms })，"
                      + "召回 recall \(found)/\(planted)（另有小于报警单元的 \(small) / and \(small) below alarm size），重复报警 duplicate alarms \(duplicates)/\(alarms)")
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
