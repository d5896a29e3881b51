/// Splits raw bytes into header fields and body. Survives what real mail throws at it: LF or CRLF line
/// ends, folded and duplicate headers, 8-bit bytes, a missing blank line, a missing header section.
public enum InboundParser {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case noHeaders

        public var description: String {
            switch self {
            case .empty: return "the message is empty"
            case .noHeaders: return "no header fields: this is not an RFC 5322 message"
            }
        }
    }

    public static func parse(_ input: [UInt8]) throws(ParseError) -> InboundMessage {
        guard !input.isEmpty else { throw .empty }
        let bytes = normaliseLineEnds(input)
        var fields: [InboundMessage.Field] = []
        var i = 0
        var bodyStart = bytes.count
        // An mbox "From " line some MTAs prepend is not a header.
        if bytes.starts(with: Array("From ".utf8)) {
            while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            i += 1
        }
        while i < bytes.count {
            if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                bodyStart = i + 2
                break
            }
            var lineEnd = i
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0D { lineEnd += 1 }
            // Continuation lines (starting with space or tab) belong to the field before.
            var end = lineEnd
            while end + 2 < bytes.count && (bytes[end + 2] == 0x20 || bytes[end + 2] == 0x09) {
                end += 2
                while end < bytes.count && bytes[end] != 0x0D { end += 1 }
            }
            let line = Array(bytes[i..<end])
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                line[..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else {
                // Not a header: the header section ended without a blank line.
                bodyStart = i
                break
            }
            var raw = Array(line[(colon + 1)...])
            if raw.first == 0x20 { raw.removeFirst() }
            fields.append(.init(name: String(decoding: line[..<colon], as: UTF8.self), raw: raw))
            i = min(end + 2, bytes.count)
            if i >= bytes.count { bodyStart = bytes.count }
        }
        guard !fields.isEmpty else { throw .noHeaders }
        return InboundMessage(fields: fields, body: Array(bytes[min(bodyStart, bytes.count)...]), size: input.count)
    }

    /// Bare LF and bare CR become CRLF: SMTP carries CRLF only (a bare LF is the smuggling pattern).
    public static func normaliseLineEnds(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 40)
        var i = 0
        while i < input.count {
            let b = input[i]
            if b == 0x0D {
                out.append(0x0D)
                out.append(0x0A)
                if i + 1 < input.count && input[i + 1] == 0x0A { i += 1 }
            } else if b == 0x0A {
                out.append(0x0D)
                out.append(0x0A)
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
