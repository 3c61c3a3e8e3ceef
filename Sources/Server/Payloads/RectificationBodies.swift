import Enforcement
import Foundation
import Geo
import Workspace

/// A measure as a form sends it: `kind` by code or Chinese name (拆除复耕 / 补办手续 / 没收), area in 亩.
struct MeasureBody: Decodable {
    let kind: String
    let detail: String?
    let areaMu: Double?

    func measure() throws -> RectificationMeasure {
        guard let kind = RectificationKind(text: kind) else {
            let known = RectificationKind.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、")
            throw APIError.badRequest("整改措施类型「\(self.kind)」无效，可用：\(known) / unknown measure kind \(self.kind)")
        }
        if let areaMu, !(areaMu.isFinite && areaMu >= 0) {
            throw APIError.badRequest("整改面积须为非负的亩数 / areaMu must be a non-negative number of mu")
        }
        return RectificationMeasure(kind: kind, detail: detail ?? "", area: areaMu.map { Area(mu: $0) })
    }
}

/// `POST …/rectification` of a case or a supervision problem: one step on one measure (numbered from 1).
/// `evidence` hands in a note and photos uploaded before through `POST /api/photos`; `accept` and
/// `reject` are the verifier's answer.
struct RectificationStepBody: Decodable {
    enum Step: String, Decodable {
        case evidence, accept, reject
    }
    let measure: Int
    let step: Step
    let note: String?
    let photos: [String]?
    let reason: String?
    let on: String?
    let version: Int

    /// Evidence is handed in by whoever rectifies; accepting or rejecting it is the record keeper's.
    func permission(verifying keeper: Permission) -> Permission {
        step == .evidence ? .rectify : keeper
    }

    func planStep(by person: String, photos store: PhotoStore) throws -> RectificationPlan.Step {
        switch step {
        case .evidence:
            let hashes = photos ?? []
            _ = try PhotoRoutes.uploaded(hashes, in: store)
            return .submitEvidence(measure: measure, RectificationEvidence(note: note ?? "", files: hashes, by: person, at: Date()))
        case .accept:
            return .accept(measure: measure, on: try RequestDay.parse(on, field: "on"))
        case .reject:
            return .reject(measure: measure, reason: reason ?? "")
        }
    }
}

/// `POST …/closing`: the day (default today) and the version seen.
struct ClosingBody: Decodable {
    let on: String?
    let version: Int
}

/// Dates in bodies: YYYY-MM-DD, today (Beijing time) when omitted.
enum RequestDay {
    static func parse(_ text: String?, field: String) throws -> CalendarDay {
        guard let text, !text.isEmpty else { return CalendarDay(Date()) }
        guard let day = CalendarDay(text) else {
            throw APIError.badRequest("\(field)「\(text)」应为 YYYY-MM-DD / \(field) must be YYYY-MM-DD")
        }
        return day
    }
}
