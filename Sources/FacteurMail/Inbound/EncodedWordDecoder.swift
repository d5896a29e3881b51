import FacteurSystem
import Foundation

/// Decodes RFC 2047 encoded-words (`=?UTF-8?Q?…?=`, `=?ISO-8859-1?B?…?=`) in names and subjects.
/// Unknown charsets and broken words are left as written rather than failing.
public enum EncodedWordDecoder {
    public static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var out = ""
        var rest = Substring(text)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = parseWord(rest[start.lowerBound...]) else {
                out += before + "=?"
                rest = rest[start.upperBound...]
                lastWasWord = false
                continue
            }
            // Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2).
            if !(lastWasWord && before.allSatisfy { $0 == " " || $0 == "\t" }) { out += before }
            out += word.text
            rest = rest[word.end...]
            lastWasWord = true
        }
        return out + rest
    }

    static func parseWord(_ s: Substring) -> (text: String, end: Substring.Index)? {
        let parts = s.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("=") else { return nil }
        let charset = parts[0].lowercased().split(separator: "*").first.map(String.init) ?? ""
        let encoding = parts[1].lowercased()
        let payload = parts[2]
        guard !payload.contains(" ") else { return nil }
        var bytes: [UInt8]
        if encoding == "b" {
            var b64 = String(payload)
            while b64.count % 4 != 0 { b64 += "=" }
            guard let data = Data(base64Encoded: b64) else { return nil }
            bytes = Array(data)
        } else if encoding == "q" {
            bytes = []
            var it = Array(payload.utf8)[...]
            while let c = it.first {
                it = it.dropFirst()
                if c == UInt8(ascii: "_") {
                    bytes.append(0x20)
                } else if c == UInt8(ascii: "="), it.count >= 2,
                    let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16)
                {
                    bytes.append(v)
                    it = it.dropFirst(2)
                } else {
                    bytes.append(c)
                }
            }
        } else {
            return nil
        }
        let end = parts[3].index(after: parts[3].startIndex)
        return (Charsets.decode(bytes, charset: charset), end)
    }
}

/// Bytes in a named charset to text, through iconv (`Charset`): windows-1252's "Œ", "’" and "€" included,
/// and every other charset a mail client may use. An unknown charset or invalid bytes fall back to UTF-8 with
/// replacement characters, never to silence.
enum Charsets {
    static func decode(_ bytes: [UInt8], charset: String) -> String {
        if let text = Charset.decode(bytes, charset: charset) { return text }
        return String(decoding: bytes, as: UTF8.self)
    }
}
