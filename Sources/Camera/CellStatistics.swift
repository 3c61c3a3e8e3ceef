/// An image cut into square cells, each cell's pixels as zero-mean, unit-spread values: the
/// comparison is the zero-normalised cross-correlation (ZNCC) of a cell between two passes, which a
/// change of exposure, sun or season's overall light (gain and offset) leaves unchanged, while a new
/// building, a heap of soil or a cleared field changes the cell's pattern.
struct CellStatistics: Sendable {
    let size: Int
    let columns: Int
    let rows: Int
    /// `columns × rows` cells of `size × size` normalised values each.
    let normalised: [Float]
    /// Standard deviation of each cell's raw values: how much texture there is to compare.
    let spreads: [Float]

    var count: Int { columns * rows }

    init(_ image: GrayImage, size: Int) {
        self.size = size
        columns = image.width / size
        rows = image.height / size
        let area = size * size
        var normalised = [Float](repeating: 0, count: columns * rows * area)
        var spreads = [Float](repeating: 0, count: columns * rows)
        var values = [Float](repeating: 0, count: area)
        for row in 0..<rows {
            for column in 0..<columns {
                var sum: Float = 0
                for y in 0..<size {
                    let start = (row * size + y) * image.width + column * size
                    for x in 0..<size {
                        let v = image.pixels[start + x]
                        values[y * size + x] = v
                        sum += v
                    }
                }
                let mean = sum / Float(area)
                var square: Float = 0
                for i in 0..<area { square += (values[i] - mean) * (values[i] - mean) }
                let spread = (square / Float(area)).squareRoot()
                let cell = row * columns + column
                spreads[cell] = spread
                let scale = 1 / (spread + 1e-3)
                for i in 0..<area { normalised[cell * area + i] = (values[i] - mean) * scale }
            }
        }
        self.normalised = normalised
        self.spreads = spreads
    }

    /// ZNCC of cell `cell` with the same cell of `other`, −1 … 1.
    func similarity(_ cell: Int, _ other: CellStatistics) -> Float {
        let area = size * size, start = cell * area
        var sum: Float = 0
        for i in start..<(start + area) { sum += normalised[i] * other.normalised[i] }
        return sum / Float(area)
    }
}
