import Enforcement
import Foundation
import Hummingbird
import Store

/// The request context of every route: who is calling (resolved by `AuthenticationMiddleware`) and how.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user; nil for anonymous calls.
    public var account: UserAccount?
    /// How the caller signed in: a browser session must echo its CSRF token on every change.
    public var credential: Credential?
    /// The caller's address, for login throttling.
    public let remoteAddress: String

    public enum Credential: Sendable {
        case session(StoredSession)
        case token
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies are forms, never files: photos go to the upload route with its own limit.
    public var maxUploadSize: Int { 1024 * 1024 }

    /// The caller, when signed in and allowed `permission`; 401 or 403 otherwise.
    public func require(_ permission: Permission) throws -> UserAccount {
        guard let account else { throw APIError.unauthenticated }
        guard account.may(permission) else { throw APIError.forbidden(permission) }
        return account
    }

    /// As `require(_:)`, and the region must lie inside the caller's jurisdiction (403 otherwise).
    public func require(_ permission: Permission, over region: RegionCode?) throws -> UserAccount {
        let account = try require(permission)
        guard account.covers(region) else { throw APIError.outsideJurisdiction }
        return account
    }
}
