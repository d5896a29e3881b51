import Foundation

/// RFC 5545 text for `METHOD:PUBLISH`: times in UTC, TEXT values escaped, lines folded at 75 octets
/// without splitting a UTF-8 character, CRLF line ends.
public enum ICalendar {
    /// `calendarName` names a feed in the calendar applications that show it (X-WR-CALNAME).
    public static func publish(
        _ events: [CalendarEvent], calendarName: String? = nil, productID: String = "-//Facteur//AMAP//FR"
    ) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if let calendarName { lines.append("X-WR-CALNAME:\(escape(calendarName))") }
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escape(event.uid))",
                "SEQUENCE:\(event.sequence)",
                "DTSTAMP:\(utc(event.stamp))",
                "DTSTART:\(utc(event.start))",
                "DTEND:\(utc(event.end))",
                "SUMMARY:\(escape(event.summary))",
                "LOCATION:\(escape(event.location))",
                "DESCRIPTION:\(escape(event.description))",
                "ORGANIZER;CN=\(parameter(event.organizer.name ?? event.organizer.address)):mailto:\(event.organizer.address)",
                "STATUS:\(event.cancelled ? "CANCELLED" : "CONFIRMED")",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func utc(_ date: Date) -> String {
        ScheduleTimeText.basicUTC(date)
    }

    /// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A parameter value is quoted and may not contain quotes or controls.
    static func parameter(_ text: String) -> String {
        "\"" + HeaderText.neutralise(text).replacingOccurrences(of: "\"", with: "'") + "\""
    }

    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for ch in line {
            let size = String(ch).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.append(ch)
            width += size
        }
        return out
    }
}

enum ScheduleTimeText {
    /// `20261126T173000Z`.
    static func basicUTC(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year!)\(two(c.month!))\(two(c.day!))T\(two(c.hour!))\(two(c.minute!))\(two(c.second!))Z"
    }
}
