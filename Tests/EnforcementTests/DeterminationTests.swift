import Enforcement
import Foundation
import Geo
import Testing

@Suite struct DeterminationTests {
    let patchArea = Area(squareMetres: 3000)

    func make(_ drafts: [DeterminationPartDraft]) throws(EnforcementError) -> Determination {
        try Fixture.determination(drafts, patchArea: patchArea)
    }

    @Test func aSinglePartTakesThePatchAreaThroughRest() throws {
        let determination = try make([DeterminationPartDraft(area: .rest, subtype: "WF01")])
        #expect(determination.parts.count == 1)
        #expect(determination.parts[0].area == patchArea)
        #expect(determination.parts[0].category == .illegal)
        #expect(determination.parts[0].subtype == Fixture.code("WF01"))
    }

    @Test func splitPartsGivenInMuAndRestAddUpToThePatch() throws {
        let determination = try make([
            DeterminationPartDraft(area: .given(Area(mu: 2)), subtype: "HF01", documents: [" 粤府土审(2023)12号 ", ""]),
            DeterminationPartDraft(area: .rest, subtype: "WF01"),
        ])
        #expect(determination.parts.count == 2)
        #expect(abs(determination.parts[0].area.squareMetres - 1333.333333) < 1e-6)
        #expect(abs(determination.parts[1].area.squareMetres - 1666.666667) < 1e-6)
        let total = determination.parts.reduce(0) { $0 + $1.area.squareMetres }
        #expect(abs(total - 3000) < 1e-6)
        #expect(determination.parts[0].documents == ["粤府土审(2023)12号"])
        #expect(abs(determination.area(of: .legal).squareMetres - 1333.333333) < 1e-6)
        #expect(abs(determination.area(of: .illegal).squareMetres - 1666.666667) < 1e-6)
        #expect(determination.area(of: .other) == .zero)
    }

    @Test func aLegalPartWithoutADocumentIsRejectedNamingItsLabel() {
        #expect(throws: EnforcementError.rejected(subject: nil, .missingDocument(subtype: "HF01 已批准用地", label: "批准文号"))) {
            _ = try make([DeterminationPartDraft(area: .rest, subtype: "HF01", documents: ["  "])])
        }
        #expect(throws: EnforcementError.rejected(subject: nil, .missingDocument(subtype: "HF02 设施农用地", label: "备案编号"))) {
            _ = try make([DeterminationPartDraft(area: .rest, subtype: "设施农用地")])
        }
    }

    @Test func anUnknownSubtypeIsRejected() {
        #expect(throws: EnforcementError.rejected(subject: nil, .unknownSubtype("XX99"))) {
            _ = try make([DeterminationPartDraft(area: .rest, subtype: "XX99")])
        }
    }

    @Test func noPartsIsRejected() {
        #expect(throws: EnforcementError.rejected(subject: nil, .noDeterminationParts)) { _ = try make([]) }
    }

    @Test func twoRestPartsAreRejected() {
        #expect(throws: EnforcementError.rejected(subject: nil, .moreThanOneRestPart)) {
            _ = try make([DeterminationPartDraft(area: .rest, subtype: "WF01"), DeterminationPartDraft(area: .rest, subtype: "QT01")])
        }
    }

    @Test func givenPartsLargerThanThePatchLeaveANonPositiveRest() {
        #expect(throws: EnforcementError.rejected(subject: nil, .nonPositivePart(subtype: "未批先建", area: Area(squareMetres: -500)))) {
            _ = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 3500)), subtype: "QT01"),
                          DeterminationPartDraft(area: .rest, subtype: "WF01")])
        }
        #expect(throws: EnforcementError.rejected(subject: nil, .nonPositivePart(subtype: "未批先建", area: .zero))) {
            _ = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 3000)), subtype: "QT01"),
                          DeterminationPartDraft(area: .rest, subtype: "WF01")])
        }
    }

    @Test func aZeroGivenPartIsRejected() {
        #expect(throws: EnforcementError.rejected(subject: nil, .nonPositivePart(subtype: "伪变化", area: .zero))) {
            _ = try make([DeterminationPartDraft(area: .given(.zero), subtype: "QT01"),
                          DeterminationPartDraft(area: .rest, subtype: "WF01")])
        }
    }

    @Test func givenPartsMustAddUpWithinOneSquareMetre() throws {
        // 0.9 m² short: inside the tolerance.
        let accepted = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 2000)), subtype: "WF01"),
                                 DeterminationPartDraft(area: .given(Area(squareMetres: 999.1)), subtype: "QT01")])
        #expect(accepted.parts.map(\.area) == [Area(squareMetres: 2000), Area(squareMetres: 999.1)])
        // 1.1 m² short or over: outside it.
        #expect(throws: EnforcementError.rejected(subject: nil, .partsDoNotAddUp(parts: Area(squareMetres: 2000 + 998.9), patch: patchArea))) {
            _ = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 2000)), subtype: "WF01"),
                          DeterminationPartDraft(area: .given(Area(squareMetres: 998.9)), subtype: "QT01")])
        }
        #expect(throws: EnforcementError.rejected(subject: nil, .partsDoNotAddUp(parts: Area(squareMetres: 2000 + 1001.1), patch: patchArea))) {
            _ = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 2000)), subtype: "WF01"),
                          DeterminationPartDraft(area: .given(Area(squareMetres: 1001.1)), subtype: "QT01")])
        }
        _ = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 2000)), subtype: "WF01"),
                      DeterminationPartDraft(area: .given(Area(squareMetres: 1000.9)), subtype: "QT01")])
    }

    @Test func subtypesAreFoundByCodeInAnyCaseOrByChineseName() throws {
        #expect(Fixture.codes.lookup("未批先建")?.code == "WF01")
        #expect(Fixture.codes.lookup(" wf04 ")?.name == "乱占耕地建房")
        #expect(Fixture.codes.lookup("违法") == nil)
        let determination = try make([DeterminationPartDraft(area: .rest, subtype: "乱占耕地建房")])
        #expect(determination.parts[0].subtype.code == "WF04")
    }

    @Test func anyIllegalPartMakesThePatchReportedIllegal() throws {
        let determination = try make([
            DeterminationPartDraft(area: .given(Area(squareMetres: 1000)), subtype: "HF01", documents: ["X"]),
            DeterminationPartDraft(area: .given(Area(squareMetres: 1000)), subtype: "QT01"),
            DeterminationPartDraft(area: .rest, subtype: "WF04"),
        ])
        #expect(determination.reportedCategory == .illegal)
    }

    @Test func legalWithOtherIsReportedLegalAndOtherAloneIsOther() throws {
        let legalAndOther = try make([DeterminationPartDraft(area: .given(Area(squareMetres: 100)), subtype: "QT01"),
                                      DeterminationPartDraft(area: .rest, subtype: "HF02", documents: ["备2024-3"])])
        #expect(legalAndOther.reportedCategory == .legal)
        #expect(try make([DeterminationPartDraft(area: .rest, subtype: "QT01")]).reportedCategory == .other)
        #expect(try make([DeterminationPartDraft(area: .rest, subtype: "HF01", documents: ["X"])]).reportedCategory == .legal)
    }

    @Test func categoryTextAcceptsChineseAndEnglish() {
        #expect(DeterminationCategory(text: "合法") == .legal)
        #expect(DeterminationCategory(text: "legal") == .legal)
        #expect(DeterminationCategory(text: " 违法 ") == .illegal)
        #expect(DeterminationCategory(text: "Illegal") == .illegal)
        #expect(DeterminationCategory(text: "其他") == .other)
        #expect(DeterminationCategory(text: "不明") == nil)
        #expect(DeterminationCategory.legal < .illegal && DeterminationCategory.illegal < .other)
    }

    @Test func anAuditJudgementTakesItsCategoryFromTheCode() throws {
        let judgement = try AuditJudgement.make(subtype: "伪变化", note: "季节性变化", codes: Fixture.codes)
        #expect(judgement.category == .other)
        #expect(judgement.subtype.code == "QT01")
        #expect(throws: EnforcementError.rejected(subject: nil, .unknownSubtype("WF99"))) {
            _ = try AuditJudgement.make(subtype: "WF99", note: "", codes: Fixture.codes)
        }
    }
}
