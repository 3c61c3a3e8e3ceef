import Foundation
import HTTPTypes
import Hummingbird

/// Turns whatever a route throws into the API's JSON error (through `APIError.from`, the one mapping)
/// and stamps every response with its request id, which the logs carry too.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIContext
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = APIError.from(error)
            if apiError.status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": .string(String(describing: error))])
            }
            response = try apiError.response(from: request, context: context)
        }
        response.headers[Self.requestIDHeader] = context.id
        return response
    }
}
