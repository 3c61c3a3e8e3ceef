import Camera
import Enforcement
import Foundation
import GeoIO
import Hummingbird
import Store
import Workspace

/// The one error a route throws: an HTTP status, a stable code for scripts and a message for people
/// (中文 / English). Errors of the libraries are mapped here, once.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    /// Extra headers, e.g. Retry-After on 429.
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static let unauthenticated = APIError(.unauthorized, code: "unauthenticated",
                                                 message: "请先登录 / Please sign in")
    public static func forbidden(_ permission: Permission) -> APIError {
        APIError(.forbidden, code: "forbidden",
                 message: "您的角色无权「\(permission.chineseName)」 / Your role may not \(permission.rawValue)")
    }
    public static let outsideJurisdiction = APIError(.forbidden, code: "outside-jurisdiction",
                                                     message: "该记录不在您的辖区内 / This record is outside your jurisdiction")
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "bad-request", message: message) }
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not-found", message: "\(what) 不存在 / \(what) does not exist")
    }

    /// The API error for anything a route or a library threw.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as StoreError:
            switch error {
            case .conflict: return APIError(.conflict, code: "conflict", message: error.description)
            case .notFound, .noSuchLayer: return APIError(.notFound, code: "not-found", message: error.description)
            case .duplicate: return APIError(.conflict, code: "duplicate", message: error.description)
            case .passOutOfTurn: return APIError(.conflict, code: "conflict", message: error.description)
            default: return APIError(.internalServerError, code: "store", message: error.description)
            }
        case let error as EnforcementError:
            return APIError(.unprocessableContent, code: "rejected", message: error.description)
        case let error as WorkspaceError:
            switch error {
            case .photoTooLarge: return APIError(.contentTooLarge, code: "too-large", message: error.description)
            case .alarmDecided, .alarmNotConfirmed, .frameOutOfOrder: return APIError(.conflict, code: "conflict", message: error.description)
            case .noCamera, .noPreset, .noAlarm: return APIError(.notFound, code: "not-found", message: error.description)
            case .notAWorkspace, .cannotCreate, .cannotStorePhoto:
                return APIError(.internalServerError, code: "workspace", message: error.description)
            default: return APIError(.unprocessableContent, code: "rejected", message: error.description)
            }
        case let error as GeoIOError:
            return APIError(.badRequest, code: "bad-file", message: error.description)
        case let error as CameraError:
            switch error {
            case .unreadableFrame: return APIError(.badRequest, code: "bad-file", message: error.description)
            case .frameSizeDiffers: return APIError(.unprocessableContent, code: "rejected", message: error.description)
            default: return APIError(.internalServerError, code: "camera", message: error.description)
            }
        case let error as DecodingError:
            return .badRequest("请求内容格式不正确：\(DecodingErrorText.describe(error)) / Malformed request body: \(DecodingErrorText.describe(error))")
        case let error as HTTPError:
            return APIError(error.status, code: "http", message: error.body ?? error.status.reasonPhrase)
        default:
            return APIError(.internalServerError, code: "internal", message: "服务器内部错误 / Internal server error")
        }
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(Body(error: .init(code: code, message: message)), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}

/// Where a JSON body went wrong, in words a script author can act on.
enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "缺少字段 missing field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "字段类型错误 wrong type at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "不是有效的 JSON / not valid JSON" : "无效的值 invalid value at \(path(context))"
        @unknown default:
            return "\(error)"
        }
    }
}
