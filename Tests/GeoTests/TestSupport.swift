import Foundation
import Geo

// Shared helpers for the Geo tests. Reference numbers embedded in the tests were computed once in
// Python (geographiclib 2.1, pyproj 3.7.2 with PROJ 9.5.1, shapely 2.2.0 / GEOS 3.14.1, and, through
// ctypes, the system's libproj 9.1.1 and libgeos_c 3.11.1 that this package links); each test says how.

/// The bytes of a hexadecimal string such as "0101000000…" (whitespace ignored).
func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.filter { !$0.isWhitespace })
    precondition(digits.count % 2 == 0, "odd number of hex digits")
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// |actual − expected| ≤ tolerance × |expected|.
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * abs(expected)
}

/// |actual − expected| ≤ tolerance.
func isClose(_ actual: Double, _ expected: Double, absolute tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance
}

/// A closed ring from (x, y) pairs: the first position is repeated at the end.
func closedRing(_ points: [(Double, Double)]) -> Ring {
    var ring = points.map { Coordinate(x: $0.0, y: $0.1) }
    if let first = ring.first, ring.last != first { ring.append(first) }
    return ring
}

/// Planar signed area by the shoelace formula: positive for a counter-clockwise ring.
func signedPlanarArea(_ ring: Ring) -> Double {
    guard ring.count > 1 else { return 0 }
    var sum = 0.0
    for i in 0..<(ring.count - 1) {
        sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
    }
    return sum / 2
}

/// Values recorded by index from several threads at once (DispatchQueue.concurrentPerform).
final class Collected<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `storage` is only touched with `lock` held.
    private let lock = NSLock()
    private var storage: [Int: Value] = [:]

    func record(_ value: Value, at index: Int) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Int: Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
