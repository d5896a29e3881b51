import FacteurCore
import Foundation

/// `--now T`: ISO 8601, local to the configured time zone unless it carries an offset.
enum TimeArgument {
    static func parse(_ text: String?, timeZone: TimeZone) throws(UsageError) -> Date? {
        guard let text else { return nil }
        do {
            // A day alone is its first instant: midnight, or where the clocks skip midnight (Santiago, Havana,
            // Beirut), the first time that exists that day.
            guard text.count == 10 else { return try ScheduleTime.parse(text, in: timeZone) }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            return calendar.startOfDay(for: try ScheduleTime.parse(text + " 12:00", in: timeZone))
        } catch {
            throw UsageError("--now: \(error)")
        }
    }

    /// `--now T` when given, else the wall clock: every command that stamps or compares time takes it,
    /// so an operator can ask "what will this say tomorrow" and tests never depend on today's date.
    static func now(_ text: String?, timeZone: TimeZone) throws(UsageError) -> Date {
        try parse(text, timeZone: timeZone) ?? WallClock.now()
    }
}
