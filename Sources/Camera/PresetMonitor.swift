import Foundation
import GeoIO

/// What one pass of a preset gave.
public struct PassOutcome: Sendable {
    public enum Status: Sendable, Equatable {
        /// Registered and compared.
        case compared(changedCells: Int)
        /// Still filling the reference bank.
        case warmingUp
        /// Not comparable (fog, night, lens blocked): ignored, nothing learned from it.
        case skipped(correlation: Double)
    }

    public let status: Status
    public let alignment: FrameAlignment?
    /// Changes that have just completed their persistence run, each one alarm: the rectangle of its
    /// cells in the reference frame's full-resolution pixels.
    public let alarms: [PixelWindow]
}

/// Watches one preset of one camera, pass after pass (landform-change detection for 铁塔视频监控).
///
/// Each frame is halved, re-registered to the preset's reference (`FrameAlignment`), cut into cells
/// and compared by ZNCC with a bank of the last passes. A cell is changed when it matches no pass of
/// the bank and has texture to judge; it alarms when it has been changed, and looked the same, for
/// `persistencePasses` consecutive passes, in a group of at least `minimumCells` cells outside the
/// preset's mask. A changed cell does not enter the bank until its run is over, so a persistent
/// change is not learned as normal before it alarms; after the run (alarmed or not), or when an
/// operator confirms or dismisses it (`accept`), the new look becomes part of the reference and the
/// same change does not alarm again.
public struct PresetMonitor: Sendable {
    public let settings: MonitorSettings
    public let reference: GrayImage
    private var excluded: [Bool]
    private var bank: [Seen] = []
    private var run: [Seen] = []
    private var streak: [Int]

    /// A pass as remembered: its record (frame and alignment, kept) and its cells (recomputed from them).
    private struct Seen: Sendable {
        var record: MonitorMemory.Pass
        let cells: CellStatistics
    }

    /// `reference` is a full-resolution frame of the preset; `mask` is true on pixels never to judge
    /// (sky, roads with traffic, water, the tower itself); a cell is excluded when half of it is masked.
    public init(reference: GrayImage, mask: [Bool]? = nil, settings: MonitorSettings = MonitorSettings()) {
        self.settings = settings
        self.reference = reference.halved()
        let columns = self.reference.width / settings.cellSize, rows = self.reference.height / settings.cellSize
        streak = [Int](repeating: 0, count: columns * rows)
        excluded = Self.excludedCells(mask: mask, width: reference.width, columns: columns, rows: rows,
                                      cellPixels: 2 * settings.cellSize)
    }

    /// The monitor as it was when `memory` was taken, its passes rebuilt from their kept frames
    /// (`frame` loads one by the name it was processed under): the same cells, bit for bit, so a
    /// run resumed from the store alarms exactly as an unbroken one.
    public init(reference: GrayImage, mask: [Bool]? = nil, settings: MonitorSettings = MonitorSettings(), memory: MonitorMemory,
                frame: (String) throws(CameraError) -> GrayImage) throws(CameraError) {
        self.init(reference: reference, mask: mask, settings: settings)
        guard memory.streak.count == streak.count else {
            throw .memory("记住的单元数 \(memory.streak.count) 与画面的 \(streak.count) 不符 / \(memory.streak.count) cells remembered, the view has \(streak.count)")
        }
        var loaded: [String: CellStatistics] = [:]
        func seen(_ record: MonitorMemory.Pass) throws(CameraError) -> Seen {
            if let cells = loaded[record.frame] { return Seen(record: record, cells: cells) }
            let cells = CellStatistics(try record.alignment.apply(to: try frame(record.frame).halved()), size: settings.cellSize)
            loaded[record.frame] = cells
            return Seen(record: record, cells: cells)
        }
        for record in memory.bank { bank.append(try seen(record)) }
        for record in memory.run { run.append(try seen(record)) }
        streak = memory.streak
    }

    /// What to keep to rebuild this monitor later (`init(reference:mask:settings:memory:frame:)`).
    public var memory: MonitorMemory {
        MonitorMemory(bank: bank.map(\.record), run: run.map(\.record), streak: streak)
    }

    private static func excludedCells(mask: [Bool]?, width: Int, columns: Int, rows: Int, cellPixels: Int) -> [Bool] {
        guard let mask else { return [Bool](repeating: false, count: columns * rows) }
        return (0..<(columns * rows)).map { cell in
            let x0 = (cell % columns) * cellPixels, y0 = (cell / columns) * cellPixels
            var masked = 0
            for y in y0..<(y0 + cellPixels) {
                for x in x0..<(x0 + cellPixels) where mask[y * width + x] { masked += 1 }
            }
            return 2 * masked >= cellPixels * cellPixels
        }
    }

    /// Compares one full-resolution frame of the preset with what it has seen; `id` names the frame
    /// in `memory` (how the store finds it again).
    public mutating func process(_ frame: GrayImage, id: String = "") throws(CameraError) -> PassOutcome {
        let half = frame.halved()
        let alignment = try FrameAlignment.estimate(reference: reference, frame: half)
        guard alignment.correlation >= settings.minimumCorrelation else {
            return PassOutcome(status: .skipped(correlation: alignment.correlation), alignment: alignment, alarms: [])
        }
        let cells = CellStatistics(try alignment.apply(to: half), size: settings.cellSize)
        let pass = Seen(record: MonitorMemory.Pass(frame: id, alignment: alignment, usable: [Bool](repeating: true, count: cells.count)),
                        cells: cells)
        guard bank.count >= settings.warmUpPasses else {
            bank.append(pass)
            return PassOutcome(status: .warmingUp, alignment: alignment, alarms: [])
        }
        run.append(pass)
        if run.count > settings.persistencePasses { run.removeFirst() }
        var changedCount = 0
        for cell in 0..<cells.count {
            let changed = !excluded[cell] && hasTexture(cell, cells) && !matchesBank(cell, cells)
            guard changed else { streak[cell] = 0; continue }
            changedCount += 1
            let earlier = run.dropLast().suffix(streak[cell])
            let consistent = earlier.allSatisfy { cells.similarity(cell, $0.cells) > settings.consistentAbove }
            streak[cell] = consistent ? streak[cell] + 1 : 1
        }
        let alarms = regions(columns: cells.columns, rows: cells.rows) { streak[$0] == settings.persistencePasses }
        let settled = settings.persistencePasses + 2
        var remembered = pass
        remembered.record.usable = streak.map { $0 == 0 || $0 > settled }
        bank.append(remembered)
        if bank.count > settings.bankSize { bank.removeFirst() }
        return PassOutcome(status: .compared(changedCells: changedCount), alignment: alignment, alarms: alarms)
    }

    /// The operator confirmed or dismissed the change in `region`: its look in the latest pass becomes
    /// part of the reference, and the cells start afresh.
    public mutating func accept(_ region: PixelWindow) {
        guard let latest = bank.last else { return }
        let side = 2 * settings.cellSize, columns = latest.cells.columns, rows = latest.cells.rows
        var usable = latest.record.usable
        let firstRow = min(rows, region.y / side), firstColumn = min(columns, region.x / side)
        for row in firstRow..<max(firstRow, min(rows, (region.y + region.height) / side)) {
            for column in firstColumn..<max(firstColumn, min(columns, (region.x + region.width) / side)) {
                let cell = row * columns + column
                usable[cell] = true
                streak[cell] = 0
            }
        }
        bank[bank.count - 1].record.usable = usable
    }

    /// The operator masked `region` (排除并屏蔽): cells half inside it are never judged again. The
    /// workspace does the same by widening the preset's mask; the evaluation's simulated operator
    /// calls this.
    public mutating func exclude(_ region: PixelWindow) {
        let width = 2 * reference.width, height = 2 * reference.height
        var mask = [Bool](repeating: false, count: width * height)
        for y in max(0, region.y)..<max(max(0, region.y), min(height, region.y + region.height)) {
            for x in max(0, region.x)..<max(max(0, region.x), min(width, region.x + region.width)) { mask[y * width + x] = true }
        }
        let newly = Self.excludedCells(mask: mask, width: width, columns: reference.width / settings.cellSize,
                                       rows: reference.height / settings.cellSize, cellPixels: 2 * settings.cellSize)
        for (cell, masked) in newly.enumerated() where masked {
            excluded[cell] = true
            streak[cell] = 0
        }
    }

    private func hasTexture(_ cell: Int, _ cells: CellStatistics) -> Bool {
        guard cells.spreads[cell] > settings.minimumTexture else { return false }
        let spreads = bank.map { $0.cells.spreads[cell] }.sorted()
        return spreads[spreads.count / 2] > settings.minimumTexture
    }

    private func matchesBank(_ cell: Int, _ cells: CellStatistics) -> Bool {
        bank.contains { $0.record.usable[cell] && cells.similarity(cell, $0.cells) >= settings.changedBelow }
    }

    /// 8-connected groups of the cells where `selected` holds, with at least `minimumCells` cells, as
    /// full-resolution pixel rectangles; groups whose rectangles are at most one cell apart become
    /// one rectangle (a site crossed by a track, or a cell left unjudged, is still one place to check).
    private func regions(columns: Int, rows: Int, where selected: (Int) -> Bool) -> [PixelWindow] {
        var seen = [Bool](repeating: false, count: columns * rows)
        var found: [PixelWindow] = []
        for start in 0..<(columns * rows) where !seen[start] && selected(start) {
            var stack = [start], members: [Int] = []
            seen[start] = true
            while let cell = stack.popLast() {
                members.append(cell)
                let cx = cell % columns, cy = cell / columns
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = cx + dx, ny = cy + dy
                        guard nx >= 0, ny >= 0, nx < columns, ny < rows else { continue }
                        let next = ny * columns + nx
                        if !seen[next] && selected(next) { seen[next] = true; stack.append(next) }
                    }
                }
            }
            guard members.count >= settings.minimumCells else { continue }
            let xs = members.map { $0 % columns }, ys = members.map { $0 / columns }
            let side = 2 * settings.cellSize
            found.append(PixelWindow(x: xs.min()! * side, y: ys.min()! * side,
                                     width: (xs.max()! - xs.min()! + 1) * side, height: (ys.max()! - ys.min()! + 1) * side))
        }
        return Self.merged(found, within: 2 * settings.cellSize)
    }

    /// Rectangles joined while any two are `gap` pixels apart or closer, each pair into their
    /// bounding rectangle; in the order the first of each was found.
    static func merged(_ windows: [PixelWindow], within gap: Int) -> [PixelWindow] {
        var result = windows
        var joined = true
        while joined {
            joined = false
            search: for i in result.indices {
                for j in result.indices where j > i {
                    let a = result[i], b = result[j]
                    guard a.x - gap <= b.x + b.width, b.x - gap <= a.x + a.width,
                          a.y - gap <= b.y + b.height, b.y - gap <= a.y + a.height else { continue }
                    let minX = min(a.x, b.x), minY = min(a.y, b.y)
                    result[i] = PixelWindow(x: minX, y: minY, width: max(a.x + a.width, b.x + b.width) - minX,
                                            height: max(a.y + a.height, b.y + b.height) - minY)
                    result.remove(at: j)
                    joined = true
                    break search
                }
            }
        }
        return result
    }
}
