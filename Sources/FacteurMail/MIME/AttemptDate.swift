import Foundation

/// The `Date` of a stored message, set to the time of the attempt (DESIGN §3): every retry sends the same
/// `Message-ID` and body, but a notice delivered after hours of 4xx retries must not be dated hours ago
/// (spam filters score a Date far in the past).
public enum AttemptDate {
    /// `message` with its first header-section `Date:` field (and any folded continuation) replaced by
    /// `date`; unchanged when it has no such field.
    public static func restamp(_ message: [UInt8], at date: Date, timeZone: TimeZone) -> [UInt8] {
        let cr: UInt8 = 13
        let lf: UInt8 = 10
        var lineStart = 0
        while lineStart < message.count {
            // End of this physical line (index of its LF, or the end).
            var end = lineStart
            while end < message.count && message[end] != lf { end += 1 }
            let contentEnd = end > lineStart && message[end - 1] == cr ? end - 1 : end
            if contentEnd == lineStart { return message }  // the blank line: no Date in the header
            if isDateField(message, from: lineStart, to: contentEnd) {
                // Swallow folded continuation lines (starting with space or tab).
                var fieldEnd = end
                while fieldEnd + 1 < message.count && (message[fieldEnd + 1] == 32 || message[fieldEnd + 1] == 9) {
                    var next = fieldEnd + 1
                    while next < message.count && message[next] != lf { next += 1 }
                    fieldEnd = next
                }
                let replacement = Array("Date: \(RFC5322Date.string(date, timeZone: timeZone))\r\n".utf8)
                let tail = fieldEnd < message.count ? fieldEnd + 1 : message.count
                return Array(message[..<lineStart]) + replacement + Array(message[tail...])
            }
            lineStart = end + 1
        }
        return message
    }

    private static func isDateField(_ bytes: [UInt8], from start: Int, to end: Int) -> Bool {
        let name: [UInt8] = Array("date:".utf8)
        guard end - start >= name.count else { return false }
        for (i, expected) in name.enumerated() where bytes[start + i] | 0x20 != expected && expected != 58 {
            return false
        }
        return bytes[start + 4] == 58
    }
}
