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
    public static func time(of file: String) -> Date? {
        let stem = String(file.prefix(15))
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        parser.dateFormat = "yyyyMMdd_HHmmss"
        return parser.date(from: stem)
    }
}
