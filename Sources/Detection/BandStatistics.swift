/// Mean and standard deviation of each band over an image's valid (finite) pixels: the z-score that
/// puts two acquisitions with different sun, sensor gain and atmosphere on one scale.
public struct BandStatistics: Sendable, Equatable {
    public let means: [Double]
    public let deviations: [Double]

    public init(means: [Double], deviations: [Double]) {
        self.means = means
        self.deviations = deviations
    }

    /// Accumulates band-planar pixel values, `bands` planes of `pixels` values.
    struct Accumulator {
        private var sums: [Double]
        private var squares: [Double]
        private var counts: [Int]

        init(bands: Int) {
            sums = Array(repeating: 0, count: bands)
            squares = Array(repeating: 0, count: bands)
            counts = Array(repeating: 0, count: bands)
        }

        mutating func add(_ planes: [Float], pixels: Int) {
            for band in sums.indices {
                var sum = 0.0, square = 0.0, count = 0
                for value in planes[(band * pixels)..<((band + 1) * pixels)] where value.isFinite {
                    let v = Double(value)
                    sum += v
                    square += v * v
                    count += 1
                }
                sums[band] += sum
                squares[band] += square
                counts[band] += count
            }
        }

        /// A band without valid pixels, or without variation, gets deviation 1 so z-scores stay finite.
        var statistics: BandStatistics {
            let means = sums.indices.map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : 0 }
            let deviations = sums.indices.map { band -> Double in
                guard counts[band] > 1 else { return 1 }
                let variance = squares[band] / Double(counts[band]) - means[band] * means[band]
                return variance > 1e-12 ? variance.squareRoot() : 1
            }
            return BandStatistics(means: means, deviations: deviations)
        }
    }
}
