import Foundation
import Geo

/// Shape builders for the demo county, in Gauss-Krüger metres.
enum DemoShapes {
    static func ring(_ points: [Coordinate]) -> Ring { points + [points[0]] }

    static func polygon(_ points: [Coordinate]) -> Geometry { Geometry(.polygon(Polygon(exterior: ring(points)))) }

    /// A rotated rectangle of `width` × `height` metres centred on `center`.
    static func rectangle(center: Coordinate, width: Double, height: Double, angle: Double) -> [Coordinate] {
        let corners = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]
        return corners.map { u, v in
            let x = u * width, y = v * height
            return Coordinate(x: center.x + x * cos(angle) - y * sin(angle), y: center.y + x * sin(angle) + y * cos(angle))
        }
    }

    /// An irregular convex-ish polygon of about `area` m²: a jittered ellipse with 5-8 vertices.
    static func patch(center: Coordinate, area: Double, using rng: inout SeededGenerator) -> [Coordinate] {
        let aspect = rng.uniform(1...2.5)
        let vertices = Int(rng.uniform(5...8.99))
        let angle = rng.uniform(0...Double.pi)
        let a = (area * aspect / Double.pi).squareRoot(), b = a / aspect
        return (0..<vertices).map { k in
            let t = 2 * Double.pi * Double(k) / Double(vertices) + rng.uniform(-0.15...0.15)
            let r = rng.uniform(0.9...1.1)
            let x = a * r * cos(t), y = b * r * sin(t)
            return Coordinate(x: center.x + x * cos(angle) - y * sin(angle), y: center.y + x * sin(angle) + y * cos(angle))
        }
    }

    /// A wavy closed outline around `center` with `vertices` points: the boundary of a red line or an
    /// urban development boundary, as complex as the real ones.
    static func blob(center: Coordinate, radius: Double, vertices: Int, phase: Double) -> [Coordinate] {
        (0..<vertices).map { k in
            let t = 2 * Double.pi * Double(k) / Double(vertices)
            let r = radius * (1 + 0.18 * sin(3 * t + phase) + 0.08 * sin(7 * t + 2 * phase) + 0.025 * sin(41 * t) + 0.01 * sin(157 * t + phase))
            return Coordinate(x: center.x + r * cos(t), y: center.y + r * sin(t))
        }
    }

    /// A self-intersecting "bow-tie" quadrilateral: the kind of invalid polygon real deliveries contain.
    static func bowTie(center: Coordinate, size: Double) -> [Coordinate] {
        [Coordinate(x: center.x - size, y: center.y - size), Coordinate(x: center.x + size, y: center.y + size),
         Coordinate(x: center.x + size, y: center.y - size), Coordinate(x: center.x - size, y: center.y + size)]
    }
}
