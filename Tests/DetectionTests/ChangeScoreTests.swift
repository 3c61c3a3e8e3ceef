import Testing
@testable import Detection

@Suite struct ChangeScoreTests {
    @Test func pixelScoresCountOnlyLabelledPixels() {
        let score = PixelScore(predicted: [1, 1, 0, 0, 1, 0], reference: [1, 0, 1, 0, 255, 255])
        #expect(score == PixelScore(truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 1))
        #expect(score.precision == 0.5)
        #expect(score.recall == 0.5)
        #expect(score.f1 == 0.5)
        #expect(abs(score.iou - 1.0 / 3.0) < 1e-12)
    }

    @Test func pooledScoresSumTheCountsBeforeTheRatios() {
        let a = PixelScore(truePositives: 9, falsePositives: 1, falseNegatives: 0, trueNegatives: 90)
        let b = PixelScore(truePositives: 1, falsePositives: 0, falseNegatives: 9, trueNegatives: 90)
        #expect((a + b).f1 == 20.0 / 30.0)
    }

    @Test func patchScoresCountObjectsHitAndPatchesTouchingNoChange() {
        // 6 × 4 grid: a 4-pixel true object (hit), a 1-pixel true object (below 2 pixels, not
        // counted), and one predicted patch on unchanged land.
        let reference: [UInt8] = [
            1, 1, 0, 0, 0, 0,
            1, 1, 0, 0, 0, 1,
            0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0,
        ]
        let predicted: [UInt8] = [
            0, 0, 0, 0, 0, 0,
            0, 1, 0, 0, 0, 0,
            0, 0, 0, 1, 1, 0,
            0, 0, 0, 0, 0, 0,
        ]
        let score = PatchScore(predicted: predicted, reference: reference, width: 6, minimumPixels: 2)
        #expect(score == PatchScore(trueObjects: 1, objectsHit: 1, predictedPatches: 2, falsePatches: 1))
        #expect(score.recall == 1)
        #expect(score.falsePatchRate == 0.5)
    }

    @Test func largerTrueObjectsAreCountedAgainInEachSizeClassTheyReach() {
        let reference: [UInt8] = [
            1, 1, 0, 1, 1, 0, 0, 0,
            0, 0, 0, 1, 1, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0,
            1, 1, 1, 1, 1, 1, 0, 0,
        ]
        let predicted: [UInt8] = [
            1, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 1,
            0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 1, 0, 0,
        ]
        let score = PatchScore(predicted: predicted, reference: reference, width: 8, minimumPixels: 2, sizes: [(1, 4), (5, 6)])
        #expect(score == PatchScore(trueObjects: 3, objectsHit: 2, predictedPatches: 3, falsePatches: 1,
                                    bySize: [.init(minimumMu: 1, objects: 2, hit: 1), .init(minimumMu: 5, objects: 1, hit: 1)]))
        let pooled = PatchScore() + score + score
        #expect(pooled.bySize == [.init(minimumMu: 1, objects: 4, hit: 2), .init(minimumMu: 5, objects: 2, hit: 2)])
        #expect(pooled.bySize[0].recall == 0.5)
    }

    @Test func diagonalNeighboursAreOneRegion() {
        let regions = ConnectedRegions([true, false, false, true], width: 2)
        #expect(regions.count == 1)
        #expect(regions.sizes == [2])
    }

    @Test func otsuSplitsTwoSeparatedModesBetweenThem() {
        var histogram = [Int](repeating: 0, count: 100)
        histogram[10] = 500
        histogram[80] = 100
        let threshold = Otsu.threshold(histogram: histogram, lower: 0, upper: 100)
        #expect(threshold > 10 && threshold <= 80)
    }
}
