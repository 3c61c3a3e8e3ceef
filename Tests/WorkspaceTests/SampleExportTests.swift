import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import TestSupport
import Testing
import Workspace

/// The sample library of a batch with three determined patches, two of them under registered imagery.
@Suite struct SampleExportTests {
    typealias F = WorkflowFixture
    let directory = TemporaryDirectory("landwatch-samples")
    let workspace: Workspace

    init() throws {
        let specs = F.specs(["S01", "S02"], region: "440103") + F.specs(["S03"], region: "440103", row: 1)
        workspace = try F.workspace(specs, in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try F.approve("S01", as: F.illegal, in: workspace)
        try F.approve("S02", as: F.legal, in: workspace)
        try F.approve("S03", as: F.other, in: workspace)
        // Imagery around S01 and S02 only, about 2 m pixels; the after image has the patches burnt in grey.
        let area = Envelope(minX: 113.298, minY: 23.098, maxX: 113.306, maxY: 23.104)
        for (name, phase) in [("before.tif", ImageryPhase.before), ("after.tif", .after)] {
            let canvas = try RasterCanvas(path: directory.path(name), crs: .cgcs2000, envelope: area, pixelSize: 0.00002, background: (60, 120, 50))
            if phase == .after { try canvas.burn(vectorPath: directory.path("\(F.batch)_卫片图斑.gpkg"), colour: (200, 200, 200)) }
            canvas.finish()
            try workspace.addImagery(path: directory.path(name), batch: F.batch, phase: phase, acquired: nil, name: nil)
        }
    }

    @Test func eachDeterminedPatchUnderImageryBecomesAChipPairAndAMask() throws {
        let out = directory.path("samples")
        var job = SampleExport(batchCode: F.batch, outputDirectory: out)
        job.chipSize = 64
        let statistics = try job.run(in: workspace)
        #expect(statistics.samples == 2)
        #expect(statistics.withoutImagery == 1)
        #expect(statistics.byCategory["违法"]?.samples == 1)
        #expect(statistics.byCategory["合法"]?.samples == 1)
        #expect(F.files(under: URL(fileURLWithPath: out)) == [
            "A/S01.png", "A/S02.png", "B/S01.png", "B/S02.png", "index.geojson", "label/S01.png", "label/S02.png", "statistics.json",
        ])
    }

    @Test func theMaskCoversThePatchAndTheAfterChipShowsIt() throws {
        let out = directory.path("samples")
        var job = SampleExport(batchCode: F.batch, outputDirectory: out)
        job.chipSize = 64
        _ = try job.run(in: workspace)
        let whole = PixelWindow(x: 0, y: 0, width: 64, height: 64)
        let mask = try RasterSource(path: "\(out)/label/S01.png").read(window: whole, bands: [1])
        let after = try RasterSource(path: "\(out)/B/S01.png").read(window: whole, bands: [1])
        let before = try RasterSource(path: "\(out)/A/S01.png").read(window: whole, bands: [1])
        // The 0.001° patch is ≈ 50 chip pixels wide: the chip (64 px) holds all of it, centred.
        let inside = mask.indices.filter { mask[$0] == 255 }
        #expect(inside.count > 40 * 40 && inside.count < 56 * 56)
        #expect(mask[32 * 64 + 32] == 255 && mask[0] == 0)
        #expect(inside.allSatisfy { after[$0] == 200 && before[$0] == 60 })
    }

    @Test func aPatchDeterminedAsFalseChangeHasAnEmptyMask() throws {
        // S03 (伪变化) gets imagery too, around it at 0.1° further east.
        let area = Envelope(minX: 113.398, minY: 23.098, maxX: 113.406, maxY: 23.104)
        for (name, phase) in [("before-east.tif", ImageryPhase.before), ("after-east.tif", .after)] {
            let canvas = try RasterCanvas(path: directory.path(name), crs: .cgcs2000, envelope: area, pixelSize: 0.00002, background: (60, 120, 50))
            canvas.finish()
            try workspace.addImagery(path: directory.path(name), batch: F.batch, phase: phase, acquired: nil, name: nil)
        }
        let out = directory.path("samples")
        var job = SampleExport(batchCode: F.batch, outputDirectory: out)
        job.chipSize = 64
        #expect(try job.run(in: workspace).samples == 3)
        let whole = PixelWindow(x: 0, y: 0, width: 64, height: 64)
        #expect(try RasterSource(path: "\(out)/label/S03.png").read(window: whole, bands: [1]).allSatisfy { $0 == 0 })
        #expect(try RasterSource(path: "\(out)/label/S01.png").read(window: whole, bands: [1]).contains(255))
    }

    /// A workspace whose batch has one determined patch, S01, under a 4-band (blue, green, red, NIR)
    /// pair whose bands are each one value: 10, 20, 30, 40.
    private func fourBandWorkspace(in bare: TemporaryDirectory) throws -> Workspace {
        let workspace = try F.workspace(F.specs(["S01"], region: "440103"), in: bare)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try F.approve("S01", as: F.illegal, in: workspace)
        let grid = try RasterGrid(width: 400, height: 300, origin: Coordinate(x: 113.298, y: 23.104), pixelSize: 0.00002, crs: .cgcs2000)
        for (name, phase) in [("before-4.tif", ImageryPhase.before), ("after-4.tif", .after)] {
            do {
                let raster = try ByteRaster(path: bare.path(name), grid: grid, bands: 4)
                for band in 1...4 {
                    try raster.write([UInt8](repeating: UInt8(10 * band), count: grid.pixelCount),
                                     window: PixelWindow(x: 0, y: 0, width: 400, height: 300), band: band)
                }
            }
            try workspace.addImagery(path: bare.path(name), batch: F.batch, phase: phase, acquired: nil, name: nil)
        }
        return workspace
    }

    @Test func theBandMapPutsRedGreenAndBlueIntoTheChips() throws {
        let bare = TemporaryDirectory("landwatch-samples")
        var job = SampleExport(batchCode: F.batch, outputDirectory: bare.path("samples"))
        job.chipSize = 64
        job.bandMap = try BandMap(parsing: "blue,green,red,nir")
        _ = try job.run(in: try fourBandWorkspace(in: bare))
        let chip = try RasterSource(path: bare.path("samples/A/S01.png"))
        #expect(try chip.read(window: PixelWindow(x: 32, y: 32, width: 1, height: 1), bands: [1, 2, 3]) == [30, 20, 10])
    }

    @Test func withoutABandMapOrDescriptionsTheFirstThreeBandsAreTheChips() throws {
        let bare = TemporaryDirectory("landwatch-samples")
        var job = SampleExport(batchCode: F.batch, outputDirectory: bare.path("samples"))
        job.chipSize = 64
        _ = try job.run(in: try fourBandWorkspace(in: bare))
        let chip = try RasterSource(path: bare.path("samples/A/S01.png"))
        #expect(try chip.read(window: PixelWindow(x: 32, y: 32, width: 1, height: 1), bands: [1, 2, 3]) == [10, 20, 30])
    }

    @Test func aBandMapLongerThanTheImageIsRefused() throws {
        var job = SampleExport(batchCode: F.batch, outputDirectory: directory.path("samples"))
        job.bandMap = try BandMap(parsing: "blue,green,red,nir")
        #expect(throws: GeoIOError.self) { try job.run(in: workspace) }
        #expect(!FileManager.default.fileExists(atPath: directory.path("samples")))
    }

    @Test func anExistingFolderIsNotOverwritten() throws {
        let out = directory.path("taken")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: "\(out)/notes.txt"))
        #expect(throws: WorkspaceError.outputExists(path: URL(fileURLWithPath: out).standardizedFileURL.path)) {
            try SampleExport(batchCode: F.batch, outputDirectory: out).run(in: workspace)
        }
        #expect(F.files(under: URL(fileURLWithPath: out)) == ["notes.txt"])
    }

    @Test func aBatchWithoutImageryExportsNothingAndSaysWhy() throws {
        let bare = TemporaryDirectory("landwatch-samples")
        let workspace = try F.workspace(F.specs(["S01"], region: "440103"), in: bare)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try F.approve("S01", as: F.illegal, in: workspace)
        let out = bare.path("samples")
        #expect(throws: WorkspaceError.noSamples(batch: F.batch, determined: 1)) {
            try SampleExport(batchCode: F.batch, outputDirectory: out).run(in: workspace)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(F.files(under: bare.url).allSatisfy { !$0.contains(".landwatch-samples") })
    }
}
