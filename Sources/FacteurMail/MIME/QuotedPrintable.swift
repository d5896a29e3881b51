/// RFC 2045 §6.7 quoted-printable, for text parts: 7-bit safe, lines ≤ 76 characters with soft breaks.
/// Works on the text's UTF-8 bytes in place into one byte buffer reserved once: it encodes every text and
/// HTML part of every notice, and was the planning tick's largest single cost (issue 15).
public enum QuotedPrintable {
    /// Encodes text whose lines end with LF or CRLF; the output uses CRLF only.
    public static func encode(_ text: String) -> String {
        var text = text
        return text.withUTF8 { source in
            var out: [UInt8] = []
            // Every byte escaped is 3, plus a soft break at most every 24 bytes, plus CRLF for LF.
            out.reserveCapacity(source.count * 4 + 16)
            var lineStart = 0
            for i in source.indices where source[i] == 10 {
                var end = i
                if end > lineStart && source[end - 1] == 13 { end -= 1 }  // CRLF ends the line like LF
                if lineStart > 0 {
                    out.append(13)
                    out.append(10)
                }
                encodeLine(UnsafeBufferPointer(rebasing: source[lineStart..<end]), into: &out)
                lineStart = i + 1
            }
            if lineStart > 0 {
                out.append(13)
                out.append(10)
            }
            encodeLine(UnsafeBufferPointer(rebasing: source[lineStart...]), into: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    @inline(__always)
    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    private static func encodeLine(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var width = 0
        let last = bytes.count - 1
        for i in bytes.indices {
            let byte = bytes[i]
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
                out.append(UInt8(ascii: "="))
                out.append(13)
                out.append(10)
                width = 0
                if byte == UInt8(ascii: ".") { escape = true }
            }
            if escape {
                out.append(UInt8(ascii: "="))
                out.append(digit(byte >> 4))
                out.append(digit(byte & 0x0F))
                width += 3
            } else {
                out.append(byte)
                width += 1
            }
        }
    }
}
