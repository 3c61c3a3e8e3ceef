import Foundation
import Workspace

/// Draws progress on stderr: a bar with count, rate and ETA on a terminal, a plain line every two
/// seconds otherwise (logs, CI). Stages shorter than a second show nothing.
final class TerminalProgress: JobProgress {
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var stage = ""
    private var total: Int?
    private var done = 0
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var drew = false

    func begin(_ stage: String, total: Int?) {
        self.stage = stage
        self.total = total
        done = 0
        started = Date()
        lastDraw = .distantPast
        drew = false
    }

    func advance(to done: Int) {
        self.done = done
        let now = Date()
        guard now.timeIntervalSince(started) >= 1, now.timeIntervalSince(lastDraw) >= (isTerminal ? 0.1 : 2) else { return }
        lastDraw = now
        draw(final: false)
    }

    func end() {
        if drew { draw(final: true) }
    }

    private func draw(final: Bool) {
        drew = true
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        var text = "\(stage) \(done)"
        if let total, total > 0 {
            let fraction = min(Double(done) / Double(total), 1)
            let filled = Int(fraction * 24)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
            let remaining = rate > 0 ? Double(total - done) / rate : 0
            text = "\(stage) [\(bar)] \(done)/\(total) \(String(format: "%.0f", rate))/s"
                + (final ? " 用时 \(Self.duration(elapsed))" : " 剩余 ETA \(Self.duration(remaining))")
        } else {
            text += " \(String(format: "%.0f", rate))/s"
        }
        let line = isTerminal ? "\r\u{1B}[2K" + text + (final ? "\n" : "") : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.0fs", seconds) : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}
