/// SplitMix64: a small, fast generator whose sequence is fixed by its seed, so the demo county is the
/// same on every machine and in every run with the same seed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }

    mutating func chance(_ p: Double) -> Bool { uniform(0...1) < p }

    mutating func pick<T>(_ weighted: [(T, Double)]) -> T {
        var r = uniform(0...weighted.reduce(0) { $0 + $1.1 })
        for (value, weight) in weighted {
            r -= weight
            if r <= 0 { return value }
        }
        return weighted[weighted.count - 1].0
    }
}
