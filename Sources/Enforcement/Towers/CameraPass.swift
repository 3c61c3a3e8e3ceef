import Foundation

/// One frame of one preset as it was ingested: when it was taken, where it came from, and what the
/// comparison made of it. Every frame is kept, so an alarm's evidence and a patch's before/after
/// frames can be shown later.
public struct CameraPass: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        /// Registered and compared with the preset's reference bank.
        case compared
        /// Filling the reference bank (the first passes of a preset).
        case warmingUp = "warming-up"
        /// Not comparable (fog, night, a blocked lens): kept, not learned from.
        case skipped

        public var chineseName: String {
            switch self {
            case .compared: return "已比对"
            case .warmingUp: return "建立基准"
            case .skipped: return "不可比（雾、夜间、遮挡）"
            }
        }
    }

    public let cameraID: String
    public let preset: Int
    public let capturedAt: Date
    /// Where the frame came from: a file path, `http-push`, or the stream URL ffmpeg grabbed it from.
    public let source: String
    /// The frame as kept in the workspace (relative to its files folder).
    public let frame: String
    public let outcome: Outcome
    public let changedCells: Int
    /// Registration correlation with the reference, −1…1.
    public let correlation: Double

    public init(cameraID: String, preset: Int, capturedAt: Date, source: String, frame: String, outcome: Outcome,
                changedCells: Int, correlation: Double) {
        self.cameraID = cameraID
        self.preset = preset
        self.capturedAt = capturedAt
        self.source = source
        self.frame = frame
        self.outcome = outcome
        self.changedCells = changedCells
        self.correlation = correlation
    }
}
