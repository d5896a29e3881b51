/// Makes text from the database safe inside one header: CR, LF and other controls become spaces, so a
/// name, a place or a subject can never start a header of its own.
public enum HeaderText {
    public static func neutralise(_ text: String) -> String {
        if isAlreadyNeutral(text) { return text }
        // A subject rendered from its template ends with the file's line end, which only goes: what comes before
        // it is usually neutral already, and is returned without a pass over its characters (issue 15).
        let utf8 = text.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let last = utf8[utf8.index(before: end)]
            guard last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 else { break }
            end = utf8.index(before: end)
        }
        if end < utf8.endIndex, let head = String(utf8[..<end]), isAlreadyNeutral(head) { return head }
        var out = ""
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isControl =
                scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isControl || scalar == " " {
                if !lastWasSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// Most text needs nothing: one pass over its bytes says so without building another string (no control,
    /// no C1 control, no line or paragraph separator, no doubled, leading or trailing space).
    static func isAlreadyNeutral(_ text: String) -> Bool {
        var text = text  // `withUTF8` is mutating; a native string is not copied
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0x20  // a leading space counts as doubled
            var beforePrevious: UInt8 = 0
            for byte in bytes {
                // Printable ASCII but the space is all most header text holds: one test (every header of every
                // notice is checked, issue 15).
                if byte > 0x20 && byte < 0x7F {
                    beforePrevious = previous
                    previous = byte
                    continue
                }
                if byte < 0x20 || byte == 0x7F || (byte == 0x20 && previous == 0x20) { return false }
                if previous == 0xC2 && (0x80...0x9F).contains(byte) { return false }
                if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) { return false }
                beforePrevious = previous
                previous = byte
            }
            return previous != 0x20 || bytes.isEmpty
        }
    }

    /// Whether `text` holds `=?`, the start of an RFC 2047 encoded word (byte by byte: Foundation's
    /// `contains` bridges to NSString, and every recipient's name is checked).
    static func containsEncodedWordStart(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }
}
