import Demo
import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

/// A small demo county: 20 × 15 parcels and `patches` change patches.
private func smallCounty(seed: UInt64 = 42, patches: Int = 60) -> DemoCounty {
    var county = DemoCounty(seed: seed)
    county.parcelColumns = 20
    county.parcelRows = 15
    county.patchCount = patches
    return county
}

/// The .dbf beside a .shp.
private func dbfPath(_ shp: String) -> String { String(shp.dropLast(4)) + ".dbf" }

/// (JCBH, planar area in m²) of every patch of a generated patch shapefile, in file order.
private func patchCodesAndAreas(_ shp: String) throws -> [(String, Double)] {
    var rows: [(String, Double)] = []
    try VectorSource(path: shp).layer().forEachFeature { feature in
        rows.append((feature.attributes["JCBH"]?.text ?? "", try feature.geometry?.planarArea() ?? -1))
    }
    return rows
}

@Suite("The demo county")
struct DemoCountyTests {
    @Test("The same seed generates a byte-identical patch .dbf and the same patch codes and areas")
    func sameSeedSameCounty() throws {
        let a = TemporaryDirectory(), b = TemporaryDirectory()
        let first = try smallCounty().generate(into: a.url)
        let second = try smallCounty().generate(into: b.url)
        let dbfA = try Data(contentsOf: URL(fileURLWithPath: dbfPath(first.patches)))
        let dbfB = try Data(contentsOf: URL(fileURLWithPath: dbfPath(second.patches)))
        #expect(dbfA.count > 0)
        #expect(dbfA == dbfB)

        let rowsA = try patchCodesAndAreas(first.patches), rowsB = try patchCodesAndAreas(second.patches)
        #expect(rowsA.count == 60)
        #expect(rowsA.map(\.0) == rowsB.map(\.0))
        #expect(rowsA.map(\.1) == rowsB.map(\.1))
        #expect(Set(rowsA.map(\.0)).count == 60)
    }

    @Test("Different seeds generate different patches")
    func differentSeedsDiffer() throws {
        let a = TemporaryDirectory(), b = TemporaryDirectory()
        let first = try smallCounty(seed: 42).generate(into: a.url)
        let second = try smallCounty(seed: 43).generate(into: b.url)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dbfPath(first.patches)))
                != Data(contentsOf: URL(fileURLWithPath: dbfPath(second.patches))))
        let rowsA = try patchCodesAndAreas(first.patches), rowsB = try patchCodesAndAreas(second.patches)
        #expect(rowsA.count == rowsB.count)
        #expect(rowsA.map(\.1) != rowsB.map(\.1))
    }

    @Test("A small install imports 4 regions, 7 layers and every patch")
    func smallInstall() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let report = try smallCounty().install(in: workspace)

        #expect(report.regions.total == 4)
        #expect(report.regions.counts == UpsertCounts(inserted: 4))
        #expect(try workspace.store.regions().map(\.code.rawValue) == ["449900", "449901", "449902", "449903"])
        #expect(report.layers.count == 7)
        #expect(Set(report.layers.map(\.layer.kind)) == Set(LayerKind.allCases))
        #expect(try workspace.store.layers().count == 7)
        #expect(report.patches.batch == DemoCounty.batchCode)
        #expect(report.patches.counts == UpsertCounts(inserted: 60))
        #expect(try workspace.store.batches().map(\.patchCount) == [60])
        // Every patch lies inside the city, so every patch finds a county.
        #expect(report.patches.withoutRegion.isEmpty)
    }

    @Test("An install with 400 patches reports the seed's region mismatches and self-intersections")
    func installReportsMismatches() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let report = try smallCounty(patches: 400).install(in: workspace)
        #expect(report.patches.counts == UpsertCounts(inserted: 400))
        // Seed 42 gives exactly these four (about 1.5% of deliveries carry a neighbour's code).
        #expect(report.patches.regionMismatches.map(\.patchCode) == ["44990224Q10145", "44990124Q10173", "44990224Q10261", "44990124Q10327"])
        #expect(report.patches.regionMismatches.map(\.stated.rawValue) == ["449901", "449902", "449901", "449902"])
        #expect(report.patches.regionMismatches.map(\.found.rawValue) == ["449902", "449901", "449902", "449901"])
        #expect(report.patches.invalid.map(\.feature) == ["44990124Q10004"])
        #expect(try WorkspaceSummary(workspace: workspace).regionMismatchCount == report.patches.regionMismatches.count)
    }

    @Test("Re-importing the demo's shapefile delivery reports every patch unchanged")
    func reimportDemoDeliveryIsUnchanged() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        _ = try smallCounty().install(in: workspace)
        let shp = workspace.root.appendingPathComponent("demo-source/2024Q1_卫片图斑.shp").path
        var job = PatchImport(path: shp, batchCode: DemoCounty.batchCode, codeField: "JCBH")
        job.regionField = "XZQDM"
        job.batchName = "2024年第1季度卫片执法图斑"
        let again = try job.run(in: workspace)
        #expect(again.counts == UpsertCounts(unchanged: 60))
    }
}
