import FacteurCore
import Foundation

/// `--now T`: ISO 8601, local to the configured time zone unless it carries an offset.
enum TimeArgument {
    static func parse(_ text: String?, timeZone: TimeZone) throws(UsageError) -> Date? {
        guard let text else { return nil }
        let full = text.count == 10 ? text + " 00:00" : text
        do { return try ScheduleTime.parse(full, in: timeZone) } catch {
            throw UsageError("--now: \(error)")
        }
    }

    /// `--now T` when given, else the wall clock: every command that stamps or compares time takes it,
    /// so an operator can ask "what will this say tomorrow" and tests never depend on today's date.
    static func now(_ text: String?, timeZone: TimeZone) throws(UsageError) -> Date {
        try parse(text, timeZone: timeZone) ?? WallClock.now()
    }
}
