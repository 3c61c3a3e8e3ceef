import Enforcement
import Foundation
import Geo
import GRDB

extension SQLiteStore {
    /// A filtered page of patches with their workflow and pre-judgement, ordered by batch and code.
    /// Jurisdictions filter on the indexed `patch.county` as a code range; the count joins only the
    /// tables a filter needs and stops after the filter's `countLimit`, so a page costs the same on a
    /// province of a million patches as on a county; the count is then kept until the next write
    /// (`ListCountCache`). A deep page starts from the nearest page start already seen (`PageAnchorCache`).
    public func patchList(_ filter: PatchListFilter) throws -> PatchListPage {
        // Taken before the read begins (see `PageAnchorCache.start`); a snapshot's older rows use no anchor.
        let start = inSnapshot ? nil : pageAnchors.start(for: filter.rows, offset: filter.offset)
        return try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            var joins: Set<String> = []
            func add(_ condition: String, _ values: [(any DatabaseValueConvertible)?], joining join: String? = nil) {
                conditions.append(condition)
                _ = arguments.append(contentsOf: StatementArguments(values))
                if let join { joins.insert(join) }
            }
            if let batch = filter.batch { add("p.batch_code = ?", [batch]) }
            // A province also answers for the patches no county claims (as `UserAccount.covers` says).
            if let within = filter.within, try !Self.holdsOnlyPatches(inside: within, db) {
                let (condition, values) = RowCoding.countyCondition(inside: within)
                add(within.level == .province ? "(\(condition) OR p.county IS NULL)" : condition, values)
            }
            if let region = filter.region {
                let (condition, values) = RowCoding.countyCondition(inside: region)
                add(condition, values)
            }
            if let status = filter.status {
                add(status == .unassigned ? "COALESCE(w.status, 'unassigned') = ?" : "w.status = ?", [status.rawValue], joining: Self.workflowJoin)
            }
            if let category = filter.category { add("w.category = ?", [category.rawValue], joining: Self.workflowJoin) }
            if let verdict = filter.verdict { add("j.verdict = ?", [verdict.rawValue], joining: Self.judgementJoin) }
            if let priority = filter.priority { add("j.priority = ?", [priority.rawValue], joining: Self.judgementJoin) }
            if let judged = filter.auditJudged {
                // The audit flags live in the stored state only: this filter reads them from its JSON.
                add("json_extract(w.state, '$.selectedForAudit') = 1 AND (json_extract(w.state, '$.auditJudgement') IS NOT NULL) = ?",
                    [judged], joining: Self.workflowJoin)
            }
            if let e = filter.envelope {
                add("p.id IN (SELECT id FROM patch_rtree WHERE max_x >= ? AND min_x <= ? AND max_y >= ? AND min_y <= ?)",
                    [e.minX, e.maxX, e.minY, e.maxY])
            }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            // A county or city narrows a province's patches a hundredfold: its index goes first, whatever
            // the statistics say about statuses or batches. (A province's own range, with its OR, does not narrow.)
            let narrows = filter.region != nil || (filter.within.map { $0.level != .province } ?? false)
            let patches = narrows ? "patch p INDEXED BY patch_county" : "patch p"
            let countJoins = [Self.workflowJoin, Self.judgementJoin].filter(joins.contains).joined(separator: " ")
            let countSQL = "SELECT COUNT(*) FROM (SELECT 1 FROM \(patches) \(countJoins)\(whereClause) LIMIT ?)"
            let countArguments = arguments + [filter.countLimit + 1]
            let counted = try listCounts.count(for: "\(countSQL)|\(countArguments)") {
                try Int.fetchOne(db.cachedStatement(sql: countSQL), arguments: countArguments) ?? 0
            }
            // A known start of a page at or below the offset is sought on the index instead of stepped to.
            var pageWhere = whereClause, pageArguments = arguments, skipped = filter.offset
            if let anchor = start?.anchor {
                // With one batch the key's batch is fixed, and `code >= ?` is an index range after the batch;
                // SQLite's planner would test the row value on every row of the batch instead.
                let (condition, values) = filter.batch == nil
                    ? ("(p.batch_code, p.code) >= (?, ?)", [anchor.batch, anchor.code]) : ("p.code >= ?", [anchor.code])
                pageWhere += (conditions.isEmpty ? " WHERE " : " AND ") + condition
                _ = pageArguments.append(contentsOf: StatementArguments(values))
                skipped -= anchor.offset
            }
            // Rows before the page are skipped on the patch index (and the filters' joins) alone, and only the
            // page's rows then fetch their workflow, pre-judgement and geometry; with (nearly) nothing to skip
            // the page is read in one pass, which costs half as much (a province's first page in sqlite3: 0.11
            // against 0.25 ms). Each row is read while the statement stands on it (a cursor), where GRDB reads
            // columns straight from SQLite; a copied row (fetchAll) decodes every value through generic code,
            // which showed in the list's profile.
            let columns = """
                SELECT p.batch_code, p.code, p.county, p.area_m2, p.after_date, w.status, w.version, w.due, w.category,
                       j.verdict, j.priority, p.id, p.geometry
                """
            let pageSQL = skipped <= filter.limit
                ? """
                  \(columns) FROM \(patches) \(Self.workflowJoin) \(Self.judgementJoin)\(pageWhere)
                  ORDER BY p.batch_code, p.code LIMIT ? OFFSET ?
                  """
                : """
                  \(columns)
                  FROM (SELECT p.id FROM \(patches) \(countJoins)\(pageWhere) ORDER BY p.batch_code, p.code LIMIT ? OFFSET ?) page
                  JOIN patch p ON p.id = page.id \(Self.workflowJoin) \(Self.judgementJoin)
                  ORDER BY p.batch_code, p.code
                  """
            let items = try Array(Row.fetchCursor(db.cachedStatement(sql: pageSQL), arguments: pageArguments + [filter.limit, skipped])
                .map(Self.listItem))
            if let start, let first = items.first {
                pageAnchors.remember(.init(offset: filter.offset, batch: first.batch, code: first.code), for: filter.rows, from: start)
            }
            return PatchListPage(items: items, total: min(counted, filter.countLimit),
                                 totalIsCapped: counted > filter.countLimit)
        }
    }

    /// True when `province` is a province and no patch of the workspace answers to a county outside it:
    /// then its jurisdiction excludes nothing and the list need not test every row against it, which
    /// was two thirds of a deep page's SQL time in a province's own workspace. Two probes at the ends
    /// of the county index, read in the list's own transaction.
    private static func holdsOnlyPatches(inside province: RegionCode, _ db: Database) throws -> Bool {
        guard province.level == .province else { return false }
        let (_, bounds) = RowCoding.countyCondition(inside: province)
        return try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT NOT EXISTS (SELECT 1 FROM patch INDEXED BY patch_county WHERE county < ?)
               AND NOT EXISTS (SELECT 1 FROM patch INDEXED BY patch_county WHERE county >= ?)
            """), arguments: [bounds[0], bounds[1]]) ?? false
    }

    private static let workflowJoin = "LEFT JOIN patch_workflow w ON w.patch_id = p.id"
    private static let judgementJoin = "LEFT JOIN prejudgement j ON j.patch_id = p.id"

    /// The county of one patch (assignment, else region code); nil when the patch does not exist.
    public func patchOwnership(_ key: PatchKey) throws -> PatchOwnership? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT county FROM patch WHERE batch_code = ? AND code = ?
                """), arguments: [key.batch, key.code]).map { PatchOwnership(county: RowCoding.regionCode($0["county"])) }
        }
    }

    /// A list row, its columns read by position in the order of the page query's SELECT (GRDB's by-name
    /// lookup lowercases every name, which costs more than the rest of the row on a list of fifty).
    /// Its envelope is scanned from the WKB: exact, and cheaper than joining the R*Tree, whose lookup by
    /// id was half of a page's SQL time and whose bounds are rounded to float32.
    private static func listItem(_ row: Row) throws -> PatchListItem {
        let id: Int64 = row[11]
        let wkb = try row.withUnsafeData(atIndex: 12) { [UInt8]($0 ?? Data()) }
        let envelope = try RowCoding.envelope(wkb: wkb, table: "patch", id: id)
        let batch: String = row[0], code: String = row[1], county: String? = row.nullable(2)
        let area: Double = row[3], afterDate: String? = row.nullable(4), status: String? = row.nullable(5), version: Int? = row.nullable(6)
        let due: String? = row.nullable(7), category: String? = row.nullable(8), verdict: String? = row.nullable(9)
        let priority: String? = row.nullable(10)
        return PatchListItem(batch: batch, code: code, county: RowCoding.regionCode(county),
                             area: Area(squareMetres: area), afterDate: afterDate,
                             status: status.flatMap { PatchStatus(rawValue: $0) } ?? .unassigned, version: version ?? 0,
                             due: due.flatMap { CalendarDay($0) }, category: category.flatMap { DeterminationCategory(rawValue: $0) },
                             verdict: verdict.flatMap { PrejudgeVerdict(rawValue: $0) }, priority: priority.flatMap { PatchPriority(rawValue: $0) },
                             envelope: envelope)
    }
}
