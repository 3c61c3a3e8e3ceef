@testable import Camera
import Foundation
import GeoIO
import Testing

struct PlantedChangeTests {
    static let chip = GrayImage(width: 4, height: 2, pixels: [10, 20, 30, 40, 50, 60, 70, 80])
    static let plant = PlantedChange(start: 0, region: PixelWindow(x: 8, y: 6, width: 4, height: 2), chip: chip)
    static let frame = GrayImage(width: 24, height: 16, pixels: [Float](repeating: 45, count: 24 * 16))

    static func alignment(shiftX: Double, shiftY: Double) throws -> FrameAlignment {
        let json = #"{"matrix":[1,0,\#(shiftX),0,1,\#(shiftY)],"correlation":1}"#
        return try JSONDecoder().decode(FrameAlignment.self, from: Data(json.utf8))
    }

    /// The pixels that differ from the plain frame, as (x, y, value).
    static func changed(_ image: GrayImage) -> [(Int, Int, Float)] {
        (0..<image.pixels.count).compactMap { image.pixels[$0] == 45 ? nil : ($0 % image.width, $0 / image.width, image.pixels[$0]) }
    }

    @Test func withoutAnAlignmentTheChipIsPastedOnItsRegionAtTheFramesBrightness() {
        let pasted = Self.changed(Self.plant.apply(to: Self.frame))
        #expect(pasted.map { [$0.0, $0.1] } == [[8, 6], [9, 6], [10, 6], [11, 6], [8, 7], [9, 7], [10, 7], [11, 7]])
        // The chip's mean is 45, the frame's there too: the gain is 1.
        #expect(pasted.map(\.2) == [10, 20, 30, 40, 50, 60, 70, 80])
    }

    @Test func aPlantMovesWithTheViewByTwiceItsHalfSizeShift() throws {
        let drifted = Self.changed(Self.plant.apply(to: Self.frame, alignment: try Self.alignment(shiftX: 3, shiftY: -1)))
        #expect(drifted.map { [$0.0, $0.1] } == [[14, 4], [15, 4], [16, 4], [17, 4], [14, 5], [15, 5], [16, 5], [17, 5]])
        #expect(drifted.map(\.2) == [10, 20, 30, 40, 50, 60, 70, 80])
    }

    @Test func aPlantCountsTowardsRecallOnlyWhenItCoversAnAlarmsWholeCells() {
        #expect(PixelWindow(x: 24, y: 24, width: 48, height: 24).wholeCells(side: 24) == 2)
        #expect(PixelWindow(x: 25, y: 24, width: 48, height: 24).wholeCells(side: 24) == 1)
        #expect(PixelWindow(x: 25, y: 30, width: 71, height: 30).wholeCells(side: 24) == 0)
        #expect(PixelWindow(x: 0, y: 0, width: 72, height: 48).wholeCells(side: 24) == 6)
    }
}
