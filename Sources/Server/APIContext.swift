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

    public var requestDecoder: BodyDecoder { BodyDecoder() }

    /// The caller, when signed in; 401 otherwise. For routes whose permission depends on the body.
    @discardableResult
    public func signedIn() throws -> UserAccount {
        guard let account else { throw APIError.unauthenticated }
        return account
    }

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

/// Decodes JSON bodies. Times are ISO 8601 with or without fractional seconds: browsers write
/// `toISOString()` with milliseconds, scripts often without.
public struct BodyDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = Self.time(text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "时间应为 ISO 8601，如 2024-04-05T10:00:00+08:00 / not an ISO 8601 time: \(text)"))
        }
        return try await decoder.decode(type, from: request, context: context)
    }

    /// An ISO 8601 time with or without fractional seconds (in a body or a query); nil otherwise.
    static func time(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
