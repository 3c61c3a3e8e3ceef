import Foundation
import GeoIO

/// A before/after pair with a reference change mask: the material models learn from and are scored on.
public struct LabelledPair: Sendable {
    /// How the reference file(s) mark change.
    public enum Reference: Sendable {
        /// One file; `changed` and `unchanged` list the pixel values of each class, others are unlabelled.
        case coded(path: String, changed: Set<Int>, unchanged: Set<Int>)
        /// One file; any non-zero value is change, zero is no change.
        case binary(path: String)
        /// Two masks (non-zero = marked); pixels in neither are unlabelled.
        case twoMasks(changed: String, unchanged: String)
    }

    public let name: String
    public let beforePath: String
    public let afterPath: String
    public let bandMap: BandMap
    public let reference: Reference
    /// Ground size of a pixel: the minimum mapping unit in pixels for images without georeference.
    public let pixelSizeMetres: Double

    /// The reference per pixel, row by row: 1 changed, 0 unchanged, 255 unlabelled.
    public func labels() throws(DetectionError) -> [UInt8] {
        func plane(_ path: String) throws(DetectionError) -> [Float] {
            let source = try geoIO { try RasterSource(path: path) }
            return try geoIO { try source.read(window: PixelWindow(x: 0, y: 0, width: source.grid.width, height: source.grid.height), bands: [1]) }
        }
        switch reference {
        case let .coded(path, changed, unchanged):
            return try plane(path).map { changed.contains(Int($0)) ? 1 : unchanged.contains(Int($0)) ? 0 : 255 }
        case let .binary(path):
            return try plane(path).map { $0 != 0 ? 1 : 0 }
        case let .twoMasks(changedPath, unchangedPath):
            return zip(try plane(changedPath), try plane(unchangedPath)).map { $0 != 0 ? 1 : $1 != 0 ? 0 : 255 }
        }
    }
}

/// The labelled change datasets LandWatch reads, recognised by their layout (see
/// `../shared/data/README.md`): OSCD (Sentinel-2 cities), SZTAKI AirChange, the Landsat Taizhou pair,
/// and LEVIR-CD / DSIFN tiles.
public enum LabelledPairs {
    /// The pairs in `directory`, in name order.
    public static func load(directory: String) throws(DetectionError) -> [LabelledPair] {
        let root = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw .dataset(path: directory, reason: "目录无法读取 / cannot list the folder")
        }
        func path(_ parts: String...) -> String { parts.reduce(root) { $0.appendingPathComponent($1) }.path }
        func exists(_ parts: String...) -> Bool { FileManager.default.fileExists(atPath: parts.reduce(root) { $0.appendingPathComponent($1) }.path) }

        // OSCD: <city>_t1.tif, <city>_t2.tif, <city>_label.tif (1 = no change, 2 = change).
        let cities = names.filter { $0.hasSuffix("_label.tif") }.map { String($0.dropLast("_label.tif".count)) }
        if !cities.isEmpty {
            let bands = try BandMap(roles: [.blue, .green, .red, .nir])
            return cities.map { city in
                LabelledPair(name: city, beforePath: path("\(city)_t1.tif"), afterPath: path("\(city)_t2.tif"), bandMap: bands,
                             reference: .coded(path: path("\(city)_label.tif"), changed: [2], unchanged: [1]), pixelSizeMetres: 10)
            }
        }
        // Landsat Taizhou: t1_*.tif, t2_*.tif (TM bands 1-5, 7), changed.png, unchanged.png.
        if exists("changed.png"), exists("unchanged.png"),
           let first = names.first(where: { $0.hasPrefix("t1_") }), let second = names.first(where: { $0.hasPrefix("t2_") }) {
            return [LabelledPair(name: root.lastPathComponent, beforePath: path(first), afterPath: path(second),
                                 bandMap: try BandMap(roles: [.blue, .green, .red, .nir, .swir1, .swir2]),
                                 reference: .twoMasks(changed: path("changed.png"), unchanged: path("unchanged.png")), pixelSizeMetres: 30)]
        }
        // LEVIR-CD / DSIFN tiles: A/, B/, label/ with the same file names.
        if exists("A"), exists("B"), exists("label") {
            let tiles = (try? FileManager.default.contentsOfDirectory(atPath: path("label")).sorted()) ?? []
            let metres = root.lastPathComponent.lowercased().contains("dsifn") ? 2.0 : 0.5
            return tiles.map { tile in
                LabelledPair(name: String(tile.split(separator: ".").first ?? Substring(tile)), beforePath: path("A", tile),
                             afterPath: path("B", tile), bandMap: .rgb, reference: .binary(path: path("label", tile)), pixelSizeMetres: metres)
            }
        }
        // SZTAKI AirChange: <pair>/im1.png, im2.png, gt.png (255 = change).
        let sztaki = names.filter { exists($0, "im1.png") && exists($0, "im2.png") && exists($0, "gt.png") }
        if !sztaki.isEmpty {
            return sztaki.map { pair in
                LabelledPair(name: pair, beforePath: path(pair, "im1.png"), afterPath: path(pair, "im2.png"), bandMap: .rgb,
                             reference: .binary(path: path(pair, "gt.png")), pixelSizeMetres: 1.5)
            }
        }
        throw .dataset(path: directory, reason: "不是已知的样本布局（OSCD、SZTAKI、Landsat、LEVIR/DSIFN） / not a known layout (OSCD, SZTAKI, Landsat, LEVIR/DSIFN)")
    }
}
