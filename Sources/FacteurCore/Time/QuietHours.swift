import Foundation

/// A nightly span (default 21:00–08:00 local) during which no mail leaves: sends are held until it ends.
public struct QuietHours: Sendable, Equatable {
    /// Minutes after local midnight.
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public static let standard = QuietHours(start: 21 * 60, end: 8 * 60)
    public static let none = QuietHours(start: 0, end: 0)

    /// Parses `HH:MM`.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }

    public func contains(_ date: Date, in timeZone: TimeZone) -> Bool {
        guard start != end else { return false }
        let minute = QuietHours.minuteOfDay(date, in: timeZone)
        return start < end ? (minute >= start && minute < end) : (minute >= start || minute < end)
    }

    /// The first instant at or after `date` outside quiet hours, in the AMAP's local time.
    public func release(_ date: Date, in timeZone: TimeZone) -> Date {
        guard contains(date, in: timeZone) else { return date }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let minute = QuietHours.minuteOfDay(date, in: timeZone)
        var day = calendar.startOfDay(for: date)
        if start >= end && minute >= start {
            day = calendar.date(byAdding: .day, value: 1, to: day)!
        }
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!).at(hour: end / 60, minute: end % 60, in: timeZone)
    }

    static func minuteOfDay(_ date: Date, in timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return c.hour! * 60 + c.minute!
    }
}
