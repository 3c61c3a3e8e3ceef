import Enforcement
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("Patch lists and details by jurisdiction")
struct PatchAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    private func codes(_ response: TestResponse) throws -> [String] {
        (try ServerFixture.object(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test("A county officer's list holds exactly its county's patches")
    func countyListIsItsCounty() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/patches", as: session) { response throws in
                #expect(response.status == .ok)
                #expect(try codes(response) == ServerFixture.dongling)
                #expect(try ServerFixture.object(response)["total"] as? Int == 3)
            }
        }
    }

    @Test("A city reviewer sees its counties' patches and not another city's")
    func cityListIsItsCounties() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("city")
            try await client.call("/api/patches", as: session) { response throws in
                #expect(try codes(response) == ServerFixture.dongling + ServerFixture.qinghe)
            }
        }
    }

    @Test("The province and the administrator see every patch")
    func provinceSeesAll() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            for user in ["province", "admin"] {
                let session = try await client.signIn(user)
                try await client.call("/api/patches", as: session) { response throws in
                    #expect(try codes(response) == ServerFixture.dongling + ServerFixture.qinghe + ServerFixture.otherCity)
                }
            }
        }
    }

    @Test("Paging returns the requested slice and the full total")
    func pagingSlices() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("admin")
            try await client.call("/api/patches?limit=2&offset=1", as: session) { response throws in
                #expect(try codes(response) == ["A2", "A3"])
                #expect(try ServerFixture.object(response)["total"] as? Int == 5)
            }
            try await client.call("/api/patches?region=449902", as: session) { response throws in
                #expect(try codes(response) == ["B1"])
            }
            try await client.call("/api/patches?status=approved", as: session) { response throws in
                #expect(try codes(response).isEmpty)
            }
            try await client.call("/api/patches?bbox=113.3005,23.0,113.3025,23.2", as: session) { response throws in
                #expect(try codes(response) == ["A1", "A2"])
            }
        }
    }

    @Test("An invalid filter value answers 400 naming the parameter and the values allowed")
    func invalidFilterIs400() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("admin")
            for query in ["status=done", "limit=0", "limit=501", "bbox=1,2,3", "offset=-1", "region=4%2B"] {
                try await client.call("/api/patches?\(query)", as: session) { response throws in
                    #expect(response.status == .badRequest, "\(query)")
                    let message = ServerFixture.errorMessage(response)
                    #expect(message.contains(String(query.prefix(while: { $0 != "=" }))), "\(query)")
                }
            }
        }
    }

    @Test("For every role limited to one county, another county's patch answers 403")
    func otherCountyIs403ForEveryRole() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            for user in ServerFixture.users where user.jurisdiction == "449901" {
                let session = try await client.signIn(user.username)
                try await client.call("/api/patches/\(ServerFixture.batch)/B1", as: session) { response throws in
                    #expect(response.status == .forbidden, "\(user.username)")
                    #expect(ServerFixture.errorCode(response) == "outside-jurisdiction")
                }
                try await client.call("/api/patches/\(ServerFixture.batch)/A1", as: session) { response throws in
                    #expect(response.status == .ok, "\(user.username)")
                }
            }
            for user in ServerFixture.users where user.jurisdiction == "449900" {
                let session = try await client.signIn(user.username)
                try await client.call("/api/patches/\(ServerFixture.batch)/C1", as: session) { response throws in
                    #expect(response.status == .forbidden, "\(user.username)")
                }
            }
        }
    }

    @Test("A patch that does not exist answers 404")
    func missingPatchIs404() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("admin")
            try await client.call("/api/patches/\(ServerFixture.batch)/ZZ9", as: session) { #expect($0.status == .notFound) }
        }
    }

    @Test("A patch's detail carries its area in m² and 亩, its GeoJSON outline, workflow and history")
    func detailCarriesEverything() async throws {
        let patch = try #require(try workspace.store.patch(batch: ServerFixture.batch, code: "A1"))
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/patches/\(ServerFixture.batch)/A1", as: session) { response throws in
                let body = try ServerFixture.object(response)
                let area = try #require(body["area"] as? [String: Double])
                #expect(abs((area["squareMetres"] ?? 0) - patch.area.squareMetres) < 1e-6)
                #expect(abs((area["mu"] ?? 0) - patch.area.mu) < 1e-9)
                #expect((body["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
                #expect((body["status"] as? [String: Any])?["name"] as? String == "待核查")
                #expect(body["version"] as? Int == 1)
                let history = try #require(body["history"] as? [[String: Any]])
                #expect(history.map { $0["action"] as? String } == ["patch.assign"])
            }
        }
    }
}
