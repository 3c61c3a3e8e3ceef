import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    private func document() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: try MetaRoutes.openAPIDocument) as? [String: Any] ?? [:]
    }

    /// "GET /api/patches/{batch}/{code}" for every operation the document names.
    private func documentedOperations() throws -> Set<String> {
        let paths = try document()["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, operations in
            operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "\($0.uppercased()) \(path)" }
        })
    }

    @Test("Every route of the server is documented and every documented operation is routed")
    func routesMatchDocument() throws {
        let router = LandWatchServer.router(workspace: workspace, settings: ServerFixture.settings)
        // The router describes `:name` parameters as `{name}`, as OpenAPI writes them.
        let routed = Set(router.routes.map { "\($0.method) \($0.path.description)" })
        #expect(routed == (try documentedOperations()))
    }

    @Test("Every documented path parameter is declared, and every operation lists its error answers")
    func operationsAreComplete() throws {
        let paths = try document()["paths"] as? [String: [String: Any]] ?? [:]
        for (path, operations) in paths {
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            for (method, value) in operations {
                let operation = try #require(value as? [String: Any])
                let declared = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
                    .compactMap { $0["name"] as? String }
                #expect(Set(declared) == Set(names), "\(method) \(path)")
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                let secured = (operation["security"] as? [Any])?.isEmpty != true
                if secured { #expect(responses["401"] != nil, "\(method) \(path) needs a 401 answer") }
            }
        }
    }

    @Test("The document is OpenAPI 3.1 and is served at /api/openapi.json without signing in")
    func servedWithoutSignIn() async throws {
        #expect(try document()["openapi"] as? String == "3.1.0")
        try await ServerFixture.application(workspace).test(.router) { client in
            try await client.execute(uri: "/api/openapi.json", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }
}
