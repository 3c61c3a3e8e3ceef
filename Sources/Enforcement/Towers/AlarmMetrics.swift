import Foundation

/// 告警统计 of one camera or one county: what the evaluation asks of a camera system, from
/// the duty officers' own decisions.
public struct AlarmMetrics: Sendable, Equatable {
    public var alarms = 0
    /// Alarms that repeated an incident already open.
    public var duplicates = 0
    public var incidents = 0
    public var confirmed = 0
    public var dismissed = 0
    /// Incidents still waiting for a decision.
    public var pending = 0
    /// Dismissed incidents by reason.
    public var dismissalReasons: [DismissalReason: Int] = [:]
    /// Hours from an incident's first alarm to its confirmation, in order.
    public var hoursToConfirm: [Double] = []

    public init() {}

    /// 误报率: dismissed incidents over decided ones; nil before any decision.
    public var falseAlarmRate: Double? {
        confirmed + dismissed == 0 ? nil : Double(dismissed) / Double(confirmed + dismissed)
    }

    /// 重复报警率: alarms that repeated an open incident over all alarms; nil without alarms.
    public var duplicateRate: Double? { alarms == 0 ? nil : Double(duplicates) / Double(alarms) }

    /// Median hours from first alarm to confirmation; nil before any confirmation.
    public var medianHoursToConfirm: Double? {
        guard !hoursToConfirm.isEmpty else { return nil }
        let middle = hoursToConfirm.count / 2
        return hoursToConfirm.count % 2 == 1 ? hoursToConfirm[middle] : (hoursToConfirm[middle - 1] + hoursToConfirm[middle]) / 2
    }

    /// The metrics of `alarms`, grouped by `key` (a camera id, a county code): an incident counts for
    /// the group of its first alarm.
    public static func tally<Key: Hashable>(_ alarms: [CameraAlarm], by key: (CameraAlarm) -> Key) -> [Key: AlarmMetrics] {
        var metrics: [Key: AlarmMetrics] = [:]
        for alarm in alarms {
            let group = key(alarm)
            metrics[group, default: AlarmMetrics()].alarms += 1
            guard !alarm.isDuplicate else { metrics[group, default: AlarmMetrics()].duplicates += 1; continue }
            metrics[group, default: AlarmMetrics()].count(incidentOf: alarm)
        }
        for group in metrics.keys { metrics[group]?.hoursToConfirm.sort() }
        return metrics
    }

    private mutating func count(incidentOf first: CameraAlarm) {
        incidents += 1
        switch first.status {
        case .new:
            pending += 1
        case .confirmed:
            confirmed += 1
            if let decision = first.decision { hoursToConfirm.append(decision.at.timeIntervalSince(first.capturedAt) / 3600) }
        case .dismissed:
            dismissed += 1
            if let reason = first.decision?.reason { dismissalReasons[reason, default: 0] += 1 }
        }
    }
}
