import Foundation

/// A calendar date without a time of day (deadlines, 前/后时相, filing dates), in the proleptic
/// Gregorian calendar. Bureaus write dates as 2024-03-15, 2024/3/15 or 20240315; all are accepted.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses 2024-03-15, 2024/3/15, 2024.03.15, 20240315, or the date part of an ISO 8601 time
    /// (2024-03-15T10:00:00); nil for anything else.
    public init?(_ text: String) {
        if let canonical = Self.canonical(text.utf8) {
            self = canonical
            return
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let datePart = trimmed.split(whereSeparator: { $0 == "T" || $0 == " " }).first.map(String.init) ?? ""
        let fields: [Int]
        if datePart.count == 8, datePart.allSatisfy(\.isASCII), let _ = Int(datePart) {
            fields = [Int(datePart.prefix(4))!, Int(datePart.dropFirst(4).prefix(2))!, Int(datePart.suffix(2))!]
        } else {
            let parts = datePart.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." || $0 == ":" })
            guard parts.count == 3, parts[0].count == 4 else { return nil }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == 3 else { return nil }
            fields = numbers
        }
        self.init(year: fields[0], month: fields[1], day: fields[2])
    }

    /// YYYY-MM-DD exactly, as the store keeps dates: read digit by digit (the general parser trims and splits).
    private static func canonical(_ bytes: String.UTF8View) -> CalendarDay? {
        guard bytes.count == 10 else { return nil }
        var fields = [0, 0, 0], field = 0
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                field += 1
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                fields[field] = fields[field] * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        return CalendarDay(year: fields[0], month: fields[1], day: fields[2])
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The day of `date` in the zone (China Standard Time, UTC+8, unless told otherwise).
    public init(_ date: Date, secondsFromGMT: Int = 8 * 3600) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: secondsFromGMT)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The moment `hour`:`minute` on this day in the zone (China Standard Time unless told otherwise).
    public func at(hour: Int, minute: Int = 0, secondsFromGMT: Int = 8 * 3600) -> Date {
        Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 - secondsFromGMT))
    }

    /// ISO 8601: 2024-03-15.
    public var description: String {
        // Lists print thousands of dates a second: digits by hand, not String(format:).
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Days since 1970-01-01 (negative before), so that days can be added and compared.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
