import Enforcement
import Foundation
import Hummingbird
import Workspace

/// 用户管理 (管理员): list, add and disable users. An administrator below the province manages only
/// users inside its own jurisdiction.
struct UserRoutes {
    let workspace: Workspace
    let passwordPolicy: PasswordPolicy

    struct NewUserBody: Decodable {
        let username: String
        let displayName: String?
        let role: String
        let jurisdiction: String
        let password: String
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/users") { _, context -> Response in
            let account = try context.require(.manageUsers)
            let workspace = self.workspace
            let users = try await offload { try workspace.users() }
            return try JSONResponse.make(users.filter { account.covers($0.jurisdiction) }.map(UserPayload.init))
        }
        router.post("/api/users", use: add)
        router.post("/api/users/:username/disable") { _, context -> Response in
            let account = try context.require(.manageUsers)
            let username = try context.parameters.require("username")
            let workspace = self.workspace
            guard let (target, _) = try await offload({ try workspace.store.user(username) }) else {
                throw APIError.notFound("用户 \(username)")
            }
            guard account.covers(target.jurisdiction) else { throw APIError.outsideJurisdiction }
            try await offload { try workspace.disableUser(username, signature: Signature(person: account.username)) }
            return Response(status: .noContent)
        }
    }

    @Sendable func add(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.manageUsers)
        let body = try await request.decode(as: NewUserBody.self, context: context)
        guard let role = Role(text: body.role) else {
            let known = Role.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
            throw APIError.badRequest("角色「\(body.role)」无效，可用：\(known) / unknown role \(body.role)")
        }
        guard let jurisdiction = try? RegionCode(body.jurisdiction) else {
            throw APIError.badRequest("辖区「\(body.jurisdiction)」不是行政区划代码 / jurisdiction \(body.jurisdiction) is not a region code")
        }
        guard account.covers(jurisdiction) else { throw APIError.outsideJurisdiction }
        let new = NewUser(username: body.username, displayName: body.displayName ?? "", role: role,
                          jurisdiction: jurisdiction, password: body.password)
        let workspace = self.workspace
        let policy = passwordPolicy
        let added = try await offload { try workspace.addUser(new, policy: policy, signature: Signature(person: account.username)) }
        return try JSONResponse.make(UserPayload(added), status: .created)
    }
}
