import Foundation

/// One node of a MIME tree. Text, attached text included (calendar, CSV), is UTF-8 quoted-printable and
/// binaries base64, so every message is 7-bit clean (libcurl never announces 8BITMIME) and spam filters see
/// no base64 text (rspamd's `MIME_BASE64_TEXT`).
public indirect enum MIMEPart: Sendable, Equatable {
    case text(subtype: String, content: MIMEText)
    case attachment(contentType: String, filename: String, data: [UInt8])
    case multipart(subtype: String, parts: [MIMEPart])
    /// A whole message (a held message shown to its moderator): `message/rfc822` as it is when it is 7-bit
    /// with short lines. RFC 2046 allows no other encoding for `message/rfc822`, so one with 8-bit text or longer
    /// lines travels as an `application/octet-stream` file named `message.eml` in base64: intact, and opened as
    /// a message by mail clients (strict parsers, Python's included, refused a base64 `message/rfc822`).
    case message(raw: [UInt8])

    /// Writes the part's headers and body with CRLF line ends, as bytes (every notice is written this way: no
    /// intermediate strings, issue 15). `boundary` derives a unique, reproducible boundary for each multipart
    /// from the message's own seed.
    func write(into out: inout [UInt8], boundary: (Int) -> String, counter: inout Int) {
        switch self {
        case .text(let subtype, let content):
            out.append(contentsOf: "Content-Type: text/\(subtype); charset=UTF-8\r\n".utf8)
            out.append(contentsOf: "Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            QuotedPrintable.encode(content.utf8, into: &out)
        case .attachment(let contentType, let filename, let data):
            let text =
                contentType.lowercased().hasPrefix("text/") && !data.contains(0)
                ? String(validating: data, as: UTF8.self) : nil
            // A name that is not plain ASCII travels as RFC 2231 `filename*` alone (as Python and Thunderbird
            // write it: `filename` beside it is a duplicate parameter to strict parsers), with a transliterated
            // `name` in Content-Type for clients that know neither.
            let plain = filename.unicodeScalars.allSatisfy {
                $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\"
            }
            var head =
                "Content-Type: \(contentType)" + (plain ? "" : ";\r\n name=\"\(MIMEPart.asciiFilename(filename))\"")
            head += "\r\nContent-Transfer-Encoding: \(text == nil ? "base64" : "quoted-printable")\r\n"
            head += "Content-Disposition: attachment; "
            head += plain ? "filename=\"\(filename)\"" : "\r\n filename*=UTF-8''\(MIMEPart.percentEncoded(filename))"
            head += "\r\n\r\n"
            out.append(contentsOf: head.utf8)
            if let text {
                QuotedPrintable.encode(text, into: &out)
            } else {
                out.append(contentsOf: Base64Lines.encode(data).utf8)
            }
        case .message(let raw):
            let normalised = InboundParser.normaliseLineEnds(raw)
            let sevenBit = normalised.allSatisfy { $0 < 0x80 && $0 != 0 }
            let shortLines = normalised.split(separator: 10, omittingEmptySubsequences: false).allSatisfy {
                $0.count <= 998
            }
            guard sevenBit && shortLines else {
                MIMEPart.attachment(contentType: "application/octet-stream", filename: "message.eml", data: raw)
                    .write(into: &out, boundary: boundary, counter: &counter)
                return
            }
            out.append(contentsOf: "Content-Type: message/rfc822\r\n".utf8)
            out.append(contentsOf: "Content-Disposition: attachment; filename=\"message.eml\"\r\n\r\n".utf8)
            var end = normalised.endIndex
            while end - normalised.startIndex >= 2 && normalised[end - 2] == 13 && normalised[end - 1] == 10 {
                end -= 2
            }
            out.append(contentsOf: normalised[..<end])
        case .multipart(let subtype, let parts):
            let mark = Array(boundary(counter).utf8)
            counter += 1
            out.append(contentsOf: "Content-Type: multipart/\(subtype);\r\n boundary=\"".utf8)
            out.append(contentsOf: mark)
            out.append(contentsOf: "\"\r\n\r\n".utf8)
            for part in parts {
                out.append(contentsOf: [0x2D, 0x2D])
                out.append(contentsOf: mark)
                out.append(contentsOf: [13, 10])
                part.write(into: &out, boundary: boundary, counter: &counter)
                out.append(contentsOf: [13, 10])
            }
            out.append(contentsOf: [0x2D, 0x2D])
            out.append(contentsOf: mark)
            out.append(contentsOf: [0x2D, 0x2D])
        }
    }

    /// The name for clients that read only `filename`: "Œufs & volailles.csv" → "oeufs-volailles.csv",
    /// transliterated rather than mangled; `filename*` (RFC 2231) carries the real one beside it.
    static func asciiFilename(_ name: String) -> String {
        // Most names (`distribution-2026-11-26.ics`) are already plain: kept as they are, lower-cased.
        if name.utf8.allSatisfy({
            ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
        }), !name.contains("--"), !name.contains("-."), !name.hasPrefix("-"), !name.hasSuffix("-"), !name.isEmpty {
            return name
        }
        var folded = name
        for (from, to) in [("Œ", "OE"), ("œ", "oe"), ("Æ", "AE"), ("æ", "ae"), ("ß", "ss")] {
            folded = folded.replacingOccurrences(of: from, with: to)
        }
        folded = folded.folding(options: [.diacriticInsensitive], locale: nil)
        var out = ""
        for s in folded.unicodeScalars {
            let keep = s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "." || s == "_")
            if keep {
                out.unicodeScalars.append(s)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        out = out.replacingOccurrences(of: "-.", with: ".")
        return out.isEmpty ? "fichier" : out.lowercased()
    }

    /// RFC 2231 value encoding.
    static func percentEncoded(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                out += "%" + EncodedWord.hex(byte)
            }
        }
        return out
    }
}
