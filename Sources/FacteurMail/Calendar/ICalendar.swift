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
        let bytes = Array(line.utf8)
        guard bytes.count > 75 else { return line }
        // On bytes (75 octets a line, RFC 5545 §3.1), never inside a UTF-8 sequence.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 70 * 3)
        var width = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            let end = min(index + size, bytes.count)
            if width + (end - index) > 75 {
                out += [13, 10, 32]
                width = 1
            }
            out += bytes[index..<end]
            width += end - index
            index = end
        }
        return String(decoding: out, as: UTF8.self)
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
