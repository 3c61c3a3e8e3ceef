import Enforcement
import Geo
import Prejudge
import Testing

/// Facts for a 1000 m² patch with the given shares per layer kind.
func facts(_ shares: [LayerKind: Double], cultivatedShare: Double = 0, patch: Double = 1000) -> PrejudgeFacts {
    PrejudgeFacts(patchArea: Area(squareMetres: patch), layers: shares.mapValues { share in
        LayerFacts(area: Area(squareMetres: share * patch), share: share, cultivatedArea: Area(squareMetres: cultivatedShare * patch))
    })
}

@Suite("Shipped pre-judgement rules")
struct DefaultRulesTests {
    let rules = RulesFile.defaults

    @Test("The shipped rules parse, with seven rules, a 1 m² / 0.1% sliver tolerance and 待核查 as fallback")
    func shippedRulesParse() {
        #expect(rules.rules.map(\.id) == ["approved", "facility-farmland", "urban-supplied", "basic-farmland",
                                          "red-line", "cultivated-land", "outside-urban"])
        #expect(rules.sliver == SliverTolerance(area: Area(squareMetres: 1), share: 0.001))
        #expect(rules.fallbackVerdict == .needsReview)
        #expect(rules.fallbackPriority == .medium)
    }

    @Test("A patch 97% covered by approvals is 疑似合法 (已批准用地), decided by the approval rule")
    func approvedIsLegal() {
        let result = rules.judge(facts([.approvedLand: 0.97, .urbanBoundary: 1]))
        #expect(result.verdict == .suspectedLegal)
        #expect(result.subtype == "已批准用地")
        #expect(result.priority == .low)
        #expect(result.decidingRule == "approved")
        #expect(result.fired.map(\.id) == ["approved"])
        #expect(result.fired[0].reasons == ["批准用地占图斑 97.0% ≥ 95.0%"])
    }

    @Test("A patch on facility farmland is 疑似合法 (设施农用地)")
    func facilityFarmlandIsLegal() {
        let result = rules.judge(facts([.facilityFarmland: 1, .urbanBoundary: 0]))
        #expect(result.verdict == .suspectedLegal)
        #expect(result.subtype == "设施农用地")
        #expect(result.decidingRule == "facility-farmland")
        // Outside the urban boundary without approval fires too, and is listed as a reason.
        #expect(result.fired.map(\.id) == ["facility-farmland", "outside-urban"])
    }

    @Test("A patch touching basic farmland without approval is 疑似违法 with high priority")
    func basicFarmlandIsIllegalHigh() {
        let result = rules.judge(facts([.basicFarmland: 0.3, .approvedLand: 0.5, .urbanBoundary: 1]))
        #expect(result.verdict == .suspectedIllegal)
        #expect(result.subtype == "占用永久基本农田")
        #expect(result.priority == .high)
        #expect(result.decidingRule == "basic-farmland")
        #expect(result.fired[0].reasons == ["压占永久基本农田 0.45 亩（30.0%）", "批准用地占图斑 50.0% < 95.0%"])
    }

    @Test("Inside the urban boundary on supplied land is 疑似合法")
    func urbanSuppliedIsLegal() {
        let result = rules.judge(facts([.urbanBoundary: 1, .landSupply: 0.99]))
        #expect(result.verdict == .suspectedLegal)
        #expect(result.decidingRule == "urban-supplied")
    }

    @Test("A basic-farmland overlap below the sliver tolerance does not count")
    func sliverIsIgnored() {
        // 0.5 m² of 1000 m²: under 1 m² (and under 0.1%).
        let result = rules.judge(facts([.basicFarmland: 0.0005, .urbanBoundary: 1, .landSupply: 0]))
        #expect(result.verdict == .needsReview)
        #expect(result.decidingRule == nil)
        #expect(result.fired.isEmpty)
        #expect(result.priority == .medium)
    }

    @Test("A patch with more than one 亩 of cultivated land and no approval is 疑似违法, medium priority")
    func cultivatedLandIsIllegalMedium() {
        let result = rules.judge(facts([.cultivatedLand: 1, .urbanBoundary: 1], cultivatedShare: 0.8))
        #expect(result.verdict == .suspectedIllegal)
        #expect(result.decidingRule == "cultivated-land")
        #expect(result.priority == .medium)
        #expect(result.fired[0].reasons[0] == "占用耕地 1.20 亩 ≥ 1.00 亩")
    }

    @Test("Judging is deterministic: the same facts give the same result")
    func deterministic() {
        let input = facts([.basicFarmland: 0.4, .ecologicalRedLine: 0.2, .urbanBoundary: 0.1])
        #expect(rules.judge(input) == rules.judge(input))
        #expect(rules.judge(input).fired.map(\.id) == ["basic-farmland", "red-line", "outside-urban"])
    }

    @Test("The rules need overlay on every kind they name")
    func referencedKinds() {
        #expect(rules.referencedKinds == Set(LayerKind.allCases))
    }
}

@Suite("Rules file validation")
struct RulesFileTests {
    static func rules(_ body: String) -> String {
        """
        version: 1
        rules:
        \(body)
        """
    }

    static func error(_ yaml: String) -> RulesError? {
        do {
            _ = try RulesFile.parse(yaml: yaml, source: "rules.yaml")
            return nil
        } catch {
            return error as? RulesError
        }
    }

    @Test("A minimal file with Chinese layer names, verdicts and priorities parses")
    func chineseNames() throws {
        let parsed = try RulesFile.parse(yaml: Self.rules("""
          - id: jbnt
            when:
              永久基本农田: { area_mu_at_least: 0.5 }
            verdict: 疑似违法
            priority: 高
        """), source: "rules.yaml")
        #expect(parsed.rules == [PrejudgeRule(id: "jbnt", name: "jbnt", conditions: [LayerCondition(kind: .basicFarmland, test: .areaAtLeast(Area(mu: 0.5)))],
                                              verdict: .suspectedIllegal, subtype: nil, priority: .high)])
        #expect(parsed.sliver == SliverTolerance(area: .zero, share: 0))
    }

    @Test("An unknown layer kind is refused with its line and the known kinds")
    func unknownKind() throws {
        let error = try #require(Self.error(Self.rules("""
          - id: a
            when:
              farmland: { touches: true }
            verdict: 疑似违法
        """)))
        #expect(error.line == 5)
        #expect(error.description.contains("未知的图层类型「farmland」"))
        #expect(error.description.contains("basicFarmland"))
    }

    @Test("A share above 1 is refused")
    func shareOutOfRange() throws {
        let error = try #require(Self.error(Self.rules("""
          - id: a
            when:
              approvedLand: { share_at_least: 95 }
            verdict: 疑似合法
        """)))
        #expect(error.line == 5)
        #expect(error.chinese.contains("0 到 1 之间"))
    }

    @Test("A misspelt test name is refused, naming the known ones")
    func unknownTest() throws {
        let error = try #require(Self.error(Self.rules("""
          - id: a
            when:
              approvedLand: { share_atleast: 0.9 }
            verdict: 疑似合法
        """)))
        #expect(error.english.contains("unknown key share_atleast"))
        #expect(error.english.contains("share_at_least"))
    }

    @Test("An unknown verdict is refused")
    func unknownVerdict() throws {
        let error = try #require(Self.error(Self.rules("""
          - id: a
            when:
              approvedLand: { touches: true }
            verdict: 合法
        """)))
        #expect(error.line == 6)
        #expect(error.chinese.contains("未知的结论「合法」"))
    }

    @Test("Two rules with the same id are refused")
    func duplicateIDs() throws {
        let rule = """
          - id: a
            when:
              approvedLand: { touches: true }
            verdict: 疑似合法
        """
        let error = try #require(Self.error(Self.rules(rule + "\n" + rule)))
        #expect(error.chinese == "规则编号 a 重复")
    }

    @Test("A rule without conditions is refused")
    func noConditions() throws {
        let error = try #require(Self.error(Self.rules("""
          - id: a
            verdict: 疑似合法
        """)))
        #expect(error.chinese == "规则 a 缺少 when 条件")
    }

    @Test("cultivated_mu_at_least on a layer without land classes is refused")
    func cultivatedOnWrongLayer() throws {
        let error = try #require(Self.error(Self.rules("""
          - id: a
            when:
              basicFarmland: { cultivated_mu_at_least: 1 }
            verdict: 疑似违法
        """)))
        #expect(error.english.contains("cultivatedLand only"))
    }

    @Test("A YAML syntax error names its line")
    func syntaxError() throws {
        let error = try #require(Self.error("version: 1\nrules:\n  - id: a\n    when: [unclosed\n"))
        #expect(error.line != nil)
        #expect(error.chinese.hasPrefix("YAML 格式错误"))
    }

    @Test("A file without a version is refused")
    func missingVersion() throws {
        let error = try #require(Self.error("rules: []\n"))
        #expect(error.chinese == "缺少 version: 1")
    }

    @Test("A missing file gives a clear error, not a crash")
    func missingFile() {
        #expect(throws: RulesError.self) { try RulesFile.load(path: "/nonexistent/rules.yaml") }
    }
}
