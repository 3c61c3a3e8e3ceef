/// Pixel-level agreement of a change mask with a reference: counts of true and false positives and
/// negatives over the labelled pixels, and the scores the change-detection literature reports.
public struct PixelScore: Sendable, Equatable, Codable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init() {}

    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Scores `predicted` (1 = changed) against `reference` (1 = changed, 0 = unchanged, anything
    /// else unlabelled and skipped).
    public init(predicted: [UInt8], reference: [UInt8]) {
        precondition(predicted.count == reference.count, "one prediction per labelled pixel")
        for (p, r) in zip(predicted, reference) {
            switch (p != 0, r) {
            case (true, 1): truePositives += 1
            case (true, 0): falsePositives += 1
            case (false, 1): falseNegatives += 1
            case (false, 0): trueNegatives += 1
            default: continue
            }
        }
    }

    public static func + (a: PixelScore, b: PixelScore) -> PixelScore {
        PixelScore(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
                   falseNegatives: a.falseNegatives + b.falseNegatives, trueNegatives: a.trueNegatives + b.trueNegatives)
    }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives) }
    /// Intersection over union of the changed pixels.
    public var iou: Double { ratio(truePositives, truePositives + falsePositives + falseNegatives) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
}

/// Object-level agreement: of the true change objects at least the minimum mapping unit, how many
/// a predicted patch touches; of the predicted patches, how many touch no true change at all.
public struct PatchScore: Sendable, Equatable, Codable {
    public var trueObjects = 0
    public var objectsHit = 0
    public var predictedPatches = 0
    public var falsePatches = 0
    /// The same recall on the larger true objects only: one entry per size asked for, each counting
    /// the objects of at least that size (so ≥ 5 亩 is also in ≥ 1 亩).
    public var bySize: [SizeClass] = []

    /// True objects of at least `minimumMu` 亩, and those a predicted patch touches.
    public struct SizeClass: Sendable, Equatable, Codable {
        public let minimumMu: Double
        public var objects: Int
        public var hit: Int

        public init(minimumMu: Double, objects: Int, hit: Int) {
            self.minimumMu = minimumMu
            self.objects = objects
            self.hit = hit
        }

        public var recall: Double { objects == 0 ? 0 : Double(hit) / Double(objects) }
    }

    public init() {}

    public init(trueObjects: Int, objectsHit: Int, predictedPatches: Int, falsePatches: Int, bySize: [SizeClass] = []) {
        self.trueObjects = trueObjects
        self.objectsHit = objectsHit
        self.predictedPatches = predictedPatches
        self.falsePatches = falsePatches
        self.bySize = bySize
    }

    /// Compares the 8-connected regions of `predicted` and `reference` (both 1 = changed) on a
    /// `width`-wide grid; true objects smaller than `minimumPixels` are not counted. `sizes` are the
    /// larger classes to count apart: their size in 亩 and in pixels.
    public init(predicted: [UInt8], reference: [UInt8], width: Int, minimumPixels: Int, sizes: [(mu: Double, pixels: Int)] = []) {
        let truth = ConnectedRegions(reference.map { $0 == 1 }, width: width)
        let found = ConnectedRegions(predicted.map { $0 != 0 }, width: width)
        var hit = [Bool](repeating: false, count: truth.count), touchesTruth = [Bool](repeating: false, count: found.count)
        for i in reference.indices {
            let t = truth.labels[i], f = found.labels[i]
            if t >= 0, f >= 0 { hit[t] = true }
            if f >= 0, reference[i] == 1 { touchesTruth[f] = true }
        }
        bySize = sizes.map { SizeClass(minimumMu: $0.mu, objects: 0, hit: 0) }
        for region in 0..<truth.count where truth.sizes[region] >= minimumPixels {
            trueObjects += 1
            if hit[region] { objectsHit += 1 }
            for (index, size) in sizes.enumerated() where truth.sizes[region] >= size.pixels {
                bySize[index].objects += 1
                if hit[region] { bySize[index].hit += 1 }
            }
        }
        predictedPatches = found.count
        falsePatches = touchesTruth.filter { !$0 }.count
    }

    /// Pooled counts. Size classes are added where both scores have the same ones; a score without
    /// any (the empty start of a sum) takes the other's.
    public static func + (a: PatchScore, b: PatchScore) -> PatchScore {
        let sizes: [SizeClass]
        if a.bySize.isEmpty || b.bySize.isEmpty {
            sizes = a.bySize.isEmpty ? b.bySize : a.bySize
        } else {
            precondition(a.bySize.map(\.minimumMu) == b.bySize.map(\.minimumMu), "the same size classes")
            sizes = zip(a.bySize, b.bySize).map { SizeClass(minimumMu: $0.minimumMu, objects: $0.objects + $1.objects, hit: $0.hit + $1.hit) }
        }
        return PatchScore(trueObjects: a.trueObjects + b.trueObjects, objectsHit: a.objectsHit + b.objectsHit,
                          predictedPatches: a.predictedPatches + b.predictedPatches, falsePatches: a.falsePatches + b.falsePatches,
                          bySize: sizes)
    }

    public var recall: Double { trueObjects == 0 ? 0 : Double(objectsHit) / Double(trueObjects) }
    public var falsePatchRate: Double { predictedPatches == 0 ? 0 : Double(falsePatches) / Double(predictedPatches) }
}

/// The 8-connected regions of the set pixels of a grid: a region number per pixel (-1 where unset)
/// and each region's size. For scoring whole labelled images held in memory.
struct ConnectedRegions {
    private(set) var labels: [Int]
    private(set) var sizes: [Int] = []
    var count: Int { sizes.count }

    init(_ set: [Bool], width: Int) {
        labels = [Int](repeating: -1, count: set.count)
        let height = width == 0 ? 0 : set.count / width
        var stack: [Int] = []
        for start in set.indices where set[start] && labels[start] < 0 {
            let region = sizes.count
            var size = 0
            labels[start] = region
            stack.append(start)
            while let i = stack.popLast() {
                size += 1
                let x = i % width, y = i / width
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < width, ny >= 0, ny < height else { continue }
                        let n = ny * width + nx
                        if set[n], labels[n] < 0 {
                            labels[n] = region
                            stack.append(n)
                        }
                    }
                }
            }
            sizes.append(size)
        }
    }
}
