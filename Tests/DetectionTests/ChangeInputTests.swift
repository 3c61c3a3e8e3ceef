import Foundation
import Geo
import GeoIO
import TestSupport
import Testing
@testable import Detection

@Suite struct ChangeInputTests {
    @Test func aBandMapIsReadInBandOrder() throws {
        let map = try BandMap(parsing: "blue, green,red,NIR")
        #expect(map.roles == [.blue, .green, .red, .nir])
        #expect(map.index(of: .nir) == 3)
    }

    @Test func aRoleNamedTwiceIsRefused() {
        #expect(throws: DetectionError.self) { try BandMap(parsing: "red,red,blue") }
    }

    @Test func anUnknownRoleIsRefusedWithTheRolesThereAre() {
        #expect { try BandMap(parsing: "red,purple") } throws: { error in
            "\(error)".contains("purple") && "\(error)".contains("swir1")
        }
    }

    @Test func sentinelBandDescriptionsGiveTheBandMap() {
        #expect(BandMap.described(by: ["B02", "B03", "B04", "B08"])?.roles == [.blue, .green, .red, .nir])
        #expect(BandMap.described(by: ["B1", "B2"]) == nil)
    }

    @Test func moreRolesThanBandsAreRefused() throws {
        let fixture = try PlantedPair()
        #expect(throws: DetectionError.self) {
            try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: try BandMap(parsing: "blue,green,red,nir"))
        }
    }

    @Test func imagesWithoutGeoreferenceOfDifferentSizesAreRefused() throws {
        let directory = TemporaryDirectory()
        for (name, width) in [("a.tif", 8), ("b.tif", 9)] {
            _ = try ByteRaster(path: directory.path(name), grid: try RasterGrid(width: width, height: 8), bands: 3)
        }
        #expect { try ImagePair(beforePath: directory.path("a.tif"), afterPath: directory.path("b.tif")) } throws: { error in
            guard case DetectionError.imagesDiffer = error else { return false }
            return true
        }
    }

    @Test func aWindowIsCutIntoPiecesEachInsideOneSampleWindowOrOutsideAll() throws {
        let cells = [PixelWindow(x: 0, y: 10, width: 40, height: 20), PixelWindow(x: 60, y: 10, width: 20, height: 20),
                     PixelWindow(x: 30, y: 40, width: 20, height: 5)]
        let sample = ImagePair.Sample(windows: cells, parts: cells.map { _ in ([], [], 0) })
        let pieces = sample.pieces(of: PixelWindow(x: 30, y: 5, width: 40, height: 45))
        #expect(pieces.map(\.window) == [
            PixelWindow(x: 30, y: 5, width: 40, height: 5),
            PixelWindow(x: 30, y: 10, width: 10, height: 20), PixelWindow(x: 40, y: 10, width: 20, height: 20),
            PixelWindow(x: 60, y: 10, width: 10, height: 20),
            PixelWindow(x: 30, y: 30, width: 40, height: 10),
            PixelWindow(x: 30, y: 40, width: 20, height: 5), PixelWindow(x: 50, y: 40, width: 20, height: 5),
            PixelWindow(x: 30, y: 45, width: 40, height: 5),
        ])
        #expect(pieces.map(\.part) == [nil, 0, nil, 1, nil, 2, nil, nil])
        #expect(sample.pieces(of: PixelWindow(x: 2, y: 12, width: 8, height: 4)).map(\.part) == [0])
        #expect(sample.pieces(of: PixelWindow(x: 0, y: 50, width: 8, height: 4)).map(\.part) == [nil])
    }

    @Test func partsCopiedFromTheSampleEqualPartsReadFromTheImages() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let pair = try fixture.pair()
        let windows = [PixelWindow(x: 0, y: 10, width: fixture.width, height: 20), PixelWindow(x: 0, y: 50, width: fixture.width, height: 7),
                       PixelWindow(x: 10, y: 60, width: 30, height: 12), PixelWindow(x: 64, y: 60, width: 32, height: 20)]
        let parts = try windows.map { window in
            let (before, after) = try pair.readPadded(window: window, halo: 0)
            return (before: before, after: after, pixels: window.pixelCount)
        }
        let sample = ImagePair.Sample(windows: windows, parts: parts)
        for (window, halo) in [(PixelWindow(x: 5, y: 0, width: 40, height: 60), 0), (PixelWindow(x: 20, y: 25, width: 30, height: 30), 7),
                               (PixelWindow(x: 0, y: 12, width: 96, height: 5), 0), (PixelWindow(x: 60, y: 45, width: 36, height: 35), 3),
                               (PixelWindow(x: 0, y: 55, width: 96, height: 25), 0), (PixelWindow(x: 12, y: 62, width: 8, height: 8), 0)] {
            let read = try pair.readPadded(window: window, halo: halo)
            let copied = try pair.readPadded(window: window, halo: halo, reusing: sample)
            #expect(copied.before == read.before && copied.after == read.after, "window \(window), halo \(halo)")
        }
    }

    @Test func anImageWithinTheBudgetIsSampledWholeInWholeWidthStrips() {
        let windows = ImagePair.sampleWindows(width: 1000, height: 600, block: (256, 256), budget: 600_000)
        #expect(windows == [PixelWindow(x: 0, y: 0, width: 1000, height: 256), PixelWindow(x: 0, y: 256, width: 1000, height: 256),
                            PixelWindow(x: 0, y: 512, width: 1000, height: 88)])
    }

    @Test func aLargeTiledImageIsSampledInWholeBlocksSpreadOverItsWidthAndHeight() {
        let windows = ImagePair.sampleWindows(width: 20_000, height: 20_000, block: (256, 256))
        let xs = Set(windows.map(\.x)), ys = Set(windows.map(\.y))
        #expect(windows.count == 64)
        #expect(xs.count == 8 && ys.count == 8)
        #expect(windows.allSatisfy { $0.x % 256 == 0 && $0.y % 256 == 0 && $0.width == 256 && $0.height == 256 })
        // Each of the eight the middle cell of its eighth of the lattice of 79 cells.
        #expect(xs.sorted() == [4, 14, 24, 34, 44, 54, 64, 74].map { $0 * 256 })
        #expect(ys == xs)
    }

    @Test func aLargeStripedImageIsSampledInRowsOfWholeStripsSpreadOverItsHeight() {
        let windows = ImagePair.sampleWindows(width: 20_000, height: 20_000, block: (20_000, 1))
        #expect(windows.count == 66)
        #expect(windows.allSatisfy { $0.x == 0 && $0.width == 20_000 && $0.height == 3 })
        #expect(windows.first!.y < 20_000 / 60 && windows.last!.y > 20_000 - 20_000 / 60)
        #expect(zip(windows, windows.dropFirst()).allSatisfy { $0.y + $0.height <= $1.y })
    }

    @Test func aLargeImageWrittenAsOneStripIsStillSampledInSmallCells() {
        let windows = ImagePair.sampleWindows(width: 8_000, height: 6_000, block: (8_000, 6_000))
        #expect(windows.count == 62)
        #expect(windows.allSatisfy { $0.x == 0 && $0.width == 8_000 && $0.height == 8 })
    }

    @Test func aPixelThatIsZeroInEveryBandOfAFilledDateIsNodataInBoth() {
        // Three pixels, two bands: 0 in the before image, 0 in the after image, one band at 0.
        func masked(_ dates: (before: Bool, after: Bool)) -> (before: [Float], after: [Float]) {
            var before: [Float] = [0, 5, 0, /* band 2 */ 0, 6, 7], after: [Float] = [3, 0, 0, /* band 2 */ 4, 0, 9]
            ImagePair.maskZeroFill(pixels: 3, bands: 2, &before, &after, dates: dates)
            return (before, after)
        }
        let both = masked((true, true))
        #expect(both.before[0].isNaN && both.before[3].isNaN && both.after[0].isNaN && both.after[3].isNaN)
        #expect(both.before[1].isNaN && both.before[4].isNaN && both.after[1].isNaN && both.after[4].isNaN)
        #expect(both.before[2] == 0 && both.before[5] == 7 && both.after[2] == 0 && both.after[5] == 9)
        let afterOnly = masked((false, true))
        #expect(afterOnly.before[0] == 0 && afterOnly.after[0] == 3 && afterOnly.before[1].isNaN && afterOnly.after[1].isNaN)
    }

    @Test func zerosAreFillWhereTheyAreAShareOfTheImageNotWhereTheyAreAPhotosFewBlackPixels() throws {
        let shadows = try PlantedPair { x, y, p in y == 40 && x < 10 ? (0, 0, 0) : p }
        let photo = try shadows.pair()
        _ = try photo.sample()
        #expect(photo.zeroFill?.before == false && photo.zeroFill?.after == false)
        let footprint = try PlantedPair { x, _, p in x >= 70 ? (0, 0, 0) : p }
        let scene = try footprint.pair()
        _ = try scene.sample()
        #expect(scene.zeroFill?.before == false && scene.zeroFill?.after == true)
    }

    @Test("In 16-bit imagery a sliver of zero fill, far under the share bytes need, is still fill",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gdal_translate"), "跳过：未安装 gdal_translate / skipped: gdal_translate (gdal-bin) not installed"))
    func aSliverOfZeroFillIsFillInSixteenBitImagery() throws {
        // Two columns of 30 rows on the after image's east edge: 60 of 7,680 pixels (0.8%), 240 m².
        let fixture = try PlantedPair { x, y, p in x >= 94 && y < 30 ? (0, 0, 0) : p }
        let bytes = try PlantedPair.patches(try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector), minimumArea: Area(mu: 0.3))
        #expect(bytes.count == 1)
        for path in [fixture.before, fixture.after] {
            let converted = try runTool("/usr/bin/gdal_translate", ["-q", "-ot", "UInt16", path, path + ".16.tif"])
            try #require(converted.status == 0, "\(converted.stderr)")
        }
        let pair = try ImagePair(beforePath: fixture.before + ".16.tif", afterPath: fixture.after + ".16.tif", bandMap: .rgb)
        #expect(pair.before.bitsPerSample == 16)
        let sixteen = try PlantedPair.patches(try ChangeDetector(pair: pair, scorer: .changeVector), minimumArea: Area(mu: 0.3))
        #expect(sixteen.isEmpty)
    }

    @Test func theUndeclaredFillBesideAnAfterScenesFootprintIsNoChange() throws {
        let fixture = try PlantedPair { x, y, p in x >= 70 ? (0, 0, 0) : ChangeDetectionTests.roof(x, y, p) }
        let patches = try PlantedPair.patches(try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector), minimumArea: Area(mu: 0.3))
        #expect(patches.count == 1)
        let patch = try #require(patches.first)
        #expect(try patch.geometry.intersects(try AreaOfInterestTests.lonLat(columns: 30..<50, rows: 24..<44)))
        #expect(try !patch.geometry.intersects(try AreaOfInterestTests.lonLat(columns: 70..<96, rows: 0..<80)))
    }

    @Test func imagesOfDifferentPlacesAreRefusedForHavingNoValidPixelInCommon() throws {
        let fixture = try PlantedPair(shift: 96)
        #expect(throws: DetectionError.noValidPixels) { try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector) }
    }

    @Test func aMissingImageSaysWhichFile() {
        #expect { try ImagePair(beforePath: "/nonexistent/before.tif", afterPath: "/nonexistent/after.tif") } throws: { error in
            "\(error)".contains("/nonexistent/before.tif")
        }
    }

    @Test func aSavedModelPredictsTheSameAfterLoading() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let model = try TrainedOnPlantedRoof.model(fixture)
        let directory = TemporaryDirectory()
        try model.save(to: directory.path("model.json"))
        let loaded = try ChangeModel.load(path: directory.path("model.json"))
        #expect(loaded.threshold == model.threshold)
        #expect(loaded.gate == model.gate)
        #expect(loaded.featureNames == model.featureNames)
        let first = try PlantedPair.detect(try ChangeDetector(pair: try fixture.pair(), scorer: .model(model)), tileSize: 512)
        let second = try PlantedPair.detect(try ChangeDetector(pair: try fixture.pair(), scorer: .model(loaded)), tileSize: 512)
        #expect(first == second)
    }

    @Test func aFileThatIsNotAModelIsRefused() throws {
        let directory = TemporaryDirectory()
        try Data("{\"format\": \"something-else\"}".utf8).write(to: URL(fileURLWithPath: directory.path("model.json")))
        #expect { try ChangeModel.load(path: directory.path("model.json")) } throws: { error in
            guard case DetectionError.model = error else { return false }
            return true
        }
    }

    @Test func aFolderGivenAsTheModelIsRefusedAsAFolder() throws {
        let directory = TemporaryDirectory()
        #expect(throws: DetectionError.model(path: directory.path(""), reason: "这是文件夹，不是模型文件 / this is a folder, not a model file")) {
            try ChangeModel.load(path: directory.path(""))
        }
    }

    @Test func aModelErrorGivesItsBilingualReasonOnceAfterABilingualHeading() {
        let error = DetectionError.model(path: "m.json", reason: "文件不存在 / no such file")
        #expect(error.description == "变化检测模型 m.json 不可用 / Change model m.json cannot be used: 文件不存在 / no such file")
    }

    @Test func aMissingModelFileIsRefusedAsMissing() throws {
        let path = TemporaryDirectory().path("model.json")
        #expect(throws: DetectionError.model(path: path, reason: "文件不存在 / no such file")) { try ChangeModel.load(path: path) }
    }

    @Test func aModelWithDamagedTreesIsRefusedWithXGBoostsOwnWordsAlone() throws {
        let directory = TemporaryDirectory()
        let features = "[\"\(ChangeModel.gateFeature)\"]"
        let document = "{\"format\": \"\(ChangeModel.format)\", \"version\": 1, \"bands\": \"red,green,blue\", \"features\": \(features), "
            + "\"threshold\": 0.5, \"gate\": 0, \"xgboost\": \"{\\\"learner\\\": [1, 2\"}"
        try Data(document.utf8).write(to: URL(fileURLWithPath: directory.path("model.json")))
        #expect { try ChangeModel.load(path: directory.path("model.json")) } throws: { error in
            guard case let DetectionError.model(path, reason) = error else { return false }
            return path == directory.path("model.json")
                && reason.hasSuffix("its XGBoost trees are damaged: Expecting: \",\", got: \"EOF\", around character position: 17")
        }
    }

    @Test func aModelForOtherBandsIsRefused() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let model = try TrainedOnPlantedRoof.model(fixture)
        let swapped = try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: try BandMap(parsing: "blue,green,red"))
        #expect(throws: DetectionError.self) { try ChangeDetector(pair: swapped, scorer: .model(model)) }
    }

    @Test func aModelFromAnotherFeatureSetIsRefusedWithWhatItLacks() throws {
        let fixture = try PlantedPair(change: ChangeDetectionTests.roof)
        let model = try TrainedOnPlantedRoof.model(fixture)
        let older = ChangeModel(bandMap: model.bandMap, featureNames: model.featureNames.filter { !$0.hasSuffix(".relative") },
                                threshold: model.threshold, gate: model.gate, trainedOn: [], trees: model.trees)
        #expect { try ChangeDetector(pair: try fixture.pair(), scorer: .model(older)) } throws: { error in
            guard case let DetectionError.modelFeaturesDiffer(missing) = error else { return false }
            return missing == ["magnitude.relative", "magnitude.mean7.relative", "magnitude.mean15.relative"]
                && "\(error)".contains("landwatch detect train")
        }
    }
}
