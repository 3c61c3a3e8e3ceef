import Foundation
import GeoIO

/// One alarm as raised: which camera and preset, when, and where in the view.
public struct Alarm: Sendable, Equatable {
    public let camera: String
    public let preset: Int
    public let time: Date
    public let region: PixelWindow

    public init(camera: String, preset: Int, time: Date, region: PixelWindow) {
        self.camera = camera
        self.preset = preset
        self.time = time
        self.region = region
    }
}

/// Alarms of the same place merged into incidents (事件), so that a change seen again — after a
/// broken run, from the next pass of the patrol — is one thing to check in the field, not several.
/// Two alarms are the same place when they come from the same camera and preset, their regions
/// overlap, and the later one is within `window` of the incident's last alarm.
public struct IncidentLedger: Sendable {
    public struct Incident: Sendable, Equatable {
        public let id: Int
        public let first: Alarm
        public private(set) var alarms: Int
        public private(set) var last: Date

        mutating func add(_ alarm: Alarm) {
            alarms += 1
            last = alarm.time
        }
    }

    public let window: TimeInterval
    public private(set) var incidents: [Incident] = []
    /// Alarms that joined an existing incident.
    public private(set) var duplicates = 0

    public init(window: TimeInterval = 14 * 86_400) {
        self.window = window
    }

    /// Files an alarm; returns its incident and whether that incident is new.
    @discardableResult
    public mutating func record(_ alarm: Alarm) -> (incident: Int, isNew: Bool) {
        if let index = incidents.lastIndex(where: { same($0, alarm) }) {
            incidents[index].add(alarm)
            duplicates += 1
            return (incidents[index].id, false)
        }
        let incident = Incident(id: incidents.count + 1, first: alarm, alarms: 1, last: alarm.time)
        incidents.append(incident)
        return (incident.id, true)
    }

    private func same(_ incident: Incident, _ alarm: Alarm) -> Bool {
        incident.first.camera == alarm.camera && incident.first.preset == alarm.preset
            && incident.first.region.intersects(alarm.region) && alarm.time.timeIntervalSince(incident.last) <= window
    }
}
