import Foundation
import Geo

/// A patch that can be drawn for the provincial audit: approved by its city, with its reported category.
public struct SamplingCandidate: Sendable, Equatable {
    public let key: PatchKey
    public let city: RegionCode
    /// The patch's determination in the canonical form that enters the seed (see `AuditSampling.canonicalLine`).
    public let determination: Determination

    public var category: DeterminationCategory { determination.reportedCategory }

    public init(key: PatchKey, city: RegionCode, determination: Determination) {
        self.key = key
        self.city = city
        self.determination = determination
    }
}

/// 抽样种子: published before the draw, so that anyone can re-draw the same sample and check it.
public struct AuditSeed: Sendable, Equatable, Codable {
    public let batch: String
    /// 公布值: a value announced in advance that nobody here controls (e.g. a lottery result on a stated date).
    public let announcedValue: String
    /// SHA-256 of the canonical list of the batch's submitted determinations.
    public let determinationsDigest: String
    /// SHA-256 of batch, digest and announced value: the seed of the draw.
    public let seed: String
    /// Percentage drawn from each city × category stratum (at least `minimumPerStratum`).
    public let ratePercent: Int
    public let minimumPerStratum: Int
    /// The codes of the patches the seed covers, sorted: later approvals do not enter this draw.
    public let candidateCodes: [String]

    public var candidateCount: Int { candidateCodes.count }
}

/// One stratum of the sample: the patches of one city reported under one category.
public struct AuditStratum: Sendable, Equatable, Codable {
    public let city: RegionCode
    public let category: DeterminationCategory
    public let population: Int
    public let sampled: [PatchKey]
}

/// 省级抽样复核: a stratified random sample per city × reported category, drawn reproducibly.
///
/// Anyone with the list of determinations can check a draw with nothing but SHA-256:
/// 1. the canonical list is one `canonicalLine` per candidate, sorted by batch and code, each ending in "\n";
///    its SHA-256 (lower-case hex) is the digest;
/// 2. seed = SHA-256 of "LandWatch audit seed v1\n" + batch + "\n" + digest + "\n" + announced value;
/// 3. in each stratum, patches are ranked by SHA-256 of seed + "\n" + patch code, smallest first, and the
///    first n are drawn, n = ⌈rate × population⌉ but at least the minimum and at most the population.
public enum AuditSampling {
    public static let defaultRatePercent = 30
    public static let defaultMinimumPerStratum = 1

    /// batch TAB code TAB city TAB category TAB parts, parts as subtype:area-m²(2 decimals):documents, joined by ";".
    public static func canonicalLine(_ candidate: SamplingCandidate) -> String {
        let parts = candidate.determination.parts.map { part in
            "\(part.subtype.code):\(String(format: "%.2f", part.area.squareMetres)):\(part.documents.joined(separator: ","))"
        }
        return [candidate.key.batch, candidate.key.code, candidate.city.rawValue, candidate.category.rawValue,
                parts.joined(separator: ";")].joined(separator: "\t")
    }

    public static func canonicalList(_ candidates: [SamplingCandidate]) -> String {
        candidates.sorted { $0.key < $1.key }.map { canonicalLine($0) + "\n" }.joined()
    }

    public static func seed(batch: String, candidates: [SamplingCandidate], announcedValue: String,
                            ratePercent: Int = defaultRatePercent,
                            minimumPerStratum: Int = defaultMinimumPerStratum) throws(EnforcementError) -> AuditSeed {
        let announced = announcedValue.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !announced.isEmpty else { throw .rejected(subject: batch, .auditWithoutAnnouncedValue) }
        guard (1...100).contains(ratePercent), minimumPerStratum >= 0 else {
            throw .rejected(subject: batch, .invalidSamplingRate(percent: ratePercent))
        }
        guard !candidates.isEmpty else { throw .rejected(subject: batch, .nothingToSample) }
        let digest = sha256Hex(canonicalList(candidates))
        let seed = sha256Hex("LandWatch audit seed v1\n\(batch)\n\(digest)\n\(announced)")
        return AuditSeed(batch: batch, announcedValue: announced, determinationsDigest: digest, seed: seed,
                         ratePercent: ratePercent, minimumPerStratum: minimumPerStratum,
                         candidateCodes: candidates.map(\.key.code).sorted())
    }

    /// How many to draw from a stratum of `population`.
    public static func sampleSize(population: Int, ratePercent: Int, minimum: Int) -> Int {
        let proportional = (ratePercent * population + 99) / 100
        return min(population, max(minimum, proportional))
    }

    /// The draw among the patches the seed covers (others approved since are left out). Refuses when
    /// their determinations are no longer those the seed was published for.
    public static func draw(_ seed: AuditSeed, candidates all: [SamplingCandidate]) throws(EnforcementError) -> [AuditStratum] {
        let covered = Set(seed.candidateCodes)
        let candidates = all.filter { covered.contains($0.key.code) }
        guard candidates.count == covered.count, sha256Hex(canonicalList(candidates)) == seed.determinationsDigest else {
            throw .rejected(subject: seed.batch, .determinationsChangedSinceSeed)
        }
        let strata = Dictionary(grouping: candidates) { StratumKey(city: $0.city, category: $0.category) }
        return strata.keys.sorted().map { key in
            let members = strata[key]!
            let n = sampleSize(population: members.count, ratePercent: seed.ratePercent, minimum: seed.minimumPerStratum)
            let ranked = members.map { (rank: sha256Hex("\(seed.seed)\n\($0.key.code)"), key: $0.key) }
                .sorted { $0.rank < $1.rank }
            return AuditStratum(city: key.city, category: key.category, population: members.count,
                                sampled: ranked.prefix(n).map(\.key).sorted())
        }
    }

    static func sha256Hex(_ text: String) -> String { ContentHash.sha256Hex(Data(text.utf8)) }

    private struct StratumKey: Hashable, Comparable {
        let city: RegionCode
        let category: DeterminationCategory
        static func < (a: Self, b: Self) -> Bool { (a.city, a.category) < (b.city, b.category) }
    }
}

/// 瞒报率 of one city (or of the province when `city` is nil).
public struct ConcealmentRate: Sendable, Equatable {
    public let city: RegionCode?
    /// Sampled patches the county reported 合法 or 其他, and their area.
    public let reportedLegalOrOther: Int
    public let reportedLegalOrOtherArea: Area
    /// Of those, how many the auditors have judged so far.
    public let judged: Int
    public let judgedArea: Area
    /// Judged 违法 by the audit: concealed.
    public let concealed: Int
    public let concealedArea: Area

    /// Cities at or above this rate (by count or by area) are flagged.
    public static let flagThreshold = 0.20

    /// Concealed ÷ judged sampled patches reported legal or other; nil before any is judged.
    public var rateByCount: Double? { judged > 0 ? Double(concealed) / Double(judged) : nil }
    public var rateByArea: Double? {
        judgedArea.squareMetres > 0 ? concealedArea.squareMetres / judgedArea.squareMetres : nil
    }
    public var pending: Int { reportedLegalOrOther - judged }
    public var flagged: Bool {
        (rateByCount ?? 0) >= Self.flagThreshold || (rateByArea ?? 0) >= Self.flagThreshold
    }

    /// Rates per city, sorted by city, and the province's (`city == nil`) last, from sampled patches.
    public static func report(_ sampled: [(city: RegionCode, area: Area, workflow: PatchWorkflow)]) -> [ConcealmentRate] {
        let relevant = sampled.filter { $0.workflow.selectedForAudit && $0.workflow.determination.map { $0.reportedCategory != .illegal } == true }
        let byCity = Dictionary(grouping: relevant, by: \.city)
        let rows = byCity.keys.sorted().map { rate(city: $0, byCity[$0]!) }
        return rows + [rate(city: nil, relevant)]
    }

    private static func rate(city: RegionCode?, _ items: [(city: RegionCode, area: Area, workflow: PatchWorkflow)]) -> ConcealmentRate {
        let judged = items.filter { $0.workflow.auditJudgement != nil }
        let concealed = judged.filter { $0.workflow.concealed }
        func total(_ list: [(city: RegionCode, area: Area, workflow: PatchWorkflow)]) -> Area { list.reduce(.zero) { $0 + $1.area } }
        return ConcealmentRate(city: city, reportedLegalOrOther: items.count, reportedLegalOrOtherArea: total(items),
                               judged: judged.count, judgedArea: total(judged),
                               concealed: concealed.count, concealedArea: total(concealed))
    }
}
