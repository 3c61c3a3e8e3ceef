import Enforcement
import Foundation
import Geo
import Store
import Workspace

/// One row of `GET /api/patches`.
struct PatchListItemPayload: Codable, Sendable, Equatable {
    let batch: String
    let code: String
    let county: String?
    let area: AreaPayload
    let afterDate: String?
    let status: NamedCode
    let version: Int
    let due: String?
    let category: NamedCode?
    let verdict: NamedCode?
    let priority: NamedCode?
    let bbox: BoundingBox?

    init(_ item: PatchListItem) {
        batch = item.batch
        code = item.code
        county = item.county?.rawValue
        area = AreaPayload(item.area)
        afterDate = item.afterDate
        status = NamedCode(code: item.status.rawValue, name: item.status.chineseName)
        version = item.version
        due = item.due?.description
        category = item.category.map { NamedCode(code: $0.rawValue, name: $0.chineseName) }
        verdict = item.verdict.map { NamedCode(code: $0.rawValue, name: $0.chineseName) }
        priority = item.priority.map { NamedCode(code: $0.rawValue, name: $0.chineseName) }
        bbox = item.envelope?.boundingBox
    }
}

struct PatchListPayload: Codable, Sendable, Equatable {
    let items: [PatchListItemPayload]
    /// Exact up to 10 000; `totalCapped` says there are more.
    let total: Int
    let totalCapped: Bool
    let limit: Int
    let offset: Int

    /// The same JSON as `JSONResponse` would write, written by hand (`JSONWriter`): keys sorted, nil
    /// fields left out.
    var json: [UInt8] {
        var writer = JSONWriter(capacity: 400 * items.count + 100)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in items { writer.item(item) }
        writer.endArray()
        writer.key("limit")
        writer.number(limit)
        writer.key("offset")
        writer.number(offset)
        writer.key("total")
        writer.number(total)
        writer.key("totalCapped")
        writer.bool(totalCapped)
        writer.endObject()
        return writer.bytes
    }
}

private extension JSONWriter {
    mutating func item(_ item: PatchListItemPayload) {
        beginObject()
        if let afterDate = item.afterDate { key("afterDate"); string(afterDate) }
        key("area"); area(item.area)
        key("batch"); string(item.batch)
        if let bbox = item.bbox {
            key("bbox")
            beginArray()
            for value in bbox { number(value) }
            endArray()
        }
        if let category = item.category { key("category"); named(category) }
        key("code"); string(item.code)
        if let county = item.county { key("county"); string(county) }
        if let due = item.due { key("due"); string(due) }
        if let priority = item.priority { key("priority"); named(priority) }
        key("status"); named(item.status)
        if let verdict = item.verdict { key("verdict"); named(verdict) }
        key("version"); number(item.version)
        endObject()
    }

    mutating func area(_ area: AreaPayload) {
        beginObject()
        key("hectares"); number(area.hectares)
        key("mu"); number(area.mu)
        key("squareMetres"); number(area.squareMetres)
        endObject()
    }

    mutating func named(_ named: NamedCode) {
        beginObject()
        key("code"); string(named.code)
        key("name"); string(named.name)
        endObject()
    }
}

/// `GET /api/patches/{batch}/{code}`: the patch, overlays, pre-judgement, workflow, verifications and
/// history. Its geometry (GeoJSON, EPSG:4490, as GEOS writes it) is spliced in by the route
/// (`JSONResponse.make(_:adding:)`) rather than parsed and encoded again.
struct PatchDetailPayload: Encodable, Sendable {
    struct Overlay: Encodable, Sendable {
        struct Feature: Encodable, Sendable {
            let id: Int64
            let area: AreaPayload
            let classCode: String?
            let attributes: [String: String]
        }
        let layer: String
        let kind: NamedCode
        let area: AreaPayload
        let share: Double
        let classes: [String: AreaPayload]
        let features: [Feature]
    }
    struct Prejudged: Encodable, Sendable {
        let verdict: NamedCode
        let subtype: String?
        let priority: NamedCode
        let decidingRule: String?
        let fired: [FiredRule]
    }
    struct Event: Encodable, Sendable {
        let sequence: Int64
        let at: String
        let actor: String
        let action: String
        let hash: String
    }

    let batch: String
    let code: String
    let county: String?
    let regionCode: String?
    let area: AreaPayload
    let beforeDate: String?
    let afterDate: String?
    let invalidReason: String?
    let repaired: Bool
    let attributes: [String: String]
    let overlays: [Overlay]
    let prejudgement: Prejudged?
    let status: NamedCode
    let version: Int
    /// The category that counts: the provincial audit's where it judged, else the county's determination's.
    let category: NamedCode?
    let workflow: PatchWorkflow
    let verifications: [Verification]
    let history: [Event]

    init(_ detail: PatchDetail) {
        let patch = detail.patch
        batch = patch.batchCode
        code = patch.code
        county = (detail.workflow.assignment?.county ?? patch.regionCode)?.rawValue
        regionCode = patch.regionCode?.rawValue
        area = AreaPayload(patch.area)
        beforeDate = patch.beforeDate
        afterDate = patch.afterDate
        invalidReason = patch.invalidReason
        repaired = patch.repaired
        attributes = patch.attributes.mapValues { $0.description }
        overlays = detail.overlays.map { layer, overlay in
            Overlay(layer: layer.name, kind: NamedCode(code: layer.kind.rawValue, name: layer.kind.chineseName),
                    area: AreaPayload(overlay.area), share: overlay.share, classes: overlay.classBreakdown.mapValues(AreaPayload.init),
                    features: overlay.features.map { hit in
                        let feature = detail.features[hit.featureID]
                        return Overlay.Feature(id: hit.featureID, area: AreaPayload(hit.area), classCode: feature?.classCode,
                                               attributes: feature?.attributes.mapValues { $0.description } ?? [:])
                    })
        }
        prejudgement = detail.prejudgement.map {
            Prejudged(verdict: NamedCode(code: $0.verdict.rawValue, name: $0.verdict.chineseName), subtype: $0.subtype,
                      priority: NamedCode(code: $0.priority.rawValue, name: $0.priority.chineseName),
                      decidingRule: $0.decidingRule, fired: $0.fired)
        }
        status = NamedCode(code: detail.workflow.status.rawValue, name: detail.workflow.status.chineseName)
        version = detail.workflow.version
        category = detail.workflow.effectiveCategory.map { NamedCode(code: $0.rawValue, name: $0.chineseName) }
        workflow = detail.workflow
        verifications = detail.verifications
        history = detail.history.map { Event(sequence: $0.sequence, at: $0.at, actor: $0.actor, action: $0.action, hash: $0.hash) }
    }
}
