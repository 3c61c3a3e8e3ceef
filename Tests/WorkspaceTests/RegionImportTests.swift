import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport
import Workspace

@Suite("Importing region boundaries")
struct RegionImportTests {
    @Test("Two Gauss-Krüger county squares are stored in EPSG:4490 with their ellipsoidal areas")
    func storesRegionsInCGCS2000WithEllipsoidalArea() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = try Fixture.writeRegions(in: directory)

        let report = try RegionImport(path: path, codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)
        #expect(report.total == 2)
        #expect(report.counts == UpsertCounts(inserted: 2))

        let regions = try workspace.store.regions()
        #expect(regions.map(\.code.rawValue) == ["449901", "449902"])
        #expect(regions.map(\.name) == ["东岭县", "青禾县"])
        #expect(regions.map { $0.parentCode?.rawValue } == ["449900", "449900"])

        for (region, original) in zip(regions, [Fixture.westCounty, Fixture.eastCounty]) {
            // Stored coordinates are the GK vertices transformed to CGCS2000 longitude/latitude.
            let expected = try original.transformed(from: Fixture.gk, to: .cgcs2000)
            let stored = region.boundary.shape.coordinates, wanted = expected.shape.coordinates
            #expect(stored.count == wanted.count)
            for (s, w) in zip(stored, wanted) {
                #expect(abs(s.x - w.x) < 1e-9 && abs(s.y - w.y) < 1e-9)
            }
            let envelope = try #require(region.boundary.envelope)
            #expect(envelope.minX > 113.9 && envelope.maxX < 114.1 && envelope.minY > 23.0 && envelope.maxY < 23.2)

            let ellipsoidal = try EllipsoidalArea.of(original, in: Fixture.gk)
            #expect(isClose(region.area.squareMetres, ellipsoidal.squareMetres))
            // A 2 km × 4 km square near the central meridian: about 8 km² (GK scale factor 1).
            #expect(abs(region.area.squareMetres - 8_000_000) < 8_000)
        }
    }

    @Test("Re-importing the same boundaries reports them unchanged")
    func reimportIsUnchanged() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = try Fixture.writeRegions(in: directory)
        let job = RegionImport(path: path, codeField: "XZQDM", nameField: "XZQMC")
        _ = try job.run(in: workspace)
        let before = try workspace.store.regions()

        let again = try job.run(in: workspace)
        #expect(again.total == 2)
        #expect(again.counts == UpsertCounts(unchanged: 2))
        #expect(try workspace.store.regions() == before)
    }

    @Test("A changed boundary is updated by code, not duplicated")
    func changedBoundaryIsUpdated() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        _ = try RegionImport(path: try Fixture.writeRegions(in: directory), codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)

        let changed = directory.path("行政区划-2.gpkg")
        try Fixture.write(changed, fields: Fixture.regionFields, [
            (Fixture.westCounty, ["XZQDM": .string("449901"), "XZQMC": .string("东岭县")]),
            (Fixture.rectangle(minX: 500_000, minY: 2_558_000, maxX: 503_000, maxY: 2_562_000),
             ["XZQDM": .string("449902"), "XZQMC": .string("青禾县")]),
        ])
        let report = try RegionImport(path: changed, codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)
        #expect(report.counts == UpsertCounts(updated: 1, unchanged: 1))
        let regions = try workspace.store.regions()
        #expect(regions.count == 2)
        #expect(abs(regions[1].area.squareMetres - 12_000_000) < 12_000)
    }

    @Test("An invalid region code in the file throws invalidRegionValue and saves no region")
    func invalidRegionCodeSavesNothing() throws {
        let directory = TemporaryDirectory()
        let workspace = try Fixture.workspace(in: directory)
        let path = directory.path("坏代码.gpkg")
        try Fixture.write(path, fields: Fixture.regionFields, [
            (Fixture.westCounty, ["XZQDM": .string("449901"), "XZQMC": .string("东岭县")]),
            (Fixture.eastCounty, ["XZQDM": .string("44-02"), "XZQMC": .string("青禾县")]),
        ])
        #expect(throws: WorkspaceError.invalidRegionValue(path: path, feature: 2, field: "XZQDM", value: "44-02")) {
            try RegionImport(path: path, codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)
        }
        #expect(try workspace.store.regions().isEmpty)
    }
}
