import HTTPTypes
import Hummingbird

/// Headers every answer carries: no MIME sniffing, no framing (clickjacking), no referrer leaving the
/// site, and a content security policy that lets pages load only the site's own scripts and styles, and
/// images from the site and the configured basemap's origins.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = APIContext
    let policy: String

    init(imageOrigins: [String]) {
        let images = (["'self'", "data:", "blob:"] + imageOrigins).joined(separator: " ")
        policy = "default-src 'self'; img-src \(images); style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[.contentSecurityPolicy] = policy
        return response
    }
}
