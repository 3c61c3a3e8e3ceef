import Foundation
import Synchronization

/// Per-pixel change evidence from two z-scored acquisitions: band levels and differences, the change
/// vector's magnitude (also relative to the pair's typical magnitude) and spectral angle, vegetation /
/// water / built-up / brightness indices of both dates and their change, and the same quantities
/// averaged over 3, 7 and 15 pixel windows with local texture (standard deviation of brightness),
/// because a new building is a patch, not a pixel.
///
/// Every feature of a pixel depends only on the pixels within `contextRadius` of it, which is what
/// lets a large pair be processed tile by tile with the same result.
struct ChangeFeatures {
    static let contextRadius = 7
    static let zLimit: Float = 8

    let bandMap: BandMap
    let names: [String]

    private let visible: [Int]
    private let red: Int?, green: Int?, blue: Int?, nir: Int?, swir1: Int?
    private let beforeMeans: [Float], beforeSpreads: [Float], afterMeans: [Float], afterSpreads: [Float]
    /// The pair's median change magnitude (z-units) over its sample: how much a pixel of this
    /// pair changes when nothing happened to it. Haze, season and sensor differ from pair to pair; a
    /// new building stands out of its own pair, so the magnitudes are also given relative to this.
    private(set) var typicalMagnitude: Float = 1

    /// The features of one pair, from its sample (`ImagePair.sample()`): the bands' statistics
    /// and the typical magnitude depend on the image alone, never on the tile a pixel is computed in.
    init(bandMap: BandMap, sample: [ImagePair.SamplePart]) {
        self = Self.fitted(bandMap: bandMap, sample: sample).features
    }

    /// The features of one pair, and the change magnitudes of its sample's valid pixels, part after
    /// part: the typical magnitude and the change vector's threshold both come from them, so they
    /// are computed once, the parts shared among the cores.
    static func fitted(bandMap: BandMap, sample: [ImagePair.SamplePart]) -> (features: ChangeFeatures, magnitudes: [Float]) {
        var features = ChangeFeatures(bandMap: bandMap, statistics: ImagePair.statistics(of: sample, bands: bandMap.count))
        let parts = Mutex([[Float]](repeating: [], count: sample.count))
        DispatchQueue.concurrentPerform(iterations: sample.count) { [features] index in
            let part = sample[index]
            let (values, valid) = features.magnitudes(before: part.before, after: part.after, pixels: part.pixels)
            let kept = zip(values, valid).compactMap { $1 ? $0 : nil }
            parts.withLock { $0[index] = kept }
        }
        let magnitudes = parts.withLock { $0 }.flatMap { $0 }
        // At least 0.05, so that an unchanged pair (identical dates) does not divide by zero; 1 for a
        // sample without a valid pixel.
        features.typicalMagnitude = magnitudes.isEmpty ? 1 : max(0.05, median(magnitudes))
        return (features, magnitudes)
    }

    private init(bandMap: BandMap, statistics: (before: BandStatistics, after: BandStatistics)) {
        let (before, after) = statistics
        self.bandMap = bandMap
        beforeMeans = before.means.map(Float.init)
        beforeSpreads = before.deviations.map(Float.init)
        afterMeans = after.means.map(Float.init)
        afterSpreads = after.deviations.map(Float.init)
        red = bandMap.index(of: .red)
        green = bandMap.index(of: .green)
        blue = bandMap.index(of: .blue)
        nir = bandMap.index(of: .nir)
        swir1 = bandMap.index(of: .swir1)
        let visibleBands = [blue, green, red].compactMap { $0 }
        visible = visibleBands.isEmpty ? Array(0..<bandMap.count) : visibleBands
        names = Self.names(bandMap: bandMap, water: green != nil && nir != nil, built: swir1 != nil && nir != nil)
    }

    /// The exact median of non-negative values (the upper middle one of an even count) in linear
    /// time: a histogram finds the bin that holds it, and only that bin is sorted. Sorting a whole
    /// sample (about 4 Mpixel) made an unsupervised detection of 36 Mpixel 40% slower.
    static func median(_ values: [Float]) -> Float {
        let bins = 4096
        guard let largest = values.max(), largest > 0 else { return 0 }
        let scale = Float(bins) / largest
        func bin(_ value: Float) -> Int { min(bins - 1, Int(value * scale)) }
        var counts = [Int](repeating: 0, count: bins)
        for value in values { counts[bin(value)] += 1 }
        let middle = values.count / 2
        var below = 0, target = 0
        while below + counts[target] <= middle {
            below += counts[target]
            target += 1
        }
        return values.filter { bin($0) == target }.sorted()[middle - below]
    }

    private static func names(bandMap: BandMap, water: Bool, built: Bool) -> [String] {
        let roles = bandMap.roles.map(\.rawValue)
        var names = roles.map { "before.\($0)" } + roles.map { "after.\($0)" } + roles.map { "delta.\($0)" }
        names += ["magnitude", "spectralAngle", "before.brightness", "after.brightness", "delta.brightness",
                  "before.vegetation", "after.vegetation", "delta.vegetation"]
        if water { names += ["after.water", "delta.water"] }
        if built { names += ["delta.builtUp"] }
        names += ["magnitude.mean3", "magnitude.mean7", "magnitude.mean15", "magnitude.deviation7",
                  "delta.brightness.mean7", "delta.vegetation.mean7",
                  "before.texture5", "after.texture5", "delta.texture5",
                  "magnitude.relative", "magnitude.mean7.relative", "magnitude.mean15.relative"]
        return names
    }

    /// Per-pixel quantities over a padded window, band-planar input of `width` × `height` pixels.
    struct Planes {
        let valid: [Bool]
        let magnitude: [Float]
        let brightness: (before: [Float], after: [Float])
        let vegetation: (before: [Float], after: [Float])
        let water: (before: [Float], after: [Float])?
        let builtUp: (before: [Float], after: [Float])?
        let angle: [Float]
        let zBefore: [Float]
        let zAfter: [Float]
    }

    /// A band value as a z-score of its date, clipped so that a cloud or a saturated roof is "very
    /// bright", not fifty times so.
    @inline(__always)
    private static func z(_ value: Float, _ mean: Float, _ spread: Float) -> Float {
        max(-zLimit, min(zLimit, (value - mean) / spread))
    }

    /// The change vector's magnitude over z-scored bands for every pixel of a band-planar window, and
    /// which pixels are valid: a pixel NaN in any band of either date (nodata, outside the after
    /// image) is invalid and has magnitude 0. The unsupervised score, and the base of every feature.
    func magnitudes(before first: [Float], after second: [Float], pixels: Int) -> (magnitude: [Float], valid: [Bool]) {
        var magnitude = [Float](repeating: 0, count: pixels)
        var finite = [UInt8](repeating: 0, count: pixels)
        first.withUnsafeBufferPointer { first in
            second.withUnsafeBufferPointer { second in
                magnitude.withUnsafeMutableBufferPointer { magnitude in
                    finite.withUnsafeMutableBufferPointer { finite in
                        magnitudes(before: first, after: second, pixels: pixels, of: 0..<pixels, into: magnitude, finite: finite)
                    }
                }
            }
        }
        return (magnitude, finite.map { $0 != 0 })
    }

    /// `magnitudes(before:after:pixels:)` of the pixels `range` of band planes `pixels` long, into the
    /// first `range.count` places of `magnitude`, with 1 in `finite` where the pixel is valid and 0
    /// where not. Band by band over raw buffers, without a branch, so that the compiler vectorises the
    /// loop over pixels: over indexed arrays, with a branch per pixel, it was 8% of a change-vector
    /// run's CPU time on the 6,000² bench pair. A pixel's arithmetic is unchanged (the same bits).
    func magnitudes(before first: UnsafeBufferPointer<Float>, after second: UnsafeBufferPointer<Float>, pixels: Int,
                    of range: Range<Int>, into magnitude: UnsafeMutableBufferPointer<Float>,
                    finite: UnsafeMutableBufferPointer<UInt8>) {
        let bands = bandMap.count, count = range.count
        precondition(first.count >= bands * pixels && second.count >= bands * pixels, "every band of both dates")
        precondition(range.lowerBound >= 0 && range.upperBound <= pixels, "pixels of the planes")
        precondition(magnitude.count >= count && finite.count >= count, "room for the range")
        let sums = magnitude.baseAddress!, flags = finite.baseAddress!
        sums.update(repeating: 0, count: count)
        flags.update(repeating: 1, count: count)
        for band in 0..<bands {
            let m1 = beforeMeans[band], s1 = beforeSpreads[band], m2 = afterMeans[band], s2 = afterSpreads[band]
            let offset = band * pixels + range.lowerBound
            let a = first.baseAddress! + offset, b = second.baseAddress! + offset
            for i in 0..<count {
                let x = a[i], y = b[i]
                let d = Self.z(y, m2, s2) - Self.z(x, m1, s1)
                sums[i] += d * d
                // x − x is 0 for a finite x, NaN otherwise.
                flags[i] &= (x - x == 0 ? 1 : 0) & (y - y == 0 ? 1 : 0)
            }
        }
        for i in 0..<count { sums[i] = flags[i] != 0 ? sums[i].squareRoot() : 0 }
    }

    /// (a − b) / (a + b) of bands `a` and `b` at pixel `i`, 0 where undefined.
    @inline(__always)
    private static func normalisedDifference(_ values: UnsafeBufferPointer<Float>, _ a: Int, _ b: Int, _ i: Int, pixels: Int) -> Float {
        let x = values[a * pixels + i], y = values[b * pixels + i], sum = x + y
        return x.isFinite && y.isFinite && abs(sum) > 1e-6 ? max(-1, min(1, (x - y) / sum)) : 0
    }

    /// NDVI where there is a near-infrared band; the green-red index (NGRDI) of photographs otherwise.
    @inline(__always)
    private func vegetation(_ values: UnsafeBufferPointer<Float>, _ i: Int, pixels: Int) -> Float {
        if let nir, let red { return Self.normalisedDifference(values, nir, red, i, pixels: pixels) }
        if let green, let red { return Self.normalisedDifference(values, green, red, i, pixels: pixels) }
        return 0
    }

    /// NDWI (green against near-infrared), when both bands are there.
    @inline(__always)
    private func water(_ values: UnsafeBufferPointer<Float>, _ i: Int, pixels: Int) -> Float? {
        guard let green, let nir else { return nil }
        return Self.normalisedDifference(values, green, nir, i, pixels: pixels)
    }

    /// Mean z-score of the visible bands.
    @inline(__always)
    private func brightness(_ values: UnsafeBufferPointer<Float>, means: [Float], spreads: [Float], _ i: Int, pixels: Int) -> Float {
        var sum: Float = 0
        for band in visible { sum += Self.z(values[band * pixels + i], means[band], spreads[band]) }
        return sum / Float(visible.count)
    }

    /// The kind of change at pixel `i` of a band-planar window whose planes are `pixels` long.
    func changeType(before first: UnsafeBufferPointer<Float>, after second: UnsafeBufferPointer<Float>, _ i: Int, pixels: Int) -> ChangeType {
        let waterBefore = water(first, i, pixels: pixels), waterAfter = water(second, i, pixels: pixels)
        return ChangeType.of(vegetation: (vegetation(first, i, pixels: pixels), vegetation(second, i, pixels: pixels)),
                             brightness: (brightness(first, means: beforeMeans, spreads: beforeSpreads, i, pixels: pixels),
                                          brightness(second, means: afterMeans, spreads: afterSpreads, i, pixels: pixels)),
                             water: waterBefore.flatMap { b in waterAfter.map { (b, $0) } },
                             red: red.map { second[$0 * pixels + i] }, green: green.map { second[$0 * pixels + i] },
                             blue: blue.map { second[$0 * pixels + i] })
    }

    /// z-scores and indices for every pixel of a padded window: what the model's features are made of.
    func planes(before first: [Float], after second: [Float], pixels: Int) -> Planes {
        let bands = bandMap.count
        let (magnitude, valid) = magnitudes(before: first, after: second, pixels: pixels)
        var zBefore = [Float](repeating: 0, count: first.count), zAfter = zBefore
        for band in 0..<bands {
            let m1 = beforeMeans[band], s1 = beforeSpreads[band], m2 = afterMeans[band], s2 = afterSpreads[band]
            for i in 0..<pixels where valid[i] {
                zBefore[band * pixels + i] = Self.z(first[band * pixels + i], m1, s1)
                zAfter[band * pixels + i] = Self.z(second[band * pixels + i], m2, s2)
            }
        }
        var angle = [Float](repeating: 0, count: pixels)
        var brightness = (before: angle, after: angle), vegetation = (before: angle, after: angle)
        var water: (before: [Float], after: [Float])? = green != nil && nir != nil ? (angle, angle) : nil
        var builtUp: (before: [Float], after: [Float])? = swir1 != nil && nir != nil ? (angle, angle) : nil
        first.withUnsafeBufferPointer { first in
            second.withUnsafeBufferPointer { second in
                for i in 0..<pixels where valid[i] {
                    var dot: Float = 0, norm1: Float = 0, norm2: Float = 0
                    for band in 0..<bands {
                        // Both dates on the before image's radiometric scale, so the angle compares spectra.
                        let v1 = zBefore[band * pixels + i] * beforeSpreads[band] + beforeMeans[band]
                        let v2 = zAfter[band * pixels + i] * beforeSpreads[band] + beforeMeans[band]
                        dot += v1 * v2
                        norm1 += v1 * v1
                        norm2 += v2 * v2
                    }
                    let denominator = (norm1 * norm2).squareRoot()
                    angle[i] = denominator > 0 ? acos(min(1, max(-1, dot / denominator))) : 0
                    brightness.before[i] = self.brightness(first, means: beforeMeans, spreads: beforeSpreads, i, pixels: pixels)
                    brightness.after[i] = self.brightness(second, means: afterMeans, spreads: afterSpreads, i, pixels: pixels)
                    vegetation.before[i] = self.vegetation(first, i, pixels: pixels)
                    vegetation.after[i] = self.vegetation(second, i, pixels: pixels)
                    water?.before[i] = self.water(first, i, pixels: pixels) ?? 0
                    water?.after[i] = self.water(second, i, pixels: pixels) ?? 0
                    if let swir1, let nir {
                        builtUp?.before[i] = Self.normalisedDifference(first, swir1, nir, i, pixels: pixels)
                        builtUp?.after[i] = Self.normalisedDifference(second, swir1, nir, i, pixels: pixels)
                    }
                }
            }
        }
        return Planes(valid: valid, magnitude: magnitude, brightness: brightness, vegetation: vegetation,
                      water: water, builtUp: builtUp, angle: angle, zBefore: zBefore, zAfter: zAfter)
    }

    /// The feature rows (row-major, `names.count` per pixel) of the pixels of `region` inside a padded
    /// window `width` pixels wide; `region` must keep `contextRadius` pixels from the window's edges.
    func rows(_ planes: Planes, width: Int, height: Int, region: (x: Int, y: Int, width: Int, height: Int)) -> [Float] {
        rows(planes, width: width, height: height, region: region, gate: -.infinity).rows
    }

    /// The feature rows of the pixels of `region` whose `ChangeModel.gateFeature` (the mean magnitude
    /// over 7 × 7) reaches `gate`, and where they are in `region` (row-major), in the same order: a
    /// model asks its trees about those alone, so the rows of the others, most of an image, are not
    /// made at all.
    func rows(_ planes: Planes, width: Int, height: Int, region: (x: Int, y: Int, width: Int, height: Int),
              gate: Float) -> (rows: [Float], kept: [Int]) {
        let pixels = width * height, bands = bandMap.count
        let deltaBrightness = zip(planes.brightness.after, planes.brightness.before).map { $0 - $1 }
        let deltaVegetation = zip(planes.vegetation.after, planes.vegetation.before).map { $0 - $1 }
        let magnitude3 = BoxFilter(planes.magnitude, width: width, height: height, radius: 1, squares: false)
        let magnitude7 = BoxFilter(planes.magnitude, width: width, height: height, radius: 3, squares: true)
        let magnitude15 = BoxFilter(planes.magnitude, width: width, height: height, radius: 7, squares: false)
        let brightnessChange = BoxFilter(deltaBrightness, width: width, height: height, radius: 3, squares: false)
        let vegetationChange = BoxFilter(deltaVegetation, width: width, height: height, radius: 3, squares: false)
        let texture1 = BoxFilter(planes.brightness.before, width: width, height: height, radius: 2, squares: true)
        let texture2 = BoxFilter(planes.brightness.after, width: width, height: height, radius: 2, squares: true)
        var rows = [Float](), kept = [Int]()
        // Room for every pixel's row, faulted in only as far as the rows written.
        rows.reserveCapacity(region.width * region.height * names.count)
        for y in region.y..<(region.y + region.height) {
            for x in region.x..<(region.x + region.width) {
                guard magnitude7.mean(x: x, y: y) >= gate else { continue }
                kept.append((y - region.y) * region.width + x - region.x)
                let i = y * width + x
                for band in 0..<bands { rows.append(planes.zBefore[band * pixels + i]) }
                for band in 0..<bands { rows.append(planes.zAfter[band * pixels + i]) }
                for band in 0..<bands { rows.append(planes.zAfter[band * pixels + i] - planes.zBefore[band * pixels + i]) }
                rows.append(planes.magnitude[i])
                rows.append(planes.angle[i])
                rows.append(planes.brightness.before[i])
                rows.append(planes.brightness.after[i])
                rows.append(deltaBrightness[i])
                rows.append(planes.vegetation.before[i])
                rows.append(planes.vegetation.after[i])
                rows.append(deltaVegetation[i])
                if let water = planes.water {
                    rows.append(water.after[i])
                    rows.append(water.after[i] - water.before[i])
                }
                if let built = planes.builtUp { rows.append(built.after[i] - built.before[i]) }
                rows.append(magnitude3.mean(x: x, y: y))
                rows.append(magnitude7.mean(x: x, y: y))
                rows.append(magnitude15.mean(x: x, y: y))
                rows.append(magnitude7.deviation(x: x, y: y))
                rows.append(brightnessChange.mean(x: x, y: y))
                rows.append(vegetationChange.mean(x: x, y: y))
                let t1 = texture1.deviation(x: x, y: y), t2 = texture2.deviation(x: x, y: y)
                rows.append(t1)
                rows.append(t2)
                rows.append(t2 - t1)
                rows.append(planes.magnitude[i] / typicalMagnitude)
                rows.append(magnitude7.mean(x: x, y: y) / typicalMagnitude)
                rows.append(magnitude15.mean(x: x, y: y) / typicalMagnitude)
            }
        }
        return (rows, kept)
    }
}

/// The mean and standard deviation of the square window of a given radius around each pixel, summed
/// row then column in a fixed order: a pixel's value never depends on where the window it sits in
/// begins, which keeps tiled runs identical to whole-image runs (a summed-area table would not).
struct BoxFilter {
    private let width: Int
    private let count: Double
    private var sums: [Double]
    private var squares: [Double]

    /// Valid for pixels at least `radius` from the edges of the `width` × `height` plane.
    init(_ values: [Float], width: Int, height: Int, radius: Int, squares wantsSquares: Bool) {
        self.width = width
        count = Double((2 * radius + 1) * (2 * radius + 1))
        var rowSums = [Double](repeating: 0, count: values.count)
        var rowSquares = wantsSquares ? rowSums : []
        for y in 0..<height {
            for x in radius..<max(radius, width - radius) {
                var sum = 0.0, square = 0.0
                for k in -radius...radius {
                    let v = Double(values[y * width + x + k])
                    sum += v
                    square += v * v
                }
                rowSums[y * width + x] = sum
                if wantsSquares { rowSquares[y * width + x] = square }
            }
        }
        sums = [Double](repeating: 0, count: values.count)
        squares = wantsSquares ? sums : []
        for y in radius..<max(radius, height - radius) {
            for x in radius..<max(radius, width - radius) {
                var sum = 0.0, square = 0.0
                for k in -radius...radius {
                    sum += rowSums[(y + k) * width + x]
                    if wantsSquares { square += rowSquares[(y + k) * width + x] }
                }
                sums[y * width + x] = sum
                if wantsSquares { squares[y * width + x] = square }
            }
        }
    }

    func mean(x: Int, y: Int) -> Float { Float(sums[y * width + x] / count) }

    func deviation(x: Int, y: Int) -> Float {
        let mean = sums[y * width + x] / count
        return Float(max(0, squares[y * width + x] / count - mean * mean).squareRoot())
    }
}
