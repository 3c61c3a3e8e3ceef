import Enforcement
import Foundation
import Geo
import Hummingbird
import Store
import Workspace

/// 立案查处: cases over approved illegal patches, from filing to closing. A case belongs to its patches'
/// county: callers see and change only the cases of their jurisdiction. Every change names the `version`
/// the caller saw (409 when the case moved on).
struct CaseRoutes {
    let workspace: Workspace

    struct FileBody: Decodable {
        struct PatchRef: Decodable {
            let batch: String
            let code: String
        }
        let number: String
        let patches: [PatchRef]
        let parties: [String]
        let filedOn: String?
    }

    struct DecisionBody: Decodable {
        /// 罚款 in 元 as decimal text, e.g. "53360" or "53360.50".
        let fineYuan: String
        let confiscation: String?
        let demolitionMu: Double?
        let measures: [MeasureBody]
        let deadline: String?
        let on: String?
        let version: Int
    }

    struct PaymentBody: Decodable {
        let amountYuan: String
        let on: String?
        let version: Int
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/cases", use: list)
        router.post("/api/cases", use: file)
        router.get("/api/cases/:number", use: detail)
        router.post("/api/cases/:number/decision", use: decide)
        router.post("/api/cases/:number/rectification", use: rectify)
        router.post("/api/cases/:number/payments", use: pay)
        router.post("/api/cases/:number/closing", use: close)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.viewPatches)
        let status = try request.uri.queryParameters["status"].map { text in
            guard let status = CaseStatus(rawValue: String(text)) else {
                let known = CaseStatus.allCases.map(\.rawValue).joined(separator: "|")
                throw APIError.badRequest("参数 status=\(text) 无效，应为 \(known) / Invalid status=\(text); expected \(known)")
            }
            return status
        }
        let workspace = self.workspace
        let cases = try await offload { try workspace.store.enforcementCases() }
            .filter { account.covers($0.region) && (status == nil || $0.status == status) }
        return try JSONResponse.make(ItemsPayload(items: cases.map { CasePayload($0) }))
    }

    /// 立案: every patch must lie in the caller's jurisdiction; the workflow checks they are approved,
    /// illegal, of one county and in no other case.
    @Sendable func file(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.manageCases)
        let body = try await request.decode(as: FileBody.self, context: context)
        let keys = body.patches.map { PatchKey(batch: $0.batch, code: $0.code) }
        for key in keys {
            try await PatchRoutes.authorise(.manageCases, on: key, workspace: workspace, context: context)
        }
        let day = try RequestDay.parse(body.filedOn, field: "filedOn")
        let workspace = self.workspace
        let filed = try await offload {
            try workspace.fileCase(number: body.number, patches: keys, parties: body.parties, filedOn: day,
                                   signature: Signature(person: account.username))
        }
        return try JSONResponse.make(CasePayload(filed), status: .created)
    }

    @Sendable func detail(_ request: Request, context: APIContext) async throws -> Response {
        let found = try await authorise(.viewPatches, context: context).found
        let workspace = self.workspace
        let (statuses, history) = try await offload {
            let statuses = try found.patches.reduce(into: [PatchKey: PatchStatus]()) { result, key in
                result[key] = try workspace.store.patchWorkflow(key)?.status
            }
            return (statuses, try workspace.store.auditEvents(subject: found.subject))
        }
        return try JSONResponse.make(CasePayload(found, patchStatus: statuses, history: history))
    }

    @Sendable func decide(_ request: Request, context: APIContext) async throws -> Response {
        let (account, found) = try await authorise(.manageCases, context: context)
        let body = try await request.decode(as: DecisionBody.self, context: context)
        guard let fine = Yuan(body.fineYuan) else {
            throw APIError.badRequest("fineYuan「\(body.fineYuan)」应为金额（元），如 53360 或 53360.50 / fineYuan must be an amount in yuan")
        }
        if let mu = body.demolitionMu, !(mu.isFinite && mu >= 0) {
            throw APIError.badRequest("demolitionMu 须为非负的亩数 / demolitionMu must be a non-negative number of mu")
        }
        let penalty = Penalty(fine: fine, confiscation: body.confiscation ?? "", demolitionArea: Area(mu: body.demolitionMu ?? 0))
        let plan = RectificationPlan(measures: try body.measures.map { try $0.measure() },
                                     deadline: try body.deadline.map { try RequestDay.parse($0, field: "deadline") })
        let day = try RequestDay.parse(body.on, field: "on")
        return try await change(found, .decide(penalty, plan: plan, on: day), by: account, version: body.version)
    }

    @Sendable func rectify(_ request: Request, context: APIContext) async throws -> Response {
        try context.signedIn()
        let body = try await request.decode(as: RectificationStepBody.self, context: context)
        let (account, found) = try await authorise(body.permission(verifying: .manageCases), context: context)
        let step = try body.planStep(by: account.username, photos: workspace.photos)
        return try await change(found, .rectification(step), by: account, version: body.version)
    }

    @Sendable func pay(_ request: Request, context: APIContext) async throws -> Response {
        let (account, found) = try await authorise(.manageCases, context: context)
        let body = try await request.decode(as: PaymentBody.self, context: context)
        guard let amount = Yuan(body.amountYuan) else {
            throw APIError.badRequest("amountYuan「\(body.amountYuan)」应为金额（元）/ amountYuan must be an amount in yuan")
        }
        return try await change(found, .recordPayment(amount, on: try RequestDay.parse(body.on, field: "on")), by: account,
                                version: body.version)
    }

    /// 结案: every measure verified; the case's patches become 整改到位.
    @Sendable func close(_ request: Request, context: APIContext) async throws -> Response {
        let (account, found) = try await authorise(.manageCases, context: context)
        let body = try await request.decode(as: ClosingBody.self, context: context)
        return try await change(found, .close(on: try RequestDay.parse(body.on, field: "on")), by: account, version: body.version)
    }

    /// The case named in the path, when the caller may `permission` over its county: 404 or 403 otherwise.
    private func authorise(_ permission: Permission, context: APIContext) async throws -> (account: UserAccount, found: EnforcementCase) {
        let workspace = self.workspace
        return try await NumberedRecord.authorise(permission, context: context, kind: "案件", region: \.region) {
            try workspace.store.enforcementCase($0)
        }
    }

    private func change(_ found: EnforcementCase, _ action: CaseAction, by account: UserAccount, version: Int) async throws -> Response {
        let workspace = self.workspace
        let changed = try await offload {
            try workspace.changeCase(found.number, action, signature: Signature(person: account.username), expectedVersion: version)
        }
        return try JSONResponse.make(CasePayload(changed))
    }
}

/// Cases and supervision problems: named by a number in the path (percent-encoded, since it may carry
/// Chinese characters) and belonging to a region.
enum NumberedRecord {
    /// The record the path names, when the caller may `permission` over its region: 401/403 for the
    /// permission, 404 for no such record, 403 outside the jurisdiction.
    static func authorise<Record: Sendable>(_ permission: Permission, context: APIContext, kind: String,
                                            region: (Record) -> RegionCode,
                                            load: @escaping @Sendable (String) throws -> Record?) async throws -> (account: UserAccount, found: Record) {
        _ = try context.require(permission)
        let segment = try context.parameters.require("number")
        let number = segment.removingPercentEncoding ?? segment
        guard let found = try await offload({ try load(number) }) else { throw APIError.notFound("\(kind) \(number)") }
        return (try context.require(permission, over: region(found)), found)
    }
}
