import Enforcement
import Foundation
import Geo
import GeoIO
import Prejudge
import Store
import TestSupport
import Testing
import Workspace

/// A workspace with the two counties, a basic-farmland block (x 498 000…499 000), an approval block
/// (x 500 500…501 500) and three patches: FARM half on the farmland edge, OK inside the approval, NONE
/// touching nothing.
enum OverlayFixture {
    static let farmland = Fixture.rectangle(minX: 498_000, minY: 2_558_000, maxX: 499_000, maxY: 2_562_000)
    static let approval = Fixture.rectangle(minX: 500_500, minY: 2_558_000, maxX: 501_500, maxY: 2_562_000)
    static let patches: [Fixture.PatchSpec] = [
        Fixture.PatchSpec(code: "FARM", xzqdm: Fixture.westCode, geometry: Fixture.square(499_000, 2_560_000, side: 40)),
        Fixture.PatchSpec(code: "OK", xzqdm: Fixture.eastCode, geometry: Fixture.square(501_000, 2_560_000, side: 40)),
        Fixture.PatchSpec(code: "NONE", xzqdm: Fixture.westCode, geometry: Fixture.square(499_500, 2_559_000, side: 40)),
    ]
    static let fields = [FieldDefinition("BH", .string(width: 10))]

    static func workspace(_ directory: TemporaryDirectory) throws -> Workspace {
        let workspace = try Fixture.workspace(in: directory)
        try importLayer(farmland, kind: .basicFarmland, into: workspace, directory)
        try importLayer(approval, kind: .approvedLand, into: workspace, directory)
        let path = directory.path("patches.gpkg")
        try Fixture.writePatches(patches, to: path)
        _ = try Fixture.patchImport(path).run(in: workspace)
        return workspace
    }

    static func importLayer(_ geometry: Geometry, kind: LayerKind, into workspace: Workspace, _ directory: TemporaryDirectory) throws {
        let path = directory.path("\(kind.rawValue)-\(UUID().uuidString).gpkg")
        try Fixture.write(path, fields: fields, [(geometry, ["BH": .string("1")])])
        _ = try LayerImport(path: path, kind: kind, name: kind.chineseName).run(in: workspace)
    }

    /// Rules using only the fixture's two layer kinds.
    static let rules = try! RulesFile.parse(yaml: """
        version: 1
        rules:
          - id: approved
            when: { approvedLand: { share_at_least: 0.95 } }
            verdict: 疑似合法
            priority: 低
          - id: farmland
            when: { basicFarmland: { touches: true }, approvedLand: { share_below: 0.95 } }
            verdict: 疑似违法
            subtype: 占用永久基本农田
            priority: 高
        """, source: "test")

    /// The GK geometry in EPSG:4490 and its ellipsoidal area.
    static func lonLat(_ geometry: Geometry) throws -> Geometry { try geometry.transformed(from: Fixture.gk, to: .cgcs2000) }
}

@Suite("Overlay and pre-judgement jobs on a workspace")
struct OverlayPrejudgeJobTests {
    @Test("Overlay stores, per patch and layer, the exact intersection area: half the FARM patch is on basic farmland")
    func overlayStoresExactAreas() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        let report = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        #expect(report.patches == 3)
        #expect(report.computed == 6)

        let farm = try OverlayFixture.lonLat(Fixture.square(499_000, 2_560_000, side: 40))
        let expected = EllipsoidalArea.of(lonLat: try farm.intersection(OverlayFixture.lonLat(OverlayFixture.farmland)).shape)
        let overlays = try workspace.store.overlays(batch: "2024Q1", code: "FARM")
        let onFarmland = try #require(overlays.first { $0.kind == .basicFarmland })
        #expect(isClose(onFarmland.area.squareMetres, expected.squareMetres, relative: 1e-9))
        #expect(isClose(onFarmland.area.squareMetres, 800, relative: 1e-3))
        #expect(isClose(onFarmland.share, 0.5, relative: 1e-4))
        #expect(overlays.first { $0.kind == .approvedLand }?.area == .zero)
    }

    @Test("An invalid layer feature kept unrepaired is overlaid on its make-valid form and reported")
    func invalidFeatureOverlaidAsMadeValid() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        // A 100 m bow-tie centred on the NONE patch: its make-valid form is two triangles meeting there.
        let bowTie = Fixture.bowTie(499_500, 2_559_000, size: 50)
        try OverlayFixture.importLayer(bowTie, kind: .ecologicalRedLine, into: workspace, directory)
        let report = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        #expect(report.repairedFeatures.map(\.layer.kind) == [.ecologicalRedLine])
        #expect(report.repairedFeatures.map(\.count) == [1])

        let patch = try OverlayFixture.lonLat(Fixture.square(499_500, 2_559_000, side: 40))
        let expected = EllipsoidalArea.of(lonLat: try patch.intersection(OverlayFixture.lonLat(bowTie).madeValid()).shape)
        let onRedLine = try #require(try workspace.store.overlays(batch: "2024Q1", code: "NONE").first { $0.kind == .ecologicalRedLine })
        #expect(isClose(onRedLine.area.squareMetres, expected.squareMetres, relative: 1e-9))
        // Two triangles of the 40 m square: half of it.
        #expect(isClose(onRedLine.area.squareMetres, 800, relative: 1e-3))
    }

    @Test("A second overlay run computes nothing; re-importing one layer recomputes that layer only")
    func overlayResumesByLayerVersion() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        _ = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        let again = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        #expect(again.computed == 0)
        #expect(again.upToDate == 6)
        try OverlayFixture.importLayer(OverlayFixture.approval, kind: .approvedLand, into: workspace, directory)
        let afterUpdate = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        #expect(afterUpdate.computed == 3)
        #expect(afterUpdate.upToDate == 3)
    }

    @Test("Pre-judgement before overlay is refused and writes nothing")
    func prejudgeNeedsOverlay() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        #expect(throws: WorkspaceError.overlayIncomplete(batch: "2024Q1", missingPairs: 6)) {
            try PrejudgeJob(batchCode: "2024Q1", rules: OverlayFixture.rules, rulesSource: "test").run(in: workspace)
        }
        #expect(try workspace.store.prejudgements(batch: "2024Q1").isEmpty)
    }

    @Test("Rules naming a layer kind the workspace lacks are refused before anything runs")
    func prejudgeNeedsLayers() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        _ = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        #expect(throws: WorkspaceError.rulesNeedLayers([.cultivatedLand, .ecologicalRedLine, .urbanBoundary, .landSupply, .facilityFarmland])) {
            try PrejudgeJob(batchCode: "2024Q1", rules: RulesFile.defaults, rulesSource: "默认规则").run(in: workspace)
        }
        #expect(try workspace.store.prejudgements(batch: "2024Q1").isEmpty)
    }

    @Test("Each patch gets its verdict, priority and the rules that fired, tallied per county")
    func prejudgeStoresVerdicts() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        _ = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        let report = try PrejudgeJob(batchCode: "2024Q1", rules: OverlayFixture.rules, rulesSource: "test").run(in: workspace)
        #expect(report.patches == 3)
        #expect(report.decidedBy == ["approved": 1, "farmland": 1])

        let stored = try workspace.store.prejudgements(batch: "2024Q1")
        #expect(stored["FARM"]?.verdict == .suspectedIllegal)
        #expect(stored["FARM"]?.priority == .high)
        #expect(stored["FARM"]?.subtype == "占用永久基本农田")
        #expect(stored["FARM"]?.fired.map(\.id) == ["farmland"])
        #expect(stored["OK"]?.verdict == .suspectedLegal)
        #expect(stored["OK"]?.decidingRule == "approved")
        #expect(stored["NONE"] == Prejudgement(verdict: .needsReview, subtype: nil, priority: .medium, decidingRule: nil, fired: []))

        let west = try #require(report.byRegion.first { $0.regionCode?.rawValue == Fixture.westCode })
        #expect(west.counts == [.suspectedIllegal: 1, .needsReview: 1])
        #expect(west.highPriority == 1)
    }

    @Test("The export carries each patch's overlay areas and pre-judgement")
    func exportCarriesResults() throws {
        let directory = TemporaryDirectory()
        let workspace = try OverlayFixture.workspace(directory)
        _ = try OverlayJob(batchCode: "2024Q1").run(in: workspace)
        _ = try PrejudgeJob(batchCode: "2024Q1", rules: OverlayFixture.rules, rulesSource: "test").run(in: workspace)
        let out = directory.path("out.shp")
        _ = try BatchExport(batchCode: "2024Q1", format: .shp, outputPath: out).run(in: workspace)

        var rows: [String: [String: AttributeValue]] = [:]
        try VectorSource(path: out).layer().forEachFeature { rows[$0.attributes["JCBH"]?.text ?? ""] = $0.attributes }
        let farm = try #require(rows["FARM"])
        let onFarmland = try #require(try workspace.store.overlays(batch: "2024Q1", code: "FARM").first { $0.kind == .basicFarmland })
        guard case .real(let jbntmj)? = farm["JBNTMJ"] else { Issue.record("JBNTMJ missing"); return }
        #expect(isClose(jbntmj, onFarmland.area.squareMetres, relative: 1e-9))
        #expect(farm["PZYDMJ"] == .real(0))
        #expect(farm["STHXMJ"] == .null)
        #expect(farm["YPJL"]?.text == "疑似违法")
        #expect(farm["YXJ"]?.text == "高")
        #expect(farm["YPGZ"]?.text == "farmland")
        #expect(rows["OK"]?["YPJL"]?.text == "疑似合法")
    }
}
