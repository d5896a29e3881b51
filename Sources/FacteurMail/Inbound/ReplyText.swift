import FacteurSystem
import Foundation

/// What a person typed at the top of a reply: the text part decoded (transfer encoding and charset), its
/// first line that is neither blank, nor quoted (`>`), nor a client's attribution ("Le … a écrit :").
/// Volunteers and coordinators answer "oui", "approuver", "non" there (DESIGN §2, §5).
public enum ReplyText {
    /// The readable text of the message's first `text/plain` part (or its only part), at most 64 KiB read.
    public static func text(of message: InboundMessage) -> String {
        text(type: message.contentType, headers: message, body: message.body, depth: 0) ?? ""
    }

    /// The first line the sender wrote, trimmed, or nil when there is none.
    public static func firstLine(of message: InboundMessage) -> String? {
        for raw in text(of: message).split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix(">") { continue }
            let lower = line.lowercased()
            if lower.hasSuffix("a écrit :") || lower.hasSuffix("a écrit:") || lower.hasSuffix("wrote:") {
                return nil
            }
            return String(line.prefix(200))
        }
        return nil
    }

    /// The answer a line gives: its first word (or two), lower-cased, accents and punctuation kept apart.
    public static func words(_ line: String) -> [String] {
        line.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }).map(
            String.init)
    }

    private static func text(type: ContentType, headers: InboundMessage?, body: [UInt8], depth: Int) -> String? {
        if type.type == "multipart", let boundary = type.boundary, depth < 5 {
            for part in parts(body, boundary: boundary) {
                guard let inner = try? InboundParser.parse(part) else { continue }
                let innerType = inner.contentType
                if innerType.type == "multipart" || innerType.mediaType == "text/plain" {
                    if let found = text(type: innerType, headers: inner, body: inner.body, depth: depth + 1) {
                        return found
                    }
                }
            }
            return nil
        }
        guard type.type == "text" || type.mediaType == "/" || type.type.isEmpty else { return nil }
        let encoding = headers?.value("Content-Transfer-Encoding")?.trimmingSpaces().lowercased() ?? ""
        var bytes = Array(body.prefix(65_536))
        if encoding == "base64" {
            bytes = Array(Data(base64Encoded: String(decoding: bytes, as: UTF8.self), options: .ignoreUnknownCharacters) ?? Data())
        } else if encoding == "quoted-printable" {
            bytes = quotedPrintable(bytes)
        }
        return Charset.decode(bytes, charset: type.charset ?? "utf-8") ?? String(decoding: bytes, as: UTF8.self)
    }

    static func parts(_ body: [UInt8], boundary: String) -> [[UInt8]] {
        let text = String(decoding: body, as: UTF8.self)
        var result: [[UInt8]] = []
        let pieces = text.components(separatedBy: "--" + boundary)
        for piece in pieces.dropFirst() {
            if piece.hasPrefix("--") { break }
            var p = Substring(piece)
            if p.hasPrefix("\r\n") { p = p.dropFirst(2) } else if p.hasPrefix("\n") { p = p.dropFirst() }
            result.append(Array(p.utf8))
        }
        return result
    }

    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "="), i + 1 < bytes.count {
                if bytes[i + 1] == 13 || bytes[i + 1] == 10 {
                    i += bytes[i + 1] == 13 && i + 2 < bytes.count && bytes[i + 2] == 10 ? 3 : 2
                    continue
                }
                if i + 2 < bytes.count, let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    out.append(v)
                    i += 3
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
