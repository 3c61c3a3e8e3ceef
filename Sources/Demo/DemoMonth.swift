import Enforcement
import Foundation
import Geo
import GeoIO
import Store
import Workspace

/// Plays one month of the enforcement loop (月清、月核) on the demo batch, as the people in it would:
/// the province assigns, county officers verify with phone photos (a few spoofed: no GPS, taken far away
/// or before the change), counties determine (南川县 conceals most of its violations as 其他 or 合法), the city
/// returns doubtful ones, the province publishes a seed, draws its 30% sample and re-judges it, cases are
/// filed, fined and rectified, and two supervision problems are handed down. Same seed, same month.
public struct DemoMonth {
    public var seed: UInt64
    public static let assignedOn = day(4, 1)
    public static let reportingDay = day(6, 30)
    public static let announcedValue = "2024-05-06 中国福利彩票3D 第2024118期开奖号码 5 2 8"

    public init(seed: UInt64 = 42) { self.seed = seed }

    /// A day of the demo's year.
    private static func day(_ month: Int, _ day: Int) -> CalendarDay { CalendarDay(year: 2024, month: month, day: day)! }

    /// What happened, for the demo to print.
    public struct Report: Sendable {
        public internal(set) var verified = 0
        public internal(set) var flaggedVerifications = 0
        public internal(set) var determined = 0
        public internal(set) var returned = 0
        public internal(set) var plantedConcealments = 0
        public internal(set) var sampled = 0
        public internal(set) var casesFiled = 0
        public internal(set) var casesClosed = 0
        public internal(set) var problems = 0
    }

    private struct Truth {
        let subtype: String
        let documents: [String]
    }

    public func play(in workspace: Workspace, batch: String = DemoCounty.batchCode,
                     progress: JobProgress = SilentProgress()) throws -> Report {
        var rng = SeededGenerator(seed: seed ^ 0x4D4F_4E54_48)
        var report = Report()
        let codes = try workspace.determinationCodes()
        let province = Signature(person: "省卫片执法技术中心 王工", at: Self.assignedOn.at(hour: 9))
        _ = try workspace.assign(batch: batch, dueInDays: 30, signature: province)

        let patches = try workspace.store.patches(matching: PatchQuery(batch: batch))
        let prejudgements = try workspace.store.prejudgements(batch: batch)
        let photoFolder = workspace.root.appendingPathComponent("demo-source/photos", isDirectory: true)
        try FileManager.default.createDirectory(at: photoFolder, withIntermediateDirectories: true)

        progress.begin("月度核查 / the month's verification and determination", total: patches.count)
        var truths: [String: Truth] = [:]
        for (index, patch) in patches.enumerated() {
            defer { progress.advance(to: index + 1) }
            let key = PatchKey(batch: batch, code: patch.code)
            let county = patch.regionCode?.rawValue ?? ""
            let officer = "\(DemoCounty.counties.first { $0.code == county }?.name ?? "")执法员 \(["李", "张", "陈"][index % 3])工"
            // 3% are left unverified at the end of the month: 月清 is not 100%.
            guard !rng.chance(0.03) else { continue }
            let truth = Self.truth(prejudgements[patch.code], rng: &rng)
            truths[patch.code] = truth
            let late = rng.chance(0.05)
            let visitDay = Self.assignedOn.adding(days: late ? 32 + Int(rng.uniform(0...10)) : 2 + Int(rng.uniform(0...25)))
            let visit = visitDay.at(hour: 10, minute: index % 60)
            let photo = try writePhoto(for: patch, day: visitDay, index: index, folder: photoFolder, rng: &rng)
            let (_, verification) = try workspace.recordVerification(
                key, VerificationInput(officer: officer, at: visit, position: photo.position, accuracyMetres: 5,
                                       form: VerificationForm(constructionState: Self.state(truth, rng: &rng),
                                                              currentUse: truth.subtype.hasPrefix("QT") ? "耕地" : "厂房",
                                                              builder: truth.subtype.hasPrefix("WF") ? "某村民委员会" : ""),
                                       notes: "现场核实", photoPaths: [photo.path]),
                signature: Signature(person: officer, at: visit))
            report.verified += 1
            if verification.isFlagged { report.flaggedVerifications += 1 }

            // 南川县 reports most of its violations as 耕地内部调整 or as facility farmland with a made-up filing.
            var stated = truth
            let concealRate = county == "449903" ? 0.6 : 0.02
            if truth.subtype.hasPrefix("WF"), rng.chance(concealRate) {
                stated = rng.chance(0.5) ? Truth(subtype: "QT02", documents: [])
                    : Truth(subtype: "HF02", documents: ["设施农用地备案 \(county)-2024-\(100 + index % 900)"])
                report.plantedConcealments += 1
            }
            let determineDay = visitDay.adding(days: 2).at(hour: 15)
            try workspace.determine(key, parts: [DeterminationPartDraft(area: .rest, subtype: stated.subtype, documents: stated.documents)],
                                    codes: codes, signature: Signature(person: "\(county) 内业 刘工", at: determineDay))
            report.determined += 1

            let city = Signature(person: "示范市 审核 周科长", at: visitDay.adding(days: 5).at(hour: 11))
            if verification.isFlagged {
                // The city sends back what the photos cannot prove; the county goes again and resubmits.
                try workspace.returnToCounty(key, reason: "核查照片存疑（\(verification.flags.first!.chineseDescription)），请补充现场照片",
                                             signature: city)
                report.returned += 1
                let again = visitDay.adding(days: 7)
                let retake = try writePhoto(for: patch, day: again, index: index + 100_000, folder: photoFolder, rng: &rng, honest: true)
                try workspace.recordVerification(
                    key, VerificationInput(officer: officer, at: again.at(hour: 9), position: retake.position, accuracyMetres: 3,
                                           form: verification.form, notes: "补充核查", photoPaths: [retake.path]),
                    signature: Signature(person: officer, at: again.at(hour: 9)))
                try workspace.determine(key, parts: [DeterminationPartDraft(area: .rest, subtype: stated.subtype, documents: stated.documents)],
                                        codes: codes, signature: Signature(person: "\(county) 内业 刘工", at: again.at(hour: 16)))
            }
            try workspace.approve(key, signature: Signature(person: city.person, at: visitDay.adding(days: 9).at(hour: 10)))
        }
        progress.end()

        // Unverified patches are handed to next month's list; the audit draws from what the city approved.
        report.sampled = try audit(workspace, batch: batch, truths: truths, codes: codes)
        try cases(workspace, batch: batch, report: &report, rng: &rng)
        report.problems = try problems(workspace)
        return report
    }

    /// What the demo takes as the truth on the ground, from the pre-judgement with some noise.
    private static func truth(_ prejudgement: Prejudgement?, rng: inout SeededGenerator) -> Truth {
        switch prejudgement?.verdict {
        case .suspectedLegal where prejudgement?.subtype == "设施农用地":
            return Truth(subtype: "HF02", documents: ["设施农用地备案 2024-\(Int(rng.uniform(100...999)))"])
        case .suspectedLegal:
            return Truth(subtype: "HF01", documents: ["粤府土审〔2023〕\(Int(rng.uniform(10...300)))号"])
        case .suspectedIllegal:
            // On the ground many suspected violations turn out approved on paper not yet in the layers, or false changes.
            switch rng.uniform(0...1) {
            case ..<0.25: return Truth(subtype: "HF01", documents: ["粤府土审〔2024〕\(Int(rng.uniform(10...300)))号"])
            case ..<0.60: return Truth(subtype: rng.pick([("QT01", 2.0), ("QT02", 3.0), ("QT05", 1.0)]), documents: [])
            default: return Truth(subtype: rng.pick([("WF01", 5.0), ("WF04", 3.0), ("WF02", 1.0), ("WF03", 1.0)]), documents: [])
            }
        default:
            return Truth(subtype: rng.pick([("QT01", 3.0), ("QT02", 2.0), ("QT03", 1.0)]), documents: [])
        }
    }

    private static func state(_ truth: Truth, rng: inout SeededGenerator) -> ConstructionState {
        truth.subtype.hasPrefix("QT") ? .notStarted : rng.pick([(.underConstruction, 1.0), (.completed, 2.0)])
    }

    /// A small phone photo with EXIF: normally taken inside the patch on the visit day; 3% carry no GPS,
    /// 3% were taken ~500 m away, 2% are old photos from before the change.
    private func writePhoto(for patch: Patch, day: CalendarDay, index: Int, folder: URL, rng: inout SeededGenerator,
                            honest: Bool = false) throws -> (path: String, position: Coordinate?) {
        let inside = try patch.geometry.pointOnSurface() ?? patch.geometry.envelope?.center ?? Coordinate(x: 0, y: 0)
        var position: Coordinate? = inside
        var taken = day
        if !honest {
            switch rng.uniform(0...1) {
            case ..<0.03: position = nil
            case ..<0.06: position = Coordinate(x: inside.x + 0.0049, y: inside.y)
            case ..<0.08: taken = CalendarDay(year: 2023, month: 11, day: 12)!
            default: break
            }
        }
        let width = 64, height = 48
        let shade = UInt8(truncatingIfNeeded: 80 + index % 120)
        let pixels = (0..<(width * height * 3)).map { i in i % 3 == 1 ? shade : UInt8(truncatingIfNeeded: (i / 3) % 200) }
        let path = folder.appendingPathComponent("IMG_\(patch.code)_\(index).jpg").path
        try PhotoMetadata.writeJPEG(path: path, metadata: PhotoMetadata(
            width: width, height: height, takenAt: "\(taken)T10:\(String(format: "%02d", index % 60)):00", position: position,
            directionDegrees: Double(index % 360), directionReference: "T"), rgb: pixels)
        return (path, position)
    }

    /// 省级抽样复核: seed, draw, and the auditors' judgement (the truth on the ground).
    private func audit(_ workspace: Workspace, batch: String, truths: [String: Truth], codes: DeterminationCodeList) throws -> Int {
        let auditor = Signature(person: "省厅执法局 复核组 赵处", at: Self.day(5, 6).at(hour: 20))
        _ = try workspace.publishAuditSeed(batch: batch, announcedValue: Self.announcedValue, allowPending: true, signature: auditor)
        let (_, strata) = try workspace.drawAuditSample(batch: batch, signature: Signature(person: auditor.person,
                                                                                            at: Self.day(5, 7).at(hour: 9)))
        let drawn = strata.flatMap(\.sampled)
        for (index, key) in drawn.enumerated() {
            guard let truth = truths[key.code] else { continue }
            try workspace.auditJudge(key, subtype: truth.subtype, note: "省级内业复核", codes: codes,
                                     signature: Signature(person: auditor.person,
                                                          at: Self.day(5, 8 + index % 10).at(hour: 14)))
        }
        return drawn.count
    }

    /// Cases for the largest violations of each county; most decided, some rectified and closed.
    private func cases(_ workspace: Workspace, batch: String, report: inout Report, rng: inout SeededGenerator) throws {
        let facts = try workspace.store.statisticsFacts(batch: batch).facts
            .filter { $0.workflow.status == .approved && $0.workflow.effectiveCategory == .illegal }
        for (countyIndex, county) in DemoCounty.counties.enumerated() {
            let illegal = facts.filter { $0.county.rawValue == county.code }.sorted { $0.area > $1.area }.prefix(12)
            for (index, patch) in illegal.enumerated() {
                let number = "\(county.code)-2024-\(String(format: "%03d", index + 1))"
                let filedOn = Self.day(5, 10 + index)
                let officer = Signature(person: "\(county.name) 执法大队 孙队", at: filedOn.at(hour: 10))
                _ = try workspace.fileCase(number: number, patches: [patch.key], parties: ["\(county.name)某建材有限公司"],
                                           filedOn: filedOn, signature: officer)
                report.casesFiled += 1
                guard index % 4 != 3 else { continue }
                let decidedOn = filedOn.adding(days: 20)
                let fine = Yuan(fen: Int64((patch.area.squareMetres * 20).rounded()) * 100)
                let plan = RectificationPlan(measures: [RectificationMeasure(kind: .demolishAndRestore, detail: "拆除违法建筑物并恢复耕种条件",
                                                                             area: patch.area)],
                                             deadline: decidedOn.adding(days: 60))
                try workspace.changeCase(number, .decide(Penalty(fine: fine, demolitionArea: patch.area), plan: plan, on: decidedOn),
                                         signature: Signature(person: officer.person, at: decidedOn.at(hour: 10)))
                guard (index + countyIndex) % 3 != 2 else { continue }
                let paidOn = decidedOn.adding(days: 10)
                try workspace.changeCase(number, .recordPayment(fine, on: paidOn), signature: Signature(person: officer.person, at: paidOn.at(hour: 10)))
                let rectifiedOn = decidedOn.adding(days: 25 + Int(rng.uniform(0...20)))
                try workspace.changeCase(number, .rectification(.submitEvidence(measure: 1, RectificationEvidence(
                    note: "已拆除并复耕", files: [], by: officer.person, at: rectifiedOn.at(hour: 15)))),
                                         signature: Signature(person: officer.person, at: rectifiedOn.at(hour: 15)))
                guard index % 2 == 0 else { continue }
                let checkedOn = rectifiedOn.adding(days: 3)
                let checker = Signature(person: "\(county.name)自然资源局 验收组", at: checkedOn.at(hour: 11))
                try workspace.changeCase(number, .rectification(.accept(measure: 1, on: checkedOn)), signature: checker)
                try workspace.changeCase(number, .close(on: checkedOn), signature: checker)
                report.casesClosed += 1
            }
        }
    }

    private func problems(_ workspace: Workspace) throws -> Int {
        let inspector = Signature(person: "国家自然资源督察广州局", at: Self.day(4, 15).at(hour: 9))
        let first = try SupervisionProblem.handDown(
            number: "DC-2024-017", kind: .farmlandProtection, region: try RegionCode("449902"), title: "青禾县某村违法占用耕地建设仓储用房",
            on: Self.day(4, 15), area: Area(mu: 12.6), cultivatedArea: Area(mu: 9.8),
            plan: RectificationPlan(measures: [RectificationMeasure(kind: .demolishAndRestore, detail: "拆除仓储用房并复耕", area: Area(mu: 9.8))],
                                    deadline: Self.day(6, 30)))
        let second = try SupervisionProblem.handDown(
            number: "DC-2024-023", kind: .routine, region: try RegionCode("449903"), title: "南川县工业园区未批先建厂房",
            on: Self.day(4, 20), area: Area(mu: 35.2), cultivatedArea: Area(mu: 18.4),
            plan: RectificationPlan(measures: [RectificationMeasure(kind: .retroactiveApproval, detail: "依法补办农用地转用和供地手续"),
                                               RectificationMeasure(kind: .confiscation, detail: "没收违法建筑物", area: Area(mu: 16.8))],
                                    deadline: Self.day(6, 15)))
        try workspace.handDownProblem(first, signature: inspector)
        try workspace.handDownProblem(second, signature: inspector)
        let county = Signature(person: "青禾县自然资源局", at: Self.day(6, 10).at(hour: 10))
        try workspace.changeProblem(first.number, .rectification(.submitEvidence(measure: 1, RectificationEvidence(
            note: "仓储用房已拆除，已复耕种植水稻", files: [], by: county.person, at: county.at))), signature: county)
        let check = Signature(person: "示范市自然资源局 督察整改专班", at: Self.day(6, 20).at(hour: 10))
        try workspace.changeProblem(first.number, .rectification(.accept(measure: 1, on: Self.day(6, 20))), signature: check)
        try workspace.changeProblem(first.number, .close(on: Self.day(6, 20)), signature: check)
        return 2
    }
}
