import Foundation

/// `Date:` in RFC 5322 form with English names whatever the machine's locale, e.g.
/// `Thu, 26 Nov 2026 18:30:00 +0100`. A localized date makes messages undeliverable.
public enum RFC5322Date {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Computed from the Unix time and the zone's offset: a Calendar per message cost more than the
    /// rest of restamping it (issue 15).
    public static func string(_ date: Date, timeZone: TimeZone) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        var dayCount = local / 86_400
        var rest = local % 86_400
        if rest < 0 {
            rest += 86_400
            dayCount -= 1
        }
        // 1970-01-01 was a Thursday.
        let weekday = Int(((dayCount % 7) + 11) % 7)
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let zone = "\(sign)\(two(minutes / 60))\(two(minutes % 60))"
        let seconds = Int(rest)
        return "\(Self.days[weekday]), \(two(day)) \(Self.months[month - 1]) \(year) "
            + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) \(zone)"
    }
}
