import Foundation
import GeoIO

/// What can go wrong watching a tower camera, each with a message for the duty officer (中文 + English).
public enum CameraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A frame that could not be read (missing, corrupt, not an image).
    case unreadableFrame(path: String, reason: String)
    /// A frame whose size differs from the preset's reference frame.
    case frameSizeDiffers(path: String, expected: String, found: String)
    /// OpenCV refused a call; its own message is kept.
    case vision(call: String, message: String)
    /// Fewer than four control points, or points that give no homography.
    case controlPoints(String)
    /// A sequence directory without frames, or an evaluation that cannot run.
    case sequence(path: String, reason: String)
    /// A monitor's kept memory that no longer fits its preset (another frame size, a lost frame).
    case memory(String)
    /// A mask that could not be drawn onto the view.
    case mask(String)

    public var description: String {
        switch self {
        case let .unreadableFrame(path, reason):
            return "无法读取画面 \(path)：\(reason) / cannot read frame \(path): \(reason)"
        case let .frameSizeDiffers(path, expected, found):
            return "画面 \(path) 尺寸 \(found) 与预置位基准 \(expected) 不同 / frame \(path) is \(found), the preset's reference is \(expected)"
        case let .vision(call, message):
            return "OpenCV 调用 \(call) 失败：\(message) / OpenCV \(call) failed: \(message)"
        case let .controlPoints(reason):
            return "控制点无效：\(reason) / invalid control points: \(reason)"
        case let .sequence(path, reason):
            return "画面序列 \(path)：\(reason) / frame sequence \(path): \(reason)"
        case let .mask(reason):
            return "遮罩无效：\(reason) / invalid mask: \(reason)"
        case let .memory(reason):
            return "预置位监测状态无法恢复：\(reason) / the preset's monitoring state cannot be restored: \(reason)"
        }
    }
}
