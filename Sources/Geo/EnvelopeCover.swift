extension Envelope {
    /// A few boxes that together cover every given envelope without covering much else, for reading
    /// what lies near a group of geometries with one index query per box instead of one per geometry.
    ///
    /// The union of the group is split at the median centre along its longer side, recursively, until a
    /// box spans at most `looseness` times the summed areas of the envelopes it holds (or holds one).
    /// A group that streams in space-filling-curve order is compact most of the time but sometimes
    /// straddles a jump of the curve, and then its single union box spans a strip of the map that holds
    /// many times what the group touches (the overlay read 8× the pieces it needed at 100,000 patches).
    /// Units are those of the envelopes; `looseness` ≥ 1.
    public static func cover(_ envelopes: [Envelope], looseness: Double) -> [Envelope] {
        var boxes: [Envelope] = []
        var group = envelopes
        split(&group[...], looseness: looseness, into: &boxes)
        return boxes
    }

    private static func split(_ group: inout ArraySlice<Envelope>, looseness: Double, into boxes: inout [Envelope]) {
        guard var union = group.first else { return }
        var summedArea = 0.0
        for e in group {
            union = union.union(e)
            summedArea += e.width * e.height
        }
        guard group.count > 1, union.width * union.height > looseness * summedArea else {
            boxes.append(union)
            return
        }
        if union.width >= union.height {
            group.sort { $0.minX + $0.maxX < $1.minX + $1.maxX }
        } else {
            group.sort { $0.minY + $0.maxY < $1.minY + $1.maxY }
        }
        let middle = group.startIndex + group.count / 2
        split(&group[group.startIndex..<middle], looseness: looseness, into: &boxes)
        split(&group[middle...], looseness: looseness, into: &boxes)
    }
}
