import Enforcement
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Store
import Workspace

/// Finds the caller: a `Bearer` API token (scripts) or the session cookie (browsers). A browser's
/// state-changing request must carry its session's CSRF token in `X-CSRF-Token`, or it is refused
/// with 403 before any route runs. Anonymous requests pass through; routes decide what they need.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = APIContext
    static let cookieName = "lw_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let workspace: Workspace

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        // A credential the store confirmed moments ago is taken without a trip to the thread pool:
        // under load that trip cost as much as the route's own read.
        if let bearer = request.headers.bearer {
            guard let account = try await recentlyConfirmedOrStoredUser(token: bearer.token) else { throw APIError.unauthenticated }
            context.account = account
            context.credential = .token
        } else if let cookie = request.cookies[Self.cookieName]?.value,
                  let (account, session) = try await recentlyConfirmedOrStoredSession(cookie) {
            let safe = [.get, .head, .options].contains(request.method)
            if !safe, request.headers[Self.csrfHeader] != session.csrfToken {
                throw APIError(.forbidden, code: "csrf", message: "页面已过期，请刷新后重试（缺少 CSRF 令牌）/ Missing or wrong CSRF token; reload the page")
            }
            context.account = account
            context.credential = .session(session)
        }
        if let account = context.account {
            context.logger[metadataKey: "user"] = .string(account.username)
        }
        return try await next(request, context)
    }

    private func recentlyConfirmedOrStoredUser(token: String) async throws -> UserAccount? {
        if let recent = workspace.recentlyConfirmedTokenUser(token) { return recent }
        return try await offload { try workspace.tokenUser(token) }
    }

    private func recentlyConfirmedOrStoredSession(_ cookie: String) async throws -> (account: UserAccount, session: StoredSession)? {
        if let recent = workspace.recentlyConfirmedSession(cookie: cookie) { return recent }
        return try await offload { try workspace.session(cookie: cookie) }
    }
}
