import Enforcement
import Geo
import Prejudge
import Testing

@Suite("Determination code list: no-change codes")
struct DeterminationCodesFileTests {
    @Test("The shipped list marks 伪变化, 季节性变化 and 实地未变化 as no change, and nothing else")
    func shippedListMarksTheThreeNoChangeCodes() {
        #expect(DeterminationCodesFile.defaults.noChangeCodes == ["QT01", "QT03", "QT04"])
    }

    @Test("A determination is unchanged when every part is a no-change code, changed when none is, mixed otherwise")
    func aDeterminationIsChangedUnchangedOrMixedByItsParts() throws {
        let codes = DeterminationCodesFile.defaults
        func determination(_ parts: [(String, Double?)]) throws -> Determination {
            try Determination.make(parts: parts.map { DeterminationPartDraft(area: $0.1.map { .given(Area(squareMetres: $0)) } ?? .rest, subtype: $0.0, documents: []) },
                                   patchArea: Area(squareMetres: 1000), codes: codes)
        }
        #expect(codes.groundChange(in: try determination([("QT01", nil)])) == .unchanged)
        #expect(codes.groundChange(in: try determination([("QT03", 400), ("QT04", nil)])) == .unchanged)
        #expect(codes.groundChange(in: try determination([("QT01", 400), ("WF01", nil)])) == .mixed)
        #expect(codes.groundChange(in: try determination([("QT02", nil)])) == .changed)
    }

    @Test("no_change on a 违法 code is refused with the line and the reason")
    func noChangeOnAnIllegalCodeIsRefused() {
        let yaml = """
        version: 1
        codes:
          - { code: WF01, name: 未批先建, category: 违法, no_change: true }
        """
        #expect(throws: RulesError(source: "test.yaml", line: 3, chinese: "只有“其他”类可以标 no_change（WF01 未批先建 是违法）",
                                   english: "only 其他 (other) sub-types can be no_change; WF01 未批先建 is 违法", document: .determinationCodes)) {
            try DeterminationCodesFile.parse(yaml: yaml, source: "test.yaml")
        }
    }
}
