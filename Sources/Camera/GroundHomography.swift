import CCameraVision
import Enforcement
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
    /// The smallest w (the homography's third row, which grows with a pixel's depth along the view)
    /// over the control points: the depth of the farthest surveyed point, where the fit is last trusted.
    public let farthestControlW: Double

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
        let oriented = w < 0 ? matrix.map { -$0 } : matrix
        self.matrix = oriented
        self.origin = origin
        self.scale = scale
        farthestControlW = image.map { oriented[6] * $0.x + oriented[7] * $0.y + oriented[8] }.min() ?? 1
    }

    /// The homography of a preset's surveyed control points (pixel of the full-resolution frame ↔
    /// CGCS2000 ground point).
    public init(controlPoints: [ImageControlPoint]) throws(CameraError) {
        try self.init(image: controlPoints.map { Coordinate(x: $0.pixelX, y: $0.pixelY) }, ground: controlPoints.map(\.ground))
    }

    /// The ground point of image pixel (x, y); nil above the horizon, where the ray meets no ground.
    public func ground(x: Double, y: Double) -> Coordinate? {
        let w = matrix[6] * x + matrix[7] * y + matrix[8]
        guard w > 1e-12 else { return nil }
        return Coordinate(x: origin.x + scale * (matrix[0] * x + matrix[1] * y + matrix[2]) / w,
                          y: origin.y + scale * (matrix[3] * x + matrix[4] * y + matrix[5]) / w)
    }

    /// The pixel (x right, y down) that sees ground point `point`, through the inverse homography; nil
    /// when the point lies behind the camera's view plane.
    public func pixel(of point: Coordinate) -> Coordinate? {
        let m = matrix
        let u = (point.x - origin.x) / scale, v = (point.y - origin.y) / scale
        // The adjugate of a 3×3 matrix inverts it up to a factor, which the projective division cancels.
        let inverse = [m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
                       m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
                       m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]]
        let w = inverse[6] * u + inverse[7] * v + inverse[8]
        guard abs(w) > 1e-300 else { return nil }
        let x = (inverse[0] * u + inverse[1] * v + inverse[2]) / w, y = (inverse[3] * u + inverse[4] * v + inverse[5]) / w
        guard ground(x: x, y: y) != nil else { return nil }
        return Coordinate(x: x, y: y)
    }

    /// How much farther than the farthest control point the view's ground footprint reaches.
    public static let footprintDepthFactor = 4.0

    /// The ground a `width`×`height` frame sees (CGCS2000 lon/lat) and its ellipsoidal area: the frame
    /// cut where depth passes `footprintDepthFactor` times that of the farthest control point, since
    /// towards the horizon a fitted homography throws pixels kilometres away. nil when nothing is left.
    public func viewFootprint(width: Int, height: Int) -> (geometry: Shape, area: Area)? {
        let limit = farthestControlW / Self.footprintDepthFactor
        let depth = { (p: Coordinate) in self.matrix[6] * p.x + self.matrix[7] * p.y + self.matrix[8] - limit }
        let frame = [Coordinate(x: 0, y: 0), Coordinate(x: Double(width), y: 0),
                     Coordinate(x: Double(width), y: Double(height)), Coordinate(x: 0, y: Double(height))]
        // One Sutherland–Hodgman step: keep the part of the rectangle on the near side of the line.
        var kept: [Coordinate] = []
        for (i, current) in frame.enumerated() {
            let next = frame[(i + 1) % frame.count]
            let a = depth(current), b = depth(next)
            if a >= 0 { kept.append(current) }
            if (a >= 0) != (b >= 0) {
                let t = a / (a - b)
                kept.append(Coordinate(x: current.x + t * (next.x - current.x), y: current.y + t * (next.y - current.y)))
            }
        }
        let mapped = kept.compactMap { ground(x: $0.x, y: $0.y) }
        guard mapped.count >= 3, mapped.count == kept.count else { return nil }
        let shape = Shape.polygon(Polygon(exterior: mapped + [mapped[0]]))
        return (shape, EllipsoidalArea.of(lonLat: shape))
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
