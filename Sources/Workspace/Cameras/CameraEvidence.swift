import Camera
import Enforcement
import Foundation
import Geo
import GeoIO
import Store

/// 视频佐证: what a tower camera saw of a satellite patch — the preset whose ground footprint meets
/// the patch, the frames nearest before its 前时相 and after its 后时相, and where the patch lies in
/// them, so an office can judge the change without a field trip.
public struct CameraEvidence: Sendable, Equatable {
    public let camera: TowerCamera
    public let preset: Int
    /// The latest pass on or before the patch's 前时相 day; nil when none, or no 前时相.
    public let before: CameraPass?
    /// The earliest pass on or after the patch's 后时相 day; nil when none, or no 后时相.
    public let after: CameraPass?
    /// The patch's bounding rectangle in the preset's frames (pixels, x right, y down), clamped to
    /// the frame; nil when part of the patch lies behind the camera's view plane.
    public let view: Envelope?
    /// Share of the patch's ellipsoidal area inside the preset's ground footprint, 0…1.
    public let coveredShare: Double
}

extension Workspace {
    /// The camera evidence of patch `code` of `batch`: one entry per surveyed preset (≥ 4 control
    /// points and a reference frame) whose ground footprint meets the patch, most covering first.
    public func cameraEvidence(batch: String, code: String) throws -> [CameraEvidence] {
        guard let patch = try store.patch(batch: batch, code: code) else { throw StoreError.notFound(subject: "图斑 \(batch)/\(code)") }
        let beforeDay = patch.beforeDate.flatMap(CalendarDay.init), afterDay = patch.afterDate.flatMap(CalendarDay.init)
        let cameras = Dictionary(uniqueKeysWithValues: try store.cameras().map { ($0.id, $0) })
        var found: [CameraEvidence] = []
        for preset in try store.presets(camera: nil) where preset.controlPoints.count >= 4 {
            guard let camera = cameras[preset.cameraID], let reference = preset.referenceFrame else { continue }
            let homography = try GroundHomography(controlPoints: preset.controlPoints)
            let frame = try RasterSource(path: filesDirectory.appendingPathComponent(reference).path).grid
            guard let footprint = homography.viewFootprint(width: frame.width, height: frame.height) else { continue }
            let seen = try patch.geometry.intersection(Geometry(footprint.geometry))
            let seenArea = EllipsoidalArea.of(lonLat: seen.shape)
            guard seenArea.squareMetres > 0 else { continue }
            let passes = try store.passes(camera: preset.cameraID, preset: preset.number).filter { $0.outcome != .skipped }
            found.append(CameraEvidence(
                camera: camera, preset: preset.number,
                before: beforeDay.flatMap { day in passes.last { CalendarDay($0.capturedAt) <= day } },
                after: afterDay.flatMap { day in passes.first { CalendarDay($0.capturedAt) >= day } },
                view: Self.pixelBox(of: patch.geometry, through: homography, width: frame.width, height: frame.height),
                coveredShare: min(1, seenArea.squareMetres / max(patch.area.squareMetres, .leastNonzeroMagnitude))))
        }
        return found.sorted { ($0.coveredShare, $1.camera.id, $1.preset) > ($1.coveredShare, $0.camera.id, $0.preset) }
    }

    private static func pixelBox(of geometry: Geometry, through homography: GroundHomography, width: Int, height: Int) -> Envelope? {
        let vertices = geometry.shape.polygons.flatMap(\.exterior)
        let pixels = vertices.compactMap(homography.pixel(of:))
        guard !pixels.isEmpty, pixels.count == vertices.count else { return nil }
        return Envelope(minX: max(0, pixels.map(\.x).min()!), minY: max(0, pixels.map(\.y).min()!),
                        maxX: min(Double(width), pixels.map(\.x).max()!), maxY: min(Double(height), pixels.map(\.y).max()!))
    }
}
