import Testing
@testable import Detection

@Suite struct OtsuTests {
    @Test func splitsTwoSeparatedModesBetweenThem() {
        var histogram = [Int](repeating: 0, count: 100)
        histogram[10] = 500
        histogram[80] = 100
        let threshold = Otsu.threshold(histogram: histogram, lower: 0, upper: 100)
        #expect(threshold > 10 && threshold <= 80)
    }
}
