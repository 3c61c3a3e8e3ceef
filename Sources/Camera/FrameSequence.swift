import Foundation

/// The frames of one camera preset in time order, from a directory of images whose names are their
/// capture times (`20130502_071500.png`, as webcams and the HTTP push store them).
public struct FrameSequence: Sendable {
    public let name: String
    public let frames: [(path: String, time: Date)]

    public static let extensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff"]

    public init(directory: String) throws(CameraError) {
        let url = URL(fileURLWithPath: directory)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .sequence(path: directory, reason: "无法列出目录 / cannot list the directory")
        }
        let images = names.filter { Self.extensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
        guard !images.isEmpty else { throw .sequence(path: directory, reason: "没有画面文件 / no frames (PNG, JPEG, TIFF)") }
        name = url.lastPathComponent
        frames = images.enumerated().map { index, file in
            (url.appendingPathComponent(file).path, Self.time(of: file) ?? Date(timeIntervalSince1970: Double(index) * 86_400))
        }
    }

    /// The capture time in a file name `yyyyMMdd_HHmmss…`, read as UTC+8 (the bureaus' clock).
    public static func time(of file: String) -> Date? { fileTime.date(from: String(file.prefix(15))) }

    /// The file-name stem of a capture time, `yyyyMMdd_HHmmss` in UTC+8: how frames are kept.
    public static func stem(of time: Date) -> String { fileTime.string(from: time) }

    private static let fileTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "yyyyMMdd_HHmmss"
        return formatter
    }()
}
