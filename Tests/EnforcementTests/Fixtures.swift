import Enforcement
import Foundation
import Geo
import TestSupport

/// Small hand-made values for the workflow tests: a five-entry code list, regions, days, and helpers that
/// walk a patch through the loop.
enum Fixture {
    static let batch = "2024Q1"

    /// 判定子类 as a bureau might configure them.
    static let codes = DeterminationCodeList(codes: [
        DeterminationCode(code: "HF01", name: "已批准用地", category: .legal, documentLabel: "批准文号"),
        DeterminationCode(code: "HF02", name: "设施农用地", category: .legal, documentLabel: "备案编号"),
        DeterminationCode(code: "WF01", name: "未批先建", category: .illegal, documentLabel: nil),
        DeterminationCode(code: "WF04", name: "乱占耕地建房", category: .illegal, documentLabel: nil),
        DeterminationCode(code: "QT01", name: "伪变化", category: .other, documentLabel: nil),
    ])

    static func code(_ text: String) -> DeterminationCode { codes.lookup(text)! }

    // Literal, valid codes: the force-try cannot fail.
    static let province44 = try! RegionCode("440000")
    static let city4401 = try! RegionCode("440100")
    static let city4402 = try! RegionCode("440200")
    static let county440103 = try! RegionCode("440103")
    static let county440104 = try! RegionCode("440104")
    static let county440203 = try! RegionCode("440203")

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    /// `hour`:`minute` China Standard Time on the day.
    static func time(_ text: String, hour: Int = 10, minute: Int = 0) -> Date {
        day(text).at(hour: hour, minute: minute)
    }

    static let approvalNumber = "粤府土审(2023)12号"

    static func determination(_ drafts: [DeterminationPartDraft], patchArea: Area) throws(EnforcementError) -> Determination {
        try Determination.make(parts: drafts, patchArea: patchArea, codes: codes)
    }

    /// The whole patch under one sub-type (legal ones get a document).
    static func whole(_ subtype: String, area: Area = Area(squareMetres: 1000)) throws(EnforcementError) -> Determination {
        let documents = code(subtype).category == .legal ? [approvalNumber] : []
        return try determination([DeterminationPartDraft(area: .rest, subtype: subtype, documents: documents)], patchArea: area)
    }

    static func legal(_ area: Area = Area(squareMetres: 1000)) throws(EnforcementError) -> Determination { try whole("HF01", area: area) }
    static func illegal(_ area: Area = Area(squareMetres: 1000)) throws(EnforcementError) -> Determination { try whole("WF01", area: area) }
    static func other(_ area: Area = Area(squareMetres: 1000)) throws(EnforcementError) -> Determination { try whole("QT01", area: area) }

    static func audit(_ subtype: String) throws(EnforcementError) -> AuditJudgement {
        try AuditJudgement.make(subtype: subtype, note: "省级复核", codes: codes)
    }

    static func assignment(_ county: RegionCode = county440103, due: String = "2024-03-31") -> Assignment {
        Assignment(county: county, due: day(due))
    }

    static func assigned(_ code: String = "440103-0001", county: RegionCode = county440103,
                         due: String = "2024-03-31") throws(EnforcementError) -> PatchWorkflow {
        try PatchWorkflow(batchCode: batch, patchCode: code).step(.assign(assignment(county, due: due)), by: "省技术中心")
    }

    static func verified(_ code: String = "440103-0001", county: RegionCode = county440103, due: String = "2024-03-31",
                         at verifiedAt: Date = time("2024-03-10")) throws(EnforcementError) -> PatchWorkflow {
        try assigned(code, county: county, due: due).step(.recordVerification(at: verifiedAt), by: "县执法员")
    }

    static func submitted(_ determination: Determination, code: String = "440103-0001", county: RegionCode = county440103,
                          due: String = "2024-03-31", verifiedAt: Date = time("2024-03-10")) throws(EnforcementError) -> PatchWorkflow {
        try verified(code, county: county, due: due, at: verifiedAt).step(.determine(determination), by: "县执法员")
    }

    /// Walks a patch from import to `approved`: assign, verify, determine, approve (four steps).
    static func approved(_ determination: Determination, code: String = "440103-0001", county: RegionCode = county440103,
                         due: String = "2024-03-31", verifiedAt: Date = time("2024-03-10")) throws(EnforcementError) -> PatchWorkflow {
        try submitted(determination, code: code, county: county, due: due, verifiedAt: verifiedAt).step(.approve, by: "市审核员")
    }

    /// Approved, drawn for the audit and judged by the province as `subtype`.
    static func audited(_ determination: Determination, judged subtype: String, code: String = "440103-0001",
                        county: RegionCode = county440103, verifiedAt: Date = time("2024-03-10")) throws(EnforcementError) -> PatchWorkflow {
        try approved(determination, code: code, county: county, verifiedAt: verifiedAt)
            .step(.selectForAudit, by: "省审核员")
            .step(.auditJudge(audit(subtype)), by: "省审核员")
    }

    static func measure(_ kind: RectificationKind = .demolishAndRestore, _ detail: String = "拆除违法建筑并复耕") -> RectificationMeasure {
        RectificationMeasure(kind: kind, detail: detail, area: Area(squareMetres: 500))
    }

    static func evidence(_ note: String = "已拆除，附现场照片", files: [String] = ["a1b2c3.jpg"], on text: String = "2024-05-10") -> RectificationEvidence {
        RectificationEvidence(note: note, files: files, by: "县执法员", at: time(text))
    }
}

extension PatchWorkflow {
    /// `applying` with a default person and time.
    func step(_ action: PatchAction, by person: String = "测试员",
              at time: Date = Fixture.time("2024-03-20")) throws(EnforcementError) -> PatchWorkflow {
        try applying(action, by: person, at: time)
    }
}

/// The first break a verifier finds in `events`, nil when the whole chain holds.
func firstBreak(_ events: [AuditEvent]) -> AuditChainBreak? {
    var verifier = AuditChain.Verifier()
    for event in events {
        if let found = verifier.check(event) { return found }
    }
    return nil
}

/// Lower-case hex SHA-256 of `text`'s UTF-8 bytes by coreutils' sha256sum, independent of our hashing.
func coreutilsSHA256(_ text: String) throws -> String {
    try runTool("/usr/bin/sha256sum", [], input: Data(text.utf8)).stdout.split(separator: " ").first.map(String.init) ?? ""
}
