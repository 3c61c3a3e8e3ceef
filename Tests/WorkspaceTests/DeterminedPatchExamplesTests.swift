import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import TestSupport
import Testing
import Workspace

/// Training from a bureau's own verdicts: four patches of batch 2024M04, three under a 400 × 300 pixel
/// pair of about 2 m pixels (0.00002°). S01 is a new grey roof, determined 未批先建; S02 a dark patch
/// (a shadow), determined 伪变化; S03 is a grey roof not yet determined; S04 lies outside the imagery.
@Suite struct DeterminedPatchExamplesTests {
    typealias F = WorkflowFixture
    let directory = TemporaryDirectory("landwatch-learn")
    let workspace: Workspace
    let area = Envelope(minX: 113.298, minY: 23.098, maxX: 113.306, maxY: 23.104)

    init() throws {
        let specs = F.specs(["S01", "S02", "S03"], region: "440103") + F.specs(["S04"], region: "440103", row: 1)
        workspace = try F.workspace(specs, in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        for (name, phase) in [("before.tif", ImageryPhase.before), ("after.tif", .after)] {
            let canvas = try RasterCanvas(path: directory.path(name), crs: .cgcs2000, envelope: area, pixelSize: 0.00002, background: (60, 120, 50))
            if phase == .after {
                let patches = directory.path("\(F.batch)_卫片图斑.gpkg")
                try canvas.burn(vectorPath: patches, whereClause: "JCBH IN ('S01', 'S03')", colour: (200, 200, 200))
                try canvas.burn(vectorPath: patches, whereClause: "JCBH = 'S02'", colour: (20, 30, 25))
            }
            canvas.finish()
            try workspace.addImagery(path: directory.path(name), batch: F.batch, phase: phase, acquired: nil, name: phase.chineseName)
        }
    }

    private func determine(_ verdicts: [(String, [DeterminationPartDraft])]) throws {
        for (code, parts) in verdicts { try F.approve(code, as: parts, in: workspace) }
    }

    @Test func theTilesADeterminedPatchTouchesAreLabelledByItsVerdict() throws {
        try determine([("S01", F.illegal), ("S02", F.other), ("S04", F.illegal)])
        let (examples, summary) = try DeterminedPatchExamples(batchCodes: [F.batch]).examples(in: workspace)
        #expect(summary == DeterminedPatchExamples.Summary(changedPatches: 1, noChangePatches: 1, withoutImagery: 1,
                                                             changedPixels: 2500, unchangedPixels: 256 * 256 - 2500))
        let example = try #require(examples.first)
        #expect(examples.count == 1)
        #expect(example.name == "\(F.batch) 前时相 → 后时相")
        guard case .windows(let windows) = example.labels else { Issue.record("whole-image labels"); return }
        // S01 and S02 lie in the first tile (columns 100–249, rows 150–199); S03, undetermined, alone in
        // the second, which is therefore not learnt from.
        #expect(windows.map(\.window) == [PixelWindow(x: 0, y: 0, width: 256, height: 256)])
        let values = windows[0].values
        #expect(values[175 * 256 + 125] == 1)
        #expect(values[175 * 256 + 225] == 0)
        #expect(values[10 * 256 + 10] == 0)
    }

    @Test func undeterminedPatchesBesideADeterminedOneAreNotLearntFrom() throws {
        try determine([("S02", F.illegal)])
        var job = DeterminedPatchExamples(batchCodes: [F.batch])
        job.tileSize = 400
        let (examples, _) = try job.examples(in: workspace)
        guard case .windows(let windows) = try #require(examples.first).labels else { Issue.record("whole-image labels"); return }
        #expect(windows.count == 1)
        let values = windows[0].values
        #expect(values[175 * 400 + 125] == 255 && values[175 * 400 + 225] == 1 && values[175 * 400 + 325] == 255)
        #expect(values.filter { $0 == 255 }.count == 2 * 2500)
        #expect(values.filter { $0 == 1 }.count == 2500)
    }

    @Test func aPatchSplitBetweenChangeAndNoChangeIsNotLearntFrom() throws {
        let split = [DeterminationPartDraft(area: .given(Area(squareMetres: 2000)), subtype: "WF01", documents: []),
                     DeterminationPartDraft(area: .rest, subtype: "QT01", documents: [])]
        try determine([("S01", split), ("S02", F.other), ("S03", F.illegal)])
        let (examples, summary) = try DeterminedPatchExamples(batchCodes: [F.batch]).examples(in: workspace)
        #expect(summary.mixedPatches == 1 && summary.noChangePatches == 1 && summary.changedPatches == 1)
        guard case .windows(let windows) = try #require(examples.first).labels else { Issue.record("whole-image labels"); return }
        #expect(windows.map(\.window) == [PixelWindow(x: 0, y: 0, width: 256, height: 256), PixelWindow(x: 256, y: 0, width: 144, height: 256)])
        #expect(windows[0].values[175 * 256 + 125] == 255 && windows[0].values[175 * 256 + 225] == 0)
        #expect(windows[1].values[175 * 144 + 325 - 256] == 1)
    }

    @Test func aModelTrainedOnTheVerdictsFindsTheRoofAndNotTheShadowJudgedFalse() throws {
        try determine([("S01", F.illegal), ("S02", F.other)])
        let found = try changedCentres(afterTraining: try DeterminedPatchExamples(batchCodes: [F.batch]).examples(in: workspace).examples)
        #expect(found == ["S01": true, "S02": false, "S03": true])
    }

    @Test func theSameShadowJudgedIllegalIsLearntAsChange() throws {
        try determine([("S01", F.illegal), ("S02", F.illegal)])
        let found = try changedCentres(afterTraining: try DeterminedPatchExamples(batchCodes: [F.batch]).examples(in: workspace).examples)
        #expect(found == ["S01": true, "S02": true, "S03": true])
    }

    @Test func aBatchWhoseVerdictsAreAllNoChangeHasNothingToLearnAndSaysWhy() throws {
        try determine([("S02", F.other), ("S04", F.illegal)])
        #expect(throws: WorkspaceError.noChangeToLearn(batches: F.batch, noChange: 1, withoutImagery: 1)) {
            try DeterminedPatchExamples(batchCodes: [F.batch]).examples(in: workspace)
        }
    }

    /// Trains a model on `examples`, runs it over the pair, and says whether each patch's centre pixel came out changed.
    private func changedCentres(afterTraining examples: [ChangeTraining.Example]) throws -> [String: Bool] {
        var settings = ChangeTraining.Settings()
        settings.rounds = 40
        let model = try ChangeTraining.train(examples, settings: settings)
        let pair = try ImagePair(beforePath: directory.path("before.tif"), afterPath: directory.path("after.tif"), bandMap: model.bandMap)
        let raster = try ByteRaster(path: nil, grid: pair.grid, bands: 3)
        try ChangeDetector(pair: pair, scorer: .model(model)).run(into: raster)
        let mask = try raster.read(window: PixelWindow(x: 0, y: 0, width: 400, height: 300), band: 1)
        return ["S01": mask[175 * 400 + 125] == 1, "S02": mask[175 * 400 + 225] == 1, "S03": mask[175 * 400 + 325] == 1]
    }
}
