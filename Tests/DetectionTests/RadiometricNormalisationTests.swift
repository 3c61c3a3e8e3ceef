import Testing
@testable import Detection

/// A scene imaged twice with a different sensor gain and offset, where 40 % of the ground really
/// changed (became much brighter): plain z-scoring lets the change shift the after date's scale; the
/// invariant pixels do not.
@Suite struct RadiometricNormalisationTests {
    static let pixels = 20_000

    static func sample() -> [(before: [Float], after: [Float], pixels: Int)] {
        var state: UInt32 = 12_345
        var before = [Float](), after = [Float]()
        for band in 0..<3 {
            for i in 0..<pixels {
                state = state &* 1_664_525 &+ 1_013_904_223
                let ground = 50 + Float(state >> 24) / 4 + Float(band * 10)
                before.append(ground)
                after.append(i % 5 < 2 ? 250 : 1.5 * ground + 10)
            }
        }
        return [(before, after, pixels)]
    }

    static func meanUnchangedMagnitude(before: BandStatistics, after: BandStatistics) -> Double {
        let features = ChangeFeatures(bandMap: .rgb, before: before, after: after)
        let strip = sample()[0]
        let (magnitude, _) = features.magnitudes(before: strip.before, after: strip.after, pixels: strip.pixels)
        let unchanged = magnitude.indices.filter { $0 % 5 >= 2 }
        return unchanged.reduce(0.0) { $0 + Double(magnitude[$1]) } / Double(unchanged.count)
    }

    @Test func invariantPixelsCancelTheGainAndOffsetBetweenDatesDespiteALargeChange() {
        let matched = RadiometricNormalisation.statistics(of: Self.sample(), bandMap: .rgb)
        #expect(Self.meanUnchangedMagnitude(before: matched.before, after: matched.after) < 0.01)
    }

    @Test func plainZScoresOfTheSameScenesLeaveTheUnchangedGroundLookingChanged() {
        let plain = ImagePair.statistics(of: Self.sample(), bands: 3)
        #expect(Self.meanUnchangedMagnitude(before: plain.before, after: plain.after) > 0.5)
    }

    @Test func theMatchedAfterStatisticsAreTheGainAndOffsetOfTheSensor() {
        let matched = RadiometricNormalisation.statistics(of: Self.sample(), bandMap: .rgb)
        for band in 0..<3 {
            #expect(abs(matched.after.deviations[band] - 1.5 * matched.before.deviations[band]) < 1e-6 * matched.after.deviations[band])
            #expect(abs(matched.after.means[band] - (1.5 * matched.before.means[band] + 10)) < 1e-4)
        }
    }
}
