import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport

// Helpers shared by the Store tests: a fresh SQLiteStore in a temporary folder, and domain values built
// from WKT in CGCS2000 longitude/latitude.

/// |actual − expected| ≤ tolerance × |expected|.
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}

/// A store in its own temporary folder; the folder lives as long as this value.
struct StoreFixture {
    let folder: TemporaryDirectory
    let path: String
    let store: SQLiteStore

    init() throws {
        folder = TemporaryDirectory("landwatch-store-test")
        path = folder.path("workspace.sqlite")
        store = try SQLiteStore(path: path)
    }

    /// Opens the same database file again.
    func reopen() throws -> SQLiteStore { try SQLiteStore(path: path) }
}

/// The ellipsoidal (CGCS2000) area of a lon/lat geometry.
func area(of geometry: Geometry) -> Area { EllipsoidalArea.of(lonLat: geometry.shape) }

/// A square in lon/lat with its south-west corner at (lon, lat).
func squareWKT(lon: Double, lat: Double, size: Double) -> String {
    let e = lon + size, n = lat + size
    return "POLYGON ((\(lon) \(lat), \(e) \(lat), \(e) \(n), \(lon) \(n), \(lon) \(lat)))"
}

func region(_ code: String, _ name: String, _ wkt: String, parent: String? = nil) throws -> Region {
    let boundary = try Geometry(wkt: wkt)
    return Region(code: try RegionCode(code), name: name, parentCode: try parent.map { try RegionCode($0) },
                  boundary: boundary, area: area(of: boundary))
}

func batch(_ code: String, name: String = "2024年第1季度土地卫片", importedAt: Date = Date(timeIntervalSince1970: 1_711_929_600)) throws -> Batch {
    try Batch(code: code, name: name, sourcePath: "/data/\(code).shp", importedAt: importedAt)
}

func patch(_ code: String, batch: String = "2024Q1", region: String? = "440103", wkt: String,
           attributes: [String: AttributeValue] = [:], beforeDate: String? = "2023-10-01", afterDate: String? = "2024-03-01",
           invalidReason: String? = nil, repaired: Bool = false, regionSource: RegionSource = .attribute,
           spatialRegion: String? = nil) throws -> Patch {
    let geometry = try Geometry(wkt: wkt)
    return Patch(code: code, batchCode: batch, regionCode: try region.map { try RegionCode($0) }, regionSource: regionSource,
                 spatialRegionCode: try spatialRegion.map { try RegionCode($0) }, geometry: geometry, area: area(of: geometry),
                 beforeDate: beforeDate, afterDate: afterDate, invalidReason: invalidReason, repaired: repaired,
                 attributes: attributes)
}

func feature(fid: Int64, wkt: String, classCode: String? = "0101", attributes: [String: AttributeValue] = [:]) throws -> ReferenceFeature {
    let geometry = try Geometry(wkt: wkt)
    return ReferenceFeature(layerID: 0, sourceFID: fid, classCode: classCode, geometry: geometry, area: area(of: geometry),
                            invalidReason: nil, repaired: false, attributes: attributes)
}

func draft(_ kind: LayerKind = .basicFarmland, _ name: String = "永久基本农田2024", source: String = "/data/jbnt.shp") -> LayerDraft {
    LayerDraft(kind: kind, name: name, sourcePath: source, sourceCRS: "EPSG:4547", classField: "DLBM")
}

/// Imports `patches` into batch `code` and returns the counts.
@discardableResult
func importPatches(_ store: SQLiteStore, _ patches: [Patch], batch code: String = "2024Q1") throws -> UpsertCounts {
    try store.importBatch(try batch(code)) { sink in
        for patch in patches { try sink.upsert(patch) }
    }
}

/// Replaces layer `draft` with `features`.
@discardableResult
func replaceLayer(_ store: SQLiteStore, _ draft: LayerDraft, _ features: [ReferenceFeature]) throws -> ReferenceLayer {
    try store.replaceLayer(draft) { sink in
        for feature in features { try sink.add(feature) }
    }
}

/// An error thrown by a fill closure halfway through an import.
struct ImportInterrupted: Error, Equatable {}
