import Testing
@testable import Detection

/// The magnitudes relative to the pair's typical magnitude: how unusual a pixel's change is for its pair.
@Suite struct ChangeFeaturesTests {
    static let side = 100
    static let bands = try! BandMap(parsing: "blue,green,red,nir")

    /// A deterministic texture in [0, 100) per band and pixel (a linear congruential sequence).
    static func texture(seed: UInt32) -> [Float] {
        var state = seed
        return (0..<(bands.count * side * side)).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(state >> 8) / Float(1 << 24) * 100
        }
    }

    /// `before` with every pixel moved by up to ±`noise` and the 20 × 20 block at (40, 40) raised by 60
    /// in every band: a new roof in a pair that differs elsewhere by `noise`.
    static func after(_ before: [Float], noise: Float) -> [Float] {
        let jitter = texture(seed: 7)
        let pixels = side * side
        return before.indices.map { i in
            let pixel = i % pixels, x = pixel % side, y = pixel / side
            let roof: Float = (40..<60).contains(x) && (40..<60).contains(y) ? 60 : 0
            return before[i] + (jitter[i] / 50 - 1) * noise + roof
        }
    }

    static func feature(_ name: String, at pixel: (x: Int, y: Int), before: [Float], after: [Float]) throws -> (value: Float, features: ChangeFeatures) {
        let features = ChangeFeatures(bandMap: bands, sample: [(before, after, side * side)])
        let planes = features.planes(before: before, after: after, pixels: side * side)
        let r = ChangeFeatures.contextRadius
        let region = (x: r, y: r, width: side - 2 * r, height: side - 2 * r)
        let rows = features.rows(planes, width: side, height: side, region: region)
        let column = try #require(features.names.firstIndex(of: name))
        let row = (pixel.y - r) * region.width + (pixel.x - r)
        return (rows[row * features.names.count + column], features)
    }

    @Test func identicalDatesTakeTheFloorAsTheirTypicalMagnitude() throws {
        let before = Self.texture(seed: 1)
        let (relative, features) = try Self.feature("magnitude.relative", at: (50, 50), before: before, after: before)
        #expect(features.typicalMagnitude == 0.05)
        #expect(relative == 0)
    }

    @Test func theSameRoofIsMoreUnusualInAPairThatOtherwiseChangedLittle() throws {
        let before = Self.texture(seed: 1)
        let quiet = try Self.feature("magnitude.relative", at: (50, 50), before: before, after: Self.after(before, noise: 2))
        let hazy = try Self.feature("magnitude.relative", at: (50, 50), before: before, after: Self.after(before, noise: 25))
        #expect(quiet.features.typicalMagnitude < hazy.features.typicalMagnitude)
        #expect(quiet.value > 2 * hazy.value)
    }

    @Test func gatedRowsAreTheRowsWhoseGateFeatureReachesTheGateInTheSameOrder() throws {
        // The gate is tested inside `rows(…, gate:)` on the 7 × 7 mean magnitude; a model filters on
        // its `gateFeature` column. The two must pick the same pixels.
        let before = Self.texture(seed: 1), after = Self.after(before, noise: 10)
        let features = ChangeFeatures(bandMap: Self.bands, sample: [(before, after, Self.side * Self.side)])
        let planes = features.planes(before: before, after: after, pixels: Self.side * Self.side)
        let r = ChangeFeatures.contextRadius, columns = features.names.count
        let region = (x: r, y: r, width: Self.side - 2 * r, height: Self.side - 2 * r)
        let all = features.rows(planes, width: Self.side, height: Self.side, region: region)
        let column = try #require(features.names.firstIndex(of: ChangeModel.gateFeature))
        let levels = (0..<(region.width * region.height)).map { all[$0 * columns + column] }
        let gate = levels.sorted()[levels.count * 3 / 4]
        let expected = levels.indices.filter { levels[$0] >= gate }
        let (rows, kept) = features.rows(planes, width: Self.side, height: Self.side, region: region, gate: gate)
        #expect(kept == expected)
        #expect(!kept.isEmpty && kept.count < levels.count)
        #expect(rows == kept.flatMap { all[($0 * columns)..<(($0 + 1) * columns)] })
    }

    @Test func theMedianIsTheMiddleOfTheSortedValuesTiesAndZerosIncluded() {
        let values = Self.texture(seed: 3).map { ($0 * 0.37).rounded(.down) / 4 } + [Float](repeating: 0, count: 501)
        #expect(ChangeFeatures.median(values) == values.sorted()[values.count / 2])
        #expect(ChangeFeatures.median([0, 0, 0]) == 0)
        #expect(ChangeFeatures.median([2.5]) == 2.5)
    }
}
