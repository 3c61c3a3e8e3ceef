import Camera
import Enforcement
import Foundation
import Geo
import Store

/// What turning a confirmed alarm into a patch did.
public struct AlarmPatchReport: Sendable, Equatable {
    public let patch: Patch
    /// True when the patch was already there (the incident was turned into a patch before).
    public let existed: Bool
    /// The county and deadline it was handed to; nil when it was already assigned or has no county.
    public let assignedTo: RegionCode?
    public let due: CalendarDay?
}

extension Workspace {
    /// The batch a camera patch joins: one per month of its first alarm (UTC+8), `CAM-202404`.
    public static func cameraBatchCode(for date: Date) -> String {
        let day = CalendarDay(date)
        return String(format: "CAM-%04d%02d", day.year, day.month)
    }

    /// 告警转图斑: the confirmed incident of alarm `code` becomes a patch of the month's camera batch,
    /// so the overlay engine judges it (on basic farmland → high priority) and the county checks it
    /// like any satellite patch; it is handed to its county, due `dueInDays` after the signature's day.
    /// The patch is the union of the incident's ground polygons, coded by the incident; 前时相 is the
    /// day of the last pass before the persistence run, 后时相 that of the first alarm. Asked again, it
    /// returns the patch made before.
    public func patchFromAlarm(_ code: String, dueInDays: Int, signature: Signature) throws -> AlarmPatchReport {
        guard let alarm = try store.alarm(code: code) else { throw WorkspaceError.noAlarm(code) }
        guard alarm.status == .confirmed else { throw WorkspaceError.alarmNotConfirmed(code: code, status: alarm.status) }
        let incident = try store.alarms(AlarmFilter(incident: alarm.incident)).sorted { $0.capturedAt < $1.capturedAt }
        guard let first = incident.first else { throw WorkspaceError.noAlarm(code) }
        let batchCode = Self.cameraBatchCode(for: first.capturedAt)
        let existing = try store.patch(batch: batchCode, code: first.incident)
        let patch = try existing ?? makePatch(incident, batch: batchCode, confirmedBy: alarm.decision?.by ?? "", at: signature.at)

        let key = PatchKey(batch: batchCode, code: patch.code)
        guard let county = patch.regionCode, county.level == .county || county.level == nil,
              try store.patchWorkflow(key)?.status == .unassigned else {
            return AlarmPatchReport(patch: patch, existed: existing != nil, assignedTo: nil, due: nil)
        }
        let due = CalendarDay(signature.at).adding(days: dueInDays)
        try assign(key, to: county, due: due, signature: signature)
        return AlarmPatchReport(patch: patch, existed: existing != nil, assignedTo: county, due: due)
    }

    /// The patch made of `incident` (by `patchFromAlarm`), if it was made.
    public func patch(ofIncident incident: String) throws -> Patch? {
        guard let first = try store.alarms(AlarmFilter(incident: incident)).map(\.capturedAt).min() else { return nil }
        return try store.patch(batch: Self.cameraBatchCode(for: first), code: incident)
    }

    /// The incident's patch, stored in `batch` (one transaction).
    private func makePatch(_ incident: [CameraAlarm], batch batchCode: String, confirmedBy: String, at time: Date) throws -> Patch {
        let first = incident[0]
        let grounds = incident.compactMap(\.ground)
        guard let firstGround = grounds.first else { throw WorkspaceError.alarmWithoutGround(first.code) }
        let geometry = try grounds.dropFirst().reduce(firstGround) { try $0.union($1) }
        let found = try RegionLocator(regions: store.regions()).locate(geometry)
        let region = try found ?? store.camera(first.cameraID)?.regionCode
        let patch = Patch(
            code: first.incident, batchCode: batchCode, regionCode: region,
            regionSource: found != nil ? .spatial : (region != nil ? .attribute : .none), spatialRegionCode: found,
            geometry: geometry, area: EllipsoidalArea.of(lonLat: geometry.shape),
            beforeDate: try dayBeforeRun(of: first).map(\.description), afterDate: CalendarDay(first.capturedAt).description,
            invalidReason: nil, repaired: false,
            attributes: ["来源": .string("铁塔视频告警"), "告警编号": .string(first.incident), "摄像机": .string(first.cameraID),
                         "预置位": .integer(Int64(first.preset)), "告警画面": .string(first.frame), "确认人": .string(confirmedBy)])
        let batch = try Batch(code: batchCode, name: "铁塔视频告警 \(batchCode.dropFirst(4)) / tower-camera alarms",
                              sourcePath: "cameras", importedAt: time)
        _ = try store.importBatch(batch) { sink in _ = try sink.upsert(patch) }
        return patch
    }

    /// The day of the preset's last compared pass before the run of passes that raised `alarm`.
    private func dayBeforeRun(of alarm: CameraAlarm) throws -> CalendarDay? {
        let earlier = try store.passes(camera: alarm.cameraID, preset: alarm.preset)
            .filter { $0.outcome == .compared && $0.capturedAt < alarm.capturedAt }
        let run = MonitorSettings().persistencePasses - 1
        guard !earlier.isEmpty else { return nil }
        return CalendarDay(earlier[max(0, earlier.count - run - 1)].capturedAt)
    }
}
