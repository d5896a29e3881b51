import Foundation

/// RFC 2045 §6.7 quoted-printable, for text parts: 7-bit safe, lines ≤ 76 characters with soft breaks.
public enum QuotedPrintable {
    /// Encodes text whose lines end with LF or CRLF; the output uses CRLF only.
    public static func encode(_ text: String) -> String {
        var out = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            if i > 0 { out += "\r\n" }
            encodeLine(Array(line.utf8), into: &out)
        }
        return out
    }

    private static func encodeLine(_ bytes: [UInt8], into out: inout String) {
        var width = 0
        for (i, byte) in bytes.enumerated() {
            let isLast = i == bytes.count - 1
            var piece: String
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                piece = isLast ? "=" + EncodedWord.hex(byte) : String(UnicodeScalar(byte))
            case UInt8(ascii: "="):
                piece = "=3D"
            case 33...126:
                piece = String(UnicodeScalar(byte))
            default:
                piece = "=" + EncodedWord.hex(byte)
            }
            // A "." at the start of a line is encoded so no transport ever sees a lone dot.
            if width == 0 && byte == UInt8(ascii: ".") { piece = "=2E" }
            if width + piece.count > 75 {
                out += "=\r\n"
                width = 0
                if byte == UInt8(ascii: ".") { piece = "=2E" }
            }
            out += piece
            width += piece.count
        }
    }
}
