/// Fine co-registration (精配准): the sub-pixel shift that best lines the after image up with the
/// before image, for acquisitions whose georeferences disagree by a pixel or two (the NAIP series
/// in the shared data is such a case). Both images' brightness gradients are compared by normalised
/// cross-correlation at every whole-pixel shift within `searchRadius`, and the best one is refined by
/// a parabola through its neighbours. Gradients, not brightness, so a change of season or sun does
/// not pull the estimate.
enum Coregistration {
    static let searchRadius = 4

    /// The shift (columns, rows) to read the after image at, so that after(x + dx, y + dy) matches
    /// before(x, y); `before` and `after` are band-planar windows of `width` × `height` pixels.
    static func shift(before: [Float], after: [Float], width: Int, height: Int, bands: Int) -> (columns: Double, rows: Double) {
        let first = gradient(of: brightness(before, pixels: width * height, bands: bands), width: width, height: height)
        let second = gradient(of: brightness(after, pixels: width * height, bands: bands), width: width, height: height)
        let r = searchRadius
        var scores = [[Double]](repeating: [Double](repeating: -2, count: 2 * r + 1), count: 2 * r + 1)
        for dy in -r...r {
            for dx in -r...r {
                scores[dy + r][dx + r] = correlation(first, second, width: width, height: height, dx: dx, dy: dy)
            }
        }
        var best = (dx: 0, dy: 0, score: -2.0)
        for dy in -r...r { for dx in -r...r where scores[dy + r][dx + r] > best.score { best = (dx, dy, scores[dy + r][dx + r]) } }
        func refine(_ minus: Double, _ centre: Double, _ plus: Double) -> Double {
            let curvature = minus - 2 * centre + plus
            return curvature < 0 ? max(-0.5, min(0.5, 0.5 * (minus - plus) / curvature)) : 0
        }
        let row = scores[best.dy + r], column = scores.map { $0[best.dx + r] }
        let x = abs(best.dx) < r ? refine(row[best.dx + r - 1], best.score, row[best.dx + r + 1]) : 0
        let y = abs(best.dy) < r ? refine(column[best.dy + r - 1], best.score, column[best.dy + r + 1]) : 0
        return (Double(best.dx) + x, Double(best.dy) + y)
    }

    /// Mean of the bands, NaN (nodata) as NaN.
    private static func brightness(_ planes: [Float], pixels: Int, bands: Int) -> [Float] {
        (0..<pixels).map { i in (0..<bands).reduce(Float(0)) { $0 + planes[$1 * pixels + i] } / Float(bands) }
    }

    /// |∂x| + |∂y| by central differences; 0 at the edges.
    private static func gradient(of values: [Float], width: Int, height: Int) -> [Float] {
        var result = [Float](repeating: 0, count: values.count)
        guard width > 2, height > 2 else { return result }
        for y in 1..<(height - 1) {
            for x in 1..<(width - 1) {
                let i = y * width + x
                result[i] = abs(values[i + 1] - values[i - 1]) + abs(values[i + width] - values[i - width])
            }
        }
        return result
    }

    /// Normalised cross-correlation of `a` with `b` read `dx`, `dy` pixels further, over the pixels
    /// both have (finite) away from the search margin.
    private static func correlation(_ a: [Float], _ b: [Float], width: Int, height: Int, dx: Int, dy: Int) -> Double {
        let margin = searchRadius + 1
        var n = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
        for y in margin..<max(margin, height - margin) {
            for x in margin..<max(margin, width - margin) {
                let u = Double(a[y * width + x]), v = Double(b[(y + dy) * width + x + dx])
                guard u.isFinite, v.isFinite else { continue }
                n += 1
                sa += u
                sb += v
                saa += u * u
                sbb += v * v
                sab += u * v
            }
        }
        guard n > 1 else { return -2 }
        let covariance = sab / n - sa / n * sb / n
        let variance = (saa / n - sa / n * sa / n) * (sbb / n - sb / n * sb / n)
        return variance > 0 ? covariance / variance.squareRoot() : -2
    }
}
