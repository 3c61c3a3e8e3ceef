import Foundation
import HTTPTypes
import Hummingbird

/// Turns whatever a route throws into the API's JSON error (through `APIError.from`, the one mapping)
/// and stamps every response with its request id, which the logs carry too. A path the router knows,
/// asked with a method it does not take, answers 405 with `Allow` rather than 404.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIContext
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!
    let routes: RouteTable

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            var apiError = APIError.from(error)
            if (error as? HTTPError)?.status == .notFound, case let allowed = routes.methods(for: request.uri.path), !allowed.isEmpty {
                let names = allowed.map(\.rawValue).joined(separator: ", ")
                apiError = APIError(.methodNotAllowed, code: "method-not-allowed",
                                    message: "该地址不支持 \(request.method.rawValue)，可用：\(names) / \(request.method.rawValue) is not allowed here; use \(names)")
                apiError.headers[.allow] = names
            }
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": .string(String(describing: error))])
            }
            response = try apiError.response(from: request, context: context)
        }
        response.headers[Self.requestIDHeader] = context.id
        return response
    }
}
