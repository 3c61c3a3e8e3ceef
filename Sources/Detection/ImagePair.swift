import Foundation
import Geo
import GeoIO
import Synchronization
import Workers

/// The before (前时相) and after (后时相) image of one place, on the before image's pixel grid: when
/// both are georeferenced and their grids differ, the after image is warped onto the before image's
/// grid by GDAL, whatever either CRS is, or only cut to it when its pixels are the same lattice (a
/// larger delivery on the same grid). Images without georeference (aerial photographs) must have
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
    /// The area of interest, if any; `grid` is then the window of the images around it.
    public let area: AreaOfInterest?
    /// Whether a pixel that is 0 in every band of the date is that date's fill (no data), decided
    /// from the sample (`sample()`); nil until then. See `isFill(share:bitsPerSample:)`.
    public private(set) var zeroFill: (before: Bool, after: Bool)?
    /// The area in the images' CRS, prepared for the tests of every window read (`PreparedGeometry`
    /// is kept to this pair's thread).
    private let areaOnGrid: (geometry: Geometry, prepared: PreparedGeometry)?

    /// - Parameter bandMap: the roles of the bands; nil reads them from the band descriptions, else
    ///   takes red, green, blue for images of 3 or 4 bands.
    /// - Parameter coregister: also estimate and remove a residual shift of up to four pixels between
    ///   the georeferenced images (`Coregistration`), from a window of at most 1024 × 1024 pixels at
    ///   the image centre.
    /// - Parameter clouds: each date's cloud mask, if any (`CloudMask`).
    /// - Parameter area: the area of interest, if any: the pair is then the window of the images
    ///   around it (in whole blocks of the before image), and its pixels outside the area are nodata.
    public convenience init(beforePath: String, afterPath: String, bandMap: BandMap? = nil, coregister: Bool = false,
                            clouds: (before: CloudMask?, after: CloudMask?) = (nil, nil), area: AreaOfInterest? = nil) throws(DetectionError) {
        try self.init(beforePath: beforePath, afterPath: afterPath, bandMap: bandMap, alignment: coregister ? .estimate : .georeference,
                      clouds: clouds, area: area)
    }

    /// What it takes to open the same pair again, with the same bands and shift, on another thread.
    struct Recipe: Sendable {
        let beforePath: String
        let afterPath: String
        let bandMap: BandMap
        let alignment: Alignment
        let beforeClouds: CloudMask?
        let afterClouds: CloudMask?
        let area: AreaOfInterest?
        let zeroFill: (before: Bool, after: Bool)?

        func open() throws(DetectionError) -> ImagePair {
            let pair = try ImagePair(beforePath: beforePath, afterPath: afterPath, bandMap: bandMap, alignment: alignment,
                                     clouds: (beforeClouds, afterClouds), area: area)
            pair.zeroFill = zeroFill
            return pair
        }
    }

    var recipe: Recipe {
        Recipe(beforePath: before.path, afterPath: after.path, bandMap: bandMap, alignment: shift == (0, 0) ? .georeference : .shift(shift),
               beforeClouds: cloudMasks.before, afterClouds: cloudMasks.after, area: area, zeroFill: zeroFill)
    }

    enum Alignment: Sendable {
        case georeference
        case estimate
        case shift((columns: Double, rows: Double))
    }

    init(beforePath: String, afterPath: String, bandMap: BandMap?, alignment: Alignment,
         clouds: (before: CloudMask?, after: CloudMask?), area: AreaOfInterest? = nil) throws(DetectionError) {
        let file = try geoIO { try RasterSource(path: beforePath) }
        let opened = try geoIO { try RasterSource(path: afterPath) }
        let map: BandMap
        if let bandMap {
            map = bandMap
        } else if let described = BandMap.described(by: file.bandDescriptions) {
            map = described
        } else if [3, 4].contains(file.bandCount) {
            map = .rgb
        } else {
            throw .invalidBandMap("\(beforePath) 有 \(file.bandCount) 个波段且未注明用途，请用 --bands 指定，例如 --bands blue,green,red,nir / the bands of \(beforePath) are not described; give them with --bands")
        }
        guard map.count <= file.bandCount, map.count <= opened.bandCount else {
            throw .invalidBandMap("指定了 \(map.count) 个波段，但影像只有 \(min(file.bandCount, opened.bandCount)) 个 / \(map.count) roles for images of \(min(file.bandCount, opened.bandCount)) bands")
        }
        let placed = try area.map { area throws(DetectionError) in try area.placed(on: file.grid, blocks: file.blockSize) }
        let before = try placed.map { placed throws(DetectionError) in try geoIO { try file.cropped(to: placed.window) } } ?? file
        switch (before.grid.geoTransform, opened.grid.geoTransform) {
        case (nil, nil):
            guard before.grid.width == opened.grid.width, before.grid.height == opened.grid.height else {
                throw .imagesDiffer("两期影像均无地理参考且尺寸不同（\(before.grid.width)×\(before.grid.height) 与 \(opened.grid.width)×\(opened.grid.height)） / neither image is georeferenced and their sizes differ")
            }
            after = opened
        case (.some, .some):
            after = try geoIO { try opened.aligned(to: before.grid) }
        default:
            throw .imagesDiffer("一期有地理参考、另一期没有 / one image is georeferenced and the other is not")
        }
        self.before = before
        self.bandMap = map
        cloudMasks = clouds
        self.area = area
        do {
            areaOnGrid = try placed.map { ($0.geometry, try PreparedGeometry($0.geometry)) }
        } catch {
            throw .areaOfInterest(path: area?.source ?? "", reason: "\(error)")
        }
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
            return try geoIO { try raster.aligned(to: target, resampling: .nearest) }
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
            Self.invalidate(pixels: pixels, bands: bandMap.count, &first, &second) { mask.isCloud(values[$0]) }
        }
    }

    /// Sets every band of both dates (band-planar) to NaN, invalid, at the pixels where `invalid` holds:
    /// what nodata, clouds, undeclared fill and the outside of the area of interest all come to.
    static func invalidate(pixels: Int, bands: Int, _ first: inout [Float], _ second: inout [Float], where invalid: (Int) -> Bool) {
        for i in 0..<pixels where invalid(i) {
            for band in 0..<bands {
                first[band * pixels + i] = .nan
                second[band * pixels + i] = .nan
            }
        }
    }

    /// Sets every band of both dates to NaN (invalid) at the pixels of `window` whose centre is outside
    /// the area of interest. A window the area covers is left as it is and one it misses is all NaN,
    /// both found through the prepared area; only a window its boundary crosses has the area, cut to
    /// the window, burnt onto it (`ByteRaster.burn`, GDAL's rasterizer, whose cost grows with the
    /// rows times the polygon's vertices).
    private func maskOutsideArea(window: PixelWindow, _ first: inout [Float], _ second: inout [Float]) throws(DetectionError) {
        guard let areaOnGrid, let corner = grid.position(column: Double(window.x), row: Double(window.y)),
              let opposite = grid.position(column: Double(window.x + window.width), row: Double(window.y + window.height)) else { return }
        let rectangle = Geometry(rectangle: Envelope(minX: min(corner.x, opposite.x), minY: min(corner.y, opposite.y),
                                                     maxX: max(corner.x, opposite.x), maxY: max(corner.y, opposite.y)))
        let inside: [UInt8]
        do {
            if try areaOnGrid.prepared.covers(rectangle) { return }
            if try !areaOnGrid.prepared.intersects(rectangle) {
                inside = [UInt8](repeating: 0, count: window.pixelCount)
            } else {
                // Only the polygons: where the area touches the window along an edge the cut also holds
                // that edge, which the rasterizer would burn as a line.
                let cut = Geometry(.multiPolygon(try areaOnGrid.geometry.intersection(rectangle).shape.polygons))
                let raster = try ByteRaster(path: nil, grid: grid.subgrid(window), bands: 1)
                try raster.burn(wkb: cut.wkb, value: 1, band: 1)
                inside = try raster.read(window: PixelWindow(x: 0, y: 0, width: window.width, height: window.height), band: 1)
            }
        } catch let error as GeoIOError {
            throw .raster(error)
        } catch {
            throw .areaOfInterest(path: area?.source ?? "", reason: "\(error)")
        }
        Self.invalidate(pixels: window.pixelCount, bands: bandMap.count, &first, &second) { inside[$0] == 0 }
    }

    private var bands: [Int] { Array(1...bandMap.count) }

    /// The windows the image-wide statistics are taken from: fixed by the image's size and blocks
    /// alone, so the statistics do not depend on the tile size. An image of up to `budget` pixels is
    /// all sample, in whole-width strips of 256 rows. A larger one is sampled in about `budget` pixels
    /// of cells spread evenly over its width and height; a cell is whole blocks of the file (256 × 256
    /// pixels in a tiled GeoTIFF, a few whole rows in a striped one), so it decodes nothing it does
    /// not use. Whole-width strips spread over the height alone were a single strip, the top 256 rows,
    /// on an image 16,000 pixels wide or more: a county mosaic whose top rows are nodata got its
    /// statistics from no pixel at all.
    static func sampleWindows(width: Int, height: Int, block: (width: Int, height: Int), budget: Int = 4_000_000) -> [PixelWindow] {
        guard width * height > budget else {
            return stride(from: 0, to: height, by: 256).map { PixelWindow(x: 0, y: $0, width: width, height: min(256, height - $0)) }
        }
        func whole(_ pixels: Int, of unit: Int) -> Int { (pixels + unit - 1) / unit * unit }
        let cellWidth = min(width, whole(256, of: block.width))
        // Blocks taller than 256 rows (a file written as one strip) are not followed: a cell of them
        // could be the whole image.
        let rows = min(256, max(1, 65_536 / cellWidth))
        let cellHeight = min(height, block.height > 256 ? rows : whole(rows, of: block.height))
        let columns = (width + cellWidth - 1) / cellWidth, lattice = (height + cellHeight - 1) / cellHeight
        let cells = max(1, budget / (cellWidth * cellHeight))
        // As many across as down in proportion to the lattice, each index the middle of its share.
        let across = min(columns, max(1, Int((Double(cells * columns) / Double(lattice)).squareRoot().rounded())))
        let down = min(lattice, max(1, (cells + across - 1) / across))
        func spread(_ count: Int, over total: Int) -> [Int] { (0..<count).map { (2 * $0 + 1) * total / (2 * count) } }
        return spread(down, over: lattice).flatMap { row in
            spread(across, over: columns).map { column in
                let x = column * cellWidth, y = row * cellHeight
                return PixelWindow(x: x, y: y, width: min(cellWidth, width - x), height: min(cellHeight, height - y))
            }
        }
    }

    /// Both dates over one of the sample's windows, band-planar, and its pixel count.
    typealias SamplePart = (before: [Float], after: [Float], pixels: Int)

    /// Both dates over `sampleWindows`, band-planar window by window: read once for all the image-wide
    /// statistics a detection needs (about 128 MB for a 4-band image at most). The windows are read on
    /// `threads` threads, each through its own GDAL handles: read alone, they were a fifth of a
    /// change-vector run on a 6,000² pair, with one core idle.
    func sample(threads: Int = ProcessInfo.processInfo.activeProcessorCount, budget: Int = 4_000_000) throws(DetectionError) -> Sample {
        let windows = Self.sampleWindows(width: grid.width, height: grid.height, block: before.blockSize, budget: budget)
        // Each part with its pixels 0 in every band, and those counted (not already nodata), per date:
        // counted by the worker that read it, while its values are in cache, and only for an 8-bit
        // date whose fill is still to be decided (`isFill` needs no share for wider samples).
        let counting: (before: Bool, after: Bool) = zeroFill == nil ? (before.bitsPerSample <= 8, after.bitsPerSample <= 8) : (false, false)
        let read = Mutex<[Int: (part: SamplePart, zeros: [(zero: Int, counted: Int)])]>([:])
        try forEach(windows.count, threads: threads) { pair, index throws(DetectionError) in
            let (first, second) = try pair.read(windows[index])
            let pixels = windows[index].pixelCount
            let zeros = [counting.before ? Self.zeroCount(first, pixels: pixels) : (0, 0),
                         counting.after ? Self.zeroCount(second, pixels: pixels) : (0, 0)]
            read.withLock { $0[index] = ((first, second, pixels), zeros) }
        }
        let byIndex = read.withLock { $0 }.sorted { $0.key < $1.key }.map(\.value)
        var parts = byIndex.map(\.part)
        if zeroFill == nil {
            func share(_ date: Int) -> Double {
                let zero = byIndex.reduce(0) { $0 + $1.zeros[date].zero }, counted = byIndex.reduce(0) { $0 + $1.zeros[date].counted }
                return counted == 0 ? 0 : Double(zero) / Double(counted)
            }
            let decided = (before: Self.isFill(share: share(0), bitsPerSample: before.bitsPerSample),
                           after: Self.isFill(share: share(1), bitsPerSample: after.bitsPerSample))
            zeroFill = decided
            if decided.before || decided.after {
                parts = parts.map { part in
                    var (before, after) = (part.before, part.after)
                    Self.maskZeroFill(pixels: part.pixels, bands: bandMap.count, &before, &after, dates: decided)
                    return (before, after, part.pixels)
                }
            }
        }
        return Sample(windows: windows, parts: parts)
    }

    /// The share of an 8-bit date's sampled pixels (those not already nodata) that are 0 in every
    /// band from which such pixels count as fill: the fill around a scene's footprint is a region of
    /// the image, often tens of percent, where the pure black of deep shadows in an 8-bit photograph
    /// is a few pixels in a thousand (LEVIR's tiles: at most 0.13%; taken as nodata they cost its F1
    /// 0.480 → 0.472).
    static let zeroFillShare = 0.01

    /// Whether a date whose sampled pixels are 0 in every band in `share` of them has zero fill. In
    /// imagery of more than 8 bits (Sentinel-2, Landsat, GF-1/2 digital numbers) a pixel is never 0
    /// in every band where the sensor saw the ground, so such pixels are always fill, whatever the
    /// sample saw: a sliver along a rotated scene's edge, which a large image's sample may miss, is
    /// masked too. In bytes it takes `zeroFillShare`.
    static func isFill(share: Double, bitsPerSample: Int) -> Bool {
        bitsPerSample > 8 || share >= zeroFillShare
    }

    /// Of one date's band-planar values, the pixels 0 in every band and the pixels with no NaN band.
    static func zeroCount(_ values: [Float], pixels: Int) -> (zero: Int, counted: Int) {
        let bands = values.count / max(1, pixels)
        var zero = 0, counted = 0
        for i in 0..<pixels where (0..<bands).allSatisfy({ !values[$0 * pixels + i].isNaN }) {
            counted += 1
            if isZeroInEveryBand(values, i, pixels: pixels, bands: bands) { zero += 1 }
        }
        return (zero, counted)
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

    /// Both dates over `window` (inside the image), band-planar; fill, clouds and the outside of the
    /// area of interest masked.
    private func read(_ window: PixelWindow) throws(DetectionError) -> (before: [Float], after: [Float]) {
        var first = try geoIO { try before.read(window: window, bands: bands) }, second = try geoIO { try after.read(window: window, bands: bands) }
        if let zeroFill, zeroFill.before || zeroFill.after {
            Self.maskZeroFill(pixels: window.pixelCount, bands: bandMap.count, &first, &second, dates: zeroFill)
        }
        try maskClouds(window: window, &first, &second)
        try maskOutsideArea(window: window, &first, &second)
        return (first, second)
    }

    /// Sets every band of both dates to NaN (invalid) where a date of `dates` is 0 in every band: the
    /// fill around a scene's footprint, which deliveries often leave undeclared (no nodata in the
    /// file). Counted as valid, the fill beside the other date's land was one changed region the size
    /// of the gap, and it raised the threshold for every real change (a wedge of 0 cut into an OSCD
    /// after image: 17,880 亩 of 其他变化).
    static func maskZeroFill(pixels: Int, bands: Int, _ first: inout [Float], _ second: inout [Float], dates: (before: Bool, after: Bool)) {
        // A pixel 0 in every band is 0 in the first: most windows have none, found in one pass.
        let before = dates.before && hasZero(first, count: pixels), after = dates.after && hasZero(second, count: pixels)
        guard before || after else { return }
        let fill = (0..<pixels).map { i in
            (before && isZeroInEveryBand(first, i, pixels: pixels, bands: bands))
                || (after && isZeroInEveryBand(second, i, pixels: pixels, bands: bands))
        }
        invalidate(pixels: pixels, bands: bands, &first, &second) { fill[$0] }
    }

    /// Whether one of the first `count` values is 0: counted without an early exit, so that the
    /// compiler vectorises the loop; it runs on every window of 16-bit imagery.
    static func hasZero(_ values: [Float], count: Int) -> Bool {
        values.withUnsafeBufferPointer { buffer in
            var zeros = 0
            for value in UnsafeBufferPointer(rebasing: buffer[0..<count]) { zeros &+= value == 0 ? 1 : 0 }
            return zeros > 0
        }
    }

    /// Whether pixel `i` of band-planar `values` is 0 in every band.
    static func isZeroInEveryBand(_ values: [Float], _ i: Int, pixels: Int, bands: Int) -> Bool {
        (0..<bands).allSatisfy { values[$0 * pixels + i] == 0 }
    }

    /// Both dates over `window` (inside the image) as `read(_:)` gives them, with the parts that
    /// `sample` covers copied from it instead of decoded again.
    private func read(_ window: PixelWindow, reusing sample: Sample?) throws(DetectionError) -> (before: [Float], after: [Float]) {
        guard let sample else { return try read(window) }
        let pieces = sample.pieces(of: window)
        guard pieces.contains(where: { $0.part != nil }) else { return try read(window) }
        let bands = bandMap.count, pixels = window.pixelCount
        var first = [Float](repeating: 0, count: bands * pixels), second = first
        for piece in pieces {
            // The source's values, its width, and where `piece` starts in it.
            let source: SamplePart, width: Int, start: Int
            if let index = piece.part {
                let cell = sample.windows[index]
                source = sample.parts[index]
                width = cell.width
                start = (piece.window.y - cell.y) * width + piece.window.x - cell.x
            } else {
                let (before, after) = try read(piece.window)
                source = (before, after, piece.window.pixelCount)
                width = piece.window.width
                start = 0
            }
            let columns = piece.window.width
            for band in 0..<bands {
                for row in 0..<piece.window.height {
                    let from = band * source.pixels + start + row * width
                    let to = band * pixels + (piece.window.y - window.y + row) * window.width + piece.window.x - window.x
                    first[to..<(to + columns)] = source.before[from..<(from + columns)]
                    second[to..<(to + columns)] = source.after[from..<(from + columns)]
                }
            }
        }
        return (first, second)
    }

    /// Band statistics of both dates over a sample.
    static func statistics(of sample: [SamplePart], bands: Int) -> (before: BandStatistics, after: BandStatistics) {
        var first = BandStatistics.Accumulator(bands: bands), second = first
        for part in sample {
            first.add(part.before, pixels: part.pixels)
            second.add(part.after, pixels: part.pixels)
        }
        return (first.statistics, second.statistics)
    }

    /// Both dates over `window` grown by `halo` pixels on every side, band-planar; where the grown
    /// window leaves the image the nearest edge pixel is repeated, so that a pixel's neighbourhood
    /// is the same whichever tile it is computed in.
    /// The parts that `sample` covers are copied from it instead of read.
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
    /// A pair's sample (`ImagePair.sample()`): the image-wide statistics are taken from it, and it is
    /// kept while the tiles are scored, so that the parts of a tile it covers are copied from it, not
    /// decoded again. On the 6,000² bench pair it is an eighth of the image; an image of up to 4
    /// million pixels is all sample, so its tiles read nothing (the OSCD evaluation took 1 min 24 s
    /// instead of 3.4 min).
    struct Sample: Sendable {
        /// The windows sampled, none overlapping another.
        let windows: [PixelWindow]
        let parts: [SamplePart]

        /// `window` cut into rectangles that each lie inside one sample window (`part`, its index) or
        /// outside all of them (nil): bands of rows crossed by the same sample windows, each cut where
        /// they begin and end.
        func pieces(of window: PixelWindow) -> [(window: PixelWindow, part: Int?)] {
            let crossing = windows.indices.filter { windows[$0].intersects(window) }
            guard !crossing.isEmpty else { return [(window, nil)] }
            let bottom = window.y + window.height, right = window.x + window.width
            var cuts: Set = [window.y, bottom]
            for index in crossing {
                cuts.insert(max(window.y, windows[index].y))
                cuts.insert(min(bottom, windows[index].y + windows[index].height))
            }
            let rows = cuts.sorted()
            var pieces: [(window: PixelWindow, part: Int?)] = []
            for (top, end) in zip(rows, rows.dropFirst()) {
                let across = crossing.filter { windows[$0].y <= top && top < windows[$0].y + windows[$0].height }
                    .sorted { windows[$0].x < windows[$1].x }
                var x = window.x
                for index in across {
                    let start = max(x, windows[index].x), stop = min(right, windows[index].x + windows[index].width)
                    if start > x { pieces.append((PixelWindow(x: x, y: top, width: start - x, height: end - top), nil)) }
                    pieces.append((PixelWindow(x: start, y: top, width: stop - start, height: end - top), index))
                    x = stop
                }
                if x < right { pieces.append((PixelWindow(x: x, y: top, width: right - x, height: end - top), nil)) }
            }
            return pieces
        }
    }
}
