import Enforcement
import Geo
import GRDB

extension SQLiteStore {
    public func patchTallies(batch: String?) throws -> [PatchTally] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT region_code, region_source, spatial_region_code, invalid_reason IS NOT NULL AS invalid,
                       COUNT(*) AS n, SUM(area_m2) AS area
                FROM patch WHERE ?1 IS NULL OR batch_code = ?1
                GROUP BY region_code, region_source, spatial_region_code, invalid
                """), arguments: [batch]).map { row in
                PatchTally(regionCode: RowCoding.regionCode(row["region_code"]),
                           regionSource: RegionSource(rawValue: row["region_source"]) ?? .none,
                           spatialRegionCode: RowCoding.regionCode(row["spatial_region_code"]),
                           invalid: row["invalid"], count: row["n"], area: Area(squareMetres: row["area"]))
            }
        }
    }

    public func unrepairedInvalidFeatureCounts() throws -> [Int64: Int] {
        try read { db in
            var counts: [Int64: Int] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT layer_id, COUNT(*) AS n FROM layer_feature WHERE invalid_reason IS NOT NULL AND repaired = 0 GROUP BY layer_id
                """)) {
                counts[row["layer_id"]] = row["n"]
            }
            return counts
        }
    }
}
