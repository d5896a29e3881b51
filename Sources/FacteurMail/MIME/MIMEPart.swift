/// One node of a MIME tree. Text is always UTF-8 quoted-printable and binaries base64, so every
/// message is 7-bit clean: libcurl never announces 8BITMIME.
public indirect enum MIMEPart: Sendable, Equatable {
    case text(subtype: String, content: String)
    case attachment(contentType: String, filename: String, data: [UInt8])
    case multipart(subtype: String, parts: [MIMEPart])
    /// A whole message (a held message shown to its moderator): `message/rfc822` as it is when it is 7-bit
    /// with short lines (RFC 2046 allows no other encoding there), else base64 so it still arrives intact.
    case message(raw: [UInt8])

    /// Writes the part's headers and body with CRLF line ends. `boundary` derives a unique,
    /// reproducible boundary for each multipart from the message's own seed.
    func write(into out: inout String, boundary: (Int) -> String, counter: inout Int) {
        switch self {
        case .text(let subtype, let content):
            out += "Content-Type: text/\(subtype); charset=UTF-8\r\n"
            out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            out += QuotedPrintable.encode(content)
        case .attachment(let contentType, let filename, let data):
            out += "Content-Type: \(contentType)\r\n"
            out += "Content-Transfer-Encoding: base64\r\n"
            out += "Content-Disposition: attachment; filename=\"\(MIMEPart.asciiFilename(filename))\""
            if !filename.unicodeScalars.allSatisfy({ $0.isASCII }) {
                out += ";\r\n filename*=UTF-8''\(MIMEPart.percentEncoded(filename))"
            }
            out += "\r\n\r\n"
            out += Base64Lines.encode(data)
        case .message(let raw):
            let normalised = InboundParser.normaliseLineEnds(raw)
            let sevenBit = normalised.allSatisfy { $0 < 0x80 && $0 != 0 }
            let shortLines = normalised.split(separator: 10, omittingEmptySubsequences: false).allSatisfy {
                $0.count <= 998
            }
            guard sevenBit && shortLines else {
                MIMEPart.attachment(contentType: "message/rfc822", filename: "message.eml", data: raw)
                    .write(into: &out, boundary: boundary, counter: &counter)
                return
            }
            out += "Content-Type: message/rfc822\r\n"
            out += "Content-Disposition: attachment; filename=\"message.eml\"\r\n\r\n"
            var text = String(decoding: normalised, as: UTF8.self)
            while text.hasSuffix("\r\n") { text.removeLast() }  // removeLast on "\r\n" removes the pair
            out += text
        case .multipart(let subtype, let parts):
            let mark = boundary(counter)
            counter += 1
            out += "Content-Type: multipart/\(subtype);\r\n boundary=\"\(mark)\"\r\n\r\n"
            for part in parts {
                out += "--\(mark)\r\n"
                part.write(into: &out, boundary: boundary, counter: &counter)
                out += "\r\n"
            }
            out += "--\(mark)--"
        }
    }

    static func asciiFilename(_ name: String) -> String {
        String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { s in
                    s.isASCII && s.value >= 0x20 && s != "\"" && s != "\\" ? s : "_"
                }))
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
