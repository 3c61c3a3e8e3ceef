import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("Methods a path does not take")
struct MethodNotAllowedTests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    @Test("A known path asked with another method answers 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            try await client.execute(uri: "/api/cases", method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, POST")
                #expect(ServerFixture.errorCode(response) == "method-not-allowed")
            }
            try await client.execute(uri: "/api/patches/2024M05/A1", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET")
            }
            try await client.execute(uri: "/api/nothing-here", method: .get) { #expect($0.status == .notFound) }
        }
    }
}
