import Foundation
import Geo

/// A calendar month, e.g. 2024-05: the unit bureaus report progress by.
public struct CalendarMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(_ day: CalendarDay) {
        year = day.year
        month = day.month
    }

    /// Parses 2024-05 or 2024/5; nil for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
              (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    private init(index: Int) {
        year = index / 12
        month = index % 12 + 1
    }

    /// Months since year 0, so months can be counted and stepped.
    public var index: Int { year * 12 + month - 1 }
    public func adding(months: Int) -> CalendarMonth { CalendarMonth(index: index + months) }
    public var description: String { String(format: "%04d-%02d", year, month) }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
}

/// One month of 月度趋势: what was done that month (Beijing time).
public struct MonthTrend: Sendable, Equatable {
    public let month: CalendarMonth
    /// Patches first verified in the field this month.
    public internal(set) var verified = 0
    /// Cases filed and closed this month.
    public internal(set) var casesFiled = 0
    public internal(set) var casesClosed = 0
    /// Patches rectified (整改到位) this month, and their area.
    public internal(set) var rectified = 0
    public internal(set) var rectifiedArea = Area.zero
}

public enum MonthlyTrend {
    /// The longest range one call computes: ten years of months.
    public static let maximumMonths = 120

    /// The month of the latest verification, case filing or closing, or rectification; nil when none.
    public static func latestMonth(patches: [PatchFacts], cases: [EnforcementCase]) -> CalendarMonth? {
        let patchDays = patches.flatMap { [$0.workflow.firstVerifiedAt.map { CalendarDay($0) }, $0.workflow.rectifiedOn] }
        let caseDays = cases.flatMap { [$0.filedOn, $0.closedOn] }
        return (patchDays + caseDays).compactMap { $0 }.max().map(CalendarMonth.init)
    }

    /// The months from `first` through `last`, each with its counts; empty when the range is backwards.
    public static func compute(patches: [PatchFacts], cases: [EnforcementCase], from first: CalendarMonth,
                               through last: CalendarMonth) -> [MonthTrend] {
        guard first <= last else { return [] }
        var months = (0...(last.index - first.index)).map { MonthTrend(month: first.adding(months: $0)) }
        func slot(_ day: CalendarDay?) -> Int? {
            guard let day else { return nil }
            let offset = CalendarMonth(day).index - first.index
            return months.indices.contains(offset) ? offset : nil
        }
        for patch in patches {
            if let i = slot(patch.workflow.firstVerifiedAt.map { CalendarDay($0) }) { months[i].verified += 1 }
            if let i = slot(patch.workflow.rectifiedOn) {
                months[i].rectified += 1
                months[i].rectifiedArea = months[i].rectifiedArea + patch.area
            }
        }
        for enforcementCase in cases {
            if let i = slot(enforcementCase.filedOn) { months[i].casesFiled += 1 }
            if let i = slot(enforcementCase.closedOn) { months[i].casesClosed += 1 }
        }
        return months
    }
}
