import Foundation
import Geo
import GeoIO
import Synchronization
import Workers

/// The before (前时相) and after (后时相) image of one place, on the before image's pixel grid: when
/// both are georeferenced and their grids differ, the after image is warped onto the before image's
/// grid by GDAL, whatever either CRS is. Images without georeference (aerial photographs) must have
/// the same size. One thread at a time.
public final class ImagePair {
    public let before: RasterSource
    public private(set) var after: RasterSource
    public let bandMap: BandMap
    public var grid: RasterGrid { before.grid }
    /// The fine co-registration applied: the after image is read this many pixels (columns, rows)
    /// away from where its georeference puts it; (0, 0) when none was asked for or none was needed.
    public private(set) var shift: (columns: Double, rows: Double) = (0, 0)
    /// The cloud masks of each date on the before image's grid (after the same shift as the after image).
    private let cloudMasks: (before: CloudMask?, after: CloudMask?)
    private var cloudRasters: [(mask: CloudMask, raster: RasterSource)] = []

    /// - Parameter bandMap: the roles of the bands; nil reads them from the band descriptions, else
    ///   takes red, green, blue for images of 3 or 4 bands.
    /// - Parameter coregister: also estimate and remove a residual shift of up to four pixels between
    ///   the georeferenced images (`Coregistration`), from a window of at most 1024 × 1024 pixels at
    ///   the image centre.
    /// - Parameter clouds: each date's cloud mask, if any (`CloudMask`).
    public convenience init(beforePath: String, afterPath: String, bandMap: BandMap? = nil, coregister: Bool = false,
                            clouds: (before: CloudMask?, after: CloudMask?) = (nil, nil)) throws(DetectionError) {
        try self.init(beforePath: beforePath, afterPath: afterPath, bandMap: bandMap, alignment: coregister ? .estimate : .georeference,
                      clouds: clouds)
    }

    /// What it takes to open the same pair again, with the same bands and shift, on another thread.
    struct Recipe: Sendable {
        let beforePath: String
        let afterPath: String
        let bandMap: BandMap
        let alignment: Alignment
        let beforeClouds: CloudMask?
        let afterClouds: CloudMask?

        func open() throws(DetectionError) -> ImagePair {
            try ImagePair(beforePath: beforePath, afterPath: afterPath, bandMap: bandMap, alignment: alignment,
                          clouds: (beforeClouds, afterClouds))
        }
    }

    var recipe: Recipe {
        Recipe(beforePath: before.path, afterPath: after.path, bandMap: bandMap, alignment: shift == (0, 0) ? .georeference : .shift(shift),
               beforeClouds: cloudMasks.before, afterClouds: cloudMasks.after)
    }

    enum Alignment: Sendable {
        case georeference
        case estimate
        case shift((columns: Double, rows: Double))
    }

    init(beforePath: String, afterPath: String, bandMap: BandMap?, alignment: Alignment,
         clouds: (before: CloudMask?, after: CloudMask?)) throws(DetectionError) {
        let before = try geoIO { try RasterSource(path: beforePath) }
        let opened = try geoIO { try RasterSource(path: afterPath) }
        let map: BandMap
        if let bandMap {
            map = bandMap
        } else if let described = BandMap.described(by: before.bandDescriptions) {
            map = described
        } else if [3, 4].contains(before.bandCount) {
            map = .rgb
        } else {
            throw .invalidBandMap("\(beforePath) 有 \(before.bandCount) 个波段且未注明用途，请用 --bands 指定，例如 --bands blue,green,red,nir / the bands of \(beforePath) are not described; give them with --bands")
        }
        guard map.count <= before.bandCount, map.count <= opened.bandCount else {
            throw .invalidBandMap("指定了 \(map.count) 个波段，但影像只有 \(min(before.bandCount, opened.bandCount)) 个 / \(map.count) roles for images of \(min(before.bandCount, opened.bandCount)) bands")
        }
        switch (before.grid.geoTransform, opened.grid.geoTransform) {
        case (nil, nil):
            guard before.grid.width == opened.grid.width, before.grid.height == opened.grid.height else {
                throw .imagesDiffer("两期影像均无地理参考且尺寸不同（\(before.grid.width)×\(before.grid.height) 与 \(opened.grid.width)×\(opened.grid.height)） / neither image is georeferenced and their sizes differ")
            }
            after = opened
        case (.some, .some):
            after = before.grid == opened.grid ? opened : try geoIO { try opened.warped(onto: before.grid) }
        default:
            throw .imagesDiffer("一期有地理参考、另一期没有 / one image is georeferenced and the other is not")
        }
        self.before = before
        self.bandMap = map
        cloudMasks = clouds
        shift = try Self.residualShift(alignment, before: before, after: after, bands: map.count)
        if shift != (0, 0) { after = try geoIO { try opened.warped(onto: before.grid.shifted(columns: shift.columns, rows: shift.rows)) } }
        let unshifted: (columns: Double, rows: Double) = (0, 0)
        var rasters: [(mask: CloudMask, raster: RasterSource)] = []
        for (mask, offset) in [(clouds.before, unshifted), (clouds.after, shift)] {
            guard let mask else { continue }
            rasters.append((mask, try Self.cloudRaster(mask, onto: before.grid, shift: offset)))
        }
        cloudRasters = rasters
    }

    /// The residual shift to remove from the after image: none, one known, or one estimated.
    private static func residualShift(_ alignment: Alignment, before: RasterSource, after: RasterSource,
                                      bands count: Int) throws(DetectionError) -> (columns: Double, rows: Double) {
        let grid = before.grid
        switch alignment {
        case .georeference:
            return (0, 0)
        case let .shift(known):
            return known
        case .estimate:
            guard before.grid.geoTransform != nil else {
                throw .imagesDiffer("精配准需要地理参考 / fine co-registration needs georeferenced images")
            }
            let side = 1024, bands = Array(1...count)
            let centre = PixelWindow(x: max(0, (grid.width - side) / 2), y: max(0, (grid.height - side) / 2),
                                     width: min(side, grid.width), height: min(side, grid.height))
            let found = Coregistration.shift(before: try geoIO { try before.read(window: centre, bands: bands) },
                                             after: try geoIO { try after.read(window: centre, bands: bands) },
                                             width: centre.width, height: centre.height, bands: count)
            return abs(found.columns) >= 0.05 || abs(found.rows) >= 0.05 ? found : (0, 0)
        }
    }

    /// A cloud mask on `grid` (nearest neighbour), read `shift` pixels away as its image is.
    private static func cloudRaster(_ mask: CloudMask, onto grid: RasterGrid, shift: (columns: Double, rows: Double)) throws(DetectionError) -> RasterSource {
        let raster = try geoIO { try RasterSource(path: mask.path) }
        switch (grid.geoTransform, raster.grid.geoTransform) {
        case (.some, .some):
            let target = shift == (0, 0) ? grid : grid.shifted(columns: shift.columns, rows: shift.rows)
            return raster.grid == target ? raster : try geoIO { try raster.warped(onto: target, resampling: .nearest) }
        case (nil, nil) where raster.grid.width == grid.width && raster.grid.height == grid.height:
            return raster
        default:
            throw .imagesDiffer("云掩膜 \(mask.path) 与影像不能对齐（须都有地理参考，或尺寸相同）/ the cloud mask \(mask.path) cannot be aligned with the images (both georeferenced, or the same size)")
        }
    }

    /// Sets every band of both dates to NaN (invalid) where either date's mask says cloud.
    private func maskClouds(window: PixelWindow, _ first: inout [Float], _ second: inout [Float]) throws(DetectionError) {
        guard !cloudRasters.isEmpty else { return }
        let pixels = window.pixelCount
        for (mask, raster) in cloudRasters {
            let values = try geoIO { try raster.read(window: window, bands: [1]) }
            for i in 0..<pixels where mask.isCloud(values[i]) {
                for band in 0..<bandMap.count {
                    first[band * pixels + i] = .nan
                    second[band * pixels + i] = .nan
                }
            }
        }
    }

    private var bands: [Int] { Array(1...bandMap.count) }

    /// Whole-width strips of 256 rows the image-wide statistics are taken from: every strip of an
    /// image up to 4 million pixels, every n-th strip of a larger one so that about 4 million pixels
    /// are read. Fixed by the image's size alone, so the statistics do not depend on the tile size.
    var sampleStrips: [PixelWindow] {
        let step = max(1, grid.pixelCount / 4_000_000)
        return stride(from: 0, to: grid.height, by: 256 * step).map {
            PixelWindow(x: 0, y: $0, width: grid.width, height: min(256, grid.height - $0))
        }
    }

    /// Both dates over one of `sampleStrips`, band-planar, and its pixel count.
    typealias SampleStrip = (before: [Float], after: [Float], pixels: Int)

    /// Both dates over `sampleStrips`, band-planar strip by strip: read once for all the image-wide
    /// statistics a detection needs (about 128 MB for a 4-band image at most). The strips are read on
    /// `threads` threads, each through its own GDAL handles: read alone, they were a fifth of a
    /// change-vector run on a 6,000² pair, with one core idle.
    func sample(threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(DetectionError) -> Sample {
        let windows = sampleStrips
        let read = Mutex<[Int: SampleStrip]>([:])
        try forEach(windows.count, threads: threads) { pair, index throws(DetectionError) in
            let strip = try pair.strip(windows[index])
            read.withLock { $0[index] = strip }
        }
        let byIndex = read.withLock { $0 }
        return Sample(windows: windows, strips: windows.indices.map { byIndex[$0]! })
    }

    /// Calls `body` for every index below `count` on up to `threads` workers. GDAL handles are not shared
    /// between threads, so each worker reads through its own copy of the pair (opened from `recipe`), and
    /// takes the next index not yet taken: with a fixed share each, one worker was left alone for the last
    /// half second of a 6,000² run while the other idled. The workers are `WorkerThreads`. After a
    /// failure no index is taken; the first failure is thrown. `waiting` is called on the calling
    /// thread every 0.2 s until the workers finish.
    func forEach(_ count: Int, threads: Int, waiting: () -> Void = {},
                 _ body: @escaping @Sendable (ImagePair, Int) throws(DetectionError) -> Void) throws(DetectionError) {
        let state = Mutex<(taken: Int, failure: DetectionError?)>((0, nil))
        let recipe = self.recipe
        WorkerThreads.run(min(threads, count), waiting: waiting) {
            do throws(DetectionError) {
                let pair = try recipe.open()
                while let index = state.withLock({ state -> Int? in
                    guard state.failure == nil, state.taken < count else { return nil }
                    defer { state.taken += 1 }
                    return state.taken
                }) {
                    try body(pair, index)
                }
            } catch {
                state.withLock { $0.failure = $0.failure ?? error }
            }
        }
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    private func strip(_ rows: PixelWindow) throws(DetectionError) -> SampleStrip {
        let (first, second) = try read(rows)
        return (first, second, rows.pixelCount)
    }

    /// Both dates over `window` (inside the image), band-planar, clouds masked.
    private func read(_ window: PixelWindow) throws(DetectionError) -> (before: [Float], after: [Float]) {
        var first = try geoIO { try before.read(window: window, bands: bands) }, second = try geoIO { try after.read(window: window, bands: bands) }
        try maskClouds(window: window, &first, &second)
        return (first, second)
    }

    /// Both dates over `window` (inside the image) as `read(_:)` gives them, with the rows a strip of
    /// `sample` covers copied from it instead of decoded again.
    private func read(_ window: PixelWindow, reusing sample: Sample?) throws(DetectionError) -> (before: [Float], after: [Float]) {
        guard let sample else { return try read(window) }
        let runs = sample.runs(over: window)
        guard runs.contains(where: { $0.strip != nil }) else { return try read(window) }
        let bands = bandMap.count, pixels = window.pixelCount
        var first = [Float](repeating: 0, count: bands * pixels), second = first
        for run in runs {
            let part = PixelWindow(x: window.x, y: run.rows.lowerBound, width: window.width, height: run.rows.count)
            // The source's values, its width, and where `part` starts in it.
            let source: (before: [Float], after: [Float]), width: Int, start: Int, planeSize: Int
            if let index = run.strip {
                let strip = sample.strips[index]
                source = (strip.before, strip.after)
                width = grid.width
                start = (part.y - sample.windows[index].y) * width + part.x
                planeSize = strip.pixels
            } else {
                source = try read(part)
                width = part.width
                start = 0
                planeSize = part.pixelCount
            }
            for band in 0..<bands {
                for row in 0..<part.height {
                    let from = band * planeSize + start + row * width, to = band * pixels + (part.y - window.y + row) * window.width
                    first[to..<(to + window.width)] = source.before[from..<(from + window.width)]
                    second[to..<(to + window.width)] = source.after[from..<(from + window.width)]
                }
            }
        }
        return (first, second)
    }

    /// Band statistics of both dates over a sample.
    static func statistics(of sample: [SampleStrip], bands: Int) -> (before: BandStatistics, after: BandStatistics) {
        var first = BandStatistics.Accumulator(bands: bands), second = first
        for strip in sample {
            first.add(strip.before, pixels: strip.pixels)
            second.add(strip.after, pixels: strip.pixels)
        }
        return (first.statistics, second.statistics)
    }

    /// Both dates over `window` grown by `halo` pixels on every side, band-planar; where the grown
    /// window leaves the image the nearest edge pixel is repeated, so that a pixel's neighbourhood
    /// is the same whichever tile it is computed in.
    /// Rows that a strip of `sample` covers are copied from it instead of read.
    func readPadded(window: PixelWindow, halo: Int, reusing sample: Sample? = nil) throws(DetectionError) -> (before: [Float], after: [Float]) {
        if halo == 0 { return try read(window, reusing: sample) }
        let inside = PixelWindow(x: max(0, window.x - halo), y: max(0, window.y - halo),
                                 width: min(grid.width, window.x + window.width + halo) - max(0, window.x - halo),
                                 height: min(grid.height, window.y + window.height + halo) - max(0, window.y - halo))
        let (first, second) = try read(inside, reusing: sample)
        let width = window.width + 2 * halo, height = window.height + 2 * halo
        var columns = [Int](repeating: 0, count: width), rows = [Int](repeating: 0, count: height)
        for c in 0..<width { columns[c] = min(max(window.x - halo + c, inside.x), inside.x + inside.width - 1) - inside.x }
        for r in 0..<height { rows[r] = min(max(window.y - halo + r, inside.y), inside.y + inside.height - 1) - inside.y }
        func pad(_ values: [Float]) -> [Float] {
            var padded = [Float](repeating: 0, count: width * height * bandMap.count)
            for band in 0..<bandMap.count {
                let source = band * inside.pixelCount, target = band * width * height
                for r in 0..<height {
                    let sourceRow = source + rows[r] * inside.width, targetRow = target + r * width
                    for c in 0..<width { padded[targetRow + c] = values[sourceRow + columns[c]] }
                }
            }
            return padded
        }
        return (pad(first), pad(second))
    }
}

extension ImagePair {
    /// A pair's sample strips (`ImagePair.sample()`): the image-wide statistics are taken from them,
    /// and they are kept while the tiles are scored, so that the rows of a tile that a strip covers
    /// are copied from it, not decoded again. On the 6,000² bench pair the strips are an eighth of the
    /// image; an image of up to 4 million pixels is all sample, so its tiles read nothing (the OSCD
    /// evaluation took 1 min 24 s instead of 3.4 min).
    struct Sample: Sendable {
        /// The strips' windows: whole rows of the image, in order.
        let windows: [PixelWindow]
        let strips: [SampleStrip]

        /// The rows of `window` in runs, each covered by one strip or by none.
        func runs(over window: PixelWindow) -> [(rows: Range<Int>, strip: Int?)] {
            var runs: [(rows: Range<Int>, strip: Int?)] = []
            var row = window.y
            let end = window.y + window.height
            while row < end {
                if let index = windows.firstIndex(where: { $0.y <= row && row < $0.y + $0.height }) {
                    let last = min(end, windows[index].y + windows[index].height)
                    runs.append((row..<last, index))
                    row = last
                } else {
                    let last = min(end, windows.first(where: { $0.y > row })?.y ?? end)
                    runs.append((row..<last, nil))
                    row = last
                }
            }
            return runs
        }
    }
}
