import Enforcement
import Foundation
import Geo
import GRDB

/// Where the patch table's columns sit in a statement's rows, found once per statement so that rows
/// are read by position: GRDB's lookup by name lowercases the name on every access, which showed in
/// the overlay's profile once per column and patch.
struct PatchColumns {
    let id, sortKey, code, batchCode, regionCode, regionSource, spatialRegionCode: Int
    let area, beforeDate, afterDate, invalidReason, repaired, attributes, geometry: Int

    init(_ names: [String]) throws {
        func position(_ name: String) throws -> Int {
            guard let index = names.firstIndex(of: name) else {
                throw StoreError.corruptRow(table: "patch", id: "?", detail: "no column \(name)")
            }
            return index
        }
        id = try position("id"); sortKey = try position("sort_key"); code = try position("code")
        batchCode = try position("batch_code"); regionCode = try position("region_code")
        regionSource = try position("region_source"); spatialRegionCode = try position("spatial_region_code")
        area = try position("area_m2"); beforeDate = try position("before_date"); afterDate = try position("after_date")
        invalidReason = try position("invalid_reason"); repaired = try position("repaired")
        attributes = try position("attributes"); geometry = try position("geometry")
    }

    func patch(_ row: Row) throws -> Patch {
        let rowID: Int64 = row[id]
        let wkb = try row.withUnsafeData(atIndex: geometry) { [UInt8]($0 ?? Data()) }
        return Patch(code: row[code], batchCode: row[batchCode], regionCode: RowCoding.regionCode(row.nullable(regionCode)),
                     regionSource: RegionSource(rawValue: row[regionSource]) ?? .none,
                     spatialRegionCode: RowCoding.regionCode(row.nullable(spatialRegionCode)),
                     geometry: try RowCoding.geometry(wkb: wkb, table: "patch", id: rowID), area: Area(squareMetres: row[area]),
                     beforeDate: row.nullable(beforeDate), afterDate: row.nullable(afterDate), invalidReason: row.nullable(invalidReason),
                     repaired: row[repaired], attributes: try RowCoding.attributes(row[attributes], table: "patch", id: rowID))
    }

    func stored(_ row: Row) throws -> StoredPatch {
        StoredPatch(id: row[id], cursor: PatchCursor(sortKey: row[sortKey], id: row[id]), patch: try patch(row))
    }
}
