import Enforcement
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("Users and statistics through the API")
struct UserAndStatisticsAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    @Test("An administrator adds a user who can then sign in; the audit log records who added whom")
    func adminAddsUser() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let admin = try await client.signIn("admin")
            try await client.call("/api/users", .post, as: admin, body: [
                "username": "qinghe2", "displayName": "青禾县 赵工", "role": "县级执法", "jurisdiction": "449902", "password": "long-enough-1",
            ]) { response throws in
                #expect(response.status == .created)
                #expect(((try ServerFixture.object(response)["role"]) as? [String: Any])?["code"] as? String == "county-officer")
            }
            let added = try await client.signIn("qinghe2", password: "long-enough-1")
            try await client.call("/api/patches", as: added) { response throws in
                #expect(try ServerFixture.object(response)["total"] as? Int == 1)
            }
        }
        let event = try #require(try workspace.store.auditEvents(subject: "用户 qinghe2").first)
        #expect(event.actor == "admin")
        #expect(event.action == "user.add")
        #expect(event.after?.contains("long-enough-1") == false)
    }

    @Test("Adding a user is refused with the reason: taken name 409, short password and misplaced jurisdiction 422, unknown role 400")
    func badUsersRefused() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let admin = try await client.signIn("admin")
            let base: [String: Any] = ["username": "newone", "role": "county-officer", "jurisdiction": "449901", "password": "long-enough-1"]
            func with(_ key: String, _ value: Any) -> [String: Any] { base.merging([key: value]) { $1 } }
            try await client.call("/api/users", .post, as: admin, body: with("username", "dongling")) { #expect($0.status == .conflict) }
            try await client.call("/api/users", .post, as: admin, body: with("password", "short")) { #expect($0.status == .unprocessableContent) }
            try await client.call("/api/users", .post, as: admin, body: with("jurisdiction", "449900")) { #expect($0.status == .unprocessableContent) }
            try await client.call("/api/users", .post, as: admin, body: with("role", "king")) { #expect($0.status == .badRequest) }
        }
        #expect(try workspace.users().map(\.username).contains("newone") == false)
    }

    @Test("An administrator cannot disable its own account")
    func adminCannotDisableSelf() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let admin = try await client.signIn("admin")
            try await client.call("/api/users/admin/disable", .post, as: admin) { #expect($0.status == .unprocessableContent) }
            try await client.call("/api/users/camera/disable", .post, as: admin) { #expect($0.status == .noContent) }
        }
        #expect(try workspace.users().filter(\.disabled).map(\.username) == ["camera"])
    }

    @Test("Only administrators manage users")
    func onlyAdminsManageUsers() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("/api/users", as: city) { #expect($0.status == .forbidden) }
            try await client.call("/api/users/dongling/disable", .post, as: city) { #expect($0.status == .forbidden) }
        }
        #expect(try workspace.users().first { $0.username == "dongling" }?.disabled == false)
    }

    @Test("A county officer's statistics hold only its county's row; the province also gets the city subtotal and the total")
    func statisticsByJurisdiction() async throws {
        try await ServerFixture.application(workspace).test(.router) { client throws in
            func regions(_ user: String) async throws -> [String] {
                let session = try await client.signIn(user)
                return try await client.call("/api/statistics?batch=\(ServerFixture.batch)&asOf=2024-05-01", as: session) { response throws in
                    #expect(response.status == .ok)
                    return (try ServerFixture.object(response)["rows"] as? [[String: Any]] ?? []).map { $0["region"] as? String ?? "合计" }
                }
            }
            #expect(try await regions("dongling") == ["449901"])
            #expect(try await regions("city") == ["449901", "449902", "449900"])
            let all = try await regions("province")
            #expect(all == ["449801", "449800", "449901", "449902", "449900", "合计"])
        }
    }

    @Test("Statistics of a batch that does not exist answer 422")
    func statisticsOfMissingBatch() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("province")
            try await client.call("/api/statistics?batch=1999Q9", as: session) { #expect($0.status == .unprocessableContent) }
        }
    }
}

@Suite("Monthly trend through the API")
struct TrendAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    /// A1 (东岭县) verified on 2024-04-10 Beijing time.
    init() throws {
        workspace = try ServerFixture.workspace(in: directory)
        try workspace.recordVerification(PatchKeyOf.a1, VerificationInput(officer: "dongling", at: CalendarDay("2024-04-10")!.at(hour: 10),
                                                                          form: VerificationForm(constructionState: nil)),
                                         signature: Signature(person: "dongling"))
    }

    private func verified(_ response: TestResponse) throws -> [Int] {
        (try ServerFixture.object(response)["months"] as? [[String: Any]] ?? []).compactMap { $0["verified"] as? Int }
    }

    @Test("The county sees its verification in April; another county sees none")
    func trendByJurisdiction() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let dongling = try await client.signIn("dongling")
            try await client.call("/api/statistics/trend?months=3&to=2024-05", as: dongling) { response throws in
                #expect(response.status == .ok)
                #expect(try verified(response) == [0, 1, 0])
            }
            let qinghe = try await client.signIn("qinghe")
            try await client.call("/api/statistics/trend?months=3&to=2024-05", as: qinghe) { response throws in
                #expect(try verified(response) == [0, 0, 0])
            }
        }
    }

    @Test("Without a last month the trend ends at the latest month with activity")
    func endsAtLatestActivity() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            try await client.call("/api/statistics/trend?months=2", as: province) { response throws in
                let months = try ServerFixture.object(response)["months"] as? [[String: Any]] ?? []
                #expect(months.compactMap { $0["month"] as? String } == ["2024-03", "2024-04"])
            }
        }
    }

    @Test("A month count out of range and a malformed month are 400")
    func badRangesAre400() async throws {
        try await ServerFixture.application(workspace).test(.router) { client in
            let province = try await client.signIn("province")
            for query in ["months=0", "months=121", "months=x", "to=2024-5-1"] {
                try await client.call("/api/statistics/trend?\(query)", as: province) { #expect($0.status == .badRequest) }
            }
        }
    }
}

@Suite("Metrics")
struct MetricsAPITests {
    let directory = TemporaryDirectory()
    let workspace: Workspace

    init() throws { workspace = try ServerFixture.workspace(in: directory) }

    @Test("/metrics counts requests in Prometheus text for administrators and refuses everyone else")
    func metricsForAdministrators() async throws {
        ServerMetrics.bootstrap()
        try await ServerFixture.application(workspace).test(.router) { client in
            let city = try await client.signIn("city")
            try await client.call("/api/patches", as: city) { #expect($0.status == .ok) }
            try await client.call("/metrics", as: city) { #expect($0.status == .forbidden) }
            let admin = try await client.signIn("admin")
            try await client.call("/metrics", as: admin) { response throws in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("hb_requests"), "\(text.prefix(400))")
                #expect(text.contains("/api/patches"))
            }
        }
    }
}
