import Enforcement
import Foundation
import Geo
import Hummingbird
import Store
import Workspace

/// 图斑列表与详情: lists are cut to the caller's jurisdiction in the query itself; a detail outside it is 403.
struct PatchRoutes {
    let workspace: Workspace
    static let maximumPageSize = 500

    func register(on router: Router<APIContext>) {
        router.get("/api/patches", use: list)
        router.get("/api/patches/:batch/:code", use: detail)
    }

    @Sendable func list(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.viewPatches)
        var filter = try Self.filter(from: request.uri.queryParameters)
        filter.within = account.role == .administrator ? nil : account.jurisdiction
        let workspace = self.workspace
        let query = filter
        let page = try await offload { try workspace.store.patchList(query) }
        let payload = PatchListPayload(items: page.items.map(PatchListItemPayload.init), total: page.total,
                                       totalCapped: page.totalIsCapped, limit: filter.limit, offset: filter.offset)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: payload.json)))
    }

    @Sendable func detail(_ request: Request, context: APIContext) async throws -> Response {
        let key = try Self.patchKey(context)
        let account = try context.require(.viewPatches)
        let workspace = self.workspace
        // The jurisdiction check and the detail share one trip to the thread pool and one read; the
        // detail is read only for a caller whose jurisdiction covers the patch.
        let (ownership, detail) = try await offload {
            try workspace.store.snapshot { () -> (PatchOwnership?, PatchDetail?) in
                guard let ownership = try workspace.store.patchOwnership(key) else { return (nil, nil) }
                return (ownership, account.covers(ownership.county) ? try workspace.patchDetail(key) : nil)
            }
        }
        guard let ownership else { throw APIError.notFound("图斑 \(key)") }
        _ = try context.require(.viewPatches, over: ownership.county)
        guard let detail else { throw APIError.outsideJurisdiction }
        return try JSONResponse.make(PatchDetailPayload(detail), adding: [("geometry", GeoJSON.encode(detail.patch.geometry.shape))])
    }

    static func patchKey(_ context: APIContext) throws -> PatchKey {
        PatchKey(batch: try context.parameters.require("batch"), code: try context.parameters.require("code"))
    }

    /// The caller, when allowed `permission` on the patch's county: 404 for no such patch, 403 outside the jurisdiction.
    @discardableResult
    static func authorise(_ permission: Permission, on key: PatchKey, workspace: Workspace, context: APIContext) async throws -> UserAccount {
        _ = try context.require(permission)
        guard let ownership = try await offload({ try workspace.store.patchOwnership(key) }) else {
            throw APIError.notFound("图斑 \(key)")
        }
        return try context.require(permission, over: ownership.county)
    }

    static func filter(from query: Parameters) throws -> PatchListFilter {
        func value<T>(_ name: String, _ parse: (String) -> T?, expected: String) throws -> T? {
            try query.parsed(name, expected: expected, parse)
        }
        func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> String where T.RawValue == String {
            type.allCases.map(\.rawValue).joined(separator: "|")
        }
        var filter = PatchListFilter()
        filter.batch = query["batch"].map(String.init)
        filter.region = try value("region", { try? RegionCode($0) }, expected: "行政区划代码 region code")
        filter.status = try value("status", PatchStatus.init(rawValue:), expected: choices(PatchStatus.self))
        filter.category = try value("category", DeterminationCategory.init(rawValue:), expected: choices(DeterminationCategory.self))
        filter.verdict = try value("verdict", PrejudgeVerdict.init(rawValue:), expected: choices(PrejudgeVerdict.self))
        filter.priority = try value("priority", PatchPriority.init(rawValue:), expected: choices(PatchPriority.self))
        filter.envelope = try value("bbox", Self.envelope, expected: "minLon,minLat,maxLon,maxLat")
        filter.auditJudged = try value("audit", { ["pending": false, "judged": true][$0] }, expected: "pending|judged")
        filter.limit = try value("limit", { Int($0).flatMap { (1...maximumPageSize).contains($0) ? $0 : nil } },
                                 expected: "1-\(maximumPageSize)") ?? 50
        filter.offset = try value("offset", { Int($0).flatMap { $0 >= 0 ? $0 : nil } }, expected: "≥ 0") ?? 0
        return filter
    }

    /// "minLon,minLat,maxLon,maxLat" as an envelope; nil unless four numbers in order.
    static func envelope(_ text: String) -> Envelope? {
        let numbers = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, numbers[0] <= numbers[2], numbers[1] <= numbers[3] else { return nil }
        return Envelope(minX: numbers[0], minY: numbers[1], maxX: numbers[2], maxY: numbers[3])
    }
}
