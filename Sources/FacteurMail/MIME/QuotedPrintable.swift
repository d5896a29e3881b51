/// RFC 2045 §6.7 quoted-printable, for text parts: 7-bit safe, lines ≤ 76 characters with soft breaks.
/// It encodes every text and HTML part of every notice, and was the planning tick's largest single cost
/// (issue 15): it reads the text's UTF-8 in place and writes the result straight into the message's bytes.
public enum QuotedPrintable {
    /// Encodes text whose lines end with LF or CRLF; the output uses CRLF only.
    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        encode(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoding of `text` to `out` (the MIME writer's bytes), without a string in between.
    public static func encode(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { encode($0, into: &out) }
    }

    /// Appends the encoding of UTF-8 bytes to `out` (a text part rendered as bytes).
    public static func encode(_ bytes: [UInt8], into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { encode($0, into: &out) }
    }

    private static func encode(_ source: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // A line of n bytes gives at most 3n + 3⌊n/25⌋ (a soft break needs 25 bytes since the last) and its
        // CRLF; its LF was one byte of the input: 4 bytes a byte of input, and a little room, always suffice.
        let start = out.count
        let capacity = source.count * 4 + 16
        var written = 0
        var fits = true
        out.append(contentsOf: repeatElement(0, count: capacity))
        out.withUnsafeMutableBufferPointer { all in
            var writer = Writer(buffer: UnsafeMutableBufferPointer(rebasing: all[start...]))
            encode(source, into: &writer)
            fits = !writer.overflowed
            written = writer.count
        }
        out.removeLast(capacity - (fits ? written : 0))
        // Never taken (see above); should the bound ever be wrong, the text is encoded the slow way.
        if !fits {
            var writer = ArrayWriter(out: [])
            encode(source, into: &writer)
            out.append(contentsOf: writer.out)
        }
    }

    private static func encode<W: ByteWriter>(_ source: UnsafeBufferPointer<UInt8>, into out: inout W) {
        var lineStart = 0
        var i = 0
        while true {
            // The next line feed, eight bytes at a time where there is none (a line is tens of bytes long).
            if let base = source.baseAddress {
                while i + 8 <= source.count
                    && !Self.hasLineFeed(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                {
                    i += 8
                }
            }
            while i < source.count && source[i] != 10 { i += 1 }
            guard i < source.count else { break }
            var end = i
            if end > lineStart && source[end - 1] == 13 { end -= 1 }  // CRLF ends the line like LF
            if lineStart > 0 { out.crlf() }
            encodeLine(UnsafeBufferPointer(rebasing: source[lineStart..<end]), into: &out)
            lineStart = i + 1
            i += 1
        }
        if lineStart > 0 { out.crlf() }
        encodeLine(UnsafeBufferPointer(rebasing: source[lineStart...]), into: &out)
    }

    private static func encodeLine<W: ByteWriter>(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout W) {
        var width = 0
        let last = bytes.count - 1
        // A byte written as it is: printable ASCII but `=`, and a space or tab unless it ends the line.
        @inline(__always) func isPlain(_ i: Int) -> Bool {
            let byte = bytes[i]
            return (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && i != last)
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            // Most of a notice is plain text: a run of plain bytes that fits on the line is copied whole (issue 15).
            if width < 75, isPlain(i), width > 0 || byte != UInt8(ascii: ".") {
                var end = i + 1
                let limit = min(bytes.count, i + 75 - width)
                // Eight bytes at a time while they are all printable ASCII, spaces included, but `=`, and not the
                // line's last byte (a space there is encoded): the byte-by-byte test was most of this encoder's
                // time (issue 15). Anything else (a tab, a byte above 127) is left to that test.
                if let base = bytes.baseAddress {
                    while end + 8 <= limit && end + 8 <= last
                        && Self.allPlain(UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self))
                    {
                        end += 8
                    }
                }
                while end < limit && isPlain(end) { end += 1 }
                out.run(UnsafeBufferPointer(rebasing: bytes[i..<end]))
                width += end - i
                i = end
                continue
            }
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
                out.three(UInt8(ascii: "="), 13, 10)
                width = 0
                if byte == UInt8(ascii: ".") { escape = true }
            }
            if escape {
                out.three(UInt8(ascii: "="), EncodedWord.hexDigit(byte >> 4), EncodedWord.hexDigit(byte & 0x0F))
                width += 3
            } else {
                out.one(byte)
                width += 1
            }
            i += 1
        }
    }
}

extension QuotedPrintable {
    /// Whether each of a word's eight bytes is from a space (0x20) to `~` (0x7E) and none is `=` (0x3D), by the
    /// classic tests on all bytes at once ("Bit Twiddling Hacks": `hasless`, `hasmore`, `haszero`). They may
    /// only err towards "no", which sends the bytes to the byte-by-byte test.
    @inline(__always)
    static func allPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- ones &* 0x20) & ~word & highs
        let aboveTilde = ((word &+ ones) | word) & highs
        let equals = word ^ (ones &* 0x3D)
        let hasEquals = (equals &- ones) & ~equals & highs
        return belowSpace | aboveTilde | hasEquals == 0
    }

    /// Whether one of a word's eight bytes is a line feed (`haszero` of the word against LFs: exact as to whether
    /// there is one).
    @inline(__always)
    static func hasLineFeed(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lineFeeds = word ^ (ones &* 0x0A)
        return (lineFeeds &- ones) & ~lineFeeds & 0x8080_8080_8080_8080 != 0
    }
}

/// Where the encoder writes: the new string's storage, or (never in practice) a growing array.
private protocol ByteWriter {
    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>)
    mutating func one(_ a: UInt8)
    mutating func three(_ a: UInt8, _ b: UInt8, _ c: UInt8)
}

extension ByteWriter {
    mutating func crlf() {
        one(13)
        one(10)
    }
}

/// Writes into a buffer of fixed capacity, checking each write: past the end it stops and says so.
private struct Writer: ByteWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0
    var overflowed = false

    @inline(__always)
    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard count + bytes.count <= buffer.count, let base = buffer.baseAddress, let source = bytes.baseAddress else {
            overflowed = overflowed || !bytes.isEmpty
            return
        }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    mutating func one(_ a: UInt8) {
        guard count < buffer.count else {
            overflowed = true
            return
        }
        buffer[count] = a
        count += 1
    }

    @inline(__always)
    mutating func three(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
        guard count + 3 <= buffer.count else {
            overflowed = true
            return
        }
        buffer[count] = a
        buffer[count + 1] = b
        buffer[count + 2] = c
        count += 3
    }
}

private struct ArrayWriter: ByteWriter {
    var out: [UInt8]

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) { out.append(contentsOf: bytes) }

    mutating func one(_ a: UInt8) { out.append(a) }

    mutating func three(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
        out.append(a)
        out.append(b)
        out.append(c)
    }
}
