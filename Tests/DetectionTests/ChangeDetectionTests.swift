import Foundation
import Geo
import GeoIO
import Testing
@testable import Detection

@Suite struct ChangeDetectionTests {
    /// A 20 × 20 pixel grey roof (40 m × 40 m = 1,600 m²) planted into the after image.
    static func roof(_ x: Int, _ y: Int, _ p: (UInt8, UInt8, UInt8)) -> (UInt8, UInt8, UInt8) {
        PlantedPair.inSquare(x, y, x: 30, y: 24, side: 20) ? (205, 205, 210) : p
    }

    @Test func theChangeVectorKeepsGDALsFloorOfBlockCacheAndTheModelARowOfTilesOfBothDates() throws {
        let wide = try PlantedPair(width: 4_000, height: 8)
        let pair = try wide.pair()
        #expect(ChangeDetector.blockCacheBytes(for: pair, scorer: .changeVector) == 64 << 20)
        let model = try TrainedOnPlantedRoof.model(try PlantedPair(change: Self.roof))
        let tileSize = 512, halo = ChangeFeatures.contextRadius + TileScorer.smoothingRadius
        let row = 2 * 4_000 * 3 * 4 * (tileSize + 2 * halo)
        #expect(ChangeDetector.blockCacheBytes(for: pair, scorer: .model(model), tileSize: tileSize) >= max(row, 64 << 20))
    }

    @Test func identicalImagesGiveNoPatch() throws {
        let fixture = try PlantedPair()
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        #expect(try PlantedPair.patches(detector, minimumArea: Area(mu: 0.3)).isEmpty)
    }

    @Test func aPlantedRoofBecomesOnePatchOfItsAreaAndTypeConstruction() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        let patches = try PlantedPair.patches(detector, minimumArea: Area(mu: 0.3))
        #expect(patches.count == 1)
        let patch = try #require(patches.first)
        #expect(patch.pixelCount == 400)
        #expect(abs(patch.area.squareMetres - 1_600) / 1_600 < 1e-6)
        #expect(patch.changeType == .construction)
    }

    @Test func aChangeBelowTheMinimumMappingUnitIsSievedOut() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        #expect(try PlantedPair.patches(detector, minimumArea: Area(squareMetres: 1_700)).isEmpty)
    }

    @Test func aSensitivityOfTwoHalvesTheThreshold() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let standard = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        let keener = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector, sensitivity: 2)
        #expect(keener.threshold == standard.threshold / 2)
    }

    @Test func aHigherSensitivityKeepsEveryChangeAndFindsAFainterOne() throws {
        let fixture = try PlantedPair { x, y, p in
            if PlantedPair.inSquare(x, y, x: 8, y: 8, side: 12) { return (p.0 &+ 30, p.1 &+ 30, p.2 &+ 30) }
            return Self.roof(x, y, p)
        }
        let standard = try PlantedPair.detect(try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector), tileSize: 512)[0]
        let keener = try PlantedPair.detect(try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector, sensitivity: 4), tileSize: 512)[0]
        #expect(zip(standard, keener).allSatisfy { $0 == 0 || $1 == 1 })
        #expect(keener.filter { $0 == 1 }.count > standard.filter { $0 == 1 }.count)
    }

    @Test func aSensitivityOfZeroIsRefused() throws {
        let fixture = try PlantedPair()
        #expect { try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector, sensitivity: 0) } throws: { error in
            guard case DetectionError.invalidSensitivity(0) = error else { return false }
            return true
        }
    }

    @Test func freshEarthIsTypedAsBareSoil() throws {
        let fixture = try PlantedPair { x, y, p in PlantedPair.inSquare(x, y, x: 10, y: 10, side: 16) ? (170, 120, 80) : p }
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        #expect(try PlantedPair.patches(detector, minimumArea: Area(mu: 0.3)).map(\.changeType) == [.bareSoil])
    }

    @Test func anAfterImageOnAShiftedGridIsWarpedBackAndShowsNoChange() throws {
        let fixture = try PlantedPair(shift: 3)
        let pair = try fixture.pair()
        #expect(pair.after.grid == pair.before.grid)
        let detector = try ChangeDetector(pair: pair, scorer: .changeVector)
        #expect(try PlantedPair.detect(detector, tileSize: 512)[0].allSatisfy { $0 == 0 })
    }

    @Test func theChangeVectorResultIsTheSameWhateverTheTileSize() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        let whole = try PlantedPair.detect(detector, tileSize: 512)
        #expect(try PlantedPair.detect(detector, tileSize: 16) == whole)
        #expect(try PlantedPair.detect(detector, tileSize: 37) == whole)
    }

    @Test func theChangeVectorScoresATileInChunksWithTheResultOfSmallTiles() throws {
        // 200 × 100 pixels in one tile of 512 are three chunks (8,192, 8,192 and 3,616 pixels); the
        // first ends in row 40 at column 192, so the roof's rows 24–43 fall in two of them. Tiles of
        // 16 are one chunk each.
        let fixture = try PlantedPair(width: 200, height: 100, change: Self.roof)
        #expect(TileScorer.changeVectorChunk == 8_192)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        let whole = try PlantedPair.detect(detector, tileSize: 512)
        let roof = (0..<20_000).filter { PlantedPair.inSquare($0 % 200, $0 / 200, x: 30, y: 24, side: 20) }
        #expect(whole[0].indices.filter { whole[0][$0] == 1 } == roof)
        #expect(roof.allSatisfy { whole[1][$0] == UInt8(ChangeType.construction.rawValue) && whole[2][$0] >= 128 })
        #expect(try PlantedPair.detect(detector, tileSize: 16) == whole)
    }

    @Test func oneWorkerAndFourWorkersWriteTheSameRaster() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .model(try TrainedOnPlantedRoof.model(fixture)))
        #expect(try PlantedPair.detect(detector, tileSize: 24, threads: 1) == PlantedPair.detect(detector, tileSize: 24, threads: 4))
    }

    @Test func progressReachesEveryTile() throws {
        let fixture = try PlantedPair()
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector)
        var last = (0, 0)
        try detector.run(into: try ByteRaster(path: nil, grid: fixture.pair().grid, bands: 3), tileSize: 32) { last = ($0, $1) }
        #expect(last == (9, 9))
    }

    @Test func withoutRegionGrowthEveryChangedPixelReachesTheModelsThreshold() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .model(try TrainedOnPlantedRoof.model(fixture)), regionGrowth: 1)
        let bands = try PlantedPair.detect(detector, tileSize: 512)
        let cut = UInt8((detector.threshold * 255).rounded())
        #expect(bands[0].contains(1))
        // The confidence band is the probability in 1/255 steps: a pixel one step above is changed, one below is not.
        #expect(zip(bands[0], bands[2]).allSatisfy { mask, confidence in
            (mask == 1 && confidence >= cut) || (mask == 0 && confidence <= cut)
        })
    }

    @Test func regionGrowthExtendsOnlyTheRegionsThatReachTheThreshold() throws {
        // The roof, and apart from it a faint grey square.
        let fixture = try PlantedPair { x, y, p in
            PlantedPair.inSquare(x, y, x: 72, y: 55, side: 10) ? (150, 150, 150) : Self.roof(x, y, p)
        }
        // Taught that the roof and a 4-pixel ring of field around it changed, in 4 rounds, the model
        // scores the ring and the field near it in between.
        let model = try TrainedOnPlantedRoof.model(fixture, square: (x: 26, y: 20, side: 28), rounds: 4)
        let plain = try PlantedPair.detect(try ChangeDetector(pair: try fixture.pair(), scorer: .model(model), regionGrowth: 1), tileSize: 512)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .model(model), regionGrowth: 2)
        let grown = try PlantedPair.detect(detector, tileSize: 512)
        let (mask, confidence) = (grown[0], grown[2])
        let cut = UInt8((detector.threshold * 255).rounded()), low = UInt8((detector.threshold / 2 * 255).rounded())
        #expect(zip(plain[0], mask).allSatisfy { $0 == 0 || $1 == 1 }, "growth keeps every pixel at the threshold")
        #expect(zip(mask, confidence).allSatisfy { $0 == 0 || $1 >= low }, "and adds none below half of it")
        let added = zip(plain[0], mask).filter { $0 == 0 && $1 == 1 }.count
        let left = zip(mask, confidence).filter { $0 == 0 && $1 > low }.count
        #expect(added > 0, "growth adds pixels between half the threshold and the threshold")
        #expect(left > 0, "but not those of regions that never reach the threshold")
        // Every 8-connected region of the grown mask holds a pixel at the threshold.
        var seen = [Bool](repeating: false, count: mask.count)
        for start in mask.indices where mask[start] == 1 && !seen[start] {
            var stack = [start], peak: UInt8 = 0
            seen[start] = true
            while let i = stack.popLast() {
                peak = max(peak, confidence[i])
                let (x, y) = (i % fixture.width, i / fixture.width)
                for dy in -1...1 { for dx in -1...1 {
                    let (nx, ny) = (x + dx, y + dy)
                    guard (0..<fixture.width).contains(nx), (0..<fixture.height).contains(ny) else { continue }
                    let n = ny * fixture.width + nx
                    if mask[n] == 1 && !seen[n] { seen[n] = true; stack.append(n) }
                } }
            }
            #expect(peak >= cut, "the region at pixel \(start) peaks at \(peak), below \(cut)")
        }
    }

    @Test func confidenceBytesRoundHalfAwayFromZeroAsFloatRoundedDoes() {
        // Around each half step, including 0.49999997, where v + 0.5 itself rounds up to 1.
        let bytesTimes255: [Float] = [0, 0.49999997, 0.5, 1.5, 2.5, 127.5, 254.5, 255, 306, -76.5]
        var shares: [Float] = bytesTimes255.map { $0 / 255 } + [.nan, .infinity]
        for k in 0..<256 {
            let half = Float(k) + 0.5
            shares += [half / 255, half.nextDown / 255, half.nextUp / 255]
        }
        let all = shares
        let expected = all.map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }
        #expect(TileScorer.bytes(all) { $0 } == expected)
    }

    @Test func aRegionGrowthBelowOneIsRefused() throws {
        let fixture = try PlantedPair()
        #expect { try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector, regionGrowth: 0.5) } throws: { error in
            guard case DetectionError.invalidRegionGrowth(0.5) = error else { return false }
            return true
        }
    }

    @Test func theModelResultIsTheSameWhateverTheTileSize() throws {
        let fixture = try PlantedPair(change: Self.roof)
        let model = try TrainedOnPlantedRoof.model(fixture)
        let detector = try ChangeDetector(pair: try fixture.pair(), scorer: .model(model))
        let whole = try PlantedPair.detect(detector, tileSize: 512)
        #expect(whole[0].contains(1))
        #expect(try PlantedPair.detect(detector, tileSize: 16) == whole)
        #expect(try PlantedPair.detect(detector, tileSize: 29) == whole)
    }
}

enum TrainedOnPlantedRoof {
    /// A small model trained on the fixture with `square` labelled changed (by default the planted
    /// roof itself) and the rest unchanged.
    static func model(_ fixture: PlantedPair, square: (x: Int, y: Int, side: Int) = (30, 24, 20), rounds: Int = 12) throws -> ChangeModel {
        let labels: [UInt8] = (0..<(fixture.width * fixture.height)).map {
            PlantedPair.inSquare($0 % fixture.width, $0 / fixture.width, x: square.x, y: square.y, side: square.side) ? 1 : 0
        }
        let pair = LabelledPair(name: "planted", beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb,
                                reference: .binary(path: fixture.before), pixelSizeMetres: PlantedPair.pixelSize)
        var settings = ChangeTraining.Settings()
        settings.rounds = rounds
        return try ChangeTraining.train([.init(pair: pair, labels: labels)], settings: settings)
    }
}

@Suite struct CoregistrationTests {
    /// The after image shows the ground two pixels further south-east than its georeference says,
    /// so it must be read two pixels up and to the left.
    @Test func aTwoPixelMisregistrationIsFoundAndRemoved() throws {
        let fixture = try PlantedPair(width: 160, height: 120, misregistration: 2)
        let pair = try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb, coregister: true)
        #expect(abs(pair.shift.columns + 2) < 0.1)
        #expect(abs(pair.shift.rows + 2) < 0.1)
        let aligned = try PlantedPair.detect(try ChangeDetector(pair: pair, scorer: .changeVector), tileSize: 512)[0]
        let raw = try PlantedPair.detect(try ChangeDetector(pair: try fixture.pair(), scorer: .changeVector), tileSize: 512)[0]
        #expect(aligned.filter { $0 == 1 }.count * 10 < raw.filter { $0 == 1 }.count)
    }

    @Test func alignedImagesAreLeftWhereTheyAre() throws {
        let fixture = try PlantedPair(width: 160, height: 120, change: ChangeDetectionTests.roof)
        let pair = try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb, coregister: true)
        #expect(pair.shift == (0, 0))
    }

    @Test func workersReadTheShiftedAfterImageToo() throws {
        let fixture = try PlantedPair(width: 160, height: 120, misregistration: 2)
        let detector = try ChangeDetector(pair: try ImagePair(beforePath: fixture.before, afterPath: fixture.after, bandMap: .rgb, coregister: true),
                                          scorer: .changeVector)
        #expect(try PlantedPair.detect(detector, tileSize: 40, threads: 1) == PlantedPair.detect(detector, tileSize: 40, threads: 3))
    }
}
