/// Otsu's threshold: the histogram split that maximises the between-class variance of the two sides.
enum Otsu {
    /// The threshold (a value between `lower` and `upper`) for a histogram of equal-width bins over that range.
    static func threshold(histogram: [Int], lower: Double, upper: Double) -> Double {
        let total = Double(histogram.reduce(0, +))
        guard total > 0 else { return upper }
        let width = (upper - lower) / Double(histogram.count)
        let weightedTotal = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset) * Double($1.element) }
        var below = 0.0, weightedBelow = 0.0, best = -1.0, split = 0
        for (bin, count) in histogram.enumerated() {
            below += Double(count)
            weightedBelow += Double(bin) * Double(count)
            let above = total - below
            guard below > 0, above > 0 else { continue }
            let meanBelow = weightedBelow / below, meanAbove = (weightedTotal - weightedBelow) / above
            let variance = below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if variance > best {
                best = variance
                split = bin
            }
        }
        return lower + Double(split + 1) * width
    }
}
