import Enforcement
import Foundation
import Store
import Testing
import TestSupport
import Workspace

@Suite("Tokens and sessions confirmed moments ago")
struct CredentialCacheTests {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let admin = Signature(person: "admin")
    let start = Date()

    init() throws {
        workspace = try Workspace.create(at: directory.url)
        try workspace.addUser(NewUser(username: "lihua", displayName: "李华", role: .countyOfficer, jurisdiction: try RegionCode("440103"),
                                      password: "secret-pass-1"), policy: PasswordPolicy(cost: 4), signature: admin)
    }

    @Test("A token counts as recently confirmed only after the store confirmed it, and only for its freshness")
    func tokenRecentOnlyAfterStoreConfirmed() throws {
        let token = try workspace.issueToken(for: "lihua", name: "script")
        #expect(workspace.recentlyConfirmedTokenUser(token.value, at: start) == nil)
        #expect(try workspace.tokenUser(token.value, at: start)?.username == "lihua")
        #expect(workspace.recentlyConfirmedTokenUser(token.value, at: start.addingTimeInterval(1))?.username == "lihua")
        #expect(workspace.recentlyConfirmedTokenUser(token.value, at: start.addingTimeInterval(Workspace.credentialFreshness)) == nil)
        #expect(workspace.recentlyConfirmedTokenUser("not-a-token", at: start) == nil)
    }

    @Test("A token disabled by another process stops working within the freshness")
    func otherProcessDisableShowsWithinFreshness() throws {
        let token = try workspace.issueToken(for: "lihua", name: "script")
        #expect(try workspace.tokenUser(token.value, at: start)?.username == "lihua")
        try Workspace.open(at: directory.url).disableUser("lihua", signature: admin)
        #expect(try workspace.tokenUser(token.value, at: start.addingTimeInterval(1))?.username == "lihua")
        #expect(try workspace.tokenUser(token.value, at: start.addingTimeInterval(Workspace.credentialFreshness + 0.5)) == nil)
    }

    @Test("A user disabled through this workspace loses its confirmed token at once")
    func ownDisableForgetsAtOnce() throws {
        let token = try workspace.issueToken(for: "lihua", name: "script")
        #expect(try workspace.tokenUser(token.value, at: start)?.username == "lihua")
        try workspace.disableUser("lihua", signature: admin)
        #expect(workspace.recentlyConfirmedTokenUser(token.value, at: start) == nil)
        #expect(try workspace.tokenUser(token.value, at: start) == nil)
    }

    @Test("A closed session is refused at once although it was confirmed moments ago")
    func closedSessionRefusedAtOnce() throws {
        let account = try #require(try workspace.authenticate(username: "lihua", password: "secret-pass-1"))
        let session = try workspace.openSession(for: account, at: start)
        #expect(try workspace.session(cookie: session.cookie.value, at: start)?.account.username == "lihua")
        #expect(workspace.recentlyConfirmedSession(cookie: session.cookie.value, at: start)?.session.csrfToken == session.csrfToken)
        try workspace.closeSession(cookie: session.cookie.value)
        #expect(workspace.recentlyConfirmedSession(cookie: session.cookie.value, at: start) == nil)
        #expect(try workspace.session(cookie: session.cookie.value, at: start) == nil)
    }

    @Test("A session confirmed just before it expires is not trusted past its expiry")
    func confirmedSessionStillExpires() throws {
        let account = try #require(try workspace.authenticate(username: "lihua", password: "secret-pass-1"))
        let session = try workspace.openSession(for: account, at: start)
        let justBefore = session.expiresAt.addingTimeInterval(-0.5)
        #expect(try workspace.session(cookie: session.cookie.value, at: justBefore) != nil)
        #expect(workspace.recentlyConfirmedSession(cookie: session.cookie.value, at: session.expiresAt.addingTimeInterval(0.1)) == nil)
        #expect(try workspace.session(cookie: session.cookie.value, at: session.expiresAt.addingTimeInterval(0.1)) == nil)
    }

    @Test("A cookie value is never taken for a token, nor a token for a cookie")
    func cookieAndTokenKeptApart() throws {
        let account = try #require(try workspace.authenticate(username: "lihua", password: "secret-pass-1"))
        let session = try workspace.openSession(for: account, at: start)
        let token = try workspace.issueToken(for: "lihua", name: "script")
        _ = try workspace.session(cookie: session.cookie.value, at: start)
        _ = try workspace.tokenUser(token.value, at: start)
        #expect(workspace.recentlyConfirmedTokenUser(session.cookie.value, at: start) == nil)
        #expect(workspace.recentlyConfirmedSession(cookie: token.value, at: start) == nil)
    }
}
