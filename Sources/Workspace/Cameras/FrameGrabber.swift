import Foundation

/// Grabs one frame from a camera's stream or snapshot URL with ffmpeg (Debian's `ffmpeg`, run as a
/// process: RTSP, HTTP(S) MJPEG or a snapshot JPEG, or a file). ffmpeg's own last message is kept
/// when it fails; a stream that gives nothing within `timeout` seconds is abandoned.
public enum FrameGrabber {
    /// Writes one frame of `url` to `path` (a `.jpg` or `.png`).
    public static func grab(url: String, to path: String, timeout seconds: Int = 20) throws {
        guard let ffmpeg = executable("ffmpeg") else { throw WorkspaceError.ffmpegMissing }
        let source = redacted(url)
        var arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
        if url.lowercased().hasPrefix("rtsp://") { arguments += ["-rtsp_transport", "tcp"] }
        arguments += ["-i", url, "-frames:v", "1", "-update", "1", "-q:v", "2", path]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch { throw WorkspaceError.grabFailed(source: source, message: error.localizedDescription) }
        let deadline = Date().addingTimeInterval(Double(seconds))
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw WorkspaceError.grabTimedOut(source: source, seconds: seconds)
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else {
            let last = message.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            throw WorkspaceError.grabFailed(source: source, message: last.replacingOccurrences(of: url, with: source))
        }
    }

    /// The URL without its password (`rtsp://admin:secret@10.0.0.5/…` → `rtsp://admin:***@10.0.0.5/…`):
    /// what is stored as a frame's source and printed, since stream URLs often carry credentials.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }

    private static func executable(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension Workspace {
    /// Grabs one frame of the preset's stream or snapshot URL now and ingests it (`ingestFrames`),
    /// its source kept as the URL without password.
    public func grabFrame(camera: String, preset: Int, url: String, at time: Date = Date(), timeout: Int = 20) throws -> IngestReport {
        try ingestFrame(camera: camera, preset: preset, capturedAt: time, source: FrameGrabber.redacted(url), fileExtension: "jpg") {
            try FrameGrabber.grab(url: url, to: $0, timeout: timeout)
        }
    }
}
