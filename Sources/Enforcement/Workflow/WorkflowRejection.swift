import Geo

/// Why the workflow refuses a step: each rule of the loop, with the words a clerk needs to put it right.
public enum WorkflowRejection: Error, Sendable, Equatable {
    case cannotReassign(status: PatchStatus)
    case notACounty(RegionCode)
    case notAssigned
    case cannotVerify(status: PatchStatus)
    case notVerified
    case cannotDetermine(status: PatchStatus)
    case notSubmitted(status: PatchStatus)
    case returnWithoutReason
    case notApproved(status: PatchStatus)
    case alreadySelected
    case notSelectedForAudit
    case alreadyAudited
    case notIllegal
    case alreadyInCase(number: String)
    case noCase
    case alreadyRectified

    case noDeterminationParts
    case moreThanOneRestPart
    case unknownSubtype(String)
    case missingDocument(subtype: String, label: String)
    case nonPositivePart(subtype: String, area: Area)
    case partsDoNotAddUp(parts: Area, patch: Area)

    case measureAlreadyDone(kind: RectificationKind)
    case emptyEvidence
    case measureNotAwaitingVerification(kind: RectificationKind, status: RectificationStatus)
    case noSuchMeasure(number: Int, count: Int)

    case caseWithoutNumber
    case caseWithoutPatches
    case caseWithoutParties
    case caseClosed
    case caseAlreadyDecided
    case caseNotDecided
    case dateBeforeFiling(day: CalendarDay, filed: CalendarDay)
    case dateBeforeDecision(day: CalendarDay, decided: CalendarDay)
    case dateBeforeHandDown(day: CalendarDay, handedDown: CalendarDay)
    case nonPositivePayment
    case paymentExceedsFine(fine: Yuan, collected: Yuan, payment: Yuan)
    case openRectification(count: Int)

    case auditWithoutAnnouncedValue
    case invalidSamplingRate(percent: Int)
    case nothingToSample
    case determinationsChangedSinceSeed

    case problemWithoutNumber
    case problemWithoutMeasures
    case problemClosed
    case cultivatedExceedsArea(cultivated: Area, area: Area)

    /// Chinese first, then English.
    public var message: (chinese: String, english: String) {
        switch self {
        case .cannotReassign(let status):
            return ("图斑已\(status.chineseName)，不能重新下发", "cannot reassign a patch that is \(status.rawValue)")
        case .notACounty(let code):
            return ("\(code) 不是县级行政区划代码，图斑只能下发到县", "\(code) is not a county code: patches are assigned to counties")
        case .notAssigned:
            return ("图斑尚未下发到县，不能核查", "the patch has not been assigned to a county yet")
        case .cannotVerify(let status):
            return ("图斑状态为「\(status.chineseName)」，不能再录入外业核查", "cannot record a field verification on a patch that is \(status.rawValue)")
        case .notVerified:
            return ("图斑未经外业核查，不能判定", "cannot determine a patch that was never field-verified")
        case .cannotDetermine(let status):
            return ("图斑状态为「\(status.chineseName)」，不能判定", "cannot determine a patch that is \(status.rawValue)")
        case .notSubmitted(let status):
            return ("图斑状态为「\(status.chineseName)」，没有待审核的判定", "the patch is \(status.rawValue): no determination awaits review")
        case .returnWithoutReason:
            return ("退回必须写明原因", "a return needs a reason")
        case .notApproved(let status):
            return ("图斑状态为「\(status.chineseName)」，尚未通过市级审核", "the patch is \(status.rawValue), not approved by the city")
        case .alreadySelected:
            return ("图斑已被抽中复核", "the patch is already in the audit sample")
        case .notSelectedForAudit:
            return ("图斑未被抽中，不能复核", "the patch is not in the audit sample")
        case .alreadyAudited:
            return ("图斑已复核，不能重复复核", "the patch has already been audited")
        case .notIllegal:
            return ("只有判定为违法的图斑才能立案", "only patches determined illegal can be put in a case")
        case .alreadyInCase(let number):
            return ("图斑已在案件 \(number) 中", "the patch is already in case \(number)")
        case .noCase:
            return ("图斑没有立案", "the patch has no case")
        case .alreadyRectified:
            return ("图斑已整改到位", "the patch is already rectified")

        case .noDeterminationParts:
            return ("判定至少要有一部分", "a determination needs at least one part")
        case .moreThanOneRestPart:
            return ("只能有一个部分取「剩余」面积", "only one part may take the rest of the area")
        case .unknownSubtype(let text):
            return ("判定子类「\(text)」不在代码表中（landwatch determine --list-codes 查看）", "unknown determination sub-type \(text) (see landwatch determine --list-codes)")
        case .missingDocument(let subtype, let label):
            return ("合法判定「\(subtype)」必须填写\(label)", "a legal determination (\(subtype)) needs its document number (\(label))")
        case .nonPositivePart(let subtype, let area):
            return ("「\(subtype)」部分的面积必须大于 0（现为 \(area.muText) 亩）", "the \(subtype) part must have a positive area (is \(area.muText) mu)")
        case .partsDoNotAddUp(let parts, let patch):
            return ("各部分面积之和 \(parts.muText) 亩与图斑面积 \(patch.muText) 亩不符", "the parts add up to \(parts.muText) mu but the patch has \(patch.muText) mu")

        case .measureAlreadyDone(let kind):
            return ("整改措施「\(kind.chineseName)」已整改到位", "the \(kind.rawValue) measure is already done")
        case .emptyEvidence:
            return ("整改佐证需要说明或文件", "rectification evidence needs a note or a file")
        case .measureNotAwaitingVerification(let kind, let status):
            return ("整改措施「\(kind.chineseName)」状态为「\(status.chineseName)」，没有待验收的佐证", "the \(kind.rawValue) measure is \(status.rawValue): no evidence awaits verification")
        case .noSuchMeasure(let number, let count):
            return ("没有第 \(number) 项整改措施（共 \(count) 项）", "there is no measure \(number) (there are \(count))")

        case .caseWithoutNumber:
            return ("案件编号不能为空", "a case needs a number")
        case .caseWithoutPatches:
            return ("案件至少要包含一个违法图斑", "a case needs at least one illegal patch")
        case .caseWithoutParties:
            return ("案件必须写明当事人", "a case needs at least one party")
        case .caseClosed:
            return ("案件已结案", "the case is closed")
        case .caseAlreadyDecided:
            return ("案件已作出处罚决定", "the case has already been decided")
        case .caseNotDecided:
            return ("案件尚未作出处罚决定", "the case has not been decided yet")
        case .dateBeforeFiling(let day, let filed):
            return ("日期 \(day) 早于立案日期 \(filed)", "\(day) is before the filing date \(filed)")
        case .dateBeforeDecision(let day, let decided):
            return ("缴款日期 \(day) 早于处罚决定日期 \(decided)", "payment date \(day) is before the decision date \(decided)")
        case .dateBeforeHandDown(let day, let handedDown):
            return ("销号日期 \(day) 早于问题下发日期 \(handedDown)", "closing date \(day) is before the problem was handed down on \(handedDown)")
        case .nonPositivePayment:
            return ("缴款金额必须大于 0", "a payment must be positive")
        case .paymentExceedsFine(let fine, let collected, let payment):
            return ("缴款 \(payment) 元超出未缴罚款（罚款 \(fine) 元，已缴 \(collected) 元）", "a payment of \(payment) yuan exceeds the fine outstanding (fine \(fine), paid \(collected))")
        case .openRectification(let count):
            return ("还有 \(count) 项整改措施未整改到位，不能结案", "\(count) rectification measure(s) are still open: cannot close")

        case .auditWithoutAnnouncedValue:
            return ("抽样种子需要事先公布的公布值（如某日福利彩票开奖号码）", "the seed needs a value announced in advance (e.g. a lottery result on a stated date)")
        case .invalidSamplingRate(let percent):
            return ("抽样比例 \(percent)% 无效：应为 1-100", "sampling rate \(percent)% is invalid: use 1-100")
        case .nothingToSample:
            return ("没有已通过市级审核的图斑可供抽样", "no city-approved patches to sample")
        case .determinationsChangedSinceSeed:
            return ("公布种子后判定结果已变化，不能按该种子抽样，请重新公布种子", "the determinations changed after the seed was published: publish a new seed")

        case .problemWithoutNumber:
            return ("督察问题编号不能为空", "a supervision problem needs a number")
        case .problemWithoutMeasures:
            return ("督察问题至少要有一项整改措施", "a supervision problem needs at least one rectification measure")
        case .problemClosed:
            return ("督察问题已销号", "the supervision problem is closed")
        case .cultivatedExceedsArea(let cultivated, let area):
            return ("耕地面积 \(cultivated.muText) 亩大于问题面积 \(area.muText) 亩", "cultivated area \(cultivated.muText) mu exceeds the problem's area \(area.muText) mu")
        }
    }

}
