import CCameraVision
import Geo
import GeoIO

/// The plane homography from a preset's image pixels to the ground (CGCS2000 longitude/latitude),
/// fitted to ≥ 4 surveyed control points (`lw_find_homography` → `cv::findHomography`, least squares).
/// Over the few kilometres a tower sees, longitude/latitude is an affine image of a local metric plane
/// to about 1e-7, so a homography straight to lon/lat is as exact as one through a projection; areas
/// are then measured on the ellipsoid.
public struct GroundHomography: Sendable, Equatable {
    /// 3×3 row-major, image pixel → ground offset from `origin` in units of `scale` degrees: fitting
    /// to offsets of about a metre rather than to 115.0000…° keeps the fit well conditioned.
    public let matrix: [Double]
    public let origin: Coordinate
    public let scale: Double

    public init(image: [Coordinate], ground: [Coordinate]) throws(CameraError) {
        guard image.count == ground.count else {
            throw .controlPoints("图像点 \(image.count) 个、地面点 \(ground.count) 个，数量不同 / \(image.count) image points but \(ground.count) ground points")
        }
        guard image.count >= 4 else {
            throw .controlPoints("至少需要 4 个控制点，只有 \(image.count) 个 / at least 4 control points are needed, got \(image.count)")
        }
        var matrix = [Double](repeating: 0, count: 9)
        let origin = Coordinate(x: ground.map(\.x).reduce(0, +) / Double(ground.count), y: ground.map(\.y).reduce(0, +) / Double(ground.count))
        let scale = 1e-5
        let from = image.flatMap { [$0.x, $0.y] }, to = ground.flatMap { [($0.x - origin.x) / scale, ($0.y - origin.y) / scale] }
        do {
            try vision("lw_find_homography") { message, capacity in
                lw_find_homography(from, to, Int32(image.count), &matrix, message, capacity)
            }
        } catch {
            throw .controlPoints("\(error)")
        }
        // Scaled so that w > 0 on the control points, which lie on the ground: then w ≤ 0 means the
        // pixel is at or above the horizon, whatever side of it the image origin is.
        let w = image[0].x * matrix[6] + image[0].y * matrix[7] + matrix[8]
        self.matrix = w < 0 ? matrix.map { -$0 } : matrix
        self.origin = origin
        self.scale = scale
    }

    /// The ground point of image pixel (x, y); nil above the horizon, where the ray meets no ground.
    public func ground(x: Double, y: Double) -> Coordinate? {
        let w = matrix[6] * x + matrix[7] * y + matrix[8]
        guard w > 1e-12 else { return nil }
        return Coordinate(x: origin.x + scale * (matrix[0] * x + matrix[1] * y + matrix[2]) / w,
                          y: origin.y + scale * (matrix[3] * x + matrix[4] * y + matrix[5]) / w)
    }

    /// The ground quadrilateral of an image region and its ellipsoidal area; nil when any corner is
    /// above the horizon.
    public func footprint(of region: PixelWindow) -> (geometry: Shape, area: Area)? {
        let corners = [(region.x, region.y), (region.x + region.width, region.y),
                       (region.x + region.width, region.y + region.height), (region.x, region.y + region.height)]
        let mapped = corners.compactMap { ground(x: Double($0.0), y: Double($0.1)) }
        guard mapped.count == 4 else { return nil }
        let shape = Shape.polygon(Polygon(exterior: mapped + [mapped[0]]))
        return (shape, EllipsoidalArea.of(lonLat: shape))
    }
}
