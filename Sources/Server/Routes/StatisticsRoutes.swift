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

    struct Month: Encodable {
        let month: String
        let verified: Int
        let casesFiled: Int
        let casesClosed: Int
        let rectified: Int
        let rectifiedArea: AreaPayload
    }

    struct TrendPayload: Encodable {
        let batch: String?
        let months: [Month]
    }

    func register(on router: Router<APIContext>) {
        router.get("/api/statistics", use: statistics)
        router.get("/api/statistics/trend", use: trend)
    }

    /// 月度趋势: `to` (YYYY-MM, by default the latest month with any activity) and the `months` before it (default 12).
    @Sendable func trend(_ request: Request, context: APIContext) async throws -> Response {
        let account = try context.require(.viewStatistics)
        let query = request.uri.queryParameters
        var last: CalendarMonth?
        if let text = query["to"].map(String.init), !text.isEmpty {
            guard let parsed = CalendarMonth(text) else { throw APIError.badRequest("to 应为 YYYY-MM / to must be YYYY-MM") }
            last = parsed
        }
        let count = query["months"].map { Int(String($0)) } ?? 12
        guard let count, (1...MonthlyTrend.maximumMonths).contains(count) else {
            throw APIError.badRequest("months 应为 1–\(MonthlyTrend.maximumMonths) / months must be 1–\(MonthlyTrend.maximumMonths)")
        }
        let batch = query["batch"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let workspace = self.workspace
        let end = last
        let months = try await offload {
            try workspace.monthlyTrend(batch: batch, months: count, through: end, today: CalendarDay(Date())) {
                account.role == .administrator || account.covers($0)
            }
        }
        return try JSONResponse.make(TrendPayload(batch: batch, months: months.map {
            Month(month: $0.month.description, verified: $0.verified, casesFiled: $0.casesFiled, casesClosed: $0.casesClosed,
                  rectified: $0.rectified, rectifiedArea: AreaPayload($0.rectifiedArea))
        }))
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
