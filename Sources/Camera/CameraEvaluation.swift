import Enforcement
import Foundation
import GeoIO

/// How a preset monitor does on a frame sequence with no relevant ground change (every alarm is false)
/// and with real changes planted into it (every planted change should alarm, once).
public struct SequenceScore: Sendable, Codable, Equatable {
    public var sequence: String
    public var frames: Int
    /// Passes skipped as not comparable (fog, night) in the clean run.
    public var skippedFrames: Int
    /// Alarms in the sequence as it is: all false.
    public var falseAlarms: Int
    /// Planted changes at least the size of an alarm: covering `minimumCells` whole cells of the
    /// reference's grid. Recall is counted on these, as a minimum mapping unit is.
    public var planted: Int
    /// Those that alarmed within `persistencePasses + 2` passes of appearing.
    public var found: Int
    /// Planted changes smaller than an alarm (they may still alarm, on cells they half cover), and
    /// those of them found: reported, not part of recall.
    public var plantedBelowAlarmSize: Int
    public var foundBelowAlarmSize: Int
    /// Alarms elsewhere during the planted runs.
    public var plantedRunFalseAlarms: Int
    /// All alarms raised in the planted runs, and those that repeated an incident already open.
    public var plantedRunAlarms: Int
    public var duplicateAlarms: Int
    /// Frames compared per second on one core, clean run.
    public var framesPerSecond: Double

    public var recall: Double { planted == 0 ? 0 : Double(found) / Double(planted) }
    public var duplicateRate: Double { plantedRunAlarms == 0 ? 0 : Double(duplicateAlarms) / Double(plantedRunAlarms) }
}

public enum CameraEvaluation {
    /// Runs `sequence` clean, then once per planted change (`plants` of them, placed by `seed` in the
    /// ground part of the view: rows 70–95 %, columns 5–95 %, from pass 6 on). A plant is fixed to the
    /// ground: it is pasted where the clean run found the camera looking, so it drifts with the view
    /// as a real change would. Recall counts plants of at least an alarm's size. The monitor's state
    /// before a plant's first pass is the clean run's, copied, so each planted run costs only its tail.
    /// With `operatorMasks`, an operator dismisses every false alarm as it comes with its place masked
    /// (排除并屏蔽), so the same place never alarms again, and a plant there later is not seen either.
    public static func evaluate(_ sequence: FrameSequence, chips: [GrayImage], plants: Int, seed: UInt64 = 1,
                                settings: MonitorSettings = MonitorSettings(), operatorMasks: Bool = false) throws(CameraError) -> SequenceScore {
        let frames = try sequence.frames.map { frame throws(CameraError) in try GrayImage(path: frame.path) }
        guard let first = frames.first else { throw .sequence(path: sequence.name, reason: "没有画面 / no frames") }
        for (frame, source) in zip(frames, sequence.frames) where frame.width != first.width || frame.height != first.height {
            throw .frameSizeDiffers(path: source.path, expected: "\(first.width)×\(first.height)", found: "\(frame.width)×\(frame.height)")
        }
        var monitor = PresetMonitor(reference: first, settings: settings)
        var states: [PresetMonitor] = []
        var alignments: [FrameAlignment?] = []
        var score = SequenceScore(sequence: sequence.name, frames: frames.count, skippedFrames: 0, falseAlarms: 0, planted: 0, found: 0,
                                  plantedBelowAlarmSize: 0, foundBelowAlarmSize: 0,
                                  plantedRunFalseAlarms: 0, plantedRunAlarms: 0, duplicateAlarms: 0, framesPerSecond: 0)
        let clock = ContinuousClock.now
        for frame in frames {
            states.append(monitor)
            let outcome = try monitor.process(frame)
            alignments.append(outcome.alignment)
            if case .skipped = outcome.status { score.skippedFrames += 1 }
            score.falseAlarms += outcome.alarms.count
            if operatorMasks { outcome.alarms.forEach { monitor.exclude($0) } }
        }
        let elapsed = ContinuousClock.now - clock
        score.framesPerSecond = Double(frames.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)

        let latest = settings.warmUpPasses + 2
        guard !chips.isEmpty, frames.count > latest + settings.persistencePasses else { return score }
        var random = SplitMix(seed: seed)
        for _ in 0..<plants {
            let width = Int(random.next(in: 0.08...0.16) * Double(first.width))
            let height = Int(Double(width) * random.next(in: 0.35...0.6))
            let x = Int(random.next(in: 0.05...0.95) * Double(first.width - width))
            let y = Int(random.next(in: 0.70...0.95) * Double(first.height) - Double(height))
            let start = latest + Int(random.next(in: 0...1) * Double(frames.count - latest - settings.persistencePasses - 1))
            let plant = PlantedChange(start: start, region: PixelWindow(x: x, y: y, width: width, height: height),
                                      chip: chips[Int(random.next(in: 0...1) * Double(chips.count - 1))])
            var planted = states[start]
            var ledger = IncidentLedger()
            var hit = false
            for index in start..<frames.count {
                let outcome = try planted.process(plant.apply(to: frames[index], alignment: alignments[index]))
                for (ordinal, region) in outcome.alarms.enumerated() {
                    let time = sequence.frames[index].time
                    let code = CameraAlarm.code(camera: sequence.name, preset: 1, capturedAt: time, ordinal: ordinal + 1)
                    ledger.record(CameraAlarm(code: code, cameraID: sequence.name, preset: 1, capturedAt: time, frame: sequence.frames[index].path,
                                              view: region.envelope, ground: nil, area: nil, incident: code))
                    if region.intersects(plant.region) {
                        if index <= start + settings.persistencePasses + 2 { hit = true }
                    } else {
                        score.plantedRunFalseAlarms += 1
                        if operatorMasks { planted.exclude(region) }
                    }
                }
            }
            if plant.region.wholeCells(side: 2 * settings.cellSize) >= settings.minimumCells {
                score.planted += 1
                score.found += hit ? 1 : 0
            } else {
                score.plantedBelowAlarmSize += 1
                score.foundBelowAlarmSize += hit ? 1 : 0
            }
            score.plantedRunAlarms += ledger.incidents.reduce(0) { $0 + $1.alarms }
            score.duplicateAlarms += ledger.duplicates
        }
        return score
    }
}

extension PixelWindow {
    /// Cells of a grid of `side`-pixel squares from (0, 0) that lie wholly inside the window.
    func wholeCells(side: Int) -> Int {
        let columns = (x + width) / side - (x + side - 1) / side, rows = (y + height) / side - (y + side - 1) / side
        return max(0, columns) * max(0, rows)
    }
}

/// A small seeded generator (SplitMix64), so planted changes land in the same places on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }
}
