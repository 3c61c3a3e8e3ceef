import Enforcement
import Foundation
import Geo
import GeoIO
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import TestSupport
import Workspace

// A real workspace for the API tests: patches in two counties of city 449900 (东岭县 449901, 青禾县
// 449902) and one in county 449801 of another city, assigned to their counties, and one user per role.
// Passwords are hashed at bcrypt cost 4 so signing in stays fast; the server code is the real one.

enum ServerFixture {
    static let batch = "2024M05"
    static let password = "correct-horse"
    static let dongling = ["A1", "A2", "A3"]
    static let qinghe = ["B1"]
    static let otherCity = ["C1"]

    static let users: [(username: String, role: Role, jurisdiction: String)] = [
        ("admin", .administrator, "440000"),
        ("province", .provinceAuditor, "440000"),
        ("city", .cityReviewer, "449900"),
        ("dongling", .countyOfficer, "449901"),
        ("qinghe", .countyOfficer, "449902"),
        ("field", .fieldVerifier, "449901"),
        ("cases", .caseOfficer, "449900"),
        ("camera", .cameraOperator, "449901"),
    ]

    static let policy = PasswordPolicy(cost: 4)
    static let settings = ServerSettings(passwordPolicy: policy)

    /// A patch square of 0.001° (≈ 17 亩) with its region code, laid out west to east.
    static func workspace(in directory: TemporaryDirectory) throws -> Workspace {
        let workspace = try Workspace.create(at: directory.url.appendingPathComponent("ws", isDirectory: true))
        let path = directory.path("patches.gpkg")
        let writer = try VectorWriter(path: path, format: .gpkg, layerName: "WPTB", crs: .cgcs2000, fields: [
            FieldDefinition("JCBH", .string(width: 24)), FieldDefinition("XZQDM", .string(width: 12)),
            FieldDefinition("HSX", .string(width: 10)),
        ])
        let regions = dongling.map { ($0, "449901") } + qinghe.map { ($0, "449902") } + otherCity.map { ($0, "449801") }
        for (i, (code, region)) in regions.enumerated() {
            let lon = 113.3 + 0.002 * Double(i)
            try writer.write(geometry: Geometry(rectangle: Envelope(minX: lon, minY: 23.1, maxX: lon + 0.001, maxY: 23.101)),
                             attributes: ["JCBH": .string(code), "XZQDM": .string(region), "HSX": .string("2024-03-20")])
        }
        try writer.finish()
        var job = PatchImport(path: path, batchCode: batch, codeField: "JCBH")
        job.regionField = "XZQDM"
        _ = try job.run(in: workspace)
        _ = try workspace.assign(batch: batch, dueInDays: 30, signature: Signature(person: "fixture"))
        for user in users {
            try workspace.addUser(NewUser(username: user.username, displayName: user.username, role: user.role,
                                          jurisdiction: try RegionCode(user.jurisdiction), password: password),
                                  policy: policy, signature: Signature(person: "fixture"))
        }
        return workspace
    }

    static func application(_ workspace: Workspace) -> some ApplicationProtocol {
        Application(router: LandWatchServer.router(workspace: workspace, settings: settings))
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
    }

    static func errorCode(_ response: TestResponse) -> String? {
        ((try? object(response))?["error"] as? [String: Any])?["code"] as? String
    }

    static func errorMessage(_ response: TestResponse) -> String {
        ((try? object(response))?["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    static func writePhoto(_ path: String, position: Coordinate?) throws {
        let pixels: [UInt8] = (0..<64).flatMap { i -> [UInt8] in [90, UInt8(i * 3), 200] }
        try PhotoMetadata.writeJPEG(path: path, metadata: PhotoMetadata(width: 8, height: 8, takenAt: "2024-04-05T10:00:00",
                                                                        position: position), rgb: pixels)
    }
}

/// A signed-in browser: its cookie and CSRF token, sent with every request.
struct BrowserSession {
    let cookie: String
    let csrf: String

    var headers: HTTPFields {
        [.cookie: "lw_session=\(cookie)", HTTPField.Name("X-CSRF-Token")!: csrf, .contentType: "application/json"]
    }
}

extension TestClientProtocol {
    func signIn(_ username: String, password: String = ServerFixture.password) async throws -> BrowserSession {
        try await execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                          body: ServerFixture.json(["username": username, "password": password])) { response in
            let setCookie = response.headers[.setCookie] ?? ""
            let value = setCookie.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
            let csrf = try ServerFixture.object(response)["csrfToken"] as? String ?? ""
            return BrowserSession(cookie: value, csrf: csrf)
        }
    }

    /// A request as the signed-in browser makes it.
    @discardableResult
    func call<Result>(_ uri: String, _ method: HTTPRequest.Method = .get, as session: BrowserSession, body: [String: Any]? = nil,
                      _ check: @escaping (TestResponse) async throws -> Result) async throws -> Result {
        try await execute(uri: uri, method: method, headers: session.headers, body: body.map(ServerFixture.json), testCallback: check)
    }
}
