import Enforcement
import Foundation
import Geo
import Hummingbird
import Store
import Workspace

/// 督察问题: problems handed down by an inspection, rectified like a case and closed (销号) when every
/// measure is verified. Seen and changed within the caller's jurisdiction only.
struct ProblemRoutes {
    let workspace: Workspace

    struct HandDownBody: Decodable {
        let number: String
        let kind: String
        let region: String
        let title: String
        let handedDownOn: String?
        let areaMu: Double
        let cultivatedMu: Double
        let measures: [MeasureBody]
        let deadline: String?
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/problems", use: list)
        router.post("/api/problems", use: handDown)
        router.get("/api/problems/:number", use: detail)
        router.post("/api/problems/:number/rectification", use: rectify)
        router.post("/api/problems/:number/closing", use: close)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.viewPatches)
        let workspace = self.workspace
        let problems = try await offload { try workspace.store.supervisionProblems() }.filter { account.covers($0.region) }
        let today = CalendarDay(Date())
        return try JSONResponse.make(ItemsPayload(items: problems.map { ProblemPayload($0, today: today) }))
    }

    @Sendable func handDown(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.manageProblems)
        let body = try await request.decode(as: HandDownBody.self, context: context)
        guard let region = try? RegionCode(body.region) else {
            throw APIError.badRequest("region「\(body.region)」不是行政区划代码 / region \(body.region) is not a region code")
        }
        let account = try context.require(.manageProblems, over: region)
        guard let kind = InspectionKind(text: body.kind) else {
            let known = InspectionKind.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
            throw APIError.badRequest("督察类型「\(body.kind)」无效，可用：\(known) / unknown inspection kind \(body.kind)")
        }
        guard body.areaMu.isFinite, body.cultivatedMu.isFinite else {
            throw APIError.badRequest("面积须为亩数 / areaMu and cultivatedMu must be numbers of mu")
        }
        let plan = RectificationPlan(measures: try body.measures.map { try $0.measure() },
                                     deadline: try body.deadline.map { try RequestDay.parse($0, field: "deadline") })
        let problem = try SupervisionProblem.handDown(number: body.number, kind: kind, region: region, title: body.title,
                                                      on: try RequestDay.parse(body.handedDownOn, field: "handedDownOn"),
                                                      area: Area(mu: body.areaMu), cultivatedArea: Area(mu: body.cultivatedMu), plan: plan)
        let workspace = self.workspace
        try await offload { try workspace.handDownProblem(problem, signature: Signature(person: account.username)) }
        return try JSONResponse.make(ProblemPayload(problem, today: CalendarDay(Date())), status: .created)
    }

    @Sendable func detail(_ request: Request, context: APIContext) async throws -> Response {
        let found = try await authorise(.viewPatches, context: context).found
        let workspace = self.workspace
        let history = try await offload { try workspace.store.auditEvents(subject: found.subject) }
        return try JSONResponse.make(ProblemPayload(found, today: CalendarDay(Date()), history: history))
    }

    @Sendable func rectify(_ request: Request, context: APIContext) async throws -> Response {
        try context.signedIn()
        let body = try await request.decode(as: RectificationStepBody.self, context: context)
        let (account, found) = try await authorise(body.permission(verifying: .manageProblems), context: context)
        let step = try body.planStep(by: account.username, photos: workspace.photos)
        return try await change(found, .rectification(step), by: account, version: body.version)
    }

    /// 销号: every measure verified.
    @Sendable func close(_ request: Request, context: APIContext) async throws -> Response {
        let (account, found) = try await authorise(.manageProblems, context: context)
        let body = try await request.decode(as: ClosingBody.self, context: context)
        return try await change(found, .close(on: try RequestDay.parse(body.on, field: "on")), by: account, version: body.version)
    }

    private func authorise(_ permission: Permission, context: APIContext) async throws -> (account: UserAccount, found: SupervisionProblem) {
        let workspace = self.workspace
        return try await NumberedRecord.authorise(permission, context: context, kind: "督察问题", region: \.region) {
            try workspace.store.supervisionProblem($0)
        }
    }

    private func change(_ found: SupervisionProblem, _ action: ProblemAction, by account: UserAccount, version: Int) async throws -> Response {
        let workspace = self.workspace
        let changed = try await offload {
            try workspace.changeProblem(found.number, action, signature: Signature(person: account.username), expectedVersion: version)
        }
        return try JSONResponse.make(ProblemPayload(changed, today: CalendarDay(Date())))
    }
}
