import Foundation
import Geo
import GeoIO
import Synchronization

/// How a pixel is judged changed.
public enum ChangeScorer: Sendable {
    /// Unsupervised: the change vector's magnitude over z-scored bands, thresholded by Otsu's method
    /// over the whole image (变化矢量分析).
    case changeVector
    /// Supervised: a trained model's probability of change, averaged over the 3 × 3 neighbourhood.
    case model(ChangeModel)
}

/// The bands of a detection raster.
public enum DetectionBand: Int, CaseIterable, Sendable {
    /// 1 where changed, 0 elsewhere.
    case mask = 1
    /// The `ChangeType` code of a changed pixel.
    case changeType = 2
    /// Confidence of change, 0–255.
    case confidence = 3
}

/// Turns an image pair into a change raster tile by tile, each tile read with a margin so that every
/// pixel sees its whole neighbourhood: the result does not depend on the tile size, and memory stays
/// bounded by it whatever the size of the images. Tiles run on all cores, each worker reading
/// through its own GDAL handles.
public final class ChangeDetector {
    public let pair: ImagePair
    public let scorer: ChangeScorer
    /// The score a region of changed pixels must reach: the model's threshold, or the Otsu threshold of
    /// the change magnitude, divided by the sensitivity. With the change vector every pixel at or above
    /// it is changed; a model's regions extend down to it divided by `regionGrowth`.
    public let threshold: Float
    private let growth: Float
    private let tiles: TileScorer

    /// Hysteresis for a model's probabilities, by default: pixels down to the threshold halved are
    /// changed where their 8-connected region reaches the threshold. On OSCD (leave one image out) patch
    /// recall rose from 0.48 to 0.53 with fewer false patches, pixel F1 0.494 → 0.489 (docs/detection.md).
    public static let defaultRegionGrowth = 2.0

    /// - Parameter sensitivity: the scorer's own threshold (the model's F1-best probability, or Otsu's
    ///   magnitude) is divided by it. 1 keeps it; 2 halves it, which finds more of the true changes at
    ///   the price of more false patches (docs/detection.md gives the measured trade-off).
    /// - Parameter regionGrowth: a model's regions extend down to the threshold divided by it; 1 keeps
    ///   every pixel to the threshold itself. The change vector does not grow.
    public init(pair: ImagePair, scorer: ChangeScorer, sensitivity: Double = 1,
                regionGrowth: Double = defaultRegionGrowth) throws(DetectionError) {
        try Self.check(sensitivity: sensitivity, regionGrowth: regionGrowth)
        self.pair = pair
        self.scorer = scorer
        let sample = try pair.sample()
        let (features, magnitudes) = ChangeFeatures.fitted(bandMap: pair.bandMap, sample: sample.parts)
        // Statistics of no pixel would put Otsu's threshold at the top of its range and find nothing:
        // two images of different places read as "no change".
        guard !magnitudes.isEmpty else { throw .noValidPixels }
        let threshold: Float
        switch scorer {
        case let .model(model):
            guard model.bandMap == pair.bandMap else {
                throw .modelBandsDiffer(model: model.bandMap.description, images: pair.bandMap.description)
            }
            guard model.featureNames == features.names else {
                throw .modelFeaturesDiffer(missing: features.names.filter { !model.featureNames.contains($0) })
            }
            threshold = model.threshold
        case .changeVector:
            threshold = Self.otsuThreshold(magnitudes)
        }
        self.threshold = threshold / Float(sensitivity)
        growth = if case .model = scorer { Float(regionGrowth) } else { 1 }
        tiles = TileScorer(features: features, scorer: scorer, threshold: self.threshold / growth,
                           sample: sample)
    }

    /// Whether `run` writes each window of its output once and reads none back: true unless a model's
    /// regions grow (`RegionPeakFilter` rewrites the mask). The output may then be a compressed raster
    /// that is kept as it is, instead of a working raster copied at the end.
    public var writesEachWindowOnce: Bool { growth <= 1 }

    /// Bytes of decoded blocks (GDAL's block cache, `BlockCache`) a run of `pair` with `scorer` needs
    /// kept. The change vector reads each block once, so GDAL's floor of 64 MB is enough; with a margin
    /// the blocks under one row of tiles, of both dates, are read again by the next row, so the cache
    /// holds a row of tiles with its margins and a block row each side (samples of at most 4 bytes,
    /// blocks of at most 256 rows). On the 6,000² bench pair the change vector ran in 3.5 s with 64 MB
    /// against 4.1 s with GDAL's default (5% of memory); the model lost 3 s to decoding again with 64 MB.
    public static func blockCacheBytes(for pair: ImagePair, scorer: ChangeScorer, tileSize: Int = defaultTileSize) -> Int {
        let floor = 64 << 20, halo = TileScorer.halo(for: scorer)
        guard halo > 0 else { return floor }
        return max(floor, 2 * pair.grid.width * pair.bandMap.count * 4 * (tileSize + 2 * halo + 2 * 256))
    }

    /// The side of a tile, in pixels, unless the caller chooses another.
    public static let defaultTileSize = 512

    /// Refuses a sensitivity outside (0, 100] or a region growth outside [1, 100], before any work is
    /// done with them.
    static func check(sensitivity: Double, regionGrowth: Double = defaultRegionGrowth) throws(DetectionError) {
        guard sensitivity > 0, sensitivity <= 100 else { throw .invalidSensitivity(sensitivity) }
        guard regionGrowth >= 1, regionGrowth <= 100 else { throw .invalidRegionGrowth(regionGrowth) }
    }

    /// Otsu's threshold of the magnitudes of the pair's sample (valid pixels), histogrammed over
    /// [0, 16) z-units in 1,024 bins.
    private static func otsuThreshold(_ magnitudes: [Float]) -> Float {
        let bins = 1024, upper = 16.0
        var histogram = [Int](repeating: 0, count: bins)
        for magnitude in magnitudes { histogram[min(bins - 1, Int(Double(magnitude) / upper * Double(bins)))] += 1 }
        return Float(Otsu.threshold(histogram: histogram, lower: 0, upper: upper))
    }

    /// Fills the three `DetectionBand`s of `output` (a raster on the pair's grid) with `threads`
    /// workers; `progress` hears (tiles done, tiles in all) on the calling thread as they finish.
    public func run(into output: ByteRaster, tileSize: Int = defaultTileSize, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: (Int, Int) -> Void = { _, _ in }) throws(DetectionError) {
        guard output.grid.width == pair.grid.width, output.grid.height == pair.grid.height, output.bandCount >= 3 else {
            throw .imagesDiffer("输出栅格与影像网格不一致 / the output raster is not on the images' grid")
        }
        let windows = PixelWindow.tiles(width: pair.grid.width, height: pair.grid.height, size: max(16, tileSize))
        let done = Mutex(0)
        let tiles = self.tiles
        var reported = 0
        try pair.forEach(windows.count, threads: threads, waiting: {
            let finished = done.withLock { $0 }
            if finished != reported { progress(finished, windows.count) }
            reported = finished
        }) { pair, index throws(DetectionError) in
            let result = try tiles.tile(windows[index], of: pair)
            try geoIO {
                try output.write(result.mask, window: windows[index], band: DetectionBand.mask.rawValue)
                try output.write(result.types, window: windows[index], band: DetectionBand.changeType.rawValue)
                try output.write(result.confidence, window: windows[index], band: DetectionBand.confidence.rawValue)
            }
            done.withLock { $0 += 1 }
        }
        if growth > 1 {
            // The confidence band is the probability in 1/255 steps; rounding keeps its order.
            try RegionPeakFilter.apply(to: output, maskBand: DetectionBand.mask.rawValue, scoreBand: DetectionBand.confidence.rawValue,
                                       minimumPeak: UInt8(max(0, min(255, (threshold * 255).rounded()))))
        }
        progress(windows.count, windows.count)
    }
}

/// The per-tile work of a detection: everything it needs is immutable, so workers share it.
struct TileScorer: Sendable {
    let features: ChangeFeatures
    let scorer: ChangeScorer
    let threshold: Float
    let sample: ImagePair.Sample
    /// Radius of the window the model's probabilities are averaged over.
    static let smoothingRadius = 1
    /// The margin a tile is read with: none for the change vector, which looks at each pixel alone.
    var halo: Int { Self.halo(for: scorer) }

    static func halo(for scorer: ChangeScorer) -> Int {
        if case .changeVector = scorer { return 0 }
        return ChangeFeatures.contextRadius + Self.smoothingRadius
    }

    func tile(_ window: PixelWindow, of pair: ImagePair) throws(DetectionError) -> (mask: [UInt8], types: [UInt8], confidence: [UInt8]) {
        let padded = try pair.readPadded(window: window, halo: halo, reusing: sample)
        switch scorer {
        case .changeVector: return changeVectorTile(padded, pixels: window.pixelCount)
        case let .model(model): return try modelTile(padded, window: window, model: model)
        }
    }

    /// Pixels the change vector scores at a time: the eight planes of a chunk (4 bands, both dates)
    /// stay in the core's cache while its magnitudes, mask, types and confidence are made, where a
    /// whole tile's passes went to memory and back for each.
    static let changeVectorChunk = 8192

    /// The change vector's tile: a pixel is changed where its magnitude reaches the threshold.
    private func changeVectorTile(_ padded: (before: [Float], after: [Float]), pixels: Int) -> (mask: [UInt8], types: [UInt8], confidence: [UInt8]) {
        let chunk = Self.changeVectorChunk, threshold = threshold
        let magnitude = UnsafeMutableBufferPointer<Float>.allocate(capacity: chunk)
        let finite = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunk)
        defer {
            magnitude.deallocate()
            finite.deallocate()
        }
        var mask = [UInt8](repeating: 0, count: pixels), types = mask
        let confidence = [UInt8](unsafeUninitializedCapacity: pixels) { confidence, initialised in
            padded.before.withUnsafeBufferPointer { before in
                padded.after.withUnsafeBufferPointer { after in
                    mask.withUnsafeMutableBufferPointer { mask in
                        types.withUnsafeMutableBufferPointer { types in
                            for start in stride(from: 0, to: pixels, by: chunk) {
                                let range = start..<min(pixels, start + chunk)
                                features.magnitudes(before: before, after: after, pixels: pixels, of: range, into: magnitude, finite: finite)
                                for k in 0..<range.count where finite[k] != 0 && magnitude[k] >= threshold {
                                    mask[start + k] = 1
                                    types[start + k] = UInt8(features.changeType(before: before, after: after, start + k, pixels: pixels).rawValue)
                                }
                                changeVectorConfidence(UnsafeBufferPointer(rebasing: magnitude[0..<range.count]),
                                                       into: UnsafeMutableBufferPointer(rebasing: confidence[range]))
                            }
                        }
                    }
                }
            }
            initialised = pixels
        }
        return (mask, types, confidence)
    }

    /// The change vector's confidence: the magnitude as a share of twice the threshold (0.5 at the
    /// threshold).
    private func changeVectorConfidence(_ magnitudes: UnsafeBufferPointer<Float>, into bytes: UnsafeMutableBufferPointer<UInt8>) {
        guard threshold > 0 else { return bytes.update(repeating: 255) }
        let threshold = threshold
        Self.bytes(magnitudes, into: bytes) { min(1, 0.5 * $0 / threshold) }
    }

    /// A model's tile: the probabilities averaged over the smoothing window (computed on the window
    /// grown by its radius); a pixel is changed where that reaches the threshold.
    private func modelTile(_ padded: (before: [Float], after: [Float]), window: PixelWindow,
                           model: ChangeModel) throws(DetectionError) -> (mask: [UInt8], types: [UInt8], confidence: [UInt8]) {
        let width = window.width + 2 * halo, height = window.height + 2 * halo, pixels = width * height
        let planes = features.planes(before: padded.before, after: padded.after, pixels: pixels)
        let r = Self.smoothingRadius, side = 2 * r + 1
        let ring = (width: window.width + 2 * r, height: window.height + 2 * r)
        let (rows, kept) = features.rows(planes, width: width, height: height, region: (halo - r, halo - r, ring.width, ring.height),
                                         gate: model.gate)
        let probabilities = try model.probabilities(gatedRows: rows, kept: kept, count: ring.width * ring.height)
        var scores = [Float](repeating: 0, count: window.pixelCount)
        for y in 0..<window.height {
            for x in 0..<window.width {
                var sum: Float = 0
                for dy in 0..<side { for dx in 0..<side { sum += probabilities[(y + dy) * ring.width + x + dx] } }
                scores[y * window.width + x] = sum / Float(side * side)
            }
        }
        var mask = [UInt8](repeating: 0, count: window.pixelCount), types = mask
        padded.before.withUnsafeBufferPointer { before in
            padded.after.withUnsafeBufferPointer { after in
                for y in 0..<window.height {
                    for x in 0..<window.width {
                        let i = (y + halo) * width + x + halo, o = y * window.width + x
                        guard planes.valid[i], scores[o] >= threshold else { continue }
                        mask[o] = 1
                        types[o] = UInt8(features.changeType(before: before, after: after, i, pixels: pixels).rawValue)
                    }
                }
            }
        }
        return (mask, types, Self.bytes(scores) { $0 })
    }

    /// `share(score) × 255` rounded half away from zero, clamped to 0…255, for every score.
    static func bytes(_ scores: [Float], _ share: (Float) -> Float) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: scores.count) { bytes, initialised in
            scores.withUnsafeBufferPointer { scores in Self.bytes(scores, into: bytes, share) }
            initialised = scores.count
        }
    }

    /// `share(score) × 255` rounded half away from zero, clamped to 0…255, into `bytes`. Rounding
    /// through `floor(v + 0.5)`, taking back the one that `v + 0.5` rounded up to, gives the bits of
    /// `Float.rounded()`, whose libm `roundf` was 3.5% of a change-vector run's CPU time; `floorf`
    /// is a few instructions (on the x86-64 baseline still a call, but to libm's SSE4.1 version). A
    /// NaN gives 255, as before.
    @inline(__always)
    static func bytes(_ scores: UnsafeBufferPointer<Float>, into bytes: UnsafeMutableBufferPointer<UInt8>, _ share: (Float) -> Float) {
        precondition(bytes.count >= scores.count, "a byte per score")
        for i in scores.indices {
            let v = share(scores[i]) * 255
            let up = (v + 0.5).rounded(.down)
            let rounded = max(0, min(255, v < up - 0.5 ? up - 1 : up))
            // A whole number of 0…255 plus 2²³ is exact and holds it in its low bits: a
            // conversion that cannot trap, where UInt8(_:) checks every value.
            bytes[i] = UInt8(truncatingIfNeeded: (rounded + 8_388_608).bitPattern)
        }
    }
}
