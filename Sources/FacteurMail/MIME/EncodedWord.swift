/// RFC 2047 encoded-words (Q encoding, UTF-8) for non-ASCII subjects and display names.
public enum EncodedWord {
    /// Text as it may appear in an unstructured header: unchanged if printable ASCII, else encoded
    /// words of at most 75 characters, each holding whole characters, separated by folding spaces.
    public static func encodeIfNeeded(_ text: String) -> String {
        let clean = HeaderText.neutralise(text)
        // Printable ASCII on bytes (a character beyond ASCII has only bytes ≥ 0x80), and no "=?".
        var previous: UInt8 = 0
        let plain = clean.utf8.allSatisfy { byte in
            defer { previous = byte }
            return byte >= 0x20 && byte < 0x7F && !(previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?"))
        }
        if plain { return clean }
        return encode(clean)
    }

    /// Encoded words break only after a space (kept inside the word before, as `_`): a parser that wrongly
    /// keeps the folding between words then shows "Les  Jardins", never "Les Jar dins". A word longer than one
    /// encoded word is cut between characters.
    public static func encode(_ text: String) -> String { encode(text, characters: false) }

    /// `characters`: tell characters apart even where each scalar is one (the tests compare both ways).
    static func encode(_ text: String, characters: Bool) -> String {
        if !characters && eachScalarIsACharacter(text) { return encodeByScalars(text) }
        let prefix = "=?UTF-8?Q?".utf8
        let suffix = "?=".utf8
        // 66 rather than 75: a header line holding its name and the first word then stays within 78.
        let budget = 66 - prefix.count - suffix.count
        // On bytes, without a string per character (issue 15): the words so far, the one being filled, and
        // the encoded characters of the text's word being read, up to its space (`ends`: where each stops).
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        var pending: [UInt8] = []
        var ends: [Int] = []
        func flush() {
            if current.count + pending.count > budget && !current.isEmpty {
                words.append(current)
                current.removeAll(keepingCapacity: true)
            }
            var start = 0
            for end in ends {
                if current.count + (end - start) > budget {
                    words.append(current)
                    current.removeAll(keepingCapacity: true)
                }
                current.append(contentsOf: pending[start..<end])
                start = end
            }
            pending.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
        }
        for ch in text {
            for byte in ch.utf8 { append(byte, to: &pending) }
            ends.append(pending.count)
            if ch == " " { flush() }
        }
        flush()
        if !current.isEmpty || words.isEmpty { words.append(current) }
        var out: [UInt8] = []
        for (i, word) in words.enumerated() {
            if i > 0 { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: prefix)
            out.append(contentsOf: word)
            out.append(contentsOf: suffix)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `encode` where each scalar is a whole character: the same words, written in one pass with no array
    /// per word or character (every notice's subject is encoded: issue 15). A word of the text (up to and
    /// including its space) that does not fit in the encoded word begun starts the next one; a word longer than
    /// a whole encoded word is cut between scalars.
    static func encodeByScalars(_ text: String) -> String {
        let budget = 66 - 10 - 2  // as in `encode`: "=?UTF-8?Q?" and "?=" around each word
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3 + (bytes.count / 18 + 1) * 13)
            out.append(contentsOf: "=?UTF-8?Q?".utf8)
            var width = 0
            func nextWord() {
                out.append(contentsOf: "?= =?UTF-8?Q?".utf8)
                width = 0
            }
            var i = 0
            while i < bytes.count {
                var end = i
                var length = 0
                while end < bytes.count {
                    let byte = bytes[end]
                    length += encodedLength(byte)
                    end += 1
                    if byte == UInt8(ascii: " ") { break }
                }
                if width > 0 && width + length > budget { nextWord() }
                while i < end {
                    var next = i + 1
                    var scalarLength = encodedLength(bytes[i])
                    while next < end && bytes[next] & 0xC0 == 0x80 {
                        scalarLength += encodedLength(bytes[next])
                        next += 1
                    }
                    if width + scalarLength > budget { nextWord() }
                    for byte in bytes[i..<next] { append(byte, to: &out) }
                    width += scalarLength
                    i = next
                }
            }
            out.append(contentsOf: "?=".utf8)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// True when no character of `text` holds more than one scalar: every scalar is below U+0300 (Latin, no
    /// combining marks) but CR, which pairs with LF, or is typographic punctuation (’ « – … ‰) or €. Such
    /// scalars neither join the next one nor extend the one before (Unicode's grapheme cluster rules).
    static func eachScalarIsACharacter(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D: return false
            case 0...0x2FF, 0x2010...0x2027, 0x2030...0x205E, 0x20AC: continue
            default: return false
            }
        }
        return true
    }

    /// What `append` writes for a byte: one byte, or three (`=XX`).
    @inline(__always)
    private static func encodedLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"):
            return 1
        default:
            return 3
        }
    }

    @inline(__always)
    private static func append(_ byte: UInt8, to piece: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: " "): piece.append(UInt8(ascii: "_"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: "-"), UInt8(ascii: "/"):
            piece.append(byte)
        default:
            piece.append(UInt8(ascii: "="))
            piece.append(hexDigit(byte >> 4))
            piece.append(hexDigit(byte & 0x0F))
        }
    }

    @inline(__always)
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }

    static func hex(_ byte: UInt8) -> String {
        String(decoding: [hexDigit(byte >> 4), hexDigit(byte & 0x0F)], as: UTF8.self)
    }
}
