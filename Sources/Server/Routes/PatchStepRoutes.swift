import Enforcement
import Foundation
import Geo
import Hummingbird
import Store
import Workspace

/// The steps of the monthly loop on one patch. Every body names the `version` the caller saw: if the
/// patch changed since, nothing is written and the answer is 409 with the current version.
struct PatchStepRoutes {
    let workspace: Workspace

    struct StepResult: Encodable {
        let status: NamedCode
        let version: Int
        let workflow: PatchWorkflow
        init(_ workflow: PatchWorkflow) {
            status = NamedCode(code: workflow.status.rawValue, name: workflow.status.chineseName)
            version = workflow.version
            self.workflow = workflow
        }
    }

    struct AssignmentBody: Decodable {
        let county: String
        let due: String
        let version: Int
    }

    struct VerificationBody: Decodable {
        struct Position: Decodable {
            let lon: Double
            let lat: Double
        }
        let at: Date?
        let position: Position?
        let accuracyMetres: Double?
        let constructionState: String?
        let currentUse: String?
        let builder: String?
        let notes: String?
        /// SHA-256 of photos uploaded before through `POST /api/photos`.
        let photos: [String]?
        let version: Int
    }

    struct DeterminationBody: Decodable {
        struct Part: Decodable {
            let subtype: String
            /// 亩; omitted for "the rest of the patch".
            let areaMu: Double?
            let documents: [String]?
        }
        let parts: [Part]
        let note: String?
        let version: Int
    }

    struct AuditJudgementBody: Decodable {
        let subtype: String
        let note: String?
        let version: Int
    }

    struct ReviewBody: Decodable {
        let decision: String
        let reason: String?
        let version: Int
    }

    func register(on router: Router<APIContext>) {
        router.post("/api/patches/:batch/:code/assignment", use: assign)
        router.post("/api/patches/:batch/:code/verifications", use: verify)
        router.post("/api/patches/:batch/:code/determination", use: determine)
        router.post("/api/patches/:batch/:code/review", use: review)
        router.post("/api/patches/:batch/:code/audit-judgement", use: auditJudge)
    }

    private func signature(_ account: UserAccount) -> Signature { Signature(person: account.username) }

    @Sendable func assign(_ request: Request, context: APIContext) async throws -> Response {
        let key = try PatchRoutes.patchKey(context)
        let account = try await PatchRoutes.authorise(.assign, on: key, workspace: workspace, context: context)
        let body = try await request.decode(as: AssignmentBody.self, context: context)
        guard let county = try? RegionCode(body.county), county.level == .county || county.level == nil else {
            throw APIError.badRequest("county「\(body.county)」不是县级行政区划代码 / county \(body.county) is not a county code")
        }
        guard account.covers(county) else { throw APIError.outsideJurisdiction }
        guard let due = CalendarDay(body.due) else {
            throw APIError.badRequest("due「\(body.due)」应为 YYYY-MM-DD / due must be YYYY-MM-DD")
        }
        let workspace = self.workspace
        let workflow = try await offload {
            try workspace.assign(key, to: county, due: due, signature: signature(account), expectedVersion: body.version)
        }
        return try JSONResponse.make(StepResult(workflow))
    }

    @Sendable func verify(_ request: Request, context: APIContext) async throws -> Response {
        let key = try PatchRoutes.patchKey(context)
        let account = try await PatchRoutes.authorise(.verify, on: key, workspace: workspace, context: context)
        let body = try await request.decode(as: VerificationBody.self, context: context)
        var state: ConstructionState?
        if let text = body.constructionState, !text.isEmpty {
            guard let parsed = ConstructionState(text: text) else {
                let known = ConstructionState.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
                throw APIError.badRequest("constructionState「\(text)」无效，可用：\(known) / unknown constructionState \(text)")
            }
            state = parsed
        }
        let paths = try PhotoRoutes.uploaded(body.photos ?? [], in: workspace.photos).map(\.path)
        let input = VerificationInput(officer: account.username, at: body.at ?? Date(),
                                      position: body.position.map { Coordinate(x: $0.lon, y: $0.lat) },
                                      accuracyMetres: body.accuracyMetres,
                                      form: VerificationForm(constructionState: state, currentUse: body.currentUse ?? "", builder: body.builder ?? ""),
                                      notes: body.notes ?? "", photoPaths: paths)
        let workspace = self.workspace
        let (workflow, _) = try await offload {
            try workspace.recordVerification(key, input, signature: signature(account), expectedVersion: body.version)
        }
        return try JSONResponse.make(StepResult(workflow), status: .created)
    }

    @Sendable func determine(_ request: Request, context: APIContext) async throws -> Response {
        let key = try PatchRoutes.patchKey(context)
        let account = try await PatchRoutes.authorise(.determine, on: key, workspace: workspace, context: context)
        let body = try await request.decode(as: DeterminationBody.self, context: context)
        let drafts = body.parts.map { part in
            DeterminationPartDraft(area: part.areaMu.map { .given(Area(mu: $0)) } ?? .rest, subtype: part.subtype,
                                   documents: part.documents ?? [])
        }
        let workspace = self.workspace
        let workflow = try await offload {
            try workspace.determine(key, parts: drafts, note: body.note ?? "", codes: try workspace.determinationCodes(),
                                    signature: signature(account), expectedVersion: body.version)
        }
        return try JSONResponse.make(StepResult(workflow))
    }

    /// 省级复核: the auditor's own judgement of a sampled patch.
    @Sendable func auditJudge(_ request: Request, context: APIContext) async throws -> Response {
        let key = try PatchRoutes.patchKey(context)
        let account = try await PatchRoutes.authorise(.audit, on: key, workspace: workspace, context: context)
        let body = try await request.decode(as: AuditJudgementBody.self, context: context)
        let workspace = self.workspace
        let workflow = try await offload {
            try workspace.auditJudge(key, subtype: body.subtype, note: body.note ?? "", codes: try workspace.determinationCodes(),
                                     signature: signature(account), expectedVersion: body.version)
        }
        return try JSONResponse.make(StepResult(workflow))
    }

    @Sendable func review(_ request: Request, context: APIContext) async throws -> Response {
        let key = try PatchRoutes.patchKey(context)
        let account = try await PatchRoutes.authorise(.review, on: key, workspace: workspace, context: context)
        let body = try await request.decode(as: ReviewBody.self, context: context)
        let workspace = self.workspace
        let workflow: PatchWorkflow
        switch body.decision {
        case "approve":
            workflow = try await offload { try workspace.approve(key, signature: signature(account), expectedVersion: body.version) }
        case "return":
            guard let reason = body.reason?.trimmingCharacters(in: .whitespaces), !reason.isEmpty else {
                throw APIError.badRequest("退回须写明理由 reason / a return needs a reason")
            }
            workflow = try await offload {
                try workspace.returnToCounty(key, reason: reason, signature: signature(account), expectedVersion: body.version)
            }
        default:
            throw APIError.badRequest("decision 应为 approve 或 return / decision must be approve or return")
        }
        return try JSONResponse.make(StepResult(workflow))
    }
}
