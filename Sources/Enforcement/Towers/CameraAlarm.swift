import Foundation
import Geo

/// Where an alarm stands: 待处理 → 已确认 (a real change: dispatch a patrol, make a patch) or 已排除
/// (a false alarm, with the reason).
public enum AlarmStatus: String, Sendable, Codable, CaseIterable {
    case new
    case confirmed
    case dismissed

    public var chineseName: String {
        switch self {
        case .new: return "待处理"
        case .confirmed: return "已确认"
        case .dismissed: return "已排除"
        }
    }

    /// Accepts the code name (`new`) or the Chinese name (`待处理`).
    public init?(text: String) {
        guard let status = AlarmStatus(rawValue: text) ?? AlarmStatus.allCases.first(where: { $0.chineseName == text }) else { return nil }
        self = status
    }
}

/// Why a duty officer dismissed an alarm: the causes that fool camera systems, counted per camera
/// so the next tuning knows where false alarms come from.
public enum DismissalReason: String, Sendable, Codable, CaseIterable {
    case lighting
    case weather
    case vehicle
    case approvedConstruction = "approved-construction"
    case vegetation
    case other

    public var chineseName: String {
        switch self {
        case .lighting: return "光照变化"
        case .weather: return "天气"
        case .vehicle: return "车辆行人"
        case .approvedConstruction: return "施工已批"
        case .vegetation: return "植被季节变化"
        case .other: return "其他"
        }
    }

    /// Accepts the code name, the Chinese name, or its first two characters (`光照`, `车辆`).
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let reason = DismissalReason(rawValue: trimmed)
            ?? DismissalReason.allCases.first(where: { $0.chineseName == trimmed || (trimmed.count >= 2 && $0.chineseName.hasPrefix(trimmed)) })
        else { return nil }
        self = reason
    }
}

/// A decision on an alarm's incident.
public struct AlarmDecision: Sendable, Equatable {
    public let status: AlarmStatus
    public let reason: DismissalReason?
    public let note: String
    public let by: String
    public let at: Date

    public init(status: AlarmStatus, reason: DismissalReason?, note: String, by: String, at: Date) {
        self.status = status
        self.reason = reason
        self.note = note
        self.by = by
        self.at = at
    }
}

/// 告警: a change that persisted over the preset's passes, where it is in the view and on the ground.
public struct CameraAlarm: Sendable, Equatable {
    /// `A-<camera>-<preset>-<yyyyMMddHHmmss>-<n>`, n counting the alarms of that frame.
    public let code: String
    public let cameraID: String
    public let preset: Int
    public let capturedAt: Date
    /// The frame that completed the persistence run, as kept in the workspace.
    public let frame: String
    /// The changed cells' rectangle in pixels of the preset's reference frame (x right, y down).
    public let view: Envelope
    /// The rectangle's ground quadrilateral (CGCS2000 lon/lat) and its ellipsoidal area; nil when the
    /// preset has no control points or the rectangle reaches above the horizon.
    public let ground: Geometry?
    public let area: Area?
    /// The code of the incident's first alarm; equal to `code` for that first alarm.
    public var incident: String
    public var status: AlarmStatus
    public var decision: AlarmDecision?

    public init(code: String, cameraID: String, preset: Int, capturedAt: Date, frame: String, view: Envelope,
                ground: Geometry?, area: Area?, incident: String, status: AlarmStatus = .new, decision: AlarmDecision? = nil) {
        self.code = code
        self.cameraID = cameraID
        self.preset = preset
        self.capturedAt = capturedAt
        self.frame = frame
        self.view = view
        self.ground = ground
        self.area = area
        self.incident = incident
        self.status = status
        self.decision = decision
    }

    /// Whether the alarm repeats an incident already open (a duplicate alarm).
    public var isDuplicate: Bool { incident != code }

    /// The alarm code for the `ordinal`-th alarm (1-based) of a frame.
    public static func code(camera: String, preset: Int, capturedAt: Date, ordinal: Int) -> String {
        "A-\(camera)-\(preset)-\(compactTime.string(from: capturedAt))-\(ordinal)"
    }

    private static let compactTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter
    }()

    /// 同一事件: `later` shows the same place as this alarm when it comes within `window` after it and
    /// either the same preset's view rectangles overlap, or both have ground polygons that meet (a
    /// neighbouring camera, or another preset, looking at the same field).
    public func isSamePlace(as later: CameraAlarm, within window: TimeInterval) throws -> Bool {
        if sharesView(with: later, within: window) { return true }
        guard follows(later, within: window), let ground, let other = later.ground else { return false }
        return try ground.intersects(other)
    }

    /// The part of `isSamePlace` that needs no ground: `later` comes within `window` after this alarm
    /// and the same preset's view rectangles overlap.
    public func sharesView(with later: CameraAlarm, within window: TimeInterval) -> Bool {
        follows(later, within: window) && cameraID == later.cameraID && preset == later.preset && view.intersects(later.view)
    }

    private func follows(_ later: CameraAlarm, within window: TimeInterval) -> Bool {
        let gap = later.capturedAt.timeIntervalSince(capturedAt)
        return gap >= 0 && gap <= window
    }

    /// Incidents merge alarms up to two weeks apart: a change seen again after a broken run, or by
    /// the next camera, is still one thing to check in the field.
    public static let incidentWindow: TimeInterval = 14 * 86_400
}
