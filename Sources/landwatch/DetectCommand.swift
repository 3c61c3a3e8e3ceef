import ArgumentParser
import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import Workspace

struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "影像变化检测：两期影像 → 疑似变化图斑 / change extraction: two dated images → candidate change patches",
        subcommands: [Run.self, Train.self, Evaluate.self],
        defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "检测两期影像间的变化并输出图斑 / detect the changes between two images and write them as patches",
            discussion: """
            后时相按地理参考重采样到前时相网格；分块处理，内存与影像大小无关。
            The after image is warped onto the before image's grid; tiles keep memory bounded.
              landwatch detect --before 2023-12.tif --after 2024-03.tif --bands blue,green,red,nir --model model.json --out candidates.gpkg
              landwatch detect --before 2023-12.tif --after 2024-03.tif --batch 2024Q1-AI --before-date 2023-12-15 --after-date 2024-03-20
              landwatch detect --before 2023-12.tif --after 2024-03.tif --aoi county.gpkg --out candidates.gpkg
              landwatch detect --before 2023-12.tif --after 2024-03.tif --aoi 县界.gpkg --aoi-where "XZQDM = '449901'" --out candidates.gpkg
            --aoi 只检测研究区内的变化（面文件，或工作空间中行政区的代码、名称）；只读取其范围内的影像，统计量也只取自区内。
            --aoi keeps the detection to an area (a polygon file, or the code or name of a workspace region): only the images'
            window around it is read, and the image-wide statistics come from inside it.
            --batch 把图斑作为一个批次导入工作空间（编号 <批次>-0001…），之后可叠加分析、预判、下发核查。
            --batch imports the patches into the workspace as a batch (codes <batch>-0001…), ready for overlay, pre-judgement and field checks.
            """)

        @OptionGroup var workspace: WorkspaceOptions

        @Option(help: "前时相影像 / before image (GeoTIFF, any CRS)") var before: String
        @Option(help: "后时相影像 / after image") var after: String
        @Option(help: "波段用途，按波段顺序 / band roles in band order, e.g. blue,green,red,nir (default: the model's bands, else the band descriptions, else red,green,blue)") var bands: String?
        @Option(help: "变化检测模型（detect train 生成）；不给则用变化矢量分析 / change model from `detect train`; without one, change-vector analysis") var model: String?
        @Option(name: .customLong("min-area"), help: "最小上图面积 / minimum mapping unit, e.g. 0.3mu or 200m2") var minimumArea = "0.3mu"
        @Option(name: .customLong("tile-size"), help: "分块边长（像元）/ tile size in pixels") var tileSize = ChangeDetector.defaultTileSize
        @Flag(help: "精配准：估计并消除两期影像间 4 像元以内的残余偏移 / fine co-registration: find and remove a residual shift of up to 4 pixels") var coregister = false
        @Option(name: .customLong("before-clouds"), help: "前时相云掩膜栅格（如 Sentinel-2 SCL、Fmask）/ before date's cloud mask raster (e.g. Sentinel-2 SCL, Fmask)") var beforeClouds: String?
        @Option(name: .customLong("after-clouds"), help: "后时相云掩膜栅格 / after date's cloud mask raster") var afterClouds: String?
        @Option(name: .customLong("cloud-values"), help: "掩膜中表示云或云影的值，如 SCL 的 3,8,9,10；缺省为所有非零值 / mask values meaning cloud or shadow, e.g. 3,8,9,10 for SCL (default: any nonzero)") var cloudValues: String?
        @Option(help: "输出图斑文件 / output patches (.gpkg, .shp or .geojson)") var out: String?
        @Option(help: "导入工作空间的批次编号 / import the patches into the workspace as this batch") var batch: String?
        @Option(name: .customLong("before-date"), help: "前时相日期 / before date, e.g. 2023-12-15") var beforeDate: String?
        @Option(name: .customLong("after-date"), help: "后时相日期 / after date") var afterDate: String?
        @Option(help: "保存变化栅格（掩膜、类型、置信度，GeoTIFF）/ keep the change raster (mask, type, confidence) as GeoTIFF") var mask: String?
        @Option(help: ArgumentHelp(sensitivityHelp)) var sensitivity = 1.0
        @Option(help: ArgumentHelp(growthHelp)) var growth = ChangeDetector.defaultRegionGrowth
        @Option(help: "研究区：面文件（.gpkg、.shp、.geojson），或工作空间中行政区的代码或名称 / area of interest: a polygon file (.gpkg, .shp, .geojson), or the code or name of a region in the workspace") var aoi: String?
        @Option(name: .customLong("aoi-layer"), help: "研究区文件中的图层名（默认第一个）/ layer of the --aoi file (default: the first)") var aoiLayer: String?
        @Option(name: .customLong("aoi-where"), help: "研究区文件的筛选条件（OGR SQL），如 \"XZQDM = '449901'\" / attribute filter on the --aoi file (OGR SQL), e.g. \"XZQDM = '449901'\"") var aoiWhere: String?

        func validate() throws {
            guard out != nil || batch != nil || mask != nil else {
                throw ValidationError("请给出 --out（输出文件）、--batch（导入工作空间）或 --mask（变化栅格）/ give --out (a file), --batch (into the workspace) or --mask (the change raster)")
            }
            for (option, text) in [("--before-date", beforeDate), ("--after-date", afterDate)] {
                if let text { _ = try parseDay(text, option: option) }
            }
            if aoi == nil, aoiLayer != nil || aoiWhere != nil {
                throw ValidationError("--aoi-layer、--aoi-where 须与 --aoi 面文件一起使用 / --aoi-layer and --aoi-where need an --aoi polygon file")
            }
            if let cloudValues, CloudMask.values(cloudValues) == nil {
                throw ValidationError("--cloud-values 应为逗号分隔的整数，如 3,8,9,10 / --cloud-values must be integers separated by commas, e.g. 3,8,9,10")
            }
        }

        private var cloudMasks: (before: CloudMask?, after: CloudMask?) {
            let values = cloudValues.flatMap(CloudMask.values) ?? []
            return (beforeClouds.map { CloudMask(path: $0, values: values) }, afterClouds.map { CloudMask(path: $0, values: values) })
        }

        func run() throws {
            try perform {
                let started = Date()
                let minimum = try parseMu(minimumArea, option: "--min-area")
                let format = try out.map(outputFormat)
                let trained = try model.map { try ChangeModel.load(path: $0) }
                // Without --bands, the images are taken to have the bands the model was trained for.
                let pair = try ImagePair(beforePath: before, afterPath: after, bandMap: try bands.map { try BandMap(parsing: $0) } ?? trained?.bandMap,
                                         coregister: coregister, clouds: cloudMasks, area: try areaOfInterest())
                if let area = pair.area {
                    print("研究区 / area of interest: \(area.source)，读取影像窗口 reading a window of \(pair.grid.width)×\(pair.grid.height) 像元 pixels")
                }
                if coregister {
                    print("精配准 / co-registration: 后时相偏移 after image shifted by \(String(format: "%.2f", pair.shift.columns)) 列 columns, \(String(format: "%.2f", pair.shift.rows)) 行 rows")
                }
                let scorer: ChangeScorer = trained.map { .model($0) } ?? .changeVector
                BlockCache.limitForStreaming(to: ChangeDetector.blockCacheBytes(for: pair, scorer: scorer, tileSize: tileSize))
                let detector = try ChangeDetector(pair: pair, scorer: scorer, sensitivity: sensitivity, regionGrowth: growth)
                guard let pixelArea = try CandidateExtraction.pixelArea(of: pair.grid) else {
                    throw DetectionError.imagesDiffer("前时相影像没有地理参考 / the before image has no georeference")
                }
                let tracing = out != nil || batch != nil
                var patches: [CandidatePatch]?
                if let mask, !tracing, detector.writesEachWindowOnce {
                    try detect(detector, toKeep: mask)
                } else {
                    // The change raster is a tiled GeoTIFF in the temporary folder (uncompressed: 3 bytes a
                    // pixel), so memory stays bounded by the tiles whatever the images' size. --mask gets a
                    // compressed copy only when everything succeeded.
                    let staging = FileManager.default.temporaryDirectory.appendingPathComponent("landwatch-detect-\(UUID().uuidString).tif")
                    defer { try? FileManager.default.removeItem(at: staging) }
                    let raster: ByteRaster
                    (raster, patches) = try detect(detector, into: staging.path,
                                                   minimumPixels: CandidateExtraction.minimumPixels(for: minimum, pixelArea: pixelArea),
                                                   tracing: tracing)
                    if let patches, let out, let format { try write(patches, to: out, format: format) }
                    if let patches, let batch { try importBatch(patches, batch: batch) }
                    if let mask { try stage("保存变化栅格 / writing \(mask)") { try raster.saveGeoTIFF(to: mask, progress: $0) } }
                }
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                print("变化检测 / change detection: \(pair.grid.width)×\(pair.grid.height) 像元 pixels, 阈值 threshold \(String(format: "%.3f", detector.threshold))"
                      + (patches.map { "，\($0.count) 个图斑 patches, 共 \($0.reduce(Area.zero) { $0 + $1.area }.muText) 亩 mu" } ?? "")
                      + "；用时 \(seconds) s" + ([out, mask].compactMap { $0 }.map { " → \($0)" }.joined()))
                for type in ChangeType.allCases {
                    let ofType = (patches ?? []).filter { $0.changeType == type }
                    guard !ofType.isEmpty else { continue }
                    print("  \(type.chineseName): \(ofType.count) 个, \(ofType.reduce(Area.zero) { $0 + $1.area }.muText) 亩")
                }
            }
        }

        /// The area `--aoi` names: a vector file when it is one (or looks like a path), else the region
        /// of the workspace with that code or name.
        private func areaOfInterest() throws -> AreaOfInterest? {
            guard let aoi else { return nil }
            let vectorSuffixes: Set = ["gpkg", "shp", "geojson", "json", "zip", "kml", "gml"]
            if FileManager.default.fileExists(atPath: aoi) || aoi.contains("/")
                || vectorSuffixes.contains(URL(fileURLWithPath: aoi).pathExtension.lowercased()) {
                return try AreaOfInterest.read(path: aoi, layer: aoiLayer, filter: aoiWhere)
            }
            guard aoiLayer == nil, aoiWhere == nil else {
                throw ValidationError("--aoi \(aoi) 是工作空间中的行政区，不是文件：--aoi-layer、--aoi-where 只用于面文件 / --aoi \(aoi) names a workspace region, not a file: --aoi-layer and --aoi-where apply to a polygon file only")
            }
            let regions: [Region]
            do {
                regions = try workspace.open().store.regions()
            } catch {
                throw ValidationError("--aoi \(aoi) 不是文件，而工作空间的行政区无法读取 / --aoi \(aoi) is not a file, and the workspace's regions cannot be read: \(error)")
            }
            let code = try? RegionCode(aoi)
            guard let region = regions.first(where: { $0.code == code }) ?? regions.first(where: { $0.name == aoi }) else {
                throw ValidationError("--aoi \(aoi) 既不是文件，也不是工作空间中行政区的代码或名称 / --aoi \(aoi) is neither a file nor the code or name of a region in the workspace")
            }
            return try AreaOfInterest(source: "\(region.name)（\(region.code.rawValue)）", geometry: region.boundary, crs: .cgcs2000)
        }

        /// Runs the detection straight into the compressed GeoTIFF the user keeps, written under a
        /// temporary name beside it and moved into place when complete: with nothing to sieve, trace
        /// or grow, a working copy would only be read back and compressed at the end (0.6–0.7 s of a
        /// 2.3 s change-vector run on the 6,000² bench pair).
        private func detect(_ detector: ChangeDetector, toKeep path: String) throws {
            let raster = try ByteRaster.toKeep(path: path, grid: detector.pair.grid, bands: 3)
            try run(detector, into: raster)
            try raster.keep()
        }

        /// Runs the detection into a new GeoTIFF at `path` and, when `tracing`, sieves it to the minimum
        /// mapping unit and traces the patches.
        private func detect(_ detector: ChangeDetector, into path: String, minimumPixels: Int,
                            tracing: Bool) throws -> (raster: ByteRaster, patches: [CandidatePatch]?) {
            let raster = try ByteRaster(path: path, grid: detector.pair.grid, bands: 3)
            try run(detector, into: raster)
            // The sieve only when patches are drawn: a bare --mask keeps the raw mask (docs/detection.md).
            guard tracing else { return (raster, nil) }
            try stage("去除碎斑 / sieving to the minimum mapping unit") { try CandidateExtraction.sieve(raster, minimumPixels: minimumPixels, progress: $0) }
            return (raster, try stage("生成图斑 / tracing patches") { try CandidateExtraction.patches(in: raster, progress: $0) })
        }

        /// The detection's tiles, with a progress bar.
        private func run(_ detector: ChangeDetector, into raster: ByteRaster) throws {
            let progress = TerminalProgress()
            var begun = false
            try detector.run(into: raster, tileSize: tileSize) { done, total in
                if !begun { progress.begin("变化检测 / detecting", total: total) }
                begun = true
                progress.advance(to: done)
            }
            progress.end()
        }

        /// Runs one GDAL stage with a progress bar in thousandths.
        private func stage<T>(_ label: String, _ body: (@escaping (Double) -> Void) throws -> T) throws -> T {
            let progress = TerminalProgress()
            progress.begin(label, total: 1000)
            defer { progress.end() }
            return try body { progress.advance(to: Int(($0 * 1000).rounded())) }
        }

        /// Through a GeoPackage and the ministry-batch import, so AI patches are checked, located in
        /// their county and stored exactly as delivered patches are (one transaction).
        private func importBatch(_ patches: [CandidatePatch], batch: String) throws {
            let ws = try workspace.open()
            let staging = FileManager.default.temporaryDirectory.appendingPathComponent("landwatch-detect-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            let path = staging.appendingPathComponent("\(batch).gpkg").path
            try write(patches, to: path, format: .gpkg, batch: batch)
            var job = PatchImport(path: path, batchCode: batch, codeField: "JCBH")
            job.batchName = "智能提取 \(URL(fileURLWithPath: before).lastPathComponent) → \(URL(fileURLWithPath: after).lastPathComponent)"
            let report = try job.run(in: ws)
            print("导入批次 / imported batch \(batch): 新增 inserted \(report.counts.inserted)，更新 updated \(report.counts.updated)，未变 unchanged \(report.counts.unchanged)"
                  + (report.withoutRegion.isEmpty ? "" : "；不在任何行政区内 outside every region: \(report.withoutRegion.count)"))
        }

        private func outputFormat(_ path: String) throws -> VectorFormat {
            let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
            guard let format = VectorFormat.allCases.first(where: { $0.fileExtension == suffix }) else {
                throw ValidationError("--out 须以 .gpkg、.shp 或 .geojson 结尾 / --out must end in .gpkg, .shp or .geojson")
            }
            return format
        }

        /// 图斑编号 JCBH is `<batch>-0001`… (or `AI-0001`… without a batch); 前/后时相 QSX/HSX as given.
        private func write(_ patches: [CandidatePatch], to path: String, format: VectorFormat, batch: String? = nil) throws {
            let writer = try VectorWriter(path: path, format: format, layerName: "change_candidates", crs: .cgcs2000, fields: [
                FieldDefinition("JCBH", .string(width: 40)), FieldDefinition("BHLX", .string(width: 40)), FieldDefinition("BHLXDM", .integer),
                FieldDefinition("ZXD", .real), FieldDefinition("MJ_M2", .real), FieldDefinition("MJ_MU", .real), FieldDefinition("XYS", .integer),
                FieldDefinition("QSX", .string(width: 10)), FieldDefinition("HSX", .string(width: 10)),
            ])
            for (number, patch) in patches.enumerated() {
                try writer.write(geometry: patch.geometry, attributes: [
                    "JCBH": .string("\(batch ?? "AI")-\(String(format: "%04d", number + 1))"), "BHLX": .string(patch.changeType.chineseName),
                    "BHLXDM": .integer(Int64(patch.changeType.rawValue)), "ZXD": .real((patch.confidence * 1000).rounded() / 1000),
                    "MJ_M2": .real((patch.area.squareMetres * 100).rounded() / 100), "MJ_MU": .real((patch.area.mu * 10000).rounded() / 10000),
                    "XYS": .integer(Int64(patch.pixelCount)),
                    "QSX": beforeDate.map { .string($0) } ?? .null, "HSX": afterDate.map { .string($0) } ?? .null,
                ])
            }
            try writer.finish()
        }
    }

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "训练变化检测模型（XGBoost）：用标注样本或工作空间中已判定的图斑 / train a change model (XGBoost) from labelled pairs or from a workspace's determined patches",
            discussion: """
              landwatch detect train --pairs ../shared/data/change/oscd --out model.json --exclude beirut
              landwatch detect train -w ws --batch 2023Q4 --batch 2024Q1 --out model.json    # 用本局的判定结果 / from the bureau's own verdicts
            """)

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "样本目录（OSCD、SZTAKI、Landsat、LEVIR/DSIFN 布局），可多次给出 / folder of labelled pairs; repeatable") var pairs: [String] = []
        @Option(help: "用工作空间中此批次已判定的图斑及其登记影像训练，可多次给出 / learn from this batch's determined patches and its registered imagery; repeatable") var batch: [String] = []
        @Option(help: "批次影像的波段用途，按波段顺序 / band roles of the batches' imagery in band order (default: the band descriptions, else red,green,blue)") var bands: String?
        @Option(help: "不参与训练的影像，逗号分隔 / images to leave out, comma-separated") var exclude: String?
        @Option(help: "提升轮数 / boosting rounds") var rounds = 160
        @Option(help: "模型文件 / model file to write") var out: String

        func validate() throws {
            guard !pairs.isEmpty || !batch.isEmpty else {
                throw ValidationError("请给出 --pairs（标注样本目录）或 --batch（工作空间批次）/ give --pairs (labelled pairs) or --batch (a workspace batch)")
            }
        }

        func run() throws {
            try perform {
                let left = Set((exclude ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                let chosen = try pairs.flatMap { try LabelledPairs.load(directory: $0) }.filter { !left.contains($0.name) }
                var examples = try chosen.map { ChangeTraining.Example(pair: $0, labels: try $0.labels()) }
                if !batch.isEmpty {
                    let job = DeterminedPatchExamples(batchCodes: batch, bandMap: try bands.map { try BandMap(parsing: $0) })
                    let (determined, summary) = try job.examples(in: try workspace.open())
                    print("已判定图斑 / determined patches: \(summary.changedPatches) 个有变化 changed, \(summary.noChangePatches) 个无变化 no change"
                          + "（另 \(summary.mixedPatches) 个分部判定未用 split ones not used, \(summary.withoutImagery) 个不在影像内 outside the imagery）；标注像元 labelled pixels: "
                          + "\(summary.changedPixels) 变化 changed, \(summary.unchangedPixels) 未变化 unchanged")
                    examples += determined.filter { !left.contains($0.name) }
                }
                var settings = ChangeTraining.Settings()
                settings.rounds = rounds
                let model = try ChangeTraining.train(examples, settings: settings) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
                try model.save(to: out)
                print("模型 / model → \(out): \(examples.count) 对影像 pairs, \(model.featureNames.count) 个特征 features, 阈值 threshold \(model.threshold)")
            }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "在标注样本上评估（像元与图斑级 P/R/F1/IoU）/ score on labelled pairs (pixel and patch level)",
            discussion: """
            默认逐一留出：每张影像由其余影像训练的模型评估，绝不用训练过的影像打分；单张影像的数据集左右两半互评。
            By default leave-one-image-out: each image is scored by a model trained on the others; a one-image dataset is split into halves.
              landwatch detect eval --pairs ../shared/data/change/sztaki
              landwatch detect eval --pairs DIR --model model.json
              landwatch detect eval --pairs DIR --baseline
            """)

        @Option(help: "样本目录 / folder of labelled pairs") var pairs: String
        @Option(help: "用已训练模型评估 / score with this model") var model: String?
        @Flag(help: "评估变化矢量分析基线 / score the change-vector baseline") var baseline = false
        @Option(name: .customLong("min-area"), help: "最小上图面积 / minimum mapping unit") var minimumArea = "0.3mu"
        @Option(help: "提升轮数（逐一留出时）/ boosting rounds for leave-one-out") var rounds = 160
        @Option(help: "另存 JSON 结果 / also write the scores as JSON") var json: String?
        @Option(help: ArgumentHelp(sensitivityHelp)) var sensitivity = 1.0
        @Option(help: ArgumentHelp(growthHelp)) var growth = ChangeDetector.defaultRegionGrowth

        func run() throws {
            try perform {
                guard !(baseline && model != nil) else { throw ValidationError("--baseline 与 --model 只能选一个 / give --baseline or --model, not both") }
                let labelled = try LabelledPairs.load(directory: pairs)
                var settings = ChangeTraining.Settings()
                settings.rounds = rounds
                let method: EvaluationMethod = baseline ? .changeVector : try model.map { .model(try ChangeModel.load(path: $0)) } ?? .leaveOneOut(settings)
                let result = try ChangeEvaluation.evaluate(labelled, method: method, minimumArea: try parseMu(minimumArea, option: "--min-area"),
                                                           sensitivity: sensitivity, regionGrowth: growth) {
                    FileHandle.standardError.write(Data(($0 + "\n").utf8))
                }
                printEvaluation(result)
                if let json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    try encoder.encode(EvaluationReport(result)).write(to: URL(fileURLWithPath: json))
                }
            }
        }
    }
}

/// The scores as `detect eval --json` writes them: per image and pooled.
struct EvaluationReport: Encodable {
    let method: String
    let minimumAreaMu: Double
    let sensitivity: Double
    let regionGrowth: Double
    let images: [ImageEvaluation]
    let pooled: Pooled

    struct Pooled: Encodable {
        let pixels: PixelScore
        let precision, recall, f1, iou: Double
        let patches: PatchScore?
        let patchRecall, falsePatchRate: Double?
    }

    init(_ result: DatasetEvaluation) {
        method = result.method
        minimumAreaMu = result.minimumAreaMu
        sensitivity = result.sensitivity
        regionGrowth = result.regionGrowth
        images = result.images
        let p = result.pooledPixels
        pooled = Pooled(pixels: p, precision: p.precision, recall: p.recall, f1: p.f1, iou: p.iou, patches: result.pooledPatches,
                        patchRecall: result.pooledPatches?.recall, falsePatchRate: result.pooledPatches?.falsePatchRate)
    }
}

private func printEvaluation(_ result: DatasetEvaluation) {
    func f(_ value: Double) -> String { String(format: "%.3f", value) }
    var table = TextTable("影像 image", "TP", "FP", "FN", "精确率 P", "召回率 R", "F1", "IoU", "图斑召回 patch R", "虚警图斑率 false patches")
    func row(_ name: String, _ p: PixelScore, _ patches: PatchScore?) {
        table.add(row: [name, "\(p.truePositives)", "\(p.falsePositives)", "\(p.falseNegatives)", f(p.precision), f(p.recall), f(p.f1), f(p.iou),
                        patches.map { "\(f($0.recall)) (\($0.objectsHit)/\($0.trueObjects))" } ?? "—",
                        patches.map { "\(f($0.falsePatchRate)) (\($0.falsePatches)/\($0.predictedPatches))" } ?? "—"])
    }
    for image in result.images { row(image.name, image.pixels, image.patches) }
    row("合计 pooled", result.pooledPixels, result.pooledPatches)
    let sensitivity = result.sensitivity == 1 ? "" : "；灵敏度 sensitivity \(result.sensitivity)"
    let growth = result.regionGrowth == ChangeDetector.defaultRegionGrowth ? "" : "；区域生长 region growth \(result.regionGrowth)"
    print("方法 method: \(result.method)；最小上图面积 minimum mapping unit \(String(format: "%.2f", result.minimumAreaMu)) 亩\(sensitivity)\(growth)")
    print(table.rendered)
    if let pooled = result.pooledPatches, !pooled.bySize.isEmpty {
        let classes = pooled.bySize.map { "≥ \(String(format: "%g", $0.minimumMu)) 亩 \(f($0.recall)) (\($0.hit)/\($0.objects))" }
        print("较大真实变化的图斑召回 / patch recall on larger true objects: " + classes.joined(separator: "，"))
    }
}

/// `--growth` of `detect` and `detect eval`.
private let growthHelp = "区域生长（仅模型）：像元概率达到阈值除以此值、且所在连通区域某处达到阈值即为变化；1 为不生长 / region growth (model only): pixels down to the threshold divided by this are changed where their region reaches the threshold; 1 grows nothing"

/// `--sensitivity` of `detect` and `detect eval`.
private let sensitivityHelp = "灵敏度：模型（或变化矢量）阈值除以此值；2 检出更多真实变化，也多出虚警图斑 / sensitivity: the threshold is divided by this; 2 finds more true changes and more false patches"
