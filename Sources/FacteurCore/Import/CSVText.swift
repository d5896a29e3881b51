import Foundation

/// A spreadsheet export as text: UTF-8 with or without a byte-order mark, or Windows-1252 (what Excel
/// writes for "CSV (séparateur : point-virgule)" on a French Windows), whichever the bytes are.
public enum CSVText {
    public enum Encoding: String, Sendable {
        case utf8 = "UTF-8"
        case windows1252 = "Windows-1252"
        /// Lines pasted from two sources: each line is read in the encoding its bytes are.
        case mixed = "UTF-8 + Windows-1252"
    }

    /// The text, its encoding, and (for a mixed file) the lines read as Windows-1252, counted from 1.
    public static func decode(_ data: [UInt8]) -> (text: String, encoding: Encoding, windows1252Lines: [Int]) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8, []) }
        // A file of Windows-1252 has no line that is valid UTF-8 with accents; one that has both (a list
        // pasted together from two exports) would have its UTF-8 accents garbled (« BÃ©rard ») if read whole.
        var parts: [String] = []
        var windows1252Lines: [Int] = []
        var utf8Accents = false
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if let text = String(validating: line, as: UTF8.self), text.unicodeScalars.allSatisfy(Self.isLatinText) {
                parts.append(text)
                utf8Accents = utf8Accents || line.contains { $0 >= 0x80 }
            } else {
                parts.append(windows1252(line))
                windows1252Lines.append(index + 1)
            }
        }
        guard utf8Accents else { return (windows1252(bytes), .windows1252, []) }
        return (parts.joined(separator: "\n"), .mixed, windows1252Lines)
    }

    /// What a European spreadsheet's UTF-8 holds: ASCII, the Latin letters (Latin-1, Extended-A and B: œ, ł, ș…,
    /// Vietnamese's, combining accents) and punctuation (’, –, €). A Windows-1252 line can happen to be valid UTF-8 (« RENÉ » and a no-break space,
    /// C9 A0, is « ɠ »): what it then decodes to is outside these, so the line is read as Windows-1252.
    static func isLatinText(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x80 || (0xA0...0x24F).contains(v) || (0x300...0x36F).contains(v) || (0x1E00...0x1EFF).contains(v)
            || (0x2000...0x20CF).contains(v) || (0x2100...0x2122).contains(v)
    }

    /// Windows-1252 is Latin-1 except for 0x80–0x9F, where it puts €, curly quotes, dashes and Œ/œ.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        let high: [UInt32] = [
            0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
            0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
        ]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
