import Testing
import Geo

@Suite("Covering a group of envelopes with a few boxes")
struct EnvelopeCoverTests {
    static func square(_ x: Double, _ y: Double, size: Double = 1) -> Envelope {
        Envelope(minX: x, minY: y, maxX: x + size, maxY: y + size)
    }

    @Test("A compact group is covered by its union")
    func compactGroup() {
        let grid = (0..<4).flatMap { i in (0..<4).map { j in Self.square(Double(i), Double(j)) } }
        #expect(Envelope.cover(grid, looseness: 4) == [Envelope(minX: 0, minY: 0, maxX: 4, maxY: 4)])
    }

    @Test("Two clusters far apart get a box each, not one box over the gap")
    func twoClusters() {
        let west = (0..<3).map { Self.square(Double($0), 0) }
        let east = (0..<3).map { Self.square(1000 + Double($0), 500) }
        let boxes = Envelope.cover(west + east, looseness: 4)
        #expect(Set(boxes) == [Envelope(minX: 0, minY: 0, maxX: 3, maxY: 1), Envelope(minX: 1000, minY: 500, maxX: 1003, maxY: 501)])
    }

    @Test("Every envelope lies inside a box, and the boxes span at most the looseness times what they hold")
    func coversEverything() {
        let scattered = (0..<50).map { (k: Int) -> Envelope in
            let x = Double((k * 37) % 101), y = Double((k * 53) % 97)
            return Self.square(x, y, size: 0.5)
        }
        let boxes = Envelope.cover(scattered, looseness: 4)
        for e in scattered { #expect(boxes.contains { $0.contains(e) }) }
        let spanned = boxes.reduce(0.0) { $0 + $1.width * $1.height }
        #expect(spanned <= 4 * scattered.reduce(0.0) { $0 + $1.width * $1.height })
    }

    @Test("No envelopes give no boxes")
    func empty() {
        #expect(Envelope.cover([], looseness: 4).isEmpty)
    }
}
