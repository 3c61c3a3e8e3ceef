extension Geometry {
    /// The polygonal parts of this geometry cut by axis-aligned boxes until each has at most
    /// `maxVertices` vertices, like PostGIS's ST_Subdivide: a red line of thousands of vertices becomes
    /// small pieces that an R-tree can find and GEOS can intersect quickly. The parts do not overlap
    /// and their areas add up to the original's. Non-polygonal leftovers of the cuts are dropped.
    public func subdivided(maxVertices: Int = 256) throws -> [Geometry] {
        precondition(maxVertices >= 8, "a box cut can add vertices; allow at least 8")
        return try subdivide(depth: 0, maxVertices: maxVertices)
    }

    private func subdivide(depth: Int, maxVertices: Int) throws -> [Geometry] {
        let polygons = shape.polygons
        guard !polygons.isEmpty, let e = envelope else { return [] }
        let vertexCount = polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.count } }
        // Depth guards against a cut that cannot reduce the count (a spike of coincident vertices).
        if vertexCount <= maxVertices || depth >= 24 {
            return [Geometry(polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons))]
        }
        let halves: [Envelope]
        if e.width >= e.height {
            let mid = (e.minX + e.maxX) / 2
            halves = [Envelope(minX: e.minX, minY: e.minY, maxX: mid, maxY: e.maxY), Envelope(minX: mid, minY: e.minY, maxX: e.maxX, maxY: e.maxY)]
        } else {
            let mid = (e.minY + e.maxY) / 2
            halves = [Envelope(minX: e.minX, minY: e.minY, maxX: e.maxX, maxY: mid), Envelope(minX: e.minX, minY: mid, maxX: e.maxX, maxY: e.maxY)]
        }
        return try halves.flatMap { try intersection(Geometry(rectangle: $0)).subdivide(depth: depth + 1, maxVertices: maxVertices) }
    }
}

extension Envelope {
    /// A Z-order (Morton) key of the envelope's centre on a 2^24 × 2^24 grid over longitude/latitude:
    /// sorting by it keeps nearby features together, so work can stream through space in chunks.
    public var mortonKey: Int64 {
        let c = center
        let x = UInt64(max(0, min(16_777_215, ((c.x + 180) / 360 * 16_777_216).rounded(.down))))
        let y = UInt64(max(0, min(16_777_215, ((c.y + 90) / 180 * 16_777_216).rounded(.down))))
        var key: UInt64 = 0
        for bit in 0..<24 {
            key |= ((x >> UInt64(bit)) & 1) << UInt64(2 * bit)
            key |= ((y >> UInt64(bit)) & 1) << UInt64(2 * bit + 1)
        }
        return Int64(key)
    }
}
