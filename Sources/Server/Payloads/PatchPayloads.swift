import Enforcement
import Foundation
import Geo
import Store
import Workspace

/// One row of `GET /api/patches`.
struct PatchListItemPayload: Codable, Sendable {
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

struct PatchListPayload: Codable, Sendable {
    let items: [PatchListItemPayload]
    /// Exact up to 10 000; `totalCapped` says there are more.
    let total: Int
    let totalCapped: Bool
    let limit: Int
    let offset: Int
}

/// `GET /api/patches/{batch}/{code}`: the patch, its geometry as GeoJSON (EPSG:4490), overlays,
/// pre-judgement, workflow, verifications and history.
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
    let geometry: RawJSON
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
        attributes = patch.attributes.mapValues(\.description)
        geometry = RawJSON(GeoJSON.encode(patch.geometry.shape))
        overlays = detail.overlays.map { layer, overlay in
            Overlay(layer: layer.name, kind: NamedCode(code: layer.kind.rawValue, name: layer.kind.chineseName),
                    area: AreaPayload(overlay.area), share: overlay.share, classes: overlay.classBreakdown.mapValues(AreaPayload.init),
                    features: overlay.features.map { hit in
                        let feature = detail.features[hit.featureID]
                        return Overlay.Feature(id: hit.featureID, area: AreaPayload(hit.area), classCode: feature?.classCode,
                                               attributes: feature?.attributes.mapValues(\.description) ?? [:])
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

/// A JSON text embedded as is (the patch's GeoJSON geometry).
struct RawJSON: Encodable, Sendable {
    let text: String
    init(_ text: String) { self.text = text }

    func encode(to encoder: Encoder) throws {
        let object = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        try object.encode(to: encoder)
    }
}

/// Any JSON value, for passing GeoJSON through Codable.
indirect enum JSONValue: Codable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}
