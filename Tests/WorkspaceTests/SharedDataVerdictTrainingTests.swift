import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import TestSupport
import Testing
import Workspace

/// Training from a bureau's verdicts on the real OSCD cities.
///
/// Each city is a batch as a county gets it: the ministry's patches (the labelled change objects of at
/// least 0.3 亩, determined 未批先建) and LandWatch's change-vector candidates (default sensitivity,
/// 0.3 亩). A field check is simulated from the labels: a candidate with no labelled change is 伪变化,
/// one at least half changed 未批先建, and one in between is split by area into both. Every city is
/// then scored by a model trained from the other seven batches' verdicts (leave one city out), with the
/// samples and rounds of `SharedDataEvaluationTests`, whose models learn from the full labels instead.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipReason), .serialized)
struct SharedDataVerdictTrainingTests {
    typealias F = WorkflowFixture

    @Test func aModelTrainedOnTheOSCDVerdictsScoresAsOneTrainedOnTheFullLabels() throws {
        let directory = TemporaryDirectory("landwatch-verdicts")
        let pairs = try LabelledPairs.load(directory: SharedData.path("change/oscd"))
        let workspace = try Workspace.create(at: directory.url.appendingPathComponent("ws", isDirectory: true))
        var batches = (ministry: 0, changed: 0, split: 0, false: 0)
        for pair in pairs {
            let verdicts = try simulateFieldCheck(pair, into: workspace, directory: directory)
            batches.ministry += verdicts.ministry
            batches.changed += verdicts.changed
            batches.split += verdicts.split
            batches.false += verdicts.false
        }
        var settings = ChangeTraining.Settings()
        settings.changedPerImage = 20_000
        settings.unchangedPerImage = 40_000
        var images: [ImageEvaluation] = []
        for held in pairs {
            let others = pairs.filter { $0.name != held.name }.map { "OSCD-\($0.name)" }
            let model = try ChangeTraining.train(try DeterminedPatchExamples(batchCodes: others, bandMap: held.bandMap).examples(in: workspace).examples,
                                                 settings: settings)
            images += try ChangeEvaluation.evaluate([held], method: .model(model), minimumArea: Area(mu: 0.3)).images
        }
        let pixels = images.reduce(PixelScore()) { $0 + $1.pixels }
        let patches = images.compactMap(\.patches).reduce(PatchScore(), +)
        print(String(format: "OSCD from the verdicts (%d ministry patches; candidates %d changed, %d split, %d false): pooled P %.3f R %.3f F1 %.3f; patch recall %.2f (%d/%d), false-patch rate %.2f; %@",
                     batches.ministry, batches.changed, batches.split, batches.false, pixels.precision, pixels.recall, pixels.f1,
                     patches.recall, patches.objectsHit, patches.trueObjects, patches.falsePatchRate,
                     images.map { String(format: "%@ %.3f", $0.name, $0.pixels.f1) }.joined(separator: ", ")))
        #expect(pixels.f1 >= 0.45)
    }

    /// Imports batch OSCD-<city>: the labelled change objects as the ministry's patches and the change
    /// vector's candidates, with the city's images, and determines every patch from the labels.
    private func simulateFieldCheck(_ pair: LabelledPair, into workspace: Workspace, directory: TemporaryDirectory)
        throws -> (ministry: Int, changed: Int, split: Int, false: Int) {
        let images = try ImagePair(beforePath: pair.beforePath, afterPath: pair.afterPath, bandMap: pair.bandMap)
        let grid = images.grid
        let crs = try #require(grid.crs)
        let pixelArea = try #require(try CandidateExtraction.pixelArea(of: grid))
        let minimumPixels = CandidateExtraction.minimumPixels(for: Area(mu: 0.3), pixelArea: pixelArea)
        let labels = try pair.labels()
        let truth = try ByteRaster(path: nil, grid: grid, bands: 1)
        try truth.write(labels.map { $0 == 1 ? 1 : 0 }, window: PixelWindow(x: 0, y: 0, width: grid.width, height: grid.height), band: 1)
        try truth.sieve(band: 1, minimumPixels: minimumPixels)
        let objects = try truth.polygons(band: 1, summarising: []).map { try Geometry(wkb: $0.wkb).transformed(from: crs, to: .cgcs2000) }
        let raster = try ByteRaster(path: nil, grid: grid, bands: 3)
        try ChangeDetector(pair: images, scorer: .changeVector).run(into: raster)
        try CandidateExtraction.sieve(raster, minimumPixels: minimumPixels)
        let candidates = try CandidateExtraction.patches(in: raster)

        let batch = "OSCD-\(pair.name)"
        let path = directory.path("\(batch).gpkg")
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: "patches", crs: .cgcs2000, fields: [
            FieldDefinition("JCBH", .string(width: 40)), FieldDefinition("XZQDM", .string(width: 12)),
        ])
        var verdicts: [String: [DeterminationPartDraft]] = [:]
        var counts = (ministry: objects.count, changed: 0, split: 0, false: 0)
        for (number, object) in objects.enumerated() {
            let code = "\(batch)-M\(number + 1)"
            verdicts[code] = F.illegal
            try writer.write(geometry: object, attributes: ["JCBH": .string(code), "XZQDM": .string("440103")])
        }
        for (number, candidate) in candidates.enumerated() {
            let code = "\(batch)-AI\(number + 1)"
            let share = try changedShare(of: candidate.geometry.transformed(from: .cgcs2000, to: crs), labels: labels, grid: grid)
            switch share {
            case 0:
                verdicts[code] = F.other
                counts.false += 1
            case 0.5...:
                verdicts[code] = F.illegal
                counts.changed += 1
            default:
                verdicts[code] = [DeterminationPartDraft(area: .given(Area(squareMetres: share * candidate.area.squareMetres)), subtype: "WF01", documents: []),
                                  DeterminationPartDraft(area: .rest, subtype: "QT01", documents: [])]
                counts.split += 1
            }
            try writer.write(geometry: candidate.geometry, attributes: ["JCBH": .string(code), "XZQDM": .string("440103")])
        }
        try writer.finish()
        var job = PatchImport(path: path, batchCode: batch, codeField: "JCBH")
        job.regionField = "XZQDM"
        _ = try job.run(in: workspace)
        try workspace.addImagery(path: pair.beforePath, batch: batch, phase: .before, acquired: nil, name: "\(pair.name) t1")
        try workspace.addImagery(path: pair.afterPath, batch: batch, phase: .after, acquired: nil, name: "\(pair.name) t2")
        _ = try workspace.assign(batch: batch, dueInDays: 30, signature: F.assigner)
        for (code, parts) in verdicts.sorted(by: { $0.key < $1.key }) {
            let key = PatchKey(batch: batch, code: code)
            try workspace.recordVerification(key, F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
            _ = try workspace.determine(key, parts: parts, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"))
        }
        return counts
    }

    /// The share of a polygon's pixels (in the grid's CRS) that the labels mark as changed.
    private func changedShare(of polygon: Geometry, labels: [UInt8], grid: RasterGrid) throws -> Double {
        let window = try #require(polygon.envelope.flatMap(grid.window(covering:)))
        let x = max(0, window.x), y = max(0, window.y)
        let clipped = PixelWindow(x: x, y: y, width: min(grid.width, window.x + window.width) - x, height: min(grid.height, window.y + window.height) - y)
        let mask = try ByteRaster(path: nil, grid: grid.subgrid(clipped), bands: 1)
        try mask.burn(wkb: polygon.wkb, value: 1, band: 1)
        let inside = try mask.read(window: PixelWindow(x: 0, y: 0, width: clipped.width, height: clipped.height), band: 1)
        var pixels = 0, changed = 0
        for index in inside.indices where inside[index] == 1 {
            pixels += 1
            if labels[(clipped.y + index / clipped.width) * grid.width + clipped.x + index % clipped.width] == 1 { changed += 1 }
        }
        return pixels == 0 ? 0 : Double(changed) / Double(pixels)
    }
}
