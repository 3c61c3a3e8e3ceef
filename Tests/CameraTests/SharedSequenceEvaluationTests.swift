import Camera
import Foundation
import Testing
import TestSupport

/// The real webcam sequences of `../shared/data/camera` (no relevant ground change: every alarm is
/// false) with LEVIR-CD changes planted into them. The levels are those reached (docs/cameras.md);
/// a change that makes them worse fails here. The market square's false alarms get one of slack:
/// the same commit raised 8 on one machine and 9 on another (OpenCV's registration in floating
/// point), and 2 here with the present settings.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipReason), .serialized)
struct SharedSequenceEvaluationTests {
    static func score(_ camera: String) throws -> SequenceScore {
        let chips = try PlantedChange.chips(fromPairs: SharedData.path("change/levir-samples"))
        return try CameraEvaluation.evaluate(try FrameSequence(directory: SharedData.path("camera/\(camera)")), chips: chips, plants: 30)
    }

    @Test func theMountainTownViewRaisesNoFalseAlarmAndFindsEveryPlantedChange() throws {
        let score = try Self.score("chamonix")
        #expect(score.falseAlarms == 0)
        #expect(score.plantedRunFalseAlarms == 0)
        #expect(score.planted >= 10)
        #expect(score.recall >= 0.9)
    }

    @Test func theMarketSquareViewStaysWithinTheLevelsReached() throws {
        let score = try Self.score("courbevoie")
        #expect(score.falseAlarms <= 3)
        #expect(score.planted >= 10)
        #expect(score.recall >= 0.9)
        #expect(score.duplicateRate <= 0.05)
    }
}
