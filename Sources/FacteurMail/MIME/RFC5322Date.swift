import FacteurCore
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
        let (civil, seconds) = CivilDay.split(local)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        let two = CivilDay.two
        let zone = "\(sign)\(two(minutes / 60))\(two(minutes % 60))"
        return "\(Self.days[civil.weekday]), \(two(civil.day)) \(Self.months[civil.month - 1]) \(civil.year) "
            + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) \(zone)"
    }
}
