import Enforcement
import Foundation
import Geo
import Workspace

/// A tower camera and its presets as the API shows them.
struct CameraPayload: Encodable {
    struct Preset: Encodable {
        let number: Int
        let controlPoints: Int
        let masked: Bool
        /// The reference frame's address; nil before the first frame.
        let referenceFrame: String?
    }

    let id: String
    let name: String
    let lon: Double
    let lat: Double
    let heightMetres: Double
    let region: String?
    let presets: [Preset]

    init(_ camera: TowerCamera, presets: [CameraPreset]) {
        id = camera.id
        name = camera.name
        lon = camera.position.x
        lat = camera.position.y
        heightMetres = camera.heightMetres
        region = camera.regionCode?.rawValue
        self.presets = presets.map { preset in
            Preset(number: preset.number, controlPoints: preset.controlPoints.count, masked: preset.mask != nil,
                   referenceFrame: preset.referenceFrame.map { FrameAddress.url(camera: camera.id, preset: preset.number, kept: $0) })
        }
    }
}

/// Where the API serves a kept camera frame: `/api/cameras/<id>/presets/<n>/frames/<yyyyMMdd_HHmmss>`.
enum FrameAddress {
    /// `kept` is the frame's name in the workspace, `cameras/<id>/<n>/<stem>.<ext>`.
    static func url(camera: String, preset: Int, kept: String) -> String {
        let stem = ((kept as NSString).lastPathComponent as NSString).deletingPathExtension
        return "/api/cameras/\(camera)/presets/\(preset)/frames/\(stem)"
    }
}

/// One camera pass: when, from where, and its frame's address.
struct PassPayload: Encodable {
    let capturedAt: Date
    let source: String
    let outcome: NamedCode
    let changedCells: Int
    let frame: String

    init(_ pass: CameraPass) {
        capturedAt = pass.capturedAt
        // A grabbed stream's URL is stored without its password (FrameGrabber.redacted).
        source = pass.source
        outcome = NamedCode(code: pass.outcome.rawValue, name: pass.outcome.chineseName)
        changedCells = pass.changedCells
        frame = FrameAddress.url(camera: pass.cameraID, preset: pass.preset, kept: pass.frame)
    }
}

/// An alarm: where in the view (pixels of the preset's reference frame) and on the ground, its
/// incident and decision.
struct AlarmPayload: Encodable {
    struct Decision: Encodable {
        let status: NamedCode
        let reason: NamedCode?
        let note: String
        let by: String
        let at: Date
    }

    let code: String
    let camera: String
    let preset: Int
    let capturedAt: Date
    let frame: String
    /// [minX, minY, maxX, maxY] in pixels, x right, y down.
    let view: [Double]
    let area: AreaPayload?
    let incident: String
    let duplicate: Bool
    let status: NamedCode
    let decision: Decision?

    init(_ alarm: CameraAlarm) {
        code = alarm.code
        camera = alarm.cameraID
        preset = alarm.preset
        capturedAt = alarm.capturedAt
        frame = FrameAddress.url(camera: alarm.cameraID, preset: alarm.preset, kept: alarm.frame)
        view = alarm.view.boundingBox
        area = alarm.area.map(AreaPayload.init)
        incident = alarm.incident
        duplicate = alarm.isDuplicate
        status = NamedCode(code: alarm.status.rawValue, name: alarm.status.chineseName)
        decision = alarm.decision.map { decision in
            Decision(status: NamedCode(code: decision.status.rawValue, name: decision.status.chineseName),
                     reason: decision.reason.map { NamedCode(code: $0.rawValue, name: $0.chineseName) },
                     note: decision.note, by: decision.by, at: decision.at)
        }
    }
}

/// An alarm with the other alarms of its incident and the patch made of it, if any; the ground
/// polygon is added as GeoJSON.
struct AlarmDetailPayload: Encodable {
    let alarm: AlarmPayload
    let incidentAlarms: [AlarmPayload]
    let patch: PatchReference?
}

/// Where a patch is: `/api/patches/<batch>/<code>`.
struct PatchReference: Encodable {
    let batch: String
    let code: String
}

/// What a decision did: the incident's alarms, and the patch made from it when asked.
struct AlarmDecisionPayload: Encodable {
    struct MadePatch: Encodable {
        let batch: String
        let code: String
        let area: AreaPayload
        let existed: Bool
        let assignedTo: String?
        let due: CalendarDay?

        init(_ report: AlarmPatchReport) {
            batch = report.patch.batchCode
            code = report.patch.code
            area = AreaPayload(report.patch.area)
            existed = report.existed
            assignedTo = report.assignedTo?.rawValue
            due = report.due
        }
    }

    let alarms: [AlarmPayload]
    let patch: MadePatch?

    init(alarms: [CameraAlarm], patch report: AlarmPatchReport?) {
        self.alarms = alarms.map(AlarmPayload.init)
        patch = report.map(MadePatch.init)
    }
}

/// What a pushed frame did.
struct PushPayload: Encodable {
    let pass: PassPayload?
    let alreadyIngested: Bool
    let alarms: [AlarmPayload]
}

/// 告警统计 of one camera or county.
struct AlarmMetricsPayload: Encodable {
    let key: String?
    let name: String?
    let alarms: Int
    let duplicates: Int
    let incidents: Int
    let confirmed: Int
    let dismissed: Int
    let pending: Int
    let falseAlarmRate: Double?
    let duplicateRate: Double?
    let medianHoursToConfirm: Double?
    /// Dismissals by reason code.
    let dismissedBy: [String: Int]

    init(key: String?, name: String?, _ metrics: AlarmMetrics) {
        self.key = key
        self.name = name
        alarms = metrics.alarms
        duplicates = metrics.duplicates
        incidents = metrics.incidents
        confirmed = metrics.confirmed
        dismissed = metrics.dismissed
        pending = metrics.pending
        falseAlarmRate = metrics.falseAlarmRate
        duplicateRate = metrics.duplicateRate
        medianHoursToConfirm = metrics.medianHoursToConfirm
        dismissedBy = Dictionary(uniqueKeysWithValues: metrics.dismissalReasons.map { ($0.key.rawValue, $0.value) })
    }
}

/// 视频佐证 for a patch.
struct CameraEvidencePayload: Encodable {
    let camera: String
    let cameraName: String
    let preset: Int
    let coveredShare: Double
    /// The patch's rectangle in the frames, [minX, minY, maxX, maxY] pixels.
    let view: [Double]?
    let before: PassPayload?
    let after: PassPayload?

    init(_ evidence: CameraEvidence) {
        camera = evidence.camera.id
        cameraName = evidence.camera.name
        preset = evidence.preset
        coveredShare = evidence.coveredShare
        view = evidence.view?.boundingBox
        before = evidence.before.map(PassPayload.init)
        after = evidence.after.map(PassPayload.init)
    }
}
