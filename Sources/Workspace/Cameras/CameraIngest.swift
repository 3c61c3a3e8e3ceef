import Camera
import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// One frame handed to `ingestFrames`: the file, when it was taken, and where it came from.
public struct FrameInput: Sendable, Equatable {
    public let path: String
    public let capturedAt: Date
    /// A file path, `http-push`, or the stream URL ffmpeg grabbed it from.
    public let source: String

    public init(path: String, capturedAt: Date, source: String) {
        self.path = path
        self.capturedAt = capturedAt
        self.source = source
    }

    /// A frame file whose name is its capture time (`20240403_101500.jpg`, read as UTC+8).
    public init(file path: String) throws {
        guard let time = FrameSequence.time(of: (path as NSString).lastPathComponent) else {
            throw WorkspaceError.frameTimeUnknown(path: path)
        }
        self.init(path: path, capturedAt: time, source: path)
    }
}

/// What one ingest did.
public struct IngestReport: Sendable, Equatable {
    public var passes: [CameraPass] = []
    public var alarms: [CameraAlarm] = []
    /// Frames already recorded for the preset (an ingest run again, or resumed): left as they were.
    public var alreadyIngested = 0
}

extension Workspace {
    /// Compares frames of one preset, in time order, with what its monitor has seen, and records each
    /// pass, its alarms and the monitor's memory in one transaction: a run killed at any point
    /// resumes at the first frame not recorded, with the same result as an unbroken run. The first
    /// frame a preset ever gets becomes its reference. Frames are copied into the workspace
    /// (`files/cameras/<camera>/<preset>/`), where alarms and patches find their evidence.
    public func ingestFrames(camera cameraID: String, preset number: Int, frames: [FrameInput],
                             progress: JobProgress = SilentProgress()) throws -> IngestReport {
        try PresetLocks.shared.run(workspace: filesDirectory, camera: cameraID, preset: number) {
            try ingestInTurn(camera: cameraID, preset: number, frames: frames, progress: progress)
        }
    }

    private func ingestInTurn(camera cameraID: String, preset number: Int, frames: [FrameInput], progress: JobProgress) throws -> IngestReport {
        guard try store.camera(cameraID) != nil else { throw WorkspaceError.noCamera(cameraID) }
        guard let preset = try store.preset(camera: cameraID, number: number) else { throw WorkspaceError.noPreset(camera: cameraID, number: number) }
        let known = try store.passTimes(camera: cameraID, preset: number)
        var report = IngestReport()
        report.alreadyIngested = frames.filter { known.contains($0.capturedAt) }.count
        let todo = frames.filter { !known.contains($0.capturedAt) }.sorted { $0.capturedAt < $1.capturedAt }
        guard let first = todo.first else { return report }
        if let latest = known.max(), first.capturedAt < latest {
            throw WorkspaceError.frameOutOfOrder(path: first.path, latest: FrameSequence.stem(of: latest))
        }

        let reference: GrayImage, referenceName: String
        if let kept = preset.referenceFrame {
            reference = try GrayImage(path: filesDirectory.appendingPathComponent(kept).path)
            referenceName = kept
        } else {
            reference = try GrayImage(path: first.path)
            referenceName = try keepFrame(first, camera: cameraID, preset: number)
        }
        var monitor = try restoreMonitor(preset, reference: reference)
        let homography = try preset.controlPoints.count >= 4
            ? GroundHomography(controlPoints: preset.controlPoints)
            : nil

        progress.begin("接入画面 / ingesting frames \(cameraID)#\(number)", total: todo.count)
        defer { progress.end() }
        for (done, input) in todo.enumerated() {
            let image = try GrayImage(path: input.path)
            guard image.width == reference.width, image.height == reference.height else {
                throw CameraError.frameSizeDiffers(path: input.path, expected: "\(reference.width)×\(reference.height)",
                                                   found: "\(image.width)×\(image.height)")
            }
            let name = try keepFrame(input, camera: cameraID, preset: number)
            let outcome = try monitor.process(image, id: name)
            var alarms: [CameraAlarm] = []
            for (ordinal, region) in outcome.alarms.enumerated() {
                let code = CameraAlarm.code(camera: cameraID, preset: number, capturedAt: input.capturedAt, ordinal: ordinal + 1)
                let footprint = homography?.footprint(of: region)
                var alarm = CameraAlarm(code: code, cameraID: cameraID, preset: number, capturedAt: input.capturedAt, frame: name,
                                        view: region.envelope, ground: footprint.map { Geometry($0.geometry) }, area: footprint?.area,
                                        incident: code)
                alarm.incident = try openIncident(repeatedBy: alarm, alongside: alarms) ?? code
                alarms.append(alarm)
            }
            let pass = CameraPass(cameraID: cameraID, preset: number, capturedAt: input.capturedAt, source: input.source, frame: name,
                                  outcome: outcome.status.passOutcome, changedCells: outcome.status.changedCells,
                                  correlation: outcome.alignment?.correlation ?? 0)
            try store.recordPass(pass, alarms: alarms, memory: try JSONEncoder().encode(monitor.memory), referenceFrame: referenceName)
            report.passes.append(pass)
            report.alarms += alarms
            progress.advance(to: done + 1)
        }
        return report
    }

    /// Ingests one frame that `write` puts at a staging path (pushed bytes, an ffmpeg grab) under
    /// `files/cameras/.incoming/`, removed afterwards; the kept copy is made by `ingestFrames`.
    public func ingestFrame(camera: String, preset: Int, capturedAt time: Date, source: String, fileExtension: String,
                            write: (String) throws -> Void) throws -> IngestReport {
        let incoming = filesDirectory.appendingPathComponent("cameras/.incoming", isDirectory: true)
        try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        let path = incoming.appendingPathComponent("\(UUID().uuidString).\(fileExtension)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(path)
        return try ingestFrames(camera: camera, preset: preset, frames: [FrameInput(path: path, capturedAt: time, source: source)])
    }

    /// The preset's monitor, with its mask, as its last pass left it, or a new one; always with the
    /// default `MonitorSettings`, so ingest and decisions rebuild the same monitor.
    func restoreMonitor(_ preset: CameraPreset, reference: GrayImage) throws -> PresetMonitor {
        let settings = MonitorSettings()
        let mask = try preset.mask.map { geometry throws(CameraError) in
            try ViewMask.pixels(of: geometry, width: reference.width, height: reference.height)
        }
        guard let data = try store.monitorMemory(camera: preset.cameraID, preset: preset.number) else {
            return PresetMonitor(reference: reference, mask: mask, settings: settings)
        }
        let memory: MonitorMemory
        do { memory = try JSONDecoder().decode(MonitorMemory.self, from: data) } catch { throw CameraError.memory("\(error)") }
        let files = filesDirectory
        return try PresetMonitor(reference: reference, mask: mask, settings: settings, memory: memory) { name throws(CameraError) in
            try GrayImage(path: files.appendingPathComponent(name).path)
        }
    }

    /// The open incident (none decided yet) this alarm repeats, if any: that of the latest alarm
    /// showing the same place within the incident window, on this camera or another.
    private func openIncident(repeatedBy alarm: CameraAlarm, alongside earlier: [CameraAlarm]) throws -> String? {
        let recent = try store.alarms(AlarmFilter(status: .new, since: alarm.capturedAt.addingTimeInterval(-CameraAlarm.incidentWindow))) + earlier
        return try recent.last(where: { try $0.isSamePlace(as: alarm, within: CameraAlarm.incidentWindow) })?.incident
    }

    /// Copies a frame into `files/cameras/<camera>/<preset>/<yyyyMMdd_HHmmss>.<ext>` (written aside and
    /// moved into place) and returns that name, relative to the files folder.
    private func keepFrame(_ input: FrameInput, camera: String, preset: Int) throws -> String {
        let fileExtension = (input.path as NSString).pathExtension.lowercased()
        guard FrameSequence.extensions.contains(fileExtension) else {
            throw CameraError.unreadableFrame(path: input.path, reason: "只接受 PNG、JPEG、TIFF / PNG, JPEG or TIFF only")
        }
        let name = "cameras/\(camera)/\(preset)/\(FrameSequence.stem(of: input.capturedAt)).\(fileExtension)"
        let target = filesDirectory.appendingPathComponent(name)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let staging = target.appendingPathExtension("part")
            try? manager.removeItem(at: staging)
            try manager.copyItem(at: URL(fileURLWithPath: input.path), to: staging)
            guard rename(staging.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw CameraError.unreadableFrame(path: input.path, reason: "无法保存到工作空间 / cannot keep it in the workspace: \(error.localizedDescription)")
        }
        return name
    }
}

extension PassOutcome.Status {
    var passOutcome: CameraPass.Outcome {
        switch self {
        case .compared: return .compared
        case .warmingUp: return .warmingUp
        case .skipped: return .skipped
        }
    }

    var changedCells: Int {
        if case .compared(let cells) = self { return cells }
        return 0
    }
}
