import Camera
import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// 告警统计 by camera and by county.
public struct AlarmMetricsReport: Sendable {
    public let byCamera: [(camera: TowerCamera, metrics: AlarmMetrics)]
    public let byCounty: [(county: RegionCode?, metrics: AlarmMetrics)]
}

extension Workspace {
    /// Confirms (a real change) or dismisses (a false alarm, with its reason) the incident of alarm
    /// `code`: every alarm of the incident takes the decision, and each preset involved learns the
    /// decided look as normal, so the same change never alarms again. Dismissing with `maskingPlace`
    /// also adds the incident's view rectangles to each preset's mask, so nothing there is judged
    /// again: a café terrace or a market pitch, where things are set down for days. One transaction.
    @discardableResult
    public func decideAlarm(_ code: String, status: AlarmStatus, reason: DismissalReason?, note: String,
                            maskingPlace: Bool = false, signature: Signature) throws -> [CameraAlarm] {
        guard let alarm = try store.alarm(code: code) else { throw WorkspaceError.noAlarm(code) }
        guard alarm.status == .new else { throw WorkspaceError.alarmDecided(code: code, status: alarm.status) }
        precondition(status != .new, "a decision confirms or dismisses")
        if status == .dismissed, reason == nil { throw WorkspaceError.dismissalNeedsReason }
        if maskingPlace, status != .dismissed { throw WorkspaceError.maskNeedsDismissal }
        let incident = try store.alarms(AlarmFilter(incident: alarm.incident))
        var memories: [PresetMemory] = []
        for preset in Set(incident.map { PresetKey(camera: $0.cameraID, number: $0.preset) }) {
            guard let stored = try store.preset(camera: preset.camera, number: preset.number), let referenceName = stored.referenceFrame else { continue }
            let members = incident.filter { $0.cameraID == preset.camera && $0.preset == preset.number }
            var widened = stored
            if maskingPlace {
                widened.mask = try members.reduce(stored.mask) { mask, member in
                    let place = Geometry(rectangle: member.view)
                    return try mask.map { try $0.union(place) } ?? place
                }
            }
            var monitor = try restoreMonitor(widened, reference: try GrayImage(path: filesDirectory.appendingPathComponent(referenceName).path))
            for member in members { monitor.accept(PixelWindow(envelope: member.view)) }
            memories.append(PresetMemory(camera: preset.camera, preset: preset.number, memory: try JSONEncoder().encode(monitor.memory),
                                         mask: maskingPlace ? widened.mask : nil))
        }
        let decision = AlarmDecision(status: status, reason: status == .dismissed ? reason : nil, note: note,
                                     by: signature.person, at: signature.at)
        try store.decideIncident(alarm.incident, decision: decision, memories: memories)
        return try store.alarms(AlarmFilter(incident: alarm.incident))
    }

    /// False-alarm rate, duplicate rate and time to confirm per camera and per county, over the
    /// alarms of cameras inside `region` (all when nil) captured since `since`.
    public func alarmMetrics(region: RegionCode?, since: Date?) throws -> AlarmMetricsReport {
        let cameras = Dictionary(uniqueKeysWithValues: try store.cameras().map { ($0.id, $0) })
        let alarms = try store.alarms(AlarmFilter(region: region, since: since))
        let byCamera = AlarmMetrics.tally(alarms) { $0.cameraID }
        let byCounty = AlarmMetrics.tally(alarms) { cameras[$0.cameraID]?.regionCode }
        return AlarmMetricsReport(
            byCamera: byCamera.compactMap { id, metrics in cameras[id].map { ($0, metrics) } }.sorted { $0.camera.id < $1.camera.id },
            byCounty: byCounty.map { ($0.key, $0.value) }.sorted { ($0.county?.rawValue ?? "") < ($1.county?.rawValue ?? "") })
    }
}

private struct PresetKey: Hashable {
    let camera: String
    let number: Int
}
