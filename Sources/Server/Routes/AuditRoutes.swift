import Enforcement
import Foundation
import Hummingbird
import Store
import Workspace

/// 省级抽样复核: the province publishes a seed fixed by a value announced in advance, draws the sample
/// anyone can re-draw, then judges each drawn patch (`POST /api/patches/{batch}/{code}/audit-judgement`).
/// Province-wide: only callers whose jurisdiction covers every county (province auditors, administrators).
struct AuditRoutes {
    let workspace: Workspace

    struct SeedBody: Decodable {
        let announcedValue: String
        let ratePercent: Int?
        let minimumPerStratum: Int?
        /// Publish while some assigned patches are unfinished; they stay out of this audit.
        let allowPending: Bool?
    }

    struct SampledPatch: Encodable {
        let batch: String
        let code: String
        let status: NamedCode
        let category: NamedCode?
        let judged: Bool
        let concealed: Bool
    }

    struct StatePayload: Encodable {
        let batch: String
        let seed: AuditSeed?
        let sampled: [SampledPatch]
    }

    struct DrawPayload: Encodable {
        struct Stratum: Encodable {
            let city: String
            let category: NamedCode
            let population: Int
            let sampled: [PatchKey]
        }
        let seed: AuditSeed
        let strata: [Stratum]
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/audit/:batch", use: state)
        router.post("/api/audit/:batch/seed", use: publishSeed)
        router.post("/api/audit/:batch/draw", use: draw)
    }

    @Sendable func state(_ request: Request, context: APIContext) async throws -> Response {
        _ = try context.require(.audit, over: nil)
        let batch = try context.parameters.require("batch")
        let workspace = self.workspace
        let (seed, workflows) = try await offload {
            (try workspace.store.auditSeed(batch: batch), try workspace.store.patchWorkflows(batch: batch))
        }
        guard !workflows.isEmpty else { throw APIError.notFound("批次 \(batch)") }
        let sampled = workflows.filter { $0.value.selectedForAudit }.sorted { $0.key < $1.key }.map { key, workflow in
            SampledPatch(batch: key.batch, code: key.code,
                         status: NamedCode(code: workflow.status.rawValue, name: workflow.status.chineseName),
                         category: workflow.effectiveCategory.map { NamedCode(code: $0.rawValue, name: $0.chineseName) },
                         judged: workflow.auditJudgement != nil, concealed: workflow.concealed)
        }
        return try JSONResponse.make(StatePayload(batch: batch, seed: seed, sampled: sampled))
    }

    /// 公布抽样种子.
    @Sendable func publishSeed(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.audit, over: nil)
        let batch = try context.parameters.require("batch")
        let body = try await request.decode(as: SeedBody.self, context: context)
        let rate = body.ratePercent ?? AuditSampling.defaultRatePercent
        let minimum = body.minimumPerStratum ?? AuditSampling.defaultMinimumPerStratum
        guard (1...100).contains(rate), (0...1000).contains(minimum) else {
            throw APIError.badRequest("ratePercent 应为 1–100，minimumPerStratum 应为 0–1000 / ratePercent must be 1–100 and minimumPerStratum 0–1000")
        }
        let workspace = self.workspace
        let seed = try await offload {
            try workspace.publishAuditSeed(batch: batch, announcedValue: body.announcedValue, ratePercent: rate, minimumPerStratum: minimum,
                                           allowPending: body.allowPending ?? false, signature: Signature(person: account.username))
        }
        return try JSONResponse.make(seed, status: .created)
    }

    /// 抽样: draws the published seed's sample and marks the drawn patches.
    @Sendable func draw(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.audit, over: nil)
        let batch = try context.parameters.require("batch")
        let workspace = self.workspace
        let (seed, strata) = try await offload { try workspace.drawAuditSample(batch: batch, signature: Signature(person: account.username)) }
        return try JSONResponse.make(DrawPayload(seed: seed, strata: strata.map {
            DrawPayload.Stratum(city: $0.city.rawValue, category: NamedCode(code: $0.category.rawValue, name: $0.category.chineseName),
                                population: $0.population, sampled: $0.sampled)
        }), status: .created)
    }
}
