import Foundation
import Geo

/// 前时相 / 后时相: which side of the change an image shows.
public enum ImageryPhase: String, Sendable, Codable, CaseIterable {
    case before, after

    public var chineseName: String { self == .before ? "前时相" : "后时相" }
}

/// A registered image (GeoTIFF in any CRS) shown under the patches of a batch, or everywhere when
/// `batch` is nil. The file stays where it is; the workspace keeps its path and footprint.
public struct Imagery: Sendable, Equatable {
    public let id: Int64
    public let batch: String?
    public let phase: ImageryPhase
    public let name: String
    public let path: String
    public let acquired: CalendarDay?
    /// The footprint in lon/lat (EPSG:4490).
    public let envelope: Envelope
    public let registeredAt: Date

    public init(id: Int64, batch: String?, phase: ImageryPhase, name: String, path: String, acquired: CalendarDay?,
                envelope: Envelope, registeredAt: Date) {
        self.id = id
        self.batch = batch
        self.phase = phase
        self.name = name
        self.path = path
        self.acquired = acquired
        self.envelope = envelope
        self.registeredAt = registeredAt
    }
}

extension Array where Element == Imagery {
    /// The first registered before image and the first after image whose footprints both hold
    /// `envelope` (EPSG:4490): the pair a patch's samples are cut from.
    public func pair(covering envelope: Envelope) -> (before: Imagery, after: Imagery)? {
        guard let before = first(where: { $0.phase == .before && $0.envelope.contains(envelope) }),
              let after = first(where: { $0.phase == .after && $0.envelope.contains(envelope) }) else { return nil }
        return (before, after)
    }
}
