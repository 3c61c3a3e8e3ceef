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
    private let excluded: [Bool]
    private var bank: [(cells: CellStatistics, usable: [Bool])] = []
    private var run: [CellStatistics] = []
    private var streak: [Int]
    private var latest: CellStatistics?

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

    /// Compares one full-resolution frame of the preset with what it has seen.
    public mutating func process(_ frame: GrayImage) throws(CameraError) -> PassOutcome {
        let half = frame.halved()
        let alignment = try FrameAlignment.estimate(reference: reference, frame: half)
        guard alignment.correlation >= settings.minimumCorrelation else {
            return PassOutcome(status: .skipped(correlation: alignment.correlation), alignment: alignment, alarms: [])
        }
        let cells = CellStatistics(try alignment.apply(to: half), size: settings.cellSize)
        latest = cells
        guard bank.count >= settings.warmUpPasses else {
            bank.append((cells, [Bool](repeating: true, count: cells.count)))
            return PassOutcome(status: .warmingUp, alignment: alignment, alarms: [])
        }
        run.append(cells)
        if run.count > settings.persistencePasses { run.removeFirst() }
        var changedCount = 0
        for cell in 0..<cells.count {
            let changed = !excluded[cell] && hasTexture(cell, cells) && !matchesBank(cell, cells)
            guard changed else { streak[cell] = 0; continue }
            changedCount += 1
            let earlier = run.dropLast().suffix(streak[cell])
            let consistent = earlier.allSatisfy { cells.similarity(cell, $0) > settings.consistentAbove }
            streak[cell] = consistent ? streak[cell] + 1 : 1
        }
        let alarms = regions { streak[$0] == settings.persistencePasses }
        let settled = settings.persistencePasses + 2
        bank.append((cells, streak.map { $0 == 0 || $0 > settled }))
        if bank.count > settings.bankSize { bank.removeFirst() }
        return PassOutcome(status: .compared(changedCells: changedCount), alignment: alignment, alarms: alarms)
    }

    /// The operator confirmed or dismissed the change in `region`: its look in the latest pass becomes
    /// part of the reference, and the cells start afresh.
    public mutating func accept(_ region: PixelWindow) {
        guard let latest, !bank.isEmpty else { return }
        let side = 2 * settings.cellSize
        var usable = bank[bank.count - 1].usable
        for row in (region.y / side)..<((region.y + region.height) / side) {
            for column in (region.x / side)..<((region.x + region.width) / side) {
                let cell = row * latest.columns + column
                usable[cell] = true
                streak[cell] = 0
            }
        }
        bank[bank.count - 1] = (latest, usable)
    }

    private func hasTexture(_ cell: Int, _ cells: CellStatistics) -> Bool {
        guard cells.spreads[cell] > settings.minimumTexture else { return false }
        let spreads = bank.map { $0.cells.spreads[cell] }.sorted()
        return spreads[spreads.count / 2] > settings.minimumTexture
    }

    private func matchesBank(_ cell: Int, _ cells: CellStatistics) -> Bool {
        bank.contains { $0.usable[cell] && cells.similarity(cell, $0.cells) >= settings.changedBelow }
    }

    /// 8-connected groups of the cells where `selected` holds, with at least `minimumCells` cells, as
    /// full-resolution pixel rectangles.
    private func regions(where selected: (Int) -> Bool) -> [PixelWindow] {
        guard let latest else { return [] }
        let columns = latest.columns, rows = latest.rows
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
        return found
    }
}
