import CGEOS

/// A static packed R-tree over envelopes (GEOS's STRtree, `GEOSSTRtree_create_r`), answering which
/// items' envelopes intersect a query envelope. Items are referred to by their position in the
/// array given at construction. Thread-confined, like every GEOS object.
public final class SpatialIndex {
    private let context: GEOSContext
    private let tree: OpaquePointer
    private var envelopes: [NativeGeometry] = []
    public let count: Int

    /// Builds the tree over `envelopes`; the index of each envelope is what queries return.
    public init(envelopes items: [Envelope], nodeCapacity: Int = 10) throws {
        context = GEOSContext.current
        guard let tree = GEOSSTRtree_create_r(context.handle, nodeCapacity) else {
            throw context.failure("GEOSSTRtree_create_r")
        }
        self.tree = tree
        count = items.count
        envelopes.reserveCapacity(items.count)
        for (i, e) in items.enumerated() {
            let box = try rectangle(e)
            envelopes.append(box)
            // Items are stored as index+1 so that index 0 is not a null pointer.
            GEOSSTRtree_insert_r(context.handle, tree, box.pointer, UnsafeMutableRawPointer(bitPattern: i + 1))
        }
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, tree) }

    /// Positions of the items whose envelope intersects `envelope`, in no particular order.
    public func query(_ envelope: Envelope) throws -> [Int] {
        let box = try rectangle(envelope)
        var hits: [Int] = []
        withUnsafeMutablePointer(to: &hits) { hitsPointer in
            GEOSSTRtree_query_r(context.handle, tree, box.pointer, { item, userData in
                guard let userData else { return }
                let hits = userData.assumingMemoryBound(to: [Int].self)
                hits.pointee.append(Int(bitPattern: item) - 1)
            }, hitsPointer)
        }
        return hits
    }

    private func rectangle(_ e: Envelope) throws -> NativeGeometry {
        guard let pointer = GEOSGeom_createRectangle_r(context.handle, e.minX, e.minY, e.maxX, e.maxY) else {
            throw context.failure("GEOSGeom_createRectangle_r")
        }
        return NativeGeometry(pointer, context: context)
    }
}
