/// RFC 2047 encoded-words (Q encoding, UTF-8) for non-ASCII subjects and display names.
public enum EncodedWord {
    /// Text as it may appear in an unstructured header: unchanged if printable ASCII, else encoded
    /// words of at most 75 characters, each holding whole characters, separated by folding spaces.
    public static func encodeIfNeeded(_ text: String) -> String {
        let clean = HeaderText.neutralise(text)
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !clean.contains("=?") {
            return clean
        }
        return encode(clean)
    }

    public static func encode(_ text: String) -> String {
        let prefix = "=?UTF-8?Q?"
        let suffix = "?="
        // 66 rather than 75: a header line holding its name and the first word then stays within 78.
        let budget = 66 - prefix.count - suffix.count
        var words: [String] = []
        var current = ""
        for ch in text {
            var piece = ""
            for byte in String(ch).utf8 {
                switch byte {
                case UInt8(ascii: " "): piece += "_"
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                    UInt8(ascii: "-"), UInt8(ascii: "/"):
                    piece.unicodeScalars.append(UnicodeScalar(byte))
                default: piece += "=" + hex(byte)
                }
            }
            if current.count + piece.count > budget {
                words.append(current)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty || words.isEmpty { words.append(current) }
        return words.map { prefix + $0 + suffix }.joined(separator: " ")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
