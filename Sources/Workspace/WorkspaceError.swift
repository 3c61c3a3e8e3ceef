import Enforcement

/// The one error type of `Workspace`: problems with the workspace itself or with what an import
/// asks for. Errors from files (`GeoIOError`), geometry (`GeoError`) and the database (`StoreError`)
/// pass through unchanged.
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAWorkspace(path: String)
    case cannotCreate(path: String, reason: String)
    case duplicatePatchCode(path: String, code: String, feature: Int64)
    case missingPatchCode(path: String, feature: Int64, field: String)
    case invalidRegionValue(path: String, feature: Int64, field: String, value: String)
    case noBatch(String)
    /// Pre-judgement rules name layer kinds the workspace has no layer of.
    case rulesNeedLayers([LayerKind])
    /// Pre-judgement needs overlay results that are missing or stale.
    case overlayIncomplete(batch: String, missingPairs: Int)
    case photoTooLarge(path: String, bytes: Int, limit: Int)
    case cannotStorePhoto(path: String, reason: String)
    /// The patches of one case belong to different counties (or to none).
    case caseSpansCounties([RegionCode])
    /// Some assigned patches still await verification, determination or review.
    case sampleNotReady(batch: String, pending: Int)
    case noAuditSeed(batch: String)
    case alreadyDrawn(batch: String)
    case weakPassword(minimumLength: Int)
    case passwordIsUsername
    case cannotDisableSelf(String)
    case userDisabled(String)
    /// No determined patch of the batch lies wholly inside both a before and an after image.
    case noSamples(batch: String, determined: Int)
    /// Training from determined patches needs at least one determined as a change, under imagery.
    case noChangeToLearn(batches: String, noChange: Int, withoutImagery: Int)
    /// The sample library goes into a new folder, never over an existing one.
    case outputExists(path: String)
    case noCamera(String)
    case noPreset(camera: String, number: Int)
    case noAlarm(String)
    /// The alarm's incident was already confirmed or dismissed.
    case alarmDecided(code: String, status: AlarmStatus)
    case dismissalNeedsReason
    /// Only a dismissed incident's place is masked.
    case maskNeedsDismissal
    /// Only a confirmed incident becomes a patch.
    case alarmNotConfirmed(code: String, status: AlarmStatus)
    /// No alarm of the incident has a ground polygon: its preset has no control points.
    case alarmWithoutGround(String)
    /// A frame older than the preset's latest ingested one: passes are compared in time order.
    case frameOutOfOrder(path: String, latest: String)
    /// A frame whose capture time is neither in its name nor given.
    case frameTimeUnknown(path: String)
    case invalidControlPoints(path: String, line: Int, reason: String)
    case invalidMask(path: String, reason: String)
    case ffmpegMissing
    /// ffmpeg could not grab a frame; `source` is the URL without password, `message` ffmpeg's own.
    case grabFailed(source: String, message: String)
    case grabTimedOut(source: String, seconds: Int)

    public var description: String {
        switch self {
        case .notAWorkspace(let path):
            return "\(path) 不是 LandWatch 工作空间，请先运行 landwatch init \(path) / \(path) is not a LandWatch workspace; run landwatch init \(path) first"
        case let .cannotCreate(path, reason):
            return "无法创建工作空间 \(path)：\(reason) / Cannot create workspace \(path): \(reason)"
        case let .duplicatePatchCode(path, code, feature):
            return "文件 \(path) 中图斑编号「\(code)」重复（第 \(feature) 个要素） / Patch code \(code) appears twice in \(path) (feature \(feature))"
        case let .missingPatchCode(path, feature, field):
            return "文件 \(path) 第 \(feature) 个要素的图斑编号字段 \(field) 为空 / Feature \(feature) of \(path) has an empty patch code field \(field)"
        case let .invalidRegionValue(path, feature, field, value):
            return "文件 \(path) 第 \(feature) 个要素的字段 \(field) 值「\(value)」不是有效的行政区划代码 / Feature \(feature) of \(path): \(field) value \(value) is not a valid region code"
        case .noBatch(let code):
            return "批次「\(code)」不存在，请先导入图斑 / No batch \(code); import its patches first"
        case .rulesNeedLayers(let kinds):
            let chinese = kinds.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、")
            return "预判规则用到的图层尚未导入：\(chinese)。请导入这些图层，或修改规则文件（landwatch prejudge --print-default-rules > rules.yaml）"
                + " / The rules use layer kinds the workspace has no layer of: \(kinds.map(\.rawValue).joined(separator: ", ")); import them or edit the rules"
        case let .overlayIncomplete(batch, missing):
            return "批次 \(batch) 有 \(missing) 项叠加分析结果缺失或已过期，请先运行 landwatch overlay --batch \(batch)"
                + " / Batch \(batch) lacks \(missing) current overlay results; run landwatch overlay --batch \(batch) first"
        case let .photoTooLarge(path, bytes, limit):
            return "照片 \(path) 有 \(bytes / 1_048_576) MB，超过 \(limit / 1_048_576) MB 上限 / Photo \(path) is \(bytes / 1_048_576) MB, over the \(limit / 1_048_576) MB limit"
        case let .cannotStorePhoto(path, reason):
            return "无法保存照片 \(path)：\(reason) / Cannot store photo \(path): \(reason)"
        case .caseSpansCounties(let counties):
            if counties.isEmpty {
                return "案件中的图斑没有所属县区 / The case's patches belong to no county"
            }
            let list = counties.map(\.rawValue).joined(separator: ", ")
            return "一个案件只能包含同一县区的图斑，现涉及：\(list) / One case covers patches of one county; these span \(list)"
        case let .sampleNotReady(batch, pending):
            return "批次 \(batch) 还有 \(pending) 个图斑未完成核查、判定或市级审核，不能抽样（或用 --allow-pending 将其排除在本次抽样之外）/ Batch \(batch) has \(pending) patches still awaiting verification, determination or city review: cannot sample yet (or publish with --allow-pending to leave them out)"
        case .noAuditSeed(let batch):
            return "批次 \(batch) 尚未公布抽样种子，请先运行 landwatch audit seed --batch \(batch) --announced … / Batch \(batch) has no published seed; run landwatch audit seed first"
        case .alreadyDrawn(let batch):
            return "批次 \(batch) 已经抽样，不能重新公布种子或再次抽样 / Batch \(batch) has already been drawn"
        case .weakPassword(let length):
            return "密码至少 \(length) 位 / The password needs at least \(length) characters"
        case .passwordIsUsername:
            return "密码不能与用户名相同 / The password cannot be the username"
        case .cannotDisableSelf(let name):
            return "不能停用自己的账号 \(name)，请由另一位管理员操作 / You cannot disable your own account \(name); ask another administrator"
        case .userDisabled(let name):
            return "用户 \(name) 已停用 / User \(name) is disabled"
        case let .noSamples(batch, determined):
            return "批次 \(batch) 的 \(determined) 个已判定图斑都没有同时落在已登记的前、后时相影像内，无法导出样本（先用 landwatch imagery add 登记影像）/ None of the \(determined) determined patches of batch \(batch) lies inside both a registered before and after image; register imagery with landwatch imagery add"
        case let .noChangeToLearn(batches, noChange, withoutImagery):
            return "批次 \(batches) 中没有落在已登记前、后时相影像内且判定为有变化的图斑（\(noChange) 个判为无变化，\(withoutImagery) 个不在影像内），无法训练 / No patch of \(batches) is both determined as a change and inside a registered before and after image (\(noChange) determined as no change, \(withoutImagery) outside the imagery); nothing to learn change from"
        case .noCamera(let id):
            return "摄像机 \(id) 不存在，请先运行 landwatch cameras add / No camera \(id); add it with landwatch cameras add"
        case let .noPreset(camera, number):
            return "摄像机 \(camera) 没有预置位 \(number)，请先运行 landwatch cameras preset / Camera \(camera) has no preset \(number); define it with landwatch cameras preset"
        case .noAlarm(let code):
            return "告警 \(code) 不存在 / No alarm \(code)"
        case let .alarmDecided(code, status):
            return "告警 \(code) 所在事件已\(status.chineseName.dropFirst())，不能再次处理 / The incident of alarm \(code) is already \(status.rawValue)"
        case .dismissalNeedsReason:
            let reasons = DismissalReason.allCases.map { "\($0.chineseName)（\($0.rawValue)）" }.joined(separator: "、")
            return "排除告警须说明原因：\(reasons) / Dismissing an alarm needs a reason: \(DismissalReason.allCases.map(\.rawValue).joined(separator: ", "))"
        case .maskNeedsDismissal:
            return "只有排除（误报）的告警才能屏蔽其区域 / Only a dismissed alarm's place can be masked"
        case let .alarmNotConfirmed(code, status):
            return "告警 \(code) 所在事件\(status.chineseName)，确认后才能转为图斑 / The incident of alarm \(code) is \(status.rawValue); only a confirmed one becomes a patch"
        case .alarmWithoutGround(let code):
            return "告警 \(code) 没有地面范围：其预置位尚未标定控制点（landwatch cameras preset --control-points）/ Alarm \(code) has no ground polygon: its preset has no control points (landwatch cameras preset --control-points)"
        case let .frameOutOfOrder(path, latest):
            return "画面 \(path) 早于该预置位已接入的最新画面（\(latest)），巡检画面须按时间顺序接入 / Frame \(path) is older than the preset's latest ingested frame (\(latest)); passes are ingested in time order"
        case .frameTimeUnknown(let path):
            return "画面 \(path) 的文件名不是拍摄时间（应如 20240403_101500.jpg），请用 --at 指定 / The name of frame \(path) is not its capture time (e.g. 20240403_101500.jpg); give it with --at"
        case let .invalidControlPoints(path, line, reason):
            return "控制点文件 \(path) 第 \(line) 行：\(reason) / Control points \(path), line \(line): \(reason)"
        case let .invalidMask(path, reason):
            return "遮罩文件 \(path) 无效：\(reason) / Invalid mask \(path): \(reason)"
        case .ffmpegMissing:
            return "未找到 ffmpeg，请运行 scripts/setup.sh 安装 / ffmpeg not found; install it with scripts/setup.sh"
        case let .grabFailed(source, message):
            return "从 \(source) 抓取画面失败：\(message) / grabbing a frame from \(source) failed: \(message)"
        case let .grabTimedOut(source, seconds):
            return "从 \(source) 抓取画面超时（\(seconds) 秒）/ no frame from \(source) within \(seconds) s"
        case .outputExists(let path):
            return "输出目录 \(path) 已存在且不为空，请换一个新目录 / The output folder \(path) exists and is not empty; choose a new one"
        }
    }
}
