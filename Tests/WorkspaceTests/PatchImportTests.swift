import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Testing
import TestSupport
import Workspace

/// A workspace holding the two county squares, and the delivery file of `Fixture.deliveredPatches`.
private struct Setup {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let patchFile: String

    init(patches: [Fixture.PatchSpec] = Fixture.deliveredPatches) throws {
        workspace = try Fixture.workspace(in: directory)
        _ = try RegionImport(path: try Fixture.writeRegions(in: directory), codeField: "XZQDM", nameField: "XZQMC").run(in: workspace)
        patchFile = directory.path("2024Q1_卫片图斑.gpkg")
        try Fixture.writePatches(patches, to: patchFile)
    }

    func patch(_ code: String, batch: String = "2024Q1") throws -> Patch {
        try #require(try workspace.store.patch(batch: batch, code: code))
    }
}

@Suite("Importing a batch of patches: regions")
struct PatchImportRegionTests {
    @Test("A patch with a correct XZQDM keeps it, from the attribute")
    func correctAttributeRegion() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        let west = try setup.patch("P001"), east = try setup.patch("P002")
        #expect(west.regionCode?.rawValue == "449901")
        #expect(west.regionSource == .attribute)
        #expect(west.spatialRegionCode?.rawValue == "449901")
        #expect(east.regionCode?.rawValue == "449902")
        #expect(east.regionSource == .attribute)
        #expect(east.spatialRegionCode?.rawValue == "449902")
    }

    @Test("A patch with an empty XZQDM gets the region whose boundary contains it")
    func emptyAttributeGetsSpatialRegion() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        let patch = try setup.patch("P003")
        #expect(patch.regionCode?.rawValue == "449901")
        #expect(patch.regionSource == .spatial)
        #expect(patch.spatialRegionCode?.rawValue == "449901")
    }

    @Test("A patch whose XZQDM names the other county is reported as a mismatch with stated and found codes")
    func wrongCountyIsReportedAsMismatch() throws {
        let setup = try Setup()
        let report = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        #expect(report.regionMismatches.count == 1)
        let mismatch = try #require(report.regionMismatches.first)
        #expect(mismatch.patchCode == "P004")
        #expect(mismatch.stated == (try RegionCode("449902")))
        #expect(mismatch.found == (try RegionCode("449901")))
        let patch = try setup.patch("P004")
        #expect(patch.regionCode?.rawValue == "449902")
        #expect(patch.regionSource == .attribute)
        #expect(patch.spatialRegionCode?.rawValue == "449901")
        #expect(patch.regionDisagrees)
        #expect(try WorkspaceSummary(workspace: setup.workspace).regionMismatchCount == 1)
    }

    @Test("A patch outside every region and without XZQDM is listed as without region")
    func outsidePatchHasNoRegion() throws {
        let setup = try Setup()
        let report = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        #expect(report.withoutRegion == ["P005"])
        let patch = try setup.patch("P005")
        #expect(patch.regionCode == nil)
        #expect(patch.regionSource == RegionSource.none)
        #expect(patch.spatialRegionCode == nil)
    }

    @Test("The import report counts every patch as inserted and nothing invalid")
    func firstImportReport() throws {
        let setup = try Setup()
        let report = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        #expect(report.batch == "2024Q1")
        #expect(report.counts == UpsertCounts(inserted: 5))
        #expect(report.total == 5)
        #expect(report.invalid.isEmpty)
        #expect(report.withoutGeometry == 0)
        let batches = try setup.workspace.store.batches()
        #expect(batches.map(\.batch.code) == ["2024Q1"])
        #expect(batches.map(\.patchCount) == [5])
    }

    @Test("Patches are stored in EPSG:4490 with their ellipsoidal area and dates")
    func patchGeometryAndArea() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        for spec in Fixture.deliveredPatches {
            let patch = try setup.patch(spec.code)
            let original = try #require(spec.geometry)
            #expect(isClose(patch.area.squareMetres, try EllipsoidalArea.of(original, in: Fixture.gk).squareMetres))
            let envelope = try #require(patch.geometry.envelope)
            #expect(envelope.minX > 113.9 && envelope.maxX < 114.2 && envelope.minY > 23.0 && envelope.maxY < 23.2)
            #expect(patch.beforeDate == "2023-12-15")
            #expect(patch.afterDate == "2024-03-20")
            #expect(patch.invalidReason == nil)
            #expect(patch.repaired == false)
            #expect(patch.attributes["JCBH"] == .string(spec.code))
        }
        // 20 m squares near the central meridian: 400 m² within a few parts per million.
        #expect(abs(try setup.patch("P001").area.squareMetres - 400) < 0.01)
    }
}

@Suite("Summarising a workspace")
struct WorkspaceSummaryTests {
    @Test("The summary counts patches and areas by region, patches without a region last")
    func summaryByRegion() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        let summary = try WorkspaceSummary(workspace: setup.workspace)
        #expect(summary.byRegion.map { $0.code?.rawValue } == ["449901", "449902", nil])
        #expect(summary.byRegion.map(\.name) == ["东岭县", "青禾县", "（未落区）"])
        #expect(summary.byRegion.map(\.patchCount) == [2, 2, 1])
        let patches = try Fixture.allPatches(setup.workspace)
        func area(_ codes: [String]) -> Double {
            patches.filter { codes.contains($0.code) }.reduce(0) { $0 + $1.area.squareMetres }
        }
        #expect(isClose(summary.byRegion[0].area.squareMetres, area(["P001", "P003"])))
        #expect(isClose(summary.byRegion[1].area.squareMetres, area(["P002", "P004"])))
        #expect(isClose(summary.byRegion[2].area.squareMetres, area(["P005"])))
        #expect(summary.batches.map(\.patchCount) == [5])
        #expect(isClose(summary.batches[0].totalArea.squareMetres, area(["P001", "P002", "P003", "P004", "P005"])))
        #expect(summary.regionMismatchCount == 1)
        #expect(summary.invalidGeometryCount == 0)
    }
}

@Suite("Importing a batch of patches: re-imports")
struct PatchImportReimportTests {
    @Test("Re-importing the same file into the same batch changes nothing and duplicates nothing")
    func reimportIsIdempotent() throws {
        let setup = try Setup()
        let job = Fixture.patchImport(setup.patchFile)
        _ = try job.run(in: setup.workspace)
        let before = try Fixture.allPatches(setup.workspace)

        let again = try job.run(in: setup.workspace)
        #expect(again.counts == UpsertCounts(unchanged: 5))
        #expect(again.total == 5)
        #expect(try Fixture.allPatches(setup.workspace) == before)
        #expect(try setup.workspace.store.batches().map(\.patchCount) == [5])
    }

    @Test("Re-importing a file where one patch moved updates exactly that patch")
    func movedPatchIsUpdated() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        let before = try setup.patch("P002")

        var moved = Fixture.deliveredPatches
        moved[1].geometry = Fixture.square(501_300, 2_560_400)
        let movedFile = setup.directory.path("2024Q1_卫片图斑_修正.gpkg")
        try Fixture.writePatches(moved, to: movedFile)
        let report = try Fixture.patchImport(movedFile).run(in: setup.workspace)

        #expect(report.counts == UpsertCounts(updated: 1, unchanged: 4))
        #expect(try Fixture.allPatches(setup.workspace).count == 5)
        let after = try setup.patch("P002")
        #expect(after.geometry != before.geometry)
        #expect(sameCoordinates(after.geometry, try Fixture.square(501_300, 2_560_400).transformed(from: Fixture.gk, to: .cgcs2000)))
    }

    /// Writes the delivered patches with a real-valued TBMJ of 400.0 m² each.
    private func writeWithRealArea(_ setup: Setup) throws -> String {
        let file = setup.directory.path("带面积字段.gpkg")
        try Fixture.write(file, layer: "WPTB", fields: Fixture.patchFields + [FieldDefinition("TBMJ", .real)],
                          Fixture.deliveredPatches.map { p in
            (p.geometry, ["JCBH": .string(p.code), "XZQDM": .string(p.xzqdm), "TBMJ": .real(400)])
        })
        return file
    }

    @Test("A delivery with whole-number real attributes (TBMJ 400.0) re-imports unchanged")
    func reimportWithRealAttributesIsUnchanged() throws {
        let setup = try Setup()
        let job = Fixture.patchImport(try writeWithRealArea(setup))
        _ = try job.run(in: setup.workspace)
        let again = try job.run(in: setup.workspace)
        #expect(again.counts == UpsertCounts(unchanged: 5))
    }

    @Test("A whole-number real attribute keeps its type in the stored patch")
    func realAttributeKeepsItsType() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(try writeWithRealArea(setup)).run(in: setup.workspace)
        #expect(try setup.patch("P001").attributes["TBMJ"] == .real(400))
    }

    @Test("The same codes in two batches are two sets of patches")
    func sameCodesInTwoBatches() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile, batch: "2024Q1").run(in: setup.workspace)
        let second = try Fixture.patchImport(setup.patchFile, batch: "2024Q2").run(in: setup.workspace)
        #expect(second.counts == UpsertCounts(inserted: 5))
        #expect(try setup.workspace.store.batches().map(\.patchCount) == [5, 5])
        #expect(try Fixture.allPatches(setup.workspace).count == 10)
    }
}

@Suite("Importing a batch of patches: failures leave no trace")
struct PatchImportTransactionTests {
    @Test("A duplicate JCBH in a new batch throws duplicatePatchCode and leaves no batch")
    func duplicateCodeInNewBatch() throws {
        let setup = try Setup()
        var patches = Fixture.deliveredPatches
        patches[3].code = "P002"
        let file = setup.directory.path("重复.gpkg")
        try Fixture.writePatches(patches, to: file)

        #expect(throws: WorkspaceError.duplicatePatchCode(path: file, code: "P002", feature: 4)) {
            try Fixture.patchImport(file).run(in: setup.workspace)
        }
        #expect(try setup.workspace.store.batches().isEmpty)
        #expect(try Fixture.allPatches(setup.workspace).isEmpty)
    }

    @Test("A duplicate JCBH re-importing an existing batch leaves that batch exactly as it was")
    func duplicateCodeInExistingBatch() throws {
        let setup = try Setup()
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        let batchesBefore = try setup.workspace.store.batches()
        let patchesBefore = try Fixture.allPatches(setup.workspace)

        // Every patch moved, one new patch, and the last code repeated: nothing of it may stick.
        var patches = Fixture.deliveredPatches.map { spec in
            var moved = spec
            moved.geometry = spec.geometry.map { g in Fixture.square(g.envelope!.center.x + 5, g.envelope!.center.y) }
            return moved
        }
        patches.append(Fixture.PatchSpec(code: "P006", xzqdm: "449902", geometry: Fixture.square(501_500, 2_559_500)))
        patches.append(Fixture.PatchSpec(code: "P001", xzqdm: "449901", geometry: Fixture.square(499_100, 2_559_900)))
        let file = setup.directory.path("重复.gpkg")
        try Fixture.writePatches(patches, to: file)
        var job = Fixture.patchImport(file)
        job.batchName = "改名的批次"

        #expect(throws: WorkspaceError.duplicatePatchCode(path: file, code: "P001", feature: 7)) {
            try job.run(in: setup.workspace)
        }
        #expect(try setup.workspace.store.batches() == batchesBefore)
        #expect(try Fixture.allPatches(setup.workspace) == patchesBefore)
    }

    @Test("An invalid region value in the third feature throws invalidRegionValue and leaves no batch and no patch")
    func invalidRegionValueMidway() throws {
        let setup = try Setup()
        var patches = Fixture.deliveredPatches
        patches[2].xzqdm = "44-01"
        let file = setup.directory.path("坏代码.gpkg")
        try Fixture.writePatches(patches, to: file)

        #expect(throws: WorkspaceError.invalidRegionValue(path: file, feature: 3, field: "XZQDM", value: "44-01")) {
            try Fixture.patchImport(file).run(in: setup.workspace)
        }
        #expect(try setup.workspace.store.batches().isEmpty)
        #expect(try Fixture.allPatches(setup.workspace).isEmpty)
        #expect(try setup.workspace.store.patch(batch: "2024Q1", code: "P001") == nil)
    }

    @Test("An empty patch code throws missingPatchCode and leaves no batch")
    func missingPatchCode() throws {
        let setup = try Setup()
        var patches = Fixture.deliveredPatches
        patches[1].code = "  "
        let file = setup.directory.path("缺编号.gpkg")
        try Fixture.writePatches(patches, to: file)

        #expect(throws: WorkspaceError.missingPatchCode(path: file, feature: 2, field: "JCBH")) {
            try Fixture.patchImport(file).run(in: setup.workspace)
        }
        #expect(try setup.workspace.store.batches().isEmpty)
    }

    @Test("A missing code field throws missingField before the batch is created")
    func missingCodeField() throws {
        let setup = try Setup()
        var job = Fixture.patchImport(setup.patchFile)
        job.codeField = "TBBH"
        #expect(throws: GeoIOError.missingField(path: setup.patchFile, field: "TBBH", available: ["JCBH", "XZQDM", "QSX", "HSX"])) {
            try job.run(in: setup.workspace)
        }
        #expect(try setup.workspace.store.batches().isEmpty)
    }
}

@Suite("Importing a batch of patches: invalid geometries")
struct PatchImportInvalidGeometryTests {
    static let patches = Fixture.deliveredPatches + [
        Fixture.PatchSpec(code: "P006", xzqdm: "449901", geometry: Fixture.bowTie(499_300, 2_560_500)),
    ]

    @Test("A bow-tie is reported as a self-intersection and stored unrepaired by default")
    func bowTieStoredUnrepaired() throws {
        let setup = try Setup(patches: Self.patches)
        let report = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        #expect(report.invalid.count == 1)
        let note = try #require(report.invalid.first)
        #expect(note.feature == "P006")
        #expect(note.reason.contains("Self-intersection"))
        #expect(note.repaired == false)

        let patch = try setup.patch("P006")
        #expect(patch.repaired == false)
        #expect(patch.invalidReason == note.reason)
        #expect(try patch.geometry.validity().isValid == false)
        #expect(sameCoordinates(patch.geometry, try Fixture.bowTie(499_300, 2_560_500).transformed(from: Fixture.gk, to: .cgcs2000)))
        #expect(try WorkspaceSummary(workspace: setup.workspace).invalidGeometryCount == 1)
    }

    @Test("An unrepaired bow-tie is measured on its make-valid form: 450 m², not its lobes cancelling to zero")
    func bowTieMeasuredAsMadeValid() throws {
        let setup = try Setup(patches: Self.patches)
        _ = try Fixture.patchImport(setup.patchFile).run(in: setup.workspace)
        let patch = try setup.patch("P006")
        #expect(try patch.geometry.validity().isValid == false)
        #expect(abs(patch.area.squareMetres - 450) < 0.01)
    }

    @Test("With repairInvalid a bow-tie is stored repaired, valid, with the repaired geometry's area")
    func bowTieStoredRepaired() throws {
        let setup = try Setup(patches: Self.patches)
        var job = Fixture.patchImport(setup.patchFile)
        job.repairInvalid = true
        let report = try job.run(in: setup.workspace)
        #expect(report.invalid.count == 1)
        let note = try #require(report.invalid.first)
        #expect(note.feature == "P006")
        #expect(note.reason.contains("Self-intersection"))
        #expect(note.repaired == true)

        let patch = try setup.patch("P006")
        #expect(patch.repaired == true)
        #expect(patch.invalidReason?.contains("Self-intersection") == true)
        #expect(try patch.geometry.validity().isValid)
        let repaired = try Fixture.bowTie(499_300, 2_560_500).madeValid()
        let expectedArea = try EllipsoidalArea.of(repaired, in: Fixture.gk)
        #expect(isClose(patch.area.squareMetres, expectedArea.squareMetres))
        // Two triangles of a 30 m × 30 m bow-tie: half the square, 450 m².
        #expect(abs(patch.area.squareMetres - 450) < 0.01)
        #expect(patch.regionCode?.rawValue == "449901")
    }
}
