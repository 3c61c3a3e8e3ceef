import ArgumentParser
import Enforcement
import Foundation
import Geo
import Store
import Workspace

struct PatchesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patches", abstract: "图斑 / change patches",
        subcommands: [Import.self, List.self, Show.self, Evidence.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入一批图斑（按图斑编号更新，不重复）/ import a batch of patches (updates by code, never duplicates)")

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "矢量文件 / vector file") var file: String
        @Option(help: "批次代码 / batch code, e.g. 2024Q1") var batch: String
        @Option(help: "批次名称 / batch name") var batchName: String?
        @Option(help: "图斑编号字段 / patch code field, e.g. JCBH") var codeField: String
        @Option(help: "行政区划代码字段 / region code field, e.g. XZQDM (else located by boundaries)") var regionField: String?
        @Option(help: "前时相字段 / before-date field (default QSX if present)") var beforeField: String?
        @Option(help: "后时相字段 / after-date field (default HSX if present)") var afterField: String?
        @Option(help: "文件中的图层名 / layer inside the file") var layer: String?
        @Option(help: "文件无坐标系时采用 / CRS for a file without one") var assumeCRS: String?
        @Flag(help: "修复无效几何（make-valid）/ repair invalid geometries") var repair = false

        func run() throws {
            try perform {
                let ws = try workspace.open()
                var job = PatchImport(path: file, batchCode: batch, codeField: codeField)
                job.batchName = batchName
                job.regionField = regionField
                job.beforeField = beforeField
                job.afterField = afterField
                job.layerName = layer
                job.assumeCRS = try parseCRS(assumeCRS)
                job.repairInvalid = repair
                printReport(try job.run(in: ws, progress: TerminalProgress()))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出图斑 / list patches")

        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "批次 / batch") var batch: String?
        @Option(help: "行政区（含下级）/ region, including the regions inside it") var region: String?
        @Option(help: "输出格式 / output: table, csv or geojson") var format: OutputFormat = .table
        @Option(help: "最多条数 / at most this many") var limit: Int?

        func run() throws {
            try perform {
                let query = PatchQuery(batch: batch, region: try region.map(RegionCode.init), limit: limit)
                let patches = try workspace.open().store.patches(matching: query)
                switch format {
                case .table: printTable(patches)
                case .csv: printCSV(patches)
                case .geojson: printGeoJSON(patches)
                }
            }
        }

        private func printTable(_ patches: [Patch]) {
            var table = TextTable("图斑编号 code", "批次 batch", "行政区 region", "来源 source", "面积(亩) mu", "面积(公顷) ha", "后时相 after", "几何问题 geometry")
            for p in patches {
                table.add(p.code, p.batchCode, p.regionCode?.rawValue ?? "—", p.regionSource.chineseName, p.area.muText,
                          p.area.hectaresText, p.afterDate ?? "", p.invalidReason ?? "")
            }
            print(table.rendered)
            let total = patches.reduce(Area.zero) { $0 + $1.area }
            print("合计 / total: \(patches.count) 个图斑 patches, \(total.muText) 亩, \(total.hectaresText) 公顷")
        }

        private func printCSV(_ patches: [Patch]) {
            print(csvLine(["code", "batch", "region_code", "region_source", "spatial_region_code", "area_m2", "area_mu", "area_ha",
                           "before_date", "after_date", "invalid_reason", "repaired"]))
            for p in patches {
                print(csvLine([p.code, p.batchCode, p.regionCode?.rawValue ?? "", p.regionSource.rawValue,
                               p.spatialRegionCode?.rawValue ?? "", String(p.area.squareMetres), String(p.area.mu),
                               String(p.area.hectares), p.beforeDate ?? "", p.afterDate ?? "", p.invalidReason ?? "", p.repaired ? "1" : "0"]))
            }
        }

        private func printGeoJSON(_ patches: [Patch]) {
            print("{\"type\":\"FeatureCollection\",\"features\":[", terminator: "")
            for (i, p) in patches.enumerated() {
                let properties: [String: Any] = [
                    "code": p.code, "batch": p.batchCode, "region_code": p.regionCode?.rawValue ?? NSNull(),
                    "region_source": p.regionSource.rawValue, "area_m2": p.area.squareMetres, "area_mu": p.area.mu,
                    "before_date": p.beforeDate ?? NSNull(), "after_date": p.afterDate ?? NSNull(),
                    "invalid_reason": p.invalidReason ?? NSNull(),
                ]
                let json = (try? JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
                print((i > 0 ? "," : "") + "{\"type\":\"Feature\",\"properties\":\(json),\"geometry\":\(GeoJSON.encode(p.geometry.shape))}", terminator: "")
            }
            print("]}")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "图斑详情 / one patch in detail")

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "图斑编号 / patch code") var code: String
        @Option(help: "批次 / batch (needed when the code exists in several)") var batch: String?

        func run() throws {
            try perform {
                let store = try workspace.open().store
                let candidates = try batch.map { [try store.patch(batch: $0, code: code)].compactMap { $0 } }
                    ?? store.batches().compactMap { try store.patch(batch: $0.batch.code, code: code) }
                guard let p = candidates.first else {
                    FileHandle.standardError.write(Data("错误 / Error: 没有图斑 \(code) / no patch \(code)\n".utf8))
                    throw ExitCode(ExitStatus.dataError)
                }
                var table = TextTable("项 item", "值 value")
                table.add("图斑编号 code", p.code)
                table.add("批次 batch", p.batchCode)
                table.add("行政区 region", "\(p.regionCode?.rawValue ?? "—")（\(p.regionSource.chineseName)）")
                table.add("空间落位 located in", p.spatialRegionCode?.rawValue ?? "—")
                table.add("面积 area", "\(String(format: "%.2f", p.area.squareMetres)) m² = \(p.area.muText) 亩 = \(p.area.hectaresText) 公顷")
                table.add("前时相 / 后时相 dates", "\(p.beforeDate ?? "—") / \(p.afterDate ?? "—")")
                table.add("几何 geometry", p.invalidReason.map { "无效 invalid: \($0)\(p.repaired ? "（已修复 repaired）" : "")" } ?? "有效 valid")
                for key in p.attributes.keys.sorted() { table.add("属性 \(key)", p.attributes[key]?.text ?? "") }
                print(table.rendered)
                printOverlays(of: p, store: store)
                printPrejudgement(of: p, store: store)
            }
        }
    }

    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "视频佐证：看得到图斑的铁塔预置位及前、后时相最近的画面 / camera evidence: presets that see the patch and their frames nearest its dates")

        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "批次 / batch") var batch: String
        @Argument(help: "图斑编号 / patch code") var code: String

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let evidence = try ws.cameraEvidence(batch: batch, code: code)
                guard !evidence.isEmpty else {
                    print("没有铁塔预置位看得到该图斑（需标定控制点）/ no surveyed camera preset sees this patch")
                    return
                }
                var table = TextTable(headers: ["摄像机 camera", "预置位 preset", "覆盖 covered", "画面位置 in frame (px)",
                                                "前时相画面 before", "后时相画面 after"])
                func frame(_ pass: CameraPass?) -> String {
                    pass.map { "\(AlarmsCommand.timeText($0.capturedAt))  \(ws.filesDirectory.appendingPathComponent($0.frame).path)" } ?? "—"
                }
                for item in evidence {
                    let box = item.view.map { "[\(Int($0.minX)),\(Int($0.minY))–\(Int($0.maxX.rounded(.up))),\(Int($0.maxY.rounded(.up)))]" } ?? "—"
                    table.add(row: ["\(item.camera.id) \(item.camera.name)", "\(item.preset)", String(format: "%.0f%%", 100 * item.coveredShare),
                                    box, frame(item.before), frame(item.after)])
                }
                print(table.rendered)
            }
        }
    }
}

extension RegionSource {
    var chineseName: String {
        switch self {
        case .attribute: return "属性"
        case .spatial: return "空间"
        case .none: return "无"
        }
    }
}

func printReport(_ report: PatchImport.Report) {
    let c = report.counts
    print("批次 / batch \(report.batch): \(report.total) 个图斑 patches（新增 inserted \(c.inserted)，更新 updated \(c.updated)，未变 unchanged \(c.unchanged)）")
    if !report.regionMismatches.isEmpty {
        print("行政区代码与位置不符 / region code disagrees with location: \(report.regionMismatches.count)")
        for m in report.regionMismatches.prefix(20) {
            print("  \(m.patchCode): 属性 stated \(m.stated) ≠ 落位 located \(m.found)")
        }
        if report.regionMismatches.count > 20 { print("  …（另有 \(report.regionMismatches.count - 20) 个 / more）") }
    }
    if !report.withoutRegion.isEmpty {
        print("无法确定行政区 / no region: \(report.withoutRegion.count)（\(report.withoutRegion.prefix(10).joined(separator: ", "))）")
    }
    printInvalid(report.invalid)
    if report.withoutGeometry > 0 { print("无几何要素已跳过 / features without geometry skipped: \(report.withoutGeometry)") }
}

/// The patch's pre-judgement with every rule that fired and why.
private func printPrejudgement(of patch: Patch, store: any WorkspaceStore) {
    guard let result = try? store.prejudgement(batch: patch.batchCode, code: patch.code) else {
        print("\n尚未预判，请运行 landwatch prejudge --batch \(patch.batchCode) / not pre-judged yet")
        return
    }
    print("\n预判 pre-judgement: \(result.verdict.chineseName)\(result.subtype.map { "（\($0)）" } ?? "")，优先级 priority \(result.priority.chineseName)")
    if result.fired.isEmpty { print("  没有规则命中，按默认结论 / no rule fired; the fallback applies") }
    for rule in result.fired {
        let mark = rule.id == result.decidingRule ? "→" : " "
        print("  \(mark) \(rule.name)（\(rule.id)）：\(rule.reasons.joined(separator: "；"))")
    }
}

/// The patch's overlay results: per layer, then the land-class breakdown and the features touched.
private func printOverlays(of patch: Patch, store: any WorkspaceStore) {
    guard let overlays = try? store.overlays(batch: patch.batchCode, code: patch.code), !overlays.isEmpty,
          let layers = try? store.layers() else {
        print("\n尚未叠加分析，请运行 landwatch overlay --batch \(patch.batchCode) / not overlaid yet")
        return
    }
    let byID = Dictionary(layers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    print()
    var table = TextTable("图层 layer", "面积 m²", "面积(亩) mu", "占比 share", "其中耕地(亩) cultivated", "要素 features", "状态 state")
    for o in overlays {
        let layer = byID[o.layerID]
        let stale = layer.map { $0.version != o.layerVersion } ?? true
        table.add("\(o.kind.chineseName)「\(layer?.name ?? "?")」", String(format: "%.2f", o.area.squareMetres), o.area.muText,
                  percentText(o.share), o.classBreakdown.isEmpty ? "" : o.cultivatedArea.muText,
                  String(o.features.count), stale ? "过期 stale" : "最新 current")
    }
    print(table.rendered)
    for o in overlays where !o.classBreakdown.isEmpty {
        var classes = TextTable("地类 class", "名称 name", "面积 m²", "面积(亩) mu")
        for code in o.classBreakdown.keys.sorted() {
            let area = o.classBreakdown[code]!
            classes.add(code, LandClass.name(of: code) ?? "", String(format: "%.2f", area.squareMetres), area.muText)
        }
        print("\n\(o.kind.chineseName) 地类构成 / land classes:")
        print(classes.rendered)
    }
    let hits = overlays.flatMap { o in o.features.prefix(10).map { (o.kind, $0) } }
    guard let features = try? store.referenceFeatures(ids: hits.map(\.1.featureID)), !features.isEmpty else { return }
    var table2 = TextTable("图层 layer", "要素 FID", "面积(亩) mu", "属性 attributes")
    for (kind, hit) in hits {
        guard let f = features[hit.featureID] else { continue }
        let keys = f.attributes.keys.sorted().prefix(3).map { "\($0)=\(f.attributes[$0]?.text ?? "")" }.joined(separator: " ")
        table2.add(kind.chineseName, String(f.sourceFID), hit.area.muText, keys)
    }
    print("\n相交要素 / features touched:")
    print(table2.rendered)
}
