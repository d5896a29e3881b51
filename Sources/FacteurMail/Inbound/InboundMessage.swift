/// A message as it arrived (pipe or IMAP), parsed just enough to route, police and rewrite it. The body
/// is never decoded or re-encoded: it is kept as the bytes that came in.
public struct InboundMessage: Sendable {
    public struct Field: Sendable, Equatable {
        /// As written, without the colon.
        public var name: String
        /// The raw value bytes after the colon, folding included, without the final line end.
        public var raw: [UInt8]

        /// The value unfolded, as text (invalid UTF-8 replaced), RFC 2047 words left encoded.
        public var value: String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(raw.count)
            var afterFold = false
            for b in raw {
                if b == 0x0D || b == 0x0A {
                    afterFold = true
                    continue
                }
                // A folding tab reads as a space.
                bytes.append(afterFold && b == 0x09 ? 0x20 : b)
                afterFold = false
            }
            return String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        }
    }

    public var fields: [Field]
    /// Everything after the blank line that ends the header section, with its line ends normalised to CRLF.
    public var body: [UInt8]
    public var size: Int

    public func all(_ name: String) -> [Field] {
        let lower = name.lowercased()
        return fields.filter { $0.name.lowercased() == lower }
    }

    /// The first field of that name, unfolded; nil when missing.
    public func value(_ name: String) -> String? { all(name).first?.value }

    /// The first field of that name, unfolded and with RFC 2047 words decoded.
    public func decoded(_ name: String) -> String? { value(name).map(EncodedWordDecoder.decode) }

    public var messageID: String? {
        guard let v = value("Message-ID") else { return nil }
        return MessageIDs.parse(v).first
    }

    public var contentType: ContentType { ContentType(value("Content-Type") ?? "text/plain") }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let f = scalars.first, f == " " || f == "\t" { scalars = scalars.dropFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
