import Enforcement
import Foundation
import Testing

@Suite struct CalendarDayTests {
    @Test func readsTheDateFormsBureausWrite() {
        let expected = CalendarDay(year: 2024, month: 3, day: 5)
        for text in ["2024-03-05", "2024/3/5", "2024.03.05", "20240305", "2024-03-05T10:00:00"] {
            #expect(CalendarDay(text) == expected, "\(text)")
        }
    }

    @Test("Dates print zero-padded, and the stored form reads back the same as any other")
    func printsPaddedAndReadsStoredForm() {
        #expect(CalendarDay(year: 999, month: 1, day: 5)?.description == "0999-01-05")
        #expect(CalendarDay("2024-03-05") == CalendarDay("2024/3/5"))
        #expect(CalendarDay("2024-02-30") == nil)
        #expect(CalendarDay("2024-0a-05") == nil)
    }

    @Test func rejectsDatesThatDoNotExist() {
        #expect(CalendarDay("2023-02-29") == nil)
        #expect(CalendarDay("2024-13-01") == nil)
        #expect(CalendarDay("next week") == nil)
    }

    @Test func addsDaysAcrossMonthAndLeapYearEnds() {
        #expect(CalendarDay("2024-02-15")!.adding(days: 30) == CalendarDay("2024-03-16"))
        #expect(CalendarDay("2023-12-20")!.adding(days: 30) == CalendarDay("2024-01-19"))
        #expect(CalendarDay("1970-01-01")!.daysSinceEpoch == 0)
    }

    @Test func takesTheDayOfAMomentInChinaStandardTime() {
        // 2024-03-31T17:30Z is already 1 April in Beijing.
        let moment = Date(timeIntervalSince1970: 1_711_906_200)
        #expect(CalendarDay(moment) == CalendarDay("2024-04-01"))
    }
}
