import Enforcement
import Foundation
import Store
import Testing
import TestSupport
import Workspace

@Suite("Users, passwords, sessions and tokens in a workspace")
struct AccountsTests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let policy = PasswordPolicy(cost: 4)
    let admin = Signature(person: "admin")

    init() throws {
        workspace = try Workspace.create(at: directory.url)
        try workspace.addUser(NewUser(username: "lihua", displayName: "李华", role: .countyOfficer, jurisdiction: try RegionCode("440103"),
                                      password: "secret-pass-1"), policy: policy, signature: admin)
    }

    @Test("The password is stored as a bcrypt hash and checked against it")
    func passwordHashed() throws {
        let (_, hash) = try #require(try workspace.store.user("lihua"))
        #expect(hash.hasPrefix("$2b$04$") && !hash.contains("secret-pass-1"))
        #expect(try workspace.authenticate(username: "lihua", password: "secret-pass-1")?.role == .countyOfficer)
        #expect(try workspace.authenticate(username: "lihua", password: "secret-pass-2") == nil)
        #expect(try workspace.authenticate(username: "nobody", password: "secret-pass-1") == nil)
    }

    @Test("Short passwords and the username as password are refused, and nothing is stored")
    func weakPasswordsRefused() throws {
        let short = NewUser(username: "wang", displayName: "", role: .fieldVerifier, jurisdiction: try RegionCode("440103"), password: "short")
        #expect(throws: WorkspaceError.weakPassword(minimumLength: 8)) { try workspace.addUser(short, policy: policy, signature: admin) }
        var same = short
        same.password = "WANGWANGwang"
        same.username = "wangwangwang"
        #expect(throws: WorkspaceError.passwordIsUsername) { try workspace.addUser(same, policy: policy, signature: admin) }
        #expect(try workspace.users().map(\.username) == ["lihua"])
    }

    @Test("A disabled user cannot sign in, loses its sessions and tokens, and can be enabled again")
    func disableAndEnable() throws {
        let account = try #require(try workspace.authenticate(username: "lihua", password: "secret-pass-1"))
        let session = try workspace.openSession(for: account)
        let token = try workspace.issueToken(for: "lihua", name: "script")
        try workspace.disableUser("lihua", signature: admin)
        #expect(try workspace.authenticate(username: "lihua", password: "secret-pass-1") == nil)
        #expect(try workspace.session(cookie: session.cookie.value) == nil)
        #expect(try workspace.tokenUser(token.value) == nil)
        #expect(throws: WorkspaceError.userDisabled("lihua")) { try workspace.issueToken(for: "lihua", name: "again") }
        try workspace.enableUser("lihua", signature: admin)
        #expect(try workspace.authenticate(username: "lihua", password: "secret-pass-1") != nil)
        #expect(try workspace.tokenUser(token.value) == nil)
    }

    @Test("Nobody disables their own account")
    func noSelfDisable() throws {
        #expect(throws: WorkspaceError.cannotDisableSelf("lihua")) { try workspace.disableUser("lihua", signature: Signature(person: "lihua")) }
    }

    @Test("A new password ends the browser sessions; sessions expire after their lifetime")
    func passwordChangeAndExpiry() throws {
        let account = try #require(try workspace.authenticate(username: "lihua", password: "secret-pass-1"))
        let now = Date()
        let session = try workspace.openSession(for: account, at: now)
        #expect(try workspace.session(cookie: session.cookie.value, at: now.addingTimeInterval(60))?.account.username == "lihua")
        #expect(try workspace.session(cookie: session.cookie.value, at: now.addingTimeInterval(Workspace.sessionLifetime + 1)) == nil)
        try workspace.setPassword("lihua", to: "another-pass-2", policy: policy, signature: admin)
        #expect(try workspace.session(cookie: session.cookie.value, at: now.addingTimeInterval(60)) == nil)
        #expect(try workspace.authenticate(username: "lihua", password: "another-pass-2") != nil)
    }

    @Test("Account changes are audit events that never carry a password or its hash")
    func auditEventsCarryNoSecrets() throws {
        try workspace.setPassword("lihua", to: "another-pass-2", policy: policy, signature: admin)
        try workspace.disableUser("lihua", signature: admin)
        let events = try workspace.store.auditEvents(subject: "用户 lihua")
        #expect(events.map(\.action) == ["user.add", "user.password", "user.disable"])
        #expect(events.allSatisfy { !($0.after ?? "").contains("pass") && !($0.after ?? "").contains("$2b$") })
        #expect(try workspace.verifyAuditLog().verifiedEvents == 3)
    }

    @Test("Only the hash of a session cookie or token is stored")
    func secretsStoredHashed() throws {
        let account = try #require(try workspace.authenticate(username: "lihua", password: "secret-pass-1"))
        let session = try workspace.openSession(for: account)
        let token = try workspace.issueToken(for: "lihua", name: "script")
        let database = try String(decoding: Data(contentsOf: directory.url.appendingPathComponent(Workspace.databaseName)), as: UTF8.self)
        let wal = (try? Data(contentsOf: directory.url.appendingPathComponent(Workspace.databaseName + "-wal"))).map { String(decoding: $0, as: UTF8.self) } ?? ""
        for secret in [session.cookie.value, token.value] {
            #expect(!database.contains(secret) && !wal.contains(secret))
        }
        #expect(try workspace.tokenUser(token.value)?.username == "lihua")
    }
}
