import Enforcement
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("Signing in, sessions, CSRF and tokens")
struct AuthenticationTests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    @Test("Signing in sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token")
    func signInSetsCookie() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ServerFixture.json(["username": "dongling", "password": ServerFixture.password])) { response throws in
                #expect(response.status == .ok)
                let cookie = try #require(response.headers[.setCookie])
                #expect(cookie.hasPrefix("lw_session="))
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                let body = try ServerFixture.object(response)
                #expect((body["csrfToken"] as? String)?.count == 64)
                #expect((body["user"] as? [String: Any])?["jurisdiction"] as? String == "449901")
            }
        }
    }

    @Test("A wrong password and an unknown username get the same 401 and no cookie")
    func wrongPasswordAndUnknownUserAlike() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            for (username, password) in [("dongling", "wrong-password"), ("nobody", ServerFixture.password)] {
                try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ServerFixture.json(["username": username, "password": password])) { response throws in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.setCookie] == nil)
                    #expect(ServerFixture.errorCode(response) == "bad-credentials")
                }
            }
        }
    }

    @Test("After five failed sign-ins the sixth attempt is refused with 429 and Retry-After, even with the right password")
    func throttledAfterFiveFailures() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let started = Date()
            for _ in 0..<5 {
                try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ServerFixture.json(["username": "qinghe", "password": "guess-guess"])) { response throws in
                    #expect(response.status == .unauthorized)
                }
            }
            try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ServerFixture.json(["username": "qinghe", "password": ServerFixture.password])) { response throws in
                #expect(response.status == .tooManyRequests)
                // The 15-minute window counts from the first failure; bcrypt on a loaded machine can take
                // minutes over the five attempts, so the bound is what the window leaves.
                let elapsed = Int(Date().timeIntervalSince(started).rounded(.up))
                let retryAfter = Int(response.headers[.retryAfter] ?? "") ?? 0
                #expect(retryAfter >= 900 - elapsed && retryAfter <= 900)
            }
        }
    }

    @Test("Every API route but sign-in, sign-out and the OpenAPI document answers 401 without credentials")
    func everyRouteNeedsCredentials() async throws {
        let router = LandWatchServer.router(workspace: workspace, settings: ServerFixture.settings)
        let open: Set<String> = ["POST /api/session", "DELETE /api/session", "GET /api/openapi.json", "GET /healthz"]
        let routes = router.routes.filter { !open.contains("\($0.method) \($0.path)") }.map { route in
            (method: route.method, uri: "/" + route.path.description.split(separator: "/").map { $0.hasPrefix("{") ? "x" : String($0) }.joined(separator: "/"))
        }
        #expect(routes.count >= 12)
        try await Application(router: router).test(.router) { client in
            for route in routes {
                try await client.execute(uri: route.uri, method: route.method, headers: [.contentType: "application/json"],
                                         body: ServerFixture.json([:])) { response throws in
                    #expect(response.status == .unauthorized, "\(route.method) \(route.uri)")
                }
            }
        }
    }

    @Test("A browser change without the CSRF token is refused with 403 and writes nothing")
    func changeWithoutCSRFRefused() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            let forged = BrowserSession(cookie: session.cookie, csrf: "")
            try await client.call("/api/patches/\(ServerFixture.batch)/A1/verifications", .post, as: forged,
                                  body: ["version": 1, "notes": "forged"]) { response throws in
                #expect(response.status == .forbidden)
                #expect(ServerFixture.errorCode(response) == "csrf")
            }
        }
        #expect(try workspace.store.patchWorkflow(PatchKeyOf.a1)?.version == 1)
    }

    @Test("An API token signs a script in without a cookie or CSRF token")
    func tokenAuthenticatesScripts() async throws {
        let token = try workspace.issueToken(for: "dongling", name: "test")
        try await ServerFixture.application(workspace).test(.router) { client in
            try await client.execute(uri: "/api/patches", method: .get, headers: [.authorization: "Bearer \(token.value)"]) { response throws in
                #expect(response.status == .ok)
                #expect(try ServerFixture.object(response)["total"] as? Int == 3)
            }
            try await client.execute(uri: "/api/patches", method: .get, headers: [.authorization: "Bearer not-a-token"]) { response throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("A signed-in browser reads back its CSRF token and its session's expiry")
    func sessionReadBack() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("city")
            try await client.call("/api/session", as: session) { response throws in
                let body = try ServerFixture.object(response)
                #expect(body["csrfToken"] as? String == session.csrf)
                #expect(body["expiresAt"] is String)
            }
        }
    }

    @Test("Disabling a user ends its session at once")
    func disabledUserLosesSession() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("camera")
            try await client.call("/api/session", as: session) { #expect($0.status == .ok) }
            try workspace.disableUser("camera", signature: Signature(person: "admin"))
            try await client.call("/api/session", as: session) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("Signing out ends the session and clears the cookie")
    func signOutEndsSession() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("city")
            try await client.call("/api/session", .delete, as: session) { response throws in
                #expect(response.status == .noContent)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await client.call("/api/patches", as: session) { #expect($0.status == .unauthorized) }
        }
    }

    @Test("Every response carries a request id")
    func responsesCarryRequestID() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            try await client.execute(uri: "/api/patches", method: .get) { response throws in
                #expect((response.headers[HTTPField.Name("X-Request-Id")!] ?? "").count >= 16)
            }
        }
    }
}

enum PatchKeyOf {
    static let a1 = PatchKey(batch: ServerFixture.batch, code: "A1")
}
