import Enforcement
import Foundation
import Geo
import Testing

@Suite struct AuditSamplingTests {
    let announced = "2024-04-01 福彩3D 第2024085期 382"

    func candidate(_ code: String, city: RegionCode, _ determination: Determination) -> SamplingCandidate {
        SamplingCandidate(key: PatchKey(batch: Fixture.batch, code: code), city: city, determination: determination)
    }

    func codes(_ prefix: String, _ count: Int) -> [String] {
        (1...count).map { String(format: "%@%02d", prefix, $0) }
    }

    /// Five strata: 440100 × legal (10), illegal (7), other (1); 440200 × legal (2), other (20).
    func population() throws -> [SamplingCandidate] {
        let legal = try Fixture.legal(), illegal = try Fixture.illegal(), other = try Fixture.other()
        return codes("440103-L", 10).map { candidate($0, city: Fixture.city4401, legal) }
            + codes("440103-I", 7).map { candidate($0, city: Fixture.city4401, illegal) }
            + codes("440104-O", 1).map { candidate($0, city: Fixture.city4401, other) }
            + codes("440203-L", 2).map { candidate($0, city: Fixture.city4402, legal) }
            + codes("440203-O", 20).map { candidate($0, city: Fixture.city4402, other) }
    }

    @Test func sampleSizeIsThirtyPercentRoundedUpWithAMinimumAndNeverAboveThePopulation() {
        #expect(AuditSampling.sampleSize(population: 10, ratePercent: 30, minimum: 1) == 3)
        #expect(AuditSampling.sampleSize(population: 7, ratePercent: 30, minimum: 1) == 3)
        #expect(AuditSampling.sampleSize(population: 1, ratePercent: 30, minimum: 1) == 1)
        #expect(AuditSampling.sampleSize(population: 2, ratePercent: 30, minimum: 1) == 1)
        #expect(AuditSampling.sampleSize(population: 20, ratePercent: 30, minimum: 1) == 6)
        #expect(AuditSampling.sampleSize(population: 100, ratePercent: 30, minimum: 1) == 30)
        #expect(AuditSampling.sampleSize(population: 3, ratePercent: 30, minimum: 2) == 2)
        #expect(AuditSampling.sampleSize(population: 1, ratePercent: 30, minimum: 2) == 1)
        #expect(AuditSampling.sampleSize(population: 10, ratePercent: 100, minimum: 1) == 10)
        #expect(AuditSampling.sampleSize(population: 0, ratePercent: 30, minimum: 1) == 0)
    }

    @Test func strataAreCityByReportedCategoryAndEachDrawsItsSampleSize() throws {
        let candidates = try population()
        let seed = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced)
        #expect(seed.ratePercent == 30)
        #expect(seed.minimumPerStratum == 1)
        #expect(seed.candidateCount == 40)
        let strata = try AuditSampling.draw(seed, candidates: candidates)
        #expect(strata.map { "\($0.city) \($0.category.rawValue) \($0.population) \($0.sampled.count)" } == [
            "440100 legal 10 3", "440100 illegal 7 3", "440100 other 1 1", "440200 legal 2 1", "440200 other 20 6",
        ])
        for stratum in strata {
            let members = Set(candidates.filter { $0.city == stratum.city && $0.category == stratum.category }.map(\.key))
            #expect(Set(stratum.sampled).isSubset(of: members))
            #expect(stratum.sampled == stratum.sampled.sorted())
            #expect(Set(stratum.sampled).count == stratum.sampled.count)
        }
    }

    @Test func theSameCandidatesAndAnnouncedValueGiveTheSameSeedAndSample() throws {
        let candidates = try population()
        let first = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced)
        let second = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates.reversed(), announcedValue: " \(announced)\n")
        #expect(first == second)
        #expect(try AuditSampling.draw(first, candidates: candidates) == AuditSampling.draw(second, candidates: candidates.shuffled()))
    }

    @Test func aDifferentAnnouncedValueGivesADifferentSeedAndSample() throws {
        let candidates = try population()
        let first = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced)
        let second = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: "2024-04-01 福彩3D 第2024085期 383")
        #expect(first.determinationsDigest == second.determinationsDigest)
        #expect(first.seed != second.seed)
        let large = { (strata: [AuditStratum]) in strata.first { $0.population == 20 }!.sampled }
        #expect(try large(AuditSampling.draw(first, candidates: candidates)) != large(AuditSampling.draw(second, candidates: candidates)))
    }

    @Test func aDeterminationChangedAfterTheSeedRefusesTheDraw() throws {
        var candidates = try population()
        let seed = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced)
        let changed = try Fixture.determination(
            [DeterminationPartDraft(area: .rest, subtype: "HF01", documents: ["粤府土审(2023)13号"])], patchArea: Area(squareMetres: 1000))
        candidates[0] = candidate(candidates[0].key.code, city: Fixture.city4401, changed)
        #expect(throws: EnforcementError.rejected(subject: "2024Q1", .determinationsChangedSinceSeed)) {
            _ = try AuditSampling.draw(seed, candidates: candidates)
        }
        #expect(throws: EnforcementError.rejected(subject: "2024Q1", .determinationsChangedSinceSeed)) {
            _ = try AuditSampling.draw(seed, candidates: Array(try population().dropLast()))
        }
    }

    @Test func patchesApprovedAfterTheSeedAreLeftOutOfTheDraw() throws {
        let candidates = try population()
        let seed = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced)
        #expect(seed.candidateCodes.count == 40)
        #expect(seed.candidateCodes == seed.candidateCodes.sorted())
        let later = candidate("440103-L99", city: Fixture.city4401, try Fixture.legal())
        let strata = try AuditSampling.draw(seed, candidates: candidates + [later])
        #expect(strata == (try AuditSampling.draw(seed, candidates: candidates)))
        #expect(strata.reduce(0) { $0 + $1.population } == 40)
    }

    @Test func aSeedNeedsAnAnnouncedValueAValidRateAndCandidates() throws {
        let candidates = try population()
        #expect(throws: EnforcementError.rejected(subject: "2024Q1", .auditWithoutAnnouncedValue)) {
            _ = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: " \n ")
        }
        #expect(throws: EnforcementError.rejected(subject: "2024Q1", .invalidSamplingRate(percent: 0))) {
            _ = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced, ratePercent: 0)
        }
        #expect(throws: EnforcementError.rejected(subject: "2024Q1", .invalidSamplingRate(percent: 101))) {
            _ = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced, ratePercent: 101)
        }
        #expect(throws: EnforcementError.rejected(subject: "2024Q1", .nothingToSample)) {
            _ = try AuditSampling.seed(batch: Fixture.batch, candidates: [], announcedValue: announced)
        }
    }

    @Test func theSeedFollowsThePublishedRecipeCheckedWithCoreutils() throws {
        let split = try Fixture.determination([
            DeterminationPartDraft(area: .given(Area(squareMetres: 400)), subtype: "HF01", documents: ["粤府土审(2023)12号", "备-7"]),
            DeterminationPartDraft(area: .rest, subtype: "WF01"),
        ], patchArea: Area(squareMetres: 1000))
        let candidates = [
            candidate("440203-0001", city: Fixture.city4402, try Fixture.other(Area(squareMetres: 250.456))),
            candidate("440103-0002", city: Fixture.city4401, split),
            candidate("440103-0001", city: Fixture.city4401, try Fixture.legal()),
        ]
        // Written out by hand from the documented format, not by canonicalList.
        let canonical = """
            2024Q1\t440103-0001\t440100\tlegal\tHF01:1000.00:粤府土审(2023)12号
            2024Q1\t440103-0002\t440100\tillegal\tHF01:400.00:粤府土审(2023)12号,备-7;WF01:600.00:
            2024Q1\t440203-0001\t440200\tother\tQT01:250.46:

            """
        #expect(AuditSampling.canonicalList(candidates) == canonical)
        let seed = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: " \(announced) ")
        let digest = try coreutilsSHA256(canonical)
        #expect(digest.count == 64)
        #expect(seed.determinationsDigest == digest)
        #expect(seed.seed == (try coreutilsSHA256("LandWatch audit seed v1\n2024Q1\n\(digest)\n\(announced)")))
        #expect(seed.announcedValue == announced)
    }

    @Test func theDrawTakesTheSmallestRanksComputedWithCoreutils() throws {
        let candidates = try population()
        let seed = try AuditSampling.seed(batch: Fixture.batch, candidates: candidates, announcedValue: announced)
        let strata = try AuditSampling.draw(seed, candidates: candidates)
        let illegal = try #require(strata.first { $0.city == Fixture.city4401 && $0.category == .illegal })
        var ranked: [(rank: String, code: String)] = []
        for code in codes("440103-I", 7) {
            ranked.append((try coreutilsSHA256("\(seed.seed)\n\(code)"), code))
        }
        ranked.sort { $0.rank < $1.rank }
        #expect(illegal.sampled.map(\.code) == ranked.prefix(3).map(\.code).sorted())
        #expect(illegal.sampled.map(\.code).contains(ranked[0].code))
        #expect(!illegal.sampled.map(\.code).contains(ranked[3].code))
    }
}
