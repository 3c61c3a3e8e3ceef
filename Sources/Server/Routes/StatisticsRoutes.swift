import Enforcement
import Foundation
import Hummingbird
import Workspace

/// 统计: the figures of the workflow issue for the caller's jurisdiction (a county sees its own row, a
/// city its counties and subtotal, the province everything with the total).
struct StatisticsRoutes {
    let workspace: Workspace

    struct Tally: Encodable {
        let count: Int
        let area: AreaPayload
        let cultivatedArea: AreaPayload
        init(_ tally: CategoryTally) {
            count = tally.count
            area = AreaPayload(tally.area)
            cultivatedArea = AreaPayload(tally.cultivatedArea)
        }
    }

    struct Row: Encodable {
        let region: String?
        let name: String
        let level: String
        let patchCount: Int
        let area: AreaPayload
        let legal: Tally
        let illegal: Tally
        let other: Tally
        let pending: Tally
        /// 违法占用耕地面积比例 (0…1) and whether it reaches the 15% line.
        let illegalFarmlandRatio: Double?
        let exceedsIllegalFarmlandLine: Bool
        let onTimeRate: Double?
        let caseFilingRate: Double?
        let rectificationRate: Double?
        /// 元.
        let finesImposed: Double
        let finesCollected: Double
    }

    struct Concealment: Encodable {
        let city: String?
        let name: String
        let judged: Int
        let concealed: Int
        let rateByCount: Double?
        let rateByArea: Double?
        let flagged: Bool
    }

    struct Payload: Encodable {
        let batch: String?
        let asOf: String
        let rows: [Row]
        let concealment: [Concealment]
        let illegalFarmlandLine: Double
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/statistics", use: statistics)
    }

    @Sendable func statistics(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.viewStatistics)
        let batch = request.uri.queryParameters["batch"].map(String.init)
        var day = CalendarDay(Date())
        if let text = request.uri.queryParameters["asOf"].map(String.init) {
            guard let parsed = CalendarDay(text) else { throw APIError.badRequest("asOf 应为 YYYY-MM-DD / asOf must be YYYY-MM-DD") }
            day = parsed
        }
        let workspace = self.workspace
        let asOf = day
        let report = try await offload { try workspace.statistics(batch: batch, asOf: asOf) }
        let sees: (RegionCode?) -> Bool = { region in account.role == .administrator || account.covers(region) }
        let rows = report.rows.filter { sees($0.region) }.map { row in
            Row(region: row.region?.rawValue, name: report.name(of: row.region), level: "\(row.level)", patchCount: row.patchCount,
                area: AreaPayload(row.area), legal: Tally(row.tally(.legal)), illegal: Tally(row.tally(.illegal)),
                other: Tally(row.tally(.other)), pending: Tally(row.pending), illegalFarmlandRatio: row.illegalFarmlandRatio,
                exceedsIllegalFarmlandLine: row.exceedsIllegalFarmlandLine, onTimeRate: row.onTimeRate,
                caseFilingRate: row.caseFilingRate, rectificationRate: row.rectificationRate,
                finesImposed: Double(row.finesImposed.fen) / 100, finesCollected: Double(row.finesCollected.fen) / 100)
        }
        let concealment = report.concealment.filter { sees($0.city) }.map { rate in
            Concealment(city: rate.city?.rawValue, name: report.name(of: rate.city), judged: rate.judged, concealed: rate.concealed,
                        rateByCount: rate.rateByCount, rateByArea: rate.rateByArea,
                        flagged: (rate.rateByCount ?? 0) >= ConcealmentRate.flagThreshold)
        }
        return try JSONResponse.make(Payload(batch: batch, asOf: day.description, rows: rows, concealment: concealment,
                                             illegalFarmlandLine: RegionStatistics.illegalFarmlandLine))
    }
}
