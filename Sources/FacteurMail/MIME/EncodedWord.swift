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

    /// Encoded words break only after a space (kept inside the word before, as `_`): a parser that wrongly
    /// keeps the folding between words then shows "Les  Jardins", never "Les Jar dins". A word longer than one
    /// encoded word is cut between characters.
    public static func encode(_ text: String) -> String {
        let prefix = "=?UTF-8?Q?"
        let suffix = "?="
        // 66 rather than 75: a header line holding its name and the first word then stays within 78.
        let budget = 66 - prefix.count - suffix.count
        var words: [String] = []
        var current = ""
        var pending: [String] = []  // the encoded characters of the word being read, up to its space
        func flush() {
            let width = pending.reduce(0) { $0 + $1.count }
            if current.count + width > budget && !current.isEmpty {
                words.append(current)
                current = ""
            }
            for piece in pending {
                if current.count + piece.count > budget {
                    words.append(current)
                    current = ""
                }
                current += piece
            }
            pending.removeAll()
        }
        for ch in text {
            pending.append(encoded(ch))
            if ch == " " { flush() }
        }
        flush()
        if !current.isEmpty || words.isEmpty { words.append(current) }
        return words.map { prefix + $0 + suffix }.joined(separator: " ")
    }

    private static func encoded(_ ch: Character) -> String {
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
        return piece
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
