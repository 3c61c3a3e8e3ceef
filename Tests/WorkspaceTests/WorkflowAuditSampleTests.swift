import Enforcement
import Foundation
import Geo
import Store
import Testing
import TestSupport
import Workspace

private typealias F = WorkflowFixture

/// Twenty patches in two cities and X01 stated only as 广州市 440100 (left unassigned by the batch assignment):
/// - 广州市 4401: 越秀区 440103 L01-L04 legal, I01-I02 illegal; 海珠区 440104 L05-L06 legal, I03-I04 illegal, O01-O02 other
///   (6 legal, 4 illegal, 2 other);
/// - 韶关市 4402: 浈江区 440203 M01-M04 legal, J01-J03 illegal, N01 other.
private struct SampleScene {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    static let plan: [(code: String, county: String, category: DeterminationCategory)] = {
        var plan: [(code: String, county: String, category: DeterminationCategory)] = []
        func add(_ county: String, _ category: DeterminationCategory, _ codes: [String]) {
            plan += codes.map { (code: $0, county: county, category: category) }
        }
        add("440103", .legal, ["L01", "L02", "L03", "L04"])
        add("440103", .illegal, ["I01", "I02"])
        add("440104", .legal, ["L05", "L06"])
        add("440104", .illegal, ["I03", "I04"])
        add("440104", .other, ["O01", "O02"])
        add("440203", .legal, ["M01", "M02", "M03", "M04"])
        add("440203", .illegal, ["J01", "J02", "J03"])
        add("440203", .other, ["N01"])
        return plan
    }()

    static func parts(_ category: DeterminationCategory) -> [DeterminationPartDraft] {
        switch category {
        case .legal: return F.legal
        case .illegal: return F.illegal
        case .other: return F.other
        }
    }

    static let auditor = F.sign("省审核 周九", "2024-05-06T09:00:00+08:00")

    /// Everything approved except `pending`, which stays submitted.
    init(pending: String? = nil) throws {
        let rows = ["440103", "440104", "440203"].enumerated().flatMap { row, county in
            F.specs(Self.plan.filter { $0.county == county }.map(\.code), region: county, row: row)
        }
        workspace = try F.workspace(rows + F.specs(["X01"], region: "440100", row: 3), in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        for (code, _, category) in Self.plan {
            let parts = Self.parts(category)
            if code == pending {
                try workspace.recordVerification(F.key(code), F.visit(), signature: F.sign("县核查员 王五", "2024-04-05T10:00:00+08:00"))
                try workspace.determine(F.key(code), parts: parts, codes: F.codes, signature: F.sign("县执法 李四", "2024-04-08T15:00:00+08:00"))
            } else {
                try F.approve(code, as: parts, in: workspace)
            }
        }
    }

    func publish() throws -> AuditSeed {
        try workspace.publishAuditSeed(batch: F.batch, announcedValue: "2024-05-05 福彩3D 第2024118期 512", signature: Self.auditor)
    }

    func selected() throws -> Set<PatchKey> {
        Set(try workspace.store.patchWorkflows(batch: F.batch).filter { $0.value.selectedForAudit }.keys)
    }
}

@Suite("Provincial audit sampling on a real workspace: seed, draw, check, re-judgement and 瞒报率")
struct WorkflowAuditSampleTests {
    @Test("The seed is refused while a patch still awaits review, with the exact count, and published once all are approved")
    func seedWaitsForPendingPatches() throws {
        let scene = try SampleScene(pending: "I04")
        #expect(throws: WorkspaceError.sampleNotReady(batch: F.batch, pending: 1)) { try scene.publish() }
        #expect(try scene.workspace.store.auditSeed(batch: F.batch) == nil)

        try scene.workspace.approve(F.key("I04"), signature: F.sign("市审核 赵六", "2024-04-10T11:00:00+08:00"))
        let seed = try scene.publish()
        #expect(seed.candidateCount == 20)
        #expect(seed.ratePercent == 30 && seed.minimumPerStratum == 1)
        #expect(seed.announcedValue == "2024-05-05 福彩3D 第2024118期 512")
        #expect(try scene.workspace.store.auditSeed(batch: F.batch) == seed)
        let events = try scene.workspace.store.auditEvents(subject: "批次 \(F.batch)")
        #expect(events.map(\.action) == ["audit.seed"])
        #expect(events.map(\.actor) == ["省审核 周九"])
    }

    @Test("The draw takes ⌈30%⌉ of each city × category stratum, marks exactly those patches, and re-draws the same")
    func drawMarksExactlyTheSample() throws {
        let scene = try SampleScene()
        _ = try scene.publish()
        let (_, strata) = try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        let gz = try RegionCode("440100"), sg = try RegionCode("440200")
        #expect(strata.map(\.city) == [gz, gz, gz, sg, sg, sg])
        #expect(strata.map(\.category) == [.legal, .illegal, .other, .legal, .illegal, .other])
        #expect(strata.map(\.population) == [6, 4, 2, 4, 3, 1])
        #expect(strata.map(\.sampled.count) == [2, 2, 1, 2, 1, 1])
        #expect(strata.allSatisfy { $0.sampled.count == AuditSampling.sampleSize(population: $0.population, ratePercent: 30, minimum: 1) })

        let drawn = Set(strata.flatMap(\.sampled))
        #expect(drawn.count == 9)
        #expect(try scene.selected() == drawn)
        for stratum in strata {
            let codes = Set(SampleScene.plan.filter { $0.category == stratum.category && $0.county.hasPrefix(stratum.city.rawValue.prefix(4)) }
                .map(\.code))
            #expect(stratum.sampled.allSatisfy { codes.contains($0.code) })
        }
        #expect(try scene.workspace.checkAuditSample(batch: F.batch))
        #expect(try scene.workspace.store.auditEvents(subject: "批次 \(F.batch)").map(\.action) == ["audit.seed", "audit.draw"])
        for key in drawn {
            #expect(try scene.workspace.store.auditEvents(subject: key.description).last?.action == "patch.audit-select")
        }
    }

    @Test("A batch is drawn once: a second draw and a new seed are both refused")
    func secondDrawRefused() throws {
        let scene = try SampleScene()
        _ = try scene.publish()
        _ = try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        let events = try F.auditLength(scene.workspace)
        #expect(throws: WorkspaceError.alreadyDrawn(batch: F.batch)) {
            try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        }
        #expect(throws: WorkspaceError.alreadyDrawn(batch: F.batch)) { try scene.publish() }
        #expect(try scene.selected().count == 9)
        #expect(try F.auditLength(scene.workspace) == events)
    }

    @Test("A patch approved after the seed was published stays out of the draw, and anyone's re-draw still matches")
    func laterApprovalStaysOutOfTheDraw() throws {
        let scene = try SampleScene()
        let seed = try scene.publish()
        try scene.workspace.assign(F.key("X01"), to: try RegionCode("440103"), due: CalendarDay(year: 2024, month: 5, day: 31)!,
                                   signature: F.sign("市审核 赵六", "2024-05-06T10:00:00+08:00"))
        try F.approve("X01", as: F.illegal, in: scene.workspace)
        let (_, strata) = try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        #expect(!seed.candidateCodes.contains("X01"))
        #expect(!strata.flatMap(\.sampled).map(\.code).contains("X01"))
        #expect(try scene.selected().count == 9)
        #expect(try scene.workspace.checkAuditSample(batch: F.batch))
    }

    @Test("Re-judging a drawn patch reported legal as illegal marks it concealed and gives the exact 瞒报率 rows")
    func auditJudgementGivesConcealmentRate() throws {
        let scene = try SampleScene()
        _ = try scene.publish()
        let (_, strata) = try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        let gz = try RegionCode("440100"), sg = try RegionCode("440200")
        let legalOrOther = { (city: RegionCode) in strata.filter { $0.city == city && $0.category != .illegal }.flatMap(\.sampled) }
        let target = try #require(strata.first { $0.city == gz && $0.category == .legal }?.sampled.first)

        let judged = try scene.workspace.auditJudge(target, subtype: "未批先建", note: "现场为厂房，无批文", codes: F.codes,
                                                    signature: F.sign("省审核 周九", "2024-05-07T09:00:00+08:00"))
        #expect(judged.concealed)
        #expect(judged.effectiveCategory == .illegal)
        #expect(judged.auditedBy == "省审核 周九")
        #expect(judged.status == .approved)

        func area(_ keys: [PatchKey]) throws -> Double { try keys.reduce(0) { $0 + (try F.area($1.code, in: scene.workspace)).squareMetres } }
        let targetArea = try F.area(target.code, in: scene.workspace).squareMetres
        let rows = try scene.workspace.concealment(batch: F.batch)
        #expect(rows.map(\.city) == [gz, sg, nil])
        #expect(rows.map(\.reportedLegalOrOther) == [3, 3, 6])
        #expect(rows.map(\.judged) == [1, 0, 1])
        #expect(rows.map(\.concealed) == [1, 0, 1])
        #expect(rows.map(\.pending) == [2, 3, 5])
        #expect(rows.map(\.rateByCount) == [1.0, nil, 1.0])
        #expect(rows.map(\.rateByArea) == [1.0, nil, 1.0])
        #expect(rows.map(\.flagged) == [true, false, true])
        #expect(rows.map(\.concealedArea.squareMetres) == [targetArea, 0, targetArea])
        #expect(abs(rows[0].reportedLegalOrOtherArea.squareMetres - (try area(legalOrOther(gz)))) < 1e-6)
        #expect(abs(rows[2].reportedLegalOrOtherArea.squareMetres - (try area(legalOrOther(gz) + legalOrOther(sg)))) < 1e-6)
    }

    @Test("A patch not drawn cannot be re-judged")
    func undrawnPatchCannotBeJudged() throws {
        let scene = try SampleScene()
        _ = try scene.publish()
        let (_, strata) = try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        let drawn = Set(strata.flatMap(\.sampled).map(\.code))
        let other = try #require(SampleScene.plan.map(\.code).first { !drawn.contains($0) })
        #expect(throws: EnforcementError.rejected(subject: "\(F.batch)/\(other)", .notSelectedForAudit)) {
            try scene.workspace.auditJudge(F.key(other), subtype: "WF01", codes: F.codes, signature: SampleScene.auditor)
        }
    }

    @Test("With a sample drawn the statistics workbook has the 瞒报率 sheet second, as ogrinfo lists it")
    func workbookWithSampleHasConcealmentSheet() throws {
        let scene = try SampleScene()
        _ = try scene.publish()
        _ = try scene.workspace.drawAuditSample(batch: F.batch, signature: SampleScene.auditor)
        let path = scene.directory.path("2024M04-统计.xlsx")
        try StatisticsWorkbook.write(try scene.workspace.statistics(batch: F.batch, asOf: CalendarDay(year: 2024, month: 5, day: 31)!), to: path)
        #expect(try F.ogrLayers(path) == ["统计汇总", "瞒报率", "清零", "立案查处", "督察问题", "图斑明细"])
    }
}
