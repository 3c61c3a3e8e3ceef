import Foundation

/// 用户: a person who signs in, with one role and one jurisdiction (行政区划). A county user sees and
/// changes only its county; a city user its counties; a province user the province.
public struct UserAccount: Sendable, Equatable, Codable {
    public let username: String
    public let displayName: String
    public let role: Role
    public let jurisdiction: RegionCode
    public let disabled: Bool
    public let createdAt: Date

    public init(username: String, displayName: String, role: Role, jurisdiction: RegionCode,
                disabled: Bool = false, createdAt: Date) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.jurisdiction = jurisdiction
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// Checks what an administrator enters for a new user: a login name of 3-32 letters, digits, `.`,
    /// `_` or `-`, and a jurisdiction at a level the role works at.
    public static func validated(username: String, displayName: String, role: Role, jurisdiction: RegionCode,
                                 createdAt: Date) throws(EnforcementError) -> UserAccount {
        let allowed = (3...32).contains(username.count)
            && username.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard allowed else { throw .invalidUsername(username) }
        if let level = jurisdiction.level, !role.jurisdictionLevels.contains(level) {
            throw .jurisdictionDoesNotFitRole(role: role, jurisdiction: jurisdiction)
        }
        let name = displayName.trimmingCharacters(in: .whitespaces)
        return UserAccount(username: username, displayName: name.isEmpty ? username : name, role: role,
                           jurisdiction: jurisdiction, createdAt: createdAt)
    }

    public func may(_ permission: Permission) -> Bool { !disabled && role.permissions.contains(permission) }

    /// True when the region (a patch's county, a case's region) lies inside this user's jurisdiction.
    public func covers(_ region: RegionCode?) -> Bool {
        guard let region else { return jurisdiction.level == .province || role == .administrator }
        return region.isWithin(jurisdiction)
    }

    public func with(disabled: Bool) -> UserAccount {
        UserAccount(username: username, displayName: displayName, role: role, jurisdiction: jurisdiction,
                    disabled: disabled, createdAt: createdAt)
    }
}
