/// Relative radiometric normalisation of the after date onto the before date on pseudo-invariant
/// pixels (PIF): ground that did not change lies, band by band, on one line after = gain · before +
/// offset (sensor gain, sun, atmosphere); changed ground lies off it. The line is found by least
/// median of squares (robust while up to half the pixels changed), the invariant pixels are those
/// close to it in every band, and the after date's means and spreads are set so that, on those
/// pixels, both dates have the same z-scores. Plain z-scoring of each whole image lets a large real
/// change (a new district, a flooded plain) shift the other date's scale; the invariant pixels do not.
///
/// The result is still a pair of `BandStatistics`, so every feature is computed exactly as before.
enum RadiometricNormalisation {
    /// Pixels tried by the robust line fit, taken at a fixed stride from the sample.
    static let fitPixels = 10_000
    /// Candidate lines, each through two pixels drawn by a fixed-seed generator.
    static let candidates = 200

    /// Statistics of both dates over a sample: the before date's own, and the after date's matched to
    /// it on the invariant pixels. A sample with fewer than 1,000 pixels valid on both dates keeps the
    /// plain per-image statistics.
    static func statistics(of sample: [(before: [Float], after: [Float], pixels: Int)], bandMap: BandMap) -> (before: BandStatistics, after: BandStatistics) {
        var statistics = ImagePair.statistics(of: sample, bands: bandMap.count)
        let bands = bandMap.count
        var invariant = sample.map { strip in
            (0..<strip.pixels).map { i in (0..<bands).allSatisfy { strip.before[$0 * strip.pixels + i].isFinite && strip.after[$0 * strip.pixels + i].isFinite } }
        }
        let valid = invariant.reduce(0) { $0 + $1.filter { $0 }.count }
        guard valid >= 1_000 else { return statistics }
        for band in 0..<bands {
            let pairs = fitSample(sample, band: band, valid: invariant, count: valid)
            guard let line = medianLine(through: pairs) else { continue }
            // 2.5 robust standard deviations; never zero, or rounding alone would reject exact pixels.
            let tolerance = max(2.5 * 1.4826 * line.medianResidual, 1e-3 * statistics.after.deviations[band])
            for (s, strip) in sample.enumerated() {
                let offset = band * strip.pixels
                for i in 0..<strip.pixels where invariant[s][i] {
                    let residual = abs(Double(strip.after[offset + i]) - (line.gain * Double(strip.before[offset + i]) + line.offset))
                    if residual > tolerance { invariant[s][i] = false }
                }
            }
        }
        var first = BandStatistics.Accumulator(bands: bands), second = first
        for (strip, included) in zip(sample, invariant) {
            first.add(strip.before, pixels: strip.pixels, where: included)
            second.add(strip.after, pixels: strip.pixels, where: included)
        }
        statistics.after = matched(after: second.statistics, before: first.statistics, beforeImage: statistics.before)
        return statistics
    }

    /// After-date statistics that map the invariant pixels' after mean and spread onto their before
    /// mean and spread: z_after(a) = z_before(mapped a) with mapped a = (a − μa) · σb/σa + μb.
    static func matched(after invariantAfter: BandStatistics, before invariantBefore: BandStatistics, beforeImage: BandStatistics) -> BandStatistics {
        let bands = beforeImage.means.indices
        let gains = bands.map { invariantAfter.deviations[$0] / invariantBefore.deviations[$0] }
        return BandStatistics(
            means: bands.map { invariantAfter.means[$0] - gains[$0] * (invariantBefore.means[$0] - beforeImage.means[$0]) },
            deviations: bands.map { gains[$0] * beforeImage.deviations[$0] })
    }

    /// Up to `fitPixels` (before, after) values of one band, at a fixed stride over the valid pixels.
    private static func fitSample(_ sample: [(before: [Float], after: [Float], pixels: Int)], band: Int, valid: [[Bool]], count: Int) -> [(Double, Double)] {
        let stride = max(1, count / fitPixels)
        var pairs: [(Double, Double)] = []
        var seen = 0
        for (s, strip) in sample.enumerated() {
            for i in 0..<strip.pixels where valid[s][i] {
                if seen % stride == 0 {
                    pairs.append((Double(strip.before[band * strip.pixels + i]), Double(strip.after[band * strip.pixels + i])))
                }
                seen += 1
            }
        }
        return pairs
    }

    /// The line after = gain · before + offset with the least median absolute residual among lines
    /// through two pixels (Rousseeuw's LMedS), gain positive.
    private static func medianLine(through pairs: [(Double, Double)]) -> (gain: Double, offset: Double, medianResidual: Double)? {
        guard pairs.count >= 2 else { return nil }
        var state: UInt64 = 0x5EED
        func draw() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(pairs.count))
        }
        var best: (gain: Double, offset: Double, medianResidual: Double)?
        var residuals = [Double](repeating: 0, count: pairs.count)
        for _ in 0..<candidates {
            let a = pairs[draw()], b = pairs[draw()]
            guard abs(b.0 - a.0) > 1e-9 else { continue }
            let gain = (b.1 - a.1) / (b.0 - a.0)
            guard gain > 0 else { continue }
            let offset = a.1 - gain * a.0
            for (i, pair) in pairs.enumerated() { residuals[i] = abs(pair.1 - (gain * pair.0 + offset)) }
            residuals.sort()
            let median = residuals[residuals.count / 2]
            if best == nil || median < best!.medianResidual { best = (gain, offset, median) }
        }
        return best
    }
}
