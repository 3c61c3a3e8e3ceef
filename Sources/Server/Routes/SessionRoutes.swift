import Enforcement
import Foundation
import Hummingbird
import Workspace

/// 登录 / 退出: `POST /api/session` signs in with username and password and sets an HttpOnly,
/// SameSite=Strict session cookie; the response carries the CSRF token the page sends back on every change.
struct SessionRoutes {
    let workspace: Workspace
    let throttle: LoginThrottle
    let secureCookies: Bool

    struct Login: Decodable {
        let username: String
        let password: String
    }

    struct SessionPayload: Encodable {
        let user: UserPayload
        let csrfToken: String?
        let expiresAt: Date?
    }

    func register(on router: Router<APIContext>) {
        router.post("/api/session", use: login)
        router.get("/api/session") { _, context -> Response in
            guard let account = context.account else { throw APIError.unauthenticated }
            guard case .session(let session) = context.credential else {
                return try JSONResponse.make(SessionPayload(user: UserPayload(account), csrfToken: nil, expiresAt: nil))
            }
            return try JSONResponse.make(SessionPayload(user: UserPayload(account), csrfToken: session.csrfToken, expiresAt: session.expiresAt))
        }
        router.delete("/api/session") { request, context -> Response in
            if let cookie = request.cookies[AuthenticationMiddleware.cookieName]?.value {
                let workspace = self.workspace
                try await offload { try workspace.closeSession(cookie: cookie) }
            }
            var response = Response(status: .noContent)
            response.setCookie(sessionCookie(value: "", maxAge: 0))
            return response
        }
    }

    @Sendable func login(_ request: Request, context: APIContext) async throws -> Response {
        let form = try await request.decode(as: Login.self, context: context)
        if let wait = throttle.retryAfter(username: form.username, address: context.remoteAddress) {
            var error = APIError(.tooManyRequests, code: "throttled",
                                 message: "登录失败次数过多，请 \((wait + 59) / 60) 分钟后再试 / Too many failed sign-ins; try again in \((wait + 59) / 60) min")
            error.headers[.retryAfter] = String(wait)
            throw error
        }
        let workspace = self.workspace
        guard let account = try await offload({ try workspace.authenticate(username: form.username, password: form.password) }) else {
            throttle.recordFailure(username: form.username, address: context.remoteAddress)
            context.logger.notice("sign-in refused", metadata: ["username": .string(form.username)])
            throw APIError(.unauthorized, code: "bad-credentials", message: "用户名或密码错误 / Wrong username or password")
        }
        throttle.recordSuccess(username: form.username, address: context.remoteAddress)
        let session = try await offload { try workspace.openSession(for: account) }
        var response = try JSONResponse.make(SessionPayload(user: UserPayload(account), csrfToken: session.csrfToken,
                                                            expiresAt: session.expiresAt))
        response.setCookie(sessionCookie(value: session.cookie.value, maxAge: Int(Workspace.sessionLifetime)))
        return response
    }

    private func sessionCookie(value: String, maxAge: Int) -> Cookie {
        Cookie(name: AuthenticationMiddleware.cookieName, value: value, maxAge: maxAge, path: "/", secure: secureCookies,
               httpOnly: true, sameSite: .strict)
    }
}
