import Foundation

/// A day of the proleptic Gregorian calendar from a count of days since 1970-01-01 (H. Hinnant's
/// civil-from-days): the log's timestamps, each attempt's `Date` header and spreadsheet date serials are written
/// for every line, message or cell, where a Calendar each time cost more than the work around it.
public struct CivilDay: Sendable, Equatable {
    public var year: Int64
    public var month: Int
    public var day: Int
    /// 0 for Sunday … 6 for Saturday.
    public var weekday: Int

    public init(daysSince1970 days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = Int(doy - (153 * mp + 2) / 5 + 1)
        month = Int(mp < 10 ? mp + 3 : mp - 9)
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday.
        weekday = Int(((days % 7) + 11) % 7)
    }

    /// A Unix time split into its day and the seconds into it (negative times included).
    public static func split(_ seconds: Int64) -> (day: CivilDay, secondOfDay: Int) {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        return (CivilDay(daysSince1970: days), Int(rest))
    }

    /// A Date as whole Unix seconds, for the arithmetic above. Beyond ±31,000 years a Date is no time anyone
    /// scheduled: it is clamped, and NaN or infinity is 1970, rather than trapped on.
    public static func seconds(_ date: Date) -> Int64 {
        let t = date.timeIntervalSince1970
        return t.isFinite ? Int64(max(-1e12, min(1e12, t)).rounded(.down)) : 0
    }

    /// `2026-11-26`.
    public var iso: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }

    /// Two digits, zero-padded.
    public static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
