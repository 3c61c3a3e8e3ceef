import Enforcement
import Foundation
import Hummingbird
import Workspace

/// 批次、行政区、判定子类: what the filters and forms offer.
struct CatalogueRoutes {
    let workspace: Workspace

    struct BatchPayload: Encodable {
        let code: String
        let name: String
        let patchCount: Int
        let area: AreaPayload
    }

    struct RegionPayload: Encodable {
        let code: String
        let name: String
        let level: String?
        let parent: String?
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/batches") { _, context -> Response in
            _ = try context.require(.viewPatches)
            let workspace = self.workspace
            let batches = try await offload { try workspace.store.batches() }
            return try JSONResponse.make(batches.map {
                BatchPayload(code: $0.batch.code, name: $0.batch.name, patchCount: $0.patchCount, area: AreaPayload($0.totalArea))
            })
        }
        router.get("/api/determination-codes") { _, context -> Response in
            _ = try context.require(.viewPatches)
            let workspace = self.workspace
            let list = try await offload { try workspace.determinationCodes() }
            return try JSONResponse.make(list.codes)
        }
        router.get("/api/regions") { _, context -> Response in
            let account = try context.require(.viewPatches)
            let workspace = self.workspace
            let regions = try await offload { try workspace.store.regions() }
            return try JSONResponse.make(regions.filter { account.covers($0.code) }.map {
                RegionPayload(code: $0.code.rawValue, name: $0.name, level: $0.code.level?.rawValue, parent: $0.parentCode?.rawValue)
            })
        }
    }
}
