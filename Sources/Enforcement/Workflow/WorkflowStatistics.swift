import Foundation
import Geo

/// What the statistics need of one patch: its workflow and the overlay areas that matter.
public struct PatchFacts: Sendable, Equatable {
    public let key: PatchKey
    /// The county the patch belongs to (its assignment, else its own region).
    public let county: RegionCode
    public let area: Area
    /// Area on cultivated land (三调 01xx) from the overlay.
    public let cultivatedArea: Area
    /// Area on permanent basic farmland from the overlay.
    public let basicFarmlandArea: Area
    public let workflow: PatchWorkflow

    public init(key: PatchKey, county: RegionCode, area: Area, cultivatedArea: Area, basicFarmlandArea: Area, workflow: PatchWorkflow) {
        self.key = key
        self.county = county
        self.area = area
        self.cultivatedArea = cultivatedArea
        self.basicFarmlandArea = basicFarmlandArea
        self.workflow = workflow
    }
}

/// Count and areas of the patches (or parts of patches) of one category.
public struct CategoryTally: Sendable, Equatable {
    public var count = 0
    public var area = Area.zero
    public var cultivatedArea = Area.zero
    public var basicFarmlandArea = Area.zero

    public init() {}
}

/// The figures a bureau files for one region: county, city subtotal or province total.
public struct RegionStatistics: Sendable, Equatable {
    public enum Level: Sendable, Equatable { case county, city, total }

    /// nil for the total row.
    public let region: RegionCode?
    public let level: Level
    public internal(set) var patchCount = 0
    public internal(set) var area = Area.zero
    /// By the outcome that counts (the audit's where there is one): a patch counts once, under its
    /// reported category; areas are split by the determination's parts.
    public internal(set) var byCategory: [DeterminationCategory: CategoryTally] = [:]
    /// Not yet determined (or determined and not yet approved: still counted here until the city approves).
    public internal(set) var pending = CategoryTally()
    /// 月清: patches due by the reporting day or already verified, and those verified by their deadline.
    public internal(set) var dueCount = 0
    public internal(set) var verifiedOnTime = 0
    /// Illegal patches, those in a case, and those rectified (整改到位).
    public internal(set) var illegalCount = 0
    public internal(set) var caseCount = 0
    public internal(set) var rectifiedCount = 0
    public internal(set) var finesImposed = Yuan.zero
    public internal(set) var finesCollected = Yuan.zero

    /// 违法占用耕地面积比例 at or above this calls for accountability (约谈/问责).
    public static let illegalFarmlandLine = 0.15

    init(region: RegionCode?, level: Level) {
        self.region = region
        self.level = level
    }

    public func tally(_ category: DeterminationCategory) -> CategoryTally { byCategory[category] ?? CategoryTally() }

    /// 违法占用耕地面积比例: illegally occupied cultivated land ÷ cultivated land newly occupied by
    /// construction (legal + illegal); nil when no cultivated land was occupied.
    public var illegalFarmlandRatio: Double? {
        let illegal = tally(.illegal).cultivatedArea.squareMetres
        let occupied = illegal + tally(.legal).cultivatedArea.squareMetres
        return occupied > 0 ? illegal / occupied : nil
    }

    public var exceedsIllegalFarmlandLine: Bool { (illegalFarmlandRatio ?? 0) >= Self.illegalFarmlandLine }
    public var onTimeRate: Double? { dueCount > 0 ? Double(verifiedOnTime) / Double(dueCount) : nil }
    public var caseFilingRate: Double? { illegalCount > 0 ? Double(caseCount) / Double(illegalCount) : nil }
    public var rectificationRate: Double? { illegalCount > 0 ? Double(rectifiedCount) / Double(illegalCount) : nil }

    mutating func add(_ other: RegionStatistics) {
        patchCount += other.patchCount
        area = area + other.area
        for (category, tally) in other.byCategory { byCategory[category, default: CategoryTally()].add(tally) }
        pending.add(other.pending)
        dueCount += other.dueCount
        verifiedOnTime += other.verifiedOnTime
        illegalCount += other.illegalCount
        caseCount += other.caseCount
        rectifiedCount += other.rectifiedCount
        finesImposed = finesImposed + other.finesImposed
        finesCollected = finesCollected + other.finesCollected
    }

    mutating func add(_ facts: PatchFacts, asOf day: CalendarDay) {
        let w = facts.workflow
        patchCount += 1
        area = area + facts.area
        if let due = w.assignment?.due {
            let verifiedOn = w.firstVerifiedAt.map { CalendarDay($0) }
            if due <= day || verifiedOn != nil {
                dueCount += 1
                if let verifiedOn, verifiedOn <= due { verifiedOnTime += 1 }
            }
        }
        guard w.status == .approved, let category = w.effectiveCategory else {
            pending.add(whole: facts)
            return
        }
        byCategory[category, default: CategoryTally()].count += 1
        if let audit = w.auditJudgement {
            byCategory[audit.category, default: CategoryTally()].addArea(of: facts, share: 1)
        } else if let determination = w.determination {
            for part in determination.parts {
                let share = facts.area.squareMetres > 0 ? part.area.squareMetres / facts.area.squareMetres : 0
                byCategory[part.category, default: CategoryTally()].addArea(of: facts, share: share)
            }
        }
        if category == .illegal {
            illegalCount += 1
            if w.caseNumber != nil { caseCount += 1 }
            if w.rectifiedOn != nil { rectifiedCount += 1 }
        }
    }
}

extension CategoryTally {
    mutating func add(_ other: CategoryTally) {
        count += other.count
        area = area + other.area
        cultivatedArea = cultivatedArea + other.cultivatedArea
        basicFarmlandArea = basicFarmlandArea + other.basicFarmlandArea
    }

    mutating func add(whole facts: PatchFacts) {
        count += 1
        addArea(of: facts, share: 1)
    }

    /// A share of the patch, with its cultivated and basic-farmland areas in proportion (parts are split by area only).
    mutating func addArea(of facts: PatchFacts, share: Double) {
        area = area + Area(squareMetres: facts.area.squareMetres * share)
        cultivatedArea = cultivatedArea + Area(squareMetres: facts.cultivatedArea.squareMetres * share)
        basicFarmlandArea = basicFarmlandArea + Area(squareMetres: facts.basicFarmlandArea.squareMetres * share)
    }
}

/// Rolls patches and cases up county → city → province.
public enum WorkflowStatistics {
    /// Rows in filing order: for each city, its counties then the city's subtotal; the total last.
    /// `asOf` is the reporting day for 月清 (deadlines passed by then count).
    public static func compute(patches: [PatchFacts], cases: [EnforcementCase], asOf day: CalendarDay) -> [RegionStatistics] {
        var counties: [RegionCode: RegionStatistics] = [:]
        for facts in patches {
            counties[facts.county, default: RegionStatistics(region: facts.county, level: .county)].add(facts, asOf: day)
        }
        for enforcementCase in cases {
            var row = counties[enforcementCase.region, default: RegionStatistics(region: enforcementCase.region, level: .county)]
            row.finesImposed = row.finesImposed + (enforcementCase.penalty?.fine ?? .zero)
            row.finesCollected = row.finesCollected + enforcementCase.finesCollected
            counties[enforcementCase.region] = row
        }
        let byCity = Dictionary(grouping: counties.values) { $0.region!.enclosingCity }
        var rows: [RegionStatistics] = []
        var total = RegionStatistics(region: nil, level: .total)
        for city in byCity.keys.sorted() {
            var subtotal = RegionStatistics(region: city, level: .city)
            for county in byCity[city]!.sorted(by: { $0.region! < $1.region! }) {
                rows.append(county)
                subtotal.add(county)
            }
            rows.append(subtotal)
            total.add(subtotal)
        }
        rows.append(total)
        return rows
    }
}
