import GeoIO

/// Hysteresis on a change raster: clears the 8-connected regions of a mask band whose highest value in
/// a score band stays below a level, so a region grown at a low threshold survives only where it
/// reaches the high one somewhere.
///
/// It streams strips of rows (memory: two label rows and a few bytes per provisional region, never the
/// raster), in two passes of the same scan: the first joins provisional regions (union–find) and keeps
/// each one's peak, the second relabels the same way and clears the pixels of regions without the peak.
/// Provisional labels depend only on the mask, so both passes give every pixel the same one.
enum RegionPeakFilter {
    static func apply(to raster: ByteRaster, maskBand: Int, scoreBand: Int, minimumPeak: UInt8, rowsPerStrip: Int = 256) throws(DetectionError) {
        let width = raster.grid.width, height = raster.grid.height
        var parent: [Int32] = [], peak: [UInt8] = []
        func root(_ label: Int32) -> Int32 {
            var node = label
            while parent[Int(node)] != node {
                parent[Int(node)] = parent[Int(parent[Int(node)])]
                node = parent[Int(node)]
            }
            return node
        }
        var scan = Scan(width: width)
        for strip in stride(from: 0, to: height, by: rowsPerStrip) {
            let window = PixelWindow(x: 0, y: strip, width: width, height: min(rowsPerStrip, height - strip))
            let mask = try geoIO { try raster.read(window: window, band: maskBand) }
            let score = try geoIO { try raster.read(window: window, band: scoreBand) }
            for row in 0..<window.height {
                scan.next(mask: mask[(row * width)..<((row + 1) * width)]) { x, label, neighbours in
                    if Int(label) == parent.count {
                        parent.append(label)
                        peak.append(0)
                    }
                    var top = root(label)
                    for other in neighbours {
                        let joined = root(other)
                        guard joined != top else { continue }
                        let (low, high) = joined < top ? (joined, top) : (top, joined)
                        parent[Int(high)] = low
                        peak[Int(low)] = max(peak[Int(low)], peak[Int(high)])
                        top = low
                    }
                    peak[Int(top)] = max(peak[Int(top)], score[row * width + x])
                }
            }
        }
        let keep = parent.indices.map { peak[Int(root(Int32($0)))] >= minimumPeak }
        guard keep.contains(false) else { return }
        scan = Scan(width: width)
        for strip in stride(from: 0, to: height, by: rowsPerStrip) {
            let window = PixelWindow(x: 0, y: strip, width: width, height: min(rowsPerStrip, height - strip))
            var mask = try geoIO { try raster.read(window: window, band: maskBand) }
            var cleared: [Int] = []
            for row in 0..<window.height {
                // Collected, then cleared: writing into `mask` while its row is lent would copy the strip.
                scan.next(mask: mask[(row * width)..<((row + 1) * width)]) { x, label, _ in
                    if !keep[Int(label)] { cleared.append(row * width + x) }
                }
            }
            guard !cleared.isEmpty else { continue }
            for index in cleared { mask[index] = 0 }
            try geoIO { try raster.write(mask, window: window, band: maskBand) }
        }
    }

    /// The provisional labelling, row by row: a set pixel takes the smallest provisional label among
    /// its set neighbours above and to the left, or a new one; `visit` hears the pixel's column, its
    /// label, and the other neighbours' labels (to be joined with it).
    private struct Scan {
        let width: Int
        private var above: [Int32]
        private var current: [Int32]
        private var next: Int32 = 0

        init(width: Int) {
            self.width = width
            above = [Int32](repeating: -1, count: width)
            current = above
        }

        mutating func next(mask: ArraySlice<UInt8>, visit: (Int, Int32, [Int32]) -> Void) {
            let start = mask.startIndex
            var neighbours: [Int32] = []
            neighbours.reserveCapacity(4)
            for x in 0..<width {
                guard mask[start + x] != 0 else {
                    current[x] = -1
                    continue
                }
                neighbours.removeAll(keepingCapacity: true)
                if x > 0, current[x - 1] >= 0 { neighbours.append(current[x - 1]) }
                for dx in -1...1 where x + dx >= 0 && x + dx < width && above[x + dx] >= 0 { neighbours.append(above[x + dx]) }
                let label: Int32
                if let smallest = neighbours.min() {
                    label = smallest
                } else {
                    label = next
                    next += 1
                }
                current[x] = label
                visit(x, label, neighbours)
            }
            swap(&above, &current)
        }
    }
}
