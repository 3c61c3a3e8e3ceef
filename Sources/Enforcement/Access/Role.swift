/// 角色: what a user of the platform does, and with it what they may do (`permissions`).
public enum Role: String, Sendable, Codable, CaseIterable {
    case administrator = "admin"
    case provinceAuditor = "province-auditor"
    case cityReviewer = "city-reviewer"
    case countyOfficer = "county-officer"
    case fieldVerifier = "field-verifier"
    case caseOfficer = "case-officer"
    case cameraOperator = "camera-operator"

    public var chineseName: String {
        switch self {
        case .administrator: return "管理员"
        case .provinceAuditor: return "省级审核"
        case .cityReviewer: return "市级审核"
        case .countyOfficer: return "县级执法"
        case .fieldVerifier: return "外业核查员"
        case .caseOfficer: return "案件办理"
        case .cameraOperator: return "视频值守"
        }
    }

    /// Accepts the code name (`county-officer`) or the Chinese name (`县级执法`).
    public init?(text: String) {
        guard let role = Role(rawValue: text) ?? Role.allCases.first(where: { $0.chineseName == text }) else { return nil }
        self = role
    }

    /// The levels of jurisdiction this role works at: a county officer belongs to a county, a city
    /// reviewer to a city; roles without a level of their own may sit at any.
    public var jurisdictionLevels: Set<RegionLevel> {
        switch self {
        case .countyOfficer, .fieldVerifier: return [.county]
        case .cityReviewer: return [.city]
        case .provinceAuditor: return [.province]
        case .administrator, .caseOfficer, .cameraOperator: return Set(RegionLevel.allCases)
        }
    }

    public var permissions: Set<Permission> {
        switch self {
        case .administrator: return Set(Permission.allCases)
        case .provinceAuditor: return [.viewPatches, .viewStatistics, .audit, .manageProblems]
        case .cityReviewer: return [.viewPatches, .viewStatistics, .assign, .review]
        case .countyOfficer: return [.viewPatches, .viewStatistics, .verify, .determine, .rectify]
        case .fieldVerifier: return [.viewPatches, .verify]
        case .caseOfficer: return [.viewPatches, .viewStatistics, .manageCases, .rectify]
        case .cameraOperator: return [.viewPatches, .watchCameras]
        }
    }
}

/// What a role may do; every API call names the one it needs.
public enum Permission: String, Sendable, Codable, CaseIterable {
    case viewPatches = "view-patches"
    case viewStatistics = "view-statistics"
    /// 任务下发.
    case assign
    /// 外业核查.
    case verify
    /// 内业判定.
    case determine
    /// 市级审核.
    case review
    /// 省级抽样复核.
    case audit
    /// 立案查处: filing, decisions, payments, accepting rectification, closing.
    case manageCases = "manage-cases"
    /// 整改佐证上报: handing in the evidence of a rectification measure (a case's or a supervision problem's).
    case rectify
    /// 督察问题.
    case manageProblems = "manage-problems"
    /// 视频监控告警.
    case watchCameras = "watch-cameras"
    case manageUsers = "manage-users"

    public var chineseName: String {
        switch self {
        case .viewPatches: return "查看图斑"
        case .viewStatistics: return "查看统计"
        case .assign: return "任务下发"
        case .verify: return "外业核查"
        case .determine: return "内业判定"
        case .review: return "市级审核"
        case .audit: return "省级复核"
        case .manageCases: return "立案查处"
        case .rectify: return "整改佐证上报"
        case .manageProblems: return "督察问题"
        case .watchCameras: return "视频值守"
        case .manageUsers: return "用户管理"
        }
    }
}
