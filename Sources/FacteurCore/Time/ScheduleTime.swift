import Foundation

/// Reads the published schema's times: `YYYY-MM-DD HH:MM[:SS]` or with `T`, local to the AMAP unless it
/// carries `Z` or an offset such as `+01:00`.
public enum ScheduleTime {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case impossible(String)
        /// A local time the clocks skip (in Paris, 02:00–02:59 on the last Sunday of March): no instant has it.
        case nonexistent(String, zone: String)

        public var description: String {
            switch self {
            case .malformed(let text): return "“\(text)” is not a time (expected YYYY-MM-DD HH:MM)"
            case .impossible(let text): return "“\(text)” is not a real date or time"
            case .nonexistent(let text, let zone):
                return "“\(text)” does not exist in \(zone) (the clocks skip that time)"
            }
        }

        /// The same in the report's language, after the column's name and value (`starts_at « … » : …`).
        public var words: BilingualText {
            switch self {
            case .malformed:
                return BilingualText(
                    fr: "n'est pas une heure (attendu : AAAA-MM-JJ HH:MM)",
                    en: "is not a time (expected YYYY-MM-DD HH:MM)")
            case .impossible:
                return BilingualText(fr: "n'est pas une date ou une heure réelle", en: "is not a real date or time")
            case .nonexistent(_, let zone):
                return BilingualText(
                    fr: "n'existe pas dans le fuseau \(zone) (les horloges sautent ce moment-là)",
                    en: "does not exist in \(zone) (the clocks skip that time)")
            }
        }
    }

    public static func parse(_ raw: String, in timeZone: TimeZone) throws(ParseError) -> Date {
        // Trimmed on bytes: Foundation's trimmingCharacters goes through NSString, and this runs for
        // every time of every row the schedule reader sees.
        var bytes = Array(raw.utf8)
        while let last = bytes.last, last == 32 || last == 9 { bytes.removeLast() }
        if let first = bytes.firstIndex(where: { $0 != 32 && $0 != 9 }), first > 0 { bytes.removeFirst(first) }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T") else {
            throw .malformed(raw)
        }
        guard let date = LocalDate(String(decoding: bytes[0..<10], as: UTF8.self)) else {
            if LocalDateShape.looksLikeDate(bytes[0..<10]) { throw .impossible(raw) }
            throw .malformed(raw)
        }
        // Year 0 or 9999 is a placeholder or a typo, never a distribution.
        guard (1900...2999).contains(date.year) else { throw .impossible(raw) }
        var rest = Array(bytes[11...])
        var offsetSeconds: Int?
        if rest.last == UInt8(ascii: "Z") {
            offsetSeconds = 0
            rest.removeLast()
        } else if rest.count >= 6,
            rest[rest.count - 6] == UInt8(ascii: "+") || rest[rest.count - 6] == UInt8(ascii: "-")
        {
            let sign = rest[rest.count - 6] == UInt8(ascii: "-") ? -1 : 1
            let off = String(decoding: rest[(rest.count - 5)...], as: UTF8.self)
            let hm = off.split(separator: ":")
            guard hm.count == 2, hm.allSatisfy({ $0.count == 2 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
                let h = Int(hm[0]), let m = Int(hm[1]), h < 14 || (h == 14 && m == 0), m < 60
            else { throw .malformed(raw) }
            offsetSeconds = sign * (h * 3600 + m * 60)
            rest.removeLast(6)
        }
        let clock = String(decoding: rest, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        // Two digits each: `Int` alone would read "-1" or "+1" as a time.
        guard clock.count == 2 || clock.count == 3,
            clock.allSatisfy({ $0.count == 2 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
            let hour = Int(clock[0]), let minute = Int(clock[1])
        else { throw .malformed(raw) }
        let second = clock.count == 3 ? Int(clock[2]) : 0
        guard let second, hour < 24, minute < 60, second < 60 else { throw .impossible(raw) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = offsetSeconds.map { TimeZone(secondsFromGMT: $0)! } ?? timeZone
        let components = DateComponents(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        guard let instant = calendar.date(from: components) else { throw .impossible(raw) }
        // Foundation moves a local time in the hour skipped in spring to the next one that exists: the row is
        // reported and skipped instead (DESIGN §3), not sent an hour off. A time of the hour repeated in autumn
        // exists twice and is its first occurrence.
        if offsetSeconds == nil {
            let local = CivilDay.split(CivilDay.seconds(instant) + Int64(timeZone.secondsFromGMT(for: instant)))
            guard local.day.year == Int64(date.year), local.day.month == date.month, local.day.day == date.day,
                local.secondOfDay == hour * 3600 + minute * 60 + second
            else { throw .nonexistent(raw, zone: timeZone.identifier) }
        }
        return instant
    }

    /// ISO 8601 in UTC with seconds, for logs and JSON. Arithmetic rather than a Calendar: every queued notice
    /// logs one (issue 15).
    public static func utcString(_ date: Date) -> String {
        let (day, rest) = CivilDay.split(CivilDay.seconds(date))
        let two = CivilDay.two
        let year = day.year >= 0 && day.year < 1000 ? String(String(day.year + 10_000).dropFirst()) : "\(day.year)"
        return "\(year)-\(two(day.month))-\(two(day.day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }
}

enum LocalDateShape {
    static func looksLikeDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        let a = Array(bytes)
        guard a.count == 10, a[4] == UInt8(ascii: "-"), a[7] == UInt8(ascii: "-") else { return false }
        return a.enumerated().allSatisfy { i, b in i == 4 || i == 7 || (b >= 48 && b <= 57) }
    }
}
