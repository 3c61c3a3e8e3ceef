import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// 用判定结果训练: a batch's determined patches as training examples for the change model, read from
/// the registered imagery itself (all bands, the image's own statistics), so a model learns from the
/// bureau's own verdicts what it will be run on.
///
/// For each pair of a registered before and after image, the labelled pixels are the 256-pixel tiles of
/// the before image's grid that a determined patch touches:
/// - 1 inside a patch whose determination says the ground changed (合法, 违法 and most 其他);
/// - 0 inside a patch determined as no change (the code list's `no_change` codes: 伪变化, 季节性变化,
///   实地未变化), and everywhere in those tiles outside the batch's patches;
/// - 255 (not learnt from) inside a patch not yet determined, or split between change and no-change
///   parts (the parts are areas without an outline).
public struct DeterminedPatchExamples {
    public var batchCodes: [String]
    /// Band roles of the imagery; nil: the band descriptions, else red, green, blue.
    public var bandMap: BandMap?
    /// Edge of the labelled tiles in pixels.
    public var tileSize = 256

    public init(batchCodes: [String], bandMap: BandMap? = nil) {
        self.batchCodes = batchCodes
        self.bandMap = bandMap
    }

    /// What went into the examples.
    public struct Summary: Sendable, Equatable {
        /// Determined patches learnt as change.
        public var changedPatches = 0
        /// Determined patches learnt as no change (`no_change` codes).
        public var noChangePatches = 0
        /// Determined patches split between change and no-change parts, not learnt from.
        public var mixedPatches = 0
        /// Determined patches no registered before and after image both cover.
        public var withoutImagery = 0
        /// Labelled pixels: changed, unchanged.
        public var changedPixels = 0
        public var unchangedPixels = 0

        public init(changedPatches: Int = 0, noChangePatches: Int = 0, mixedPatches: Int = 0, withoutImagery: Int = 0,
                    changedPixels: Int = 0, unchangedPixels: Int = 0) {
            self.changedPatches = changedPatches
            self.noChangePatches = noChangePatches
            self.mixedPatches = mixedPatches
            self.withoutImagery = withoutImagery
            self.changedPixels = changedPixels
            self.unchangedPixels = unchangedPixels
        }
    }

    public func examples(in workspace: Workspace) throws -> (examples: [ChangeTraining.Example], summary: Summary) {
        let codes = try workspace.determinationCodes()
        var summary = Summary()
        var examples: [ChangeTraining.Example] = []
        for batch in batchCodes {
            try workspace.requireBatch(batch)
            let workflows = try workspace.store.patchWorkflows(batch: batch)
            let imagery = try workspace.store.imagery(batch: batch)
            var groups: [String: (before: Imagery, after: Imagery, patches: [LabelledPatch])] = [:]
            for patch in try workspace.store.patches(matching: PatchQuery(batch: batch)) {
                let determination = workflows[PatchKey(batch: batch, code: patch.code)]?.determination
                let label: UInt8 = switch determination.map(codes.groundChange(in:)) {
                case .changed: 1
                case .unchanged: 0
                case .mixed, nil: 255
                }
                guard let (before, after) = patch.geometry.envelope.flatMap(imagery.pair(covering:)) else {
                    if determination != nil { summary.withoutImagery += 1 }
                    continue
                }
                let key = before.path + "\n" + after.path
                groups[key, default: (before, after, [])].patches.append(LabelledPatch(geometry: patch.geometry, label: label))
                if label == 1 { summary.changedPatches += 1 }
                if label == 0 { summary.noChangePatches += 1 }
                if label == 255, determination != nil { summary.mixedPatches += 1 }
            }
            for key in groups.keys.sorted() {
                let group = groups[key]!
                let image = try RasterSource(path: group.before.path)
                let windows = try labelledWindows(of: group.patches, on: image)
                for (_, values) in windows {
                    for value in values where value <= 1 {
                        if value == 1 { summary.changedPixels += 1 } else { summary.unchangedPixels += 1 }
                    }
                }
                guard !windows.isEmpty else { continue }
                let bands = bandMap ?? BandMap.described(by: image.bandDescriptions) ?? .rgb
                examples.append(ChangeTraining.Example(name: "\(batch) \(group.before.name) → \(group.after.name)",
                                                       beforePath: group.before.path, afterPath: group.after.path,
                                                       bandMap: bands, labels: .windows(windows)))
            }
        }
        guard summary.changedPatches > 0 else {
            throw WorkspaceError.noChangeToLearn(batches: batchCodes.joined(separator: ","), noChange: summary.noChangePatches,
                                                 withoutImagery: summary.withoutImagery)
        }
        return (examples, summary)
    }

    private struct LabelledPatch {
        let geometry: Geometry
        let label: UInt8
    }

    /// The grid's tiles that a determined patch touches, each with its labels.
    private func labelledWindows(of patches: [LabelledPatch], on image: RasterSource) throws -> [(window: PixelWindow, values: [UInt8])] {
        let grid = image.grid
        guard let crs = grid.crs, grid.geoTransform != nil else {
            throw GeoIOError.notImagery(path: image.path, reason: "没有地理参考 / no georeference")
        }
        let inGrid = try patches.map { patch in
            let geometry = try patch.geometry.transformed(from: .cgcs2000, to: crs)
            return (geometry: geometry, label: patch.label, window: geometry.envelope.flatMap(grid.window(covering:)))
        }
        let tiles = PixelWindow.tiles(width: grid.width, height: grid.height, size: tileSize)
        return try tiles.compactMap { tile -> (window: PixelWindow, values: [UInt8])? in
            let touching = inGrid.filter { $0.window?.intersects(tile) == true }
            guard touching.contains(where: { $0.label <= 1 }) else { return nil }
            let raster = try ByteRaster(path: nil, grid: grid.subgrid(tile), bands: 1)
            // Undetermined first, so a determined patch drawn over one keeps its verdict.
            for label: UInt8 in [255, 1, 0] {
                for patch in touching where patch.label == label {
                    try raster.burn(wkb: patch.geometry.wkb, value: label, band: 1)
                }
            }
            return (tile, try raster.read(window: PixelWindow(x: 0, y: 0, width: tile.width, height: tile.height), band: 1))
        }
    }
}
