/// RFC 2045 §6.7 quoted-printable, for text parts: 7-bit safe, lines ≤ 76 characters with soft breaks.
/// Works on UTF-8 bytes into a byte buffer: it encodes every text and HTML part of every notice.
public enum QuotedPrintable {
    /// Encodes text whose lines end with LF or CRLF; the output uses CRLF only.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        var line: [UInt8] = []
        var first = true
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 10 {
                if previous == 13 { line.removeLast() }  // CRLF ends the line like LF
                if !first { out += [13, 10] }
                encodeLine(line, into: &out)
                line.removeAll(keepingCapacity: true)
                first = false
            } else {
                line.append(byte)
            }
            previous = byte
        }
        if !first { out += [13, 10] }
        encodeLine(line, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let digits = Array("0123456789ABCDEF".utf8)

    private static func encodeLine(_ bytes: [UInt8], into out: inout [UInt8]) {
        var width = 0
        let last = bytes.count - 1
        for (i, byte) in bytes.enumerated() {
            var escape: Bool
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): escape = i == last
            case UInt8(ascii: "="): escape = true
            case 33...126: escape = false
            default: escape = true
            }
            // A "." at the start of a line is encoded so no transport ever sees a lone dot.
            if width == 0 && byte == UInt8(ascii: ".") { escape = true }
            if width + (escape ? 3 : 1) > 75 {
                out += [UInt8(ascii: "="), 13, 10]
                width = 0
                if byte == UInt8(ascii: ".") { escape = true }
            }
            if escape {
                out.append(UInt8(ascii: "="))
                out.append(digits[Int(byte >> 4)])
                out.append(digits[Int(byte & 0x0F)])
                width += 3
            } else {
                out.append(byte)
                width += 1
            }
        }
    }
}
