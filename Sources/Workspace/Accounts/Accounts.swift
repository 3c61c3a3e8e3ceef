import Enforcement
import Foundation
import HummingbirdBcrypt
import Store

/// A new user as an administrator enters it.
public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var role: Role
    public var jurisdiction: RegionCode
    public var password: String

    public init(username: String, displayName: String, role: Role, jurisdiction: RegionCode, password: String) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.jurisdiction = jurisdiction
        self.password = password
    }
}

/// How passwords are hashed: bcrypt (HummingbirdBcrypt, OpenBSD's bcrypt.c) at `cost` (log2 rounds).
/// 12 takes ~0.25 s per hash on one core here: slow for a guesser, unnoticeable at login.
public struct PasswordPolicy: Sendable {
    public let cost: UInt8
    public static let minimumLength = 8

    public init(cost: UInt8 = 12) { self.cost = cost }

    func check(_ password: String, username: String) throws {
        guard password.count >= Self.minimumLength else { throw WorkspaceError.weakPassword(minimumLength: Self.minimumLength) }
        guard password.lowercased() != username.lowercased() else { throw WorkspaceError.passwordIsUsername }
    }

    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
}

/// A bcrypt hash of nothing anyone knows, checked when a username does not exist so that an unknown
/// name takes as long to refuse as a wrong password.
private let decoyHash = Bcrypt.hash(UUID().uuidString, cost: 12)

extension Workspace {
    /// 用户管理: adds a user with a bcrypt-hashed password; the audit log records who added whom (never the password).
    @discardableResult
    public func addUser(_ new: NewUser, policy: PasswordPolicy = PasswordPolicy(), signature: Signature) throws -> UserAccount {
        let account = try UserAccount.validated(username: new.username, displayName: new.displayName, role: new.role,
                                                jurisdiction: new.jurisdiction, createdAt: signature.at)
        try policy.check(new.password, username: new.username)
        try store.addUser(account, passwordHash: policy.hash(new.password),
                          event: try accountEvent("user.add", account, signature: signature))
        return account
    }

    public func users() throws -> [UserAccount] { try store.users() }

    /// Disables a user and ends its sessions and tokens at once. Nobody disables themselves: the last
    /// administrator would lock everyone out.
    public func disableUser(_ username: String, signature: Signature) throws {
        guard username != signature.person else { throw WorkspaceError.cannotDisableSelf(username) }
        guard let (account, _) = try store.user(username) else { throw StoreError.notFound(subject: "用户 \(username)") }
        try store.setDisabled(true, username: username, event: try accountEvent("user.disable", account.with(disabled: true), signature: signature))
        credentials.forgetAll()
    }

    /// Enables a disabled user again (it signs in anew; its old sessions and tokens stay ended).
    public func enableUser(_ username: String, signature: Signature) throws {
        guard let (account, _) = try store.user(username) else { throw StoreError.notFound(subject: "用户 \(username)") }
        try store.setDisabled(false, username: username, event: try accountEvent("user.enable", account.with(disabled: false), signature: signature))
    }

    /// Sets a new password and ends the user's browser sessions.
    public func setPassword(_ username: String, to password: String, policy: PasswordPolicy = PasswordPolicy(),
                            signature: Signature) throws {
        guard let (account, _) = try store.user(username) else { throw StoreError.notFound(subject: "用户 \(username)") }
        try policy.check(password, username: username)
        try store.setPassword(username, passwordHash: policy.hash(password),
                              event: try accountEvent("user.password", account, signature: signature))
        credentials.forgetAll()
    }

    /// The account when the password is right and the user is enabled; nil otherwise, after the same bcrypt work.
    public func authenticate(username: String, password: String) throws -> UserAccount? {
        guard let (account, hash) = try store.user(username) else {
            _ = Bcrypt.verify(password, hash: decoyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: hash), !account.disabled else { return nil }
        return account
    }

    private func accountEvent(_ action: String, _ account: UserAccount, signature: Signature) throws -> AuditEventDraft {
        AuditEventDraft(at: signature.at, actor: signature.person, action: action, subject: "用户 \(account.username)",
                        before: nil, after: try WorkflowJSON.encode(account))
    }
}
