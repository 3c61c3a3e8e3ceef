import HTTPTypes
import Hummingbird
import Synchronization

/// The methods each route path answers, so that a known path asked with another method gets 405 with
/// `Allow` (as HTTP says) instead of the router's 404. Filled once the routes are registered.
final class RouteTable: Sendable {
    private let routes = Mutex<[(method: HTTPRequest.Method, segments: [Substring])]>([])

    func fill(_ described: [(method: HTTPRequest.Method, path: String)]) {
        routes.withLock { routes in
            routes = described.map { ($0.method, $0.path.split(separator: "/")) }
        }
    }

    /// The methods routed for `path`, where a parameter segment of a route (`{name}`, as the router
    /// describes `:name`) matches any one segment.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let asked = path.split(separator: "/")
        let found = routes.withLock { routes in
            routes.filter { route in
                route.segments.count == asked.count
                    && zip(route.segments, asked).allSatisfy { pattern, segment in pattern.hasPrefix("{") || pattern.hasPrefix(":") || pattern == segment }
            }.map(\.method)
        }
        return Array(Set(found)).sorted { $0.rawValue < $1.rawValue }
    }
}
