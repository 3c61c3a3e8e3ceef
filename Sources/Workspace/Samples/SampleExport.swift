import Detection
import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// 样本库: the determined patches of a batch as training samples for change detection, in the
/// LEVIR-CD layout (`A/` before chips, `B/` after chips, `label/` masks, 255 = the patch, or all 0 for a
/// patch determined as no change (伪变化, 季节性变化, 实地未变化: the code list's `no_change`), all PNG of one
/// size and one name per sample), with `index.geojson` (each chip's footprint, the patch's category and
/// sub-type, dates and images) and `statistics.json`. Chips are the before image's own pixels around
/// the patch; the after image is read on the same pixels, warped by GDAL when its grid differs.
public struct SampleExport {
    public var batchCode: String
    public var outputDirectory: String
    /// Side of a chip in pixels of the before image.
    public var chipSize = 256
    /// Band roles of the imagery, to find its red, green and blue bands; nil: the band descriptions,
    /// else the first three bands are taken as red, green, blue.
    public var bandMap: BandMap?

    public init(batchCode: String, outputDirectory: String) {
        self.batchCode = batchCode
        self.outputDirectory = outputDirectory
    }

    public struct Tally: Sendable, Codable, Equatable {
        public var samples = 0
        public var areaMu = 0.0
    }

    public struct Statistics: Sendable, Codable, Equatable {
        public var batch = ""
        public var samples = 0
        /// Determined patches left out because no registered before and after image both cover them.
        public var withoutImagery = 0
        public var areaMu = 0.0
        /// By 合法 / 违法 / 其他.
        public var byCategory: [String: Tally] = [:]
        /// By the largest part's sub-type, "code name".
        public var bySubtype: [String: Tally] = [:]
    }

    /// Writes the library into a staging folder beside `outputDirectory` and moves it into place at
    /// the end, so a failure leaves no half library.
    public func run(in workspace: Workspace, progress: JobProgress = SilentProgress()) throws -> Statistics {
        try workspace.requireBatch(batchCode)
        let target = URL(fileURLWithPath: outputDirectory).standardizedFileURL
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: target.path), !existing.isEmpty {
            throw WorkspaceError.outputExists(path: target.path)
        }
        let workflows = try workspace.store.patchWorkflows(batch: batchCode)
        let patches = try workspace.store.patches(matching: PatchQuery(batch: batchCode)).compactMap { patch in
            workflows[PatchKey(batch: batchCode, code: patch.code)]?.determination.map { (patch, $0) }
        }
        let imagery = try workspace.store.imagery(batch: batchCode)
        let codes = try workspace.determinationCodes()
        let staging = target.deletingLastPathComponent().appendingPathComponent(".landwatch-samples-\(UUID().uuidString)")
        do {
            for folder in ["A", "B", "label"] {
                try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
        } catch {
            throw WorkspaceError.cannotCreate(path: target.path, reason: error.localizedDescription)
        }
        var finished = false
        defer { if !finished { try? FileManager.default.removeItem(at: staging) } }
        let index = try VectorWriter(path: staging.appendingPathComponent("index.geojson").path, format: .geojson, layerName: "samples",
                                     crs: .cgcs2000, fields: Self.indexFields)
        var statistics = Statistics(batch: batchCode)
        var sources: [String: RasterSource] = [:]
        func source(_ path: String) throws -> RasterSource {
            if let open = sources[path] { return open }
            let opened = try RasterSource(path: path)
            sources[path] = opened
            return opened
        }
        progress.begin("样本 / samples", total: patches.count)
        for (done, (patch, determination)) in patches.enumerated() {
            defer { progress.advance(to: done + 1) }
            guard let (before, after) = patch.geometry.envelope.flatMap(imagery.pair(covering:)) else {
                statistics.withoutImagery += 1
                continue
            }
            let chip = try Chip(patch: patch, before: try source(before.path), size: chipSize)
            let name = Self.fileName(patch.code)
            for (folder, image) in [("A", try source(before.path)), ("B", try source(after.path))] {
                try chip.image(from: image, bands: try displayBands(of: image)).savePNG(to: staging.appendingPathComponent("\(folder)/\(name)").path)
            }
            let changed = codes.groundChange(in: determination) != .unchanged
            try chip.mask(of: changed ? patch : nil).savePNG(to: staging.appendingPathComponent("label/\(name)").path)
            let main = determination.parts.max { $0.area < $1.area }
            let category = determination.reportedCategory
            try index.write(geometry: try chip.footprint(), attributes: [
                "code": .string(patch.code), "category": .string(category.chineseName), "category_code": .string(category.rawValue),
                "subtype_code": main.map { .string($0.subtype.code) } ?? .null, "subtype": main.map { .string($0.subtype.name) } ?? .null,
                "area_mu": .real((patch.area.mu * 10_000).rounded() / 10_000),
                "before_date": patch.beforeDate.map { .string($0) } ?? .null, "after_date": patch.afterDate.map { .string($0) } ?? .null,
                "before_image": .string(before.name), "after_image": .string(after.name),
                "A": .string("A/\(name)"), "B": .string("B/\(name)"), "label": .string("label/\(name)"),
            ])
            statistics.samples += 1
            statistics.areaMu += patch.area.mu
            statistics.byCategory[category.chineseName, default: Tally()].add(patch.area)
            if let main { statistics.bySubtype["\(main.subtype.code) \(main.subtype.name)", default: Tally()].add(patch.area) }
        }
        progress.end()
        guard statistics.samples > 0 else { throw WorkspaceError.noSamples(batch: batchCode, determined: patches.count) }
        try index.finish()
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(statistics).write(to: staging.appendingPathComponent("statistics.json"))
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            throw WorkspaceError.cannotCreate(path: target.path, reason: error.localizedDescription)
        }
        finished = true
        return statistics
    }

    private static let indexFields = [
        FieldDefinition("code", .string(width: 40)), FieldDefinition("category", .string(width: 8)),
        FieldDefinition("category_code", .string(width: 8)), FieldDefinition("subtype_code", .string(width: 16)),
        FieldDefinition("subtype", .string(width: 40)), FieldDefinition("area_mu", .real),
        FieldDefinition("before_date", .string(width: 10)), FieldDefinition("after_date", .string(width: 10)),
        FieldDefinition("before_image", .string(width: 80)), FieldDefinition("after_image", .string(width: 80)),
        FieldDefinition("A", .string(width: 80)), FieldDefinition("B", .string(width: 80)), FieldDefinition("label", .string(width: 80)),
    ]

    /// The image's red, green and blue bands (1-based), by the band map or the band descriptions; else
    /// its first three bands, or its one grey band three times.
    private func displayBands(of image: RasterSource) throws -> [Int] {
        if let bandMap, bandMap.count > image.bandCount {
            throw GeoIOError.notImagery(path: image.path, reason: "波段用途 \(bandMap) 多于影像的 \(image.bandCount) 个波段 / the band map names more bands than the image's \(image.bandCount)")
        }
        if let roles = bandMap ?? BandMap.described(by: image.bandDescriptions),
           let red = roles.index(of: .red), let green = roles.index(of: .green), let blue = roles.index(of: .blue) {
            return [red + 1, green + 1, blue + 1]
        }
        return image.bandCount >= 3 ? [1, 2, 3] : [1, 1, 1]
    }

    /// A patch code as a file name: characters other than letters, digits, `-` and `_` become `_`.
    static func fileName(_ code: String) -> String {
        String(code.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_" }) + ".png"
    }
}

extension SampleExport.Tally {
    mutating func add(_ area: Area) {
        samples += 1
        areaMu += area.mu
    }
}

/// One sample's pixels: a square of the before image's own pixels around the patch.
private struct Chip {
    let grid: RasterGrid
    let crs: CRS

    init(patch: Patch, before: RasterSource, size: Int) throws {
        guard let crs = before.grid.crs, let transform = before.grid.geoTransform, let envelope = patch.geometry.envelope else {
            throw GeoIOError.notImagery(path: before.path, reason: "没有地理参考 / no georeference")
        }
        let centre = try CoordinateTransformer.cached(from: .cgcs2000, to: crs).transform(envelope.center)
        // Snapped to the before image's pixels, so its chip is its own pixels, not resampled ones.
        let column = Int(((centre.x - transform[0]) / transform[1]).rounded(.down)) - size / 2
        let row = Int(((centre.y - transform[3]) / transform[5]).rounded(.down)) - size / 2
        grid = before.grid.subgrid(PixelWindow(x: column, y: row, width: size, height: size))
        self.crs = crs
    }

    /// The image's `bands` (1-based: red, green, blue) on the chip's pixels, as bytes: values already
    /// within 0–255 as they are, others stretched between the chip's 2nd and 98th percentiles band by
    /// band. Read straight from the file when the image shares the chip's pixel grid, warped onto it by
    /// GDAL otherwise.
    func image(from source: RasterSource, bands: [Int]) throws -> ByteRaster {
        let whole = PixelWindow(x: 0, y: 0, width: grid.width, height: grid.height)
        let values = if let window = source.grid.window(matching: grid) {
            try source.read(window: window, bands: bands)
        } else {
            try source.warped(onto: grid).read(window: whole, bands: bands)
        }
        let raster = try ByteRaster(path: nil, grid: grid, bands: 3)
        let pixels = grid.pixelCount
        let finite = values.filter(\.isFinite)
        let isByte = finite.allSatisfy { $0 >= 0 && $0 <= 255 }
        for band in 0..<3 {
            let plane = values[(band * pixels)..<((band + 1) * pixels)]
            var low: Float = 0, high: Float = 255
            if !isByte {
                let sorted = plane.filter(\.isFinite).sorted()
                if let first = sorted.first {
                    low = sorted[Int(Double(sorted.count - 1) * 0.02)]
                    high = max(sorted[Int(Double(sorted.count - 1) * 0.98)], first + 1)
                }
            }
            let bytes = plane.map { v -> UInt8 in
                guard v.isFinite else { return 0 }
                return UInt8(max(0, min(255, ((v - low) / (high - low) * 255).rounded())))
            }
            try raster.write(bytes, window: whole, band: band + 1)
        }
        return raster
    }

    /// 255 inside the patch, 0 elsewhere; all 0 without a patch.
    func mask(of patch: Patch?) throws -> ByteRaster {
        let raster = try ByteRaster(path: nil, grid: grid, bands: 1)
        if let patch { try raster.burn(wkb: try patch.geometry.transformed(from: .cgcs2000, to: crs).wkb, value: 255, band: 1) }
        return raster
    }

    /// The chip's outline in CGCS2000 longitude/latitude.
    func footprint() throws -> Geometry {
        let corners = [(0.0, 0.0), (Double(grid.width), 0), (Double(grid.width), Double(grid.height)), (0, Double(grid.height)), (0, 0)]
        var ring = corners.compactMap { grid.position(column: $0.0, row: $0.1) }
        try CoordinateTransformer.cached(from: crs, to: .cgcs2000).transform(&ring)
        return Geometry(.polygon(Polygon(exterior: ring)))
    }
}
