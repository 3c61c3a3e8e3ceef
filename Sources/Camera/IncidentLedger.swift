import Enforcement
import Foundation
import Geo
import GeoIO

/// Alarms of the same place merged into incidents (事件), as the evaluation counts them: a change seen
/// again after a broken run is one thing to check in the field, not several. An alarm joins the
/// latest incident whose last alarm shares its view (`CameraAlarm.sharesView`: same preset,
/// overlapping rectangles, within `window`). The evaluation's alarms have no ground; the workspace
/// also merges by ground (`CameraAlarm.isSamePlace`).
public struct IncidentLedger: Sendable {
    public struct Incident: Sendable, Equatable {
        public let first: CameraAlarm
        public fileprivate(set) var last: CameraAlarm
        public fileprivate(set) var alarms: Int
    }

    public let window: TimeInterval
    public private(set) var incidents: [Incident] = []
    /// Alarms that joined an existing incident.
    public private(set) var duplicates = 0

    public init(window: TimeInterval = CameraAlarm.incidentWindow) {
        self.window = window
    }

    /// Files an alarm; returns its incident (the code of the incident's first alarm) and whether that
    /// incident is new.
    @discardableResult
    public mutating func record(_ alarm: CameraAlarm) -> (incident: String, isNew: Bool) {
        if let index = incidents.lastIndex(where: { $0.last.sharesView(with: alarm, within: window) }) {
            incidents[index].last = alarm
            incidents[index].alarms += 1
            duplicates += 1
            return (incidents[index].first.code, false)
        }
        incidents.append(Incident(first: alarm, last: alarm, alarms: 1))
        return (alarm.code, true)
    }
}

extension PixelWindow {
    /// The window as an envelope in pixels (x right, y down), as alarms keep their view rectangle.
    public var envelope: Envelope {
        Envelope(minX: Double(x), minY: Double(y), maxX: Double(x + width), maxY: Double(y + height))
    }

    /// The whole pixels of an alarm's view rectangle.
    public init(envelope: Envelope) {
        self.init(x: Int(envelope.minX), y: Int(envelope.minY), width: Int(envelope.maxX - envelope.minX), height: Int(envelope.maxY - envelope.minY))
    }
}
