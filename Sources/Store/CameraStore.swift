import Enforcement
import Foundation
import Geo

/// Persistence of tower cameras (铁塔视频监控): cameras, their presets, every frame ingested and every
/// alarm with its decision. A pass (frame, alarms, the monitor's memory after it) lands in one
/// transaction, so an ingest killed at any point resumes at the first frame not recorded.
public protocol CameraStore: Sendable {
    /// Inserts the camera or updates it by id.
    func saveCamera(_ camera: TowerCamera) throws
    func cameras() throws -> [TowerCamera]
    func camera(_ id: String) throws -> TowerCamera?

    /// Inserts the preset or replaces its control points and mask, keeping its reference frame and
    /// the monitor's memory; `StoreError.notFound` when the camera is unknown.
    func savePreset(_ preset: CameraPreset) throws
    /// Presets of one camera (all when nil), by camera and number.
    func presets(camera: String?) throws -> [CameraPreset]
    func preset(camera: String, number: Int) throws -> CameraPreset?
    /// What the preset's monitor kept after its last pass (opaque to the store); nil before the first.
    func monitorMemory(camera: String, preset: Int) throws -> Data?

    /// Capture times of the frames already recorded for a preset.
    func passTimes(camera: String, preset: Int) throws -> Set<Date>
    /// Records one pass, its alarms and the monitor's memory after it, in one transaction; the
    /// preset's reference frame is set to `referenceFrame` when it has none yet. `StoreError.passOutOfTurn`,
    /// with nothing written, when the preset already has a pass at or after this one's time.
    func recordPass(_ pass: CameraPass, alarms: [CameraAlarm], memory: Data, referenceFrame: String) throws
    /// Passes of a preset in time order.
    func passes(camera: String, preset: Int) throws -> [CameraPass]
    /// The preset's pass captured at `time`, if one was recorded.
    func pass(camera: String, preset: Int, capturedAt time: Date) throws -> CameraPass?

    func alarms(_ filter: AlarmFilter) throws -> [CameraAlarm]
    func alarm(code: String) throws -> CameraAlarm?
    /// Sets `decision` on every alarm of `incident` and replaces the monitor memories of the presets
    /// it involved (the decided look joins their reference), in one transaction.
    func decideIncident(_ incident: String, decision: AlarmDecision, memories: [PresetMemory]) throws
}

/// A preset's monitor memory to store, and its mask when a decision widened it.
public struct PresetMemory: Sendable, Equatable {
    public let camera: String
    public let preset: Int
    public let memory: Data
    /// The preset's whole mask after the decision (pixels of the full-resolution frame); nil leaves
    /// the mask as it is.
    public let mask: Geometry?

    public init(camera: String, preset: Int, memory: Data, mask: Geometry? = nil) {
        self.camera = camera
        self.preset = preset
        self.memory = memory
        self.mask = mask
    }
}

/// Which alarms to list.
public struct AlarmFilter: Sendable, Equatable {
    public var status: AlarmStatus?
    public var camera: String?
    /// Alarms of cameras inside this region (a county sees its own).
    public var region: RegionCode?
    /// Captured at or after.
    public var since: Date?
    public var incident: String?
    public var limit: Int?

    public init(status: AlarmStatus? = nil, camera: String? = nil, region: RegionCode? = nil, since: Date? = nil,
                incident: String? = nil, limit: Int? = nil) {
        self.status = status
        self.camera = camera
        self.region = region
        self.since = since
        self.incident = incident
        self.limit = limit
    }
}
