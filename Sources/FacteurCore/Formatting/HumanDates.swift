import Foundation

/// Dates and times as members read them: "jeudi 26 novembre 2026 à 18h30". Written out by hand
/// rather than through DateFormatter so the words never depend on the machine's installed locales.
public struct HumanDates: Sendable {
    public var language: Language
    public var timeZone: TimeZone

    public init(language: Language, timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone
    }

    private static let frenchWeekdays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
    private static let frenchMonths = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre",
    ]
    private static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// The local day, hour and minute, by arithmetic on the zone's offset at that instant: a Calendar made for
    /// each of the several dates of every notice cost more than the rest of its words (issue 15).
    private func components(_ date: Date) -> (day: CivilDay, hour: Int, minute: Int) {
        let (day, rest) = CivilDay.split(CivilDay.seconds(date) + Int64(timeZone.secondsFromGMT(for: date)))
        return (day, rest / 3600, rest / 60 % 60)
    }

    /// "jeudi 26 novembre 2026" / "Thursday 26 November 2026".
    public func date(_ date: Date) -> String {
        let c = components(date).day
        switch language {
        case .fr:
            let day = c.day == 1 ? "1er" : "\(c.day)"
            return "\(Self.frenchWeekdays[c.weekday]) \(day) \(Self.frenchMonths[c.month - 1]) \(c.year)"
        case .en:
            return "\(Self.englishWeekdays[c.weekday]) \(c.day) \(Self.englishMonths[c.month - 1]) \(c.year)"
        }
    }

    /// "18h30" / "18:30".
    public func time(_ date: Date) -> String {
        let c = components(date)
        // Without String(format:), which goes through CFString: this runs for every notice.
        let hour = c.hour
        let minute = c.minute
        let mm = minute < 10 ? "0\(minute)" : "\(minute)"
        switch language {
        case .fr: return "\(hour)h\(mm)"
        case .en: return (hour < 10 ? "0\(hour)" : "\(hour)") + ":" + mm
        }
    }

    /// "jeudi 26 novembre 2026 à 18h30" / "Thursday 26 November 2026 at 18:30".
    public func dateTime(_ date: Date) -> String {
        switch language {
        case .fr: return "\(self.date(date)) à \(time(date))"
        case .en: return "\(self.date(date)) at \(time(date))"
        }
    }
}
