import GeoIO

/// 云掩膜: a raster marking one date's clouds and cloud shadows, such as Sentinel-2's scene
/// classification (SCL: 3 shadow, 8–9 cloud, 10 cirrus) or Fmask's output (2 shadow, 4 cloud). Any
/// CRS and grid: it is brought onto the before image's pixels by nearest neighbour. A pixel clouded on
/// either date is left out of everything: statistics, scores, training pixels and patches.
public struct CloudMask: Sendable, Equatable {
    public let path: String
    /// The values of band 1 that mean cloud or shadow; empty: every nonzero value.
    public let values: Set<Int>

    public init(path: String, values: Set<Int> = []) {
        self.path = path
        self.values = values
    }

    /// Parses `3,8,9,10`; nil for anything but integers separated by commas.
    public static func values(_ text: String) -> Set<Int>? {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return Set(parts.compactMap { $0 })
    }

    /// True when `value` read from the mask means cloud; a pixel the mask does not cover (NaN) is clear.
    func isCloud(_ value: Float) -> Bool {
        guard !value.isNaN else { return false }
        return values.isEmpty ? value != 0 : values.contains(Int(value.rounded()))
    }
}
