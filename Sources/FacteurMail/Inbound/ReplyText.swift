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
        writtenLines(of: message).first.map { String($0.prefix(200)) }
    }

    /// The lines the sender wrote: not quoted (`>`), not the client's attribution ("Le … a écrit :", Outlook's
    /// "De :" block), not the signature ("-- ", "Envoyé de mon iPhone"). Above the quote when they top-post,
    /// below it when they bottom-post.
    public static func writtenLines(of message: InboundMessage) -> [String] {
        var written: [String] = []
        let all = text(of: message).split(whereSeparator: \.isNewline)
        func isAttribution(_ lower: String) -> Bool {
            lower.hasSuffix("a écrit :") || lower.hasSuffix("a écrit:") || lower.hasSuffix("wrote:")
                || lower.hasPrefix("le ") && lower.contains(" à ") && lower.hasSuffix(":")
        }
        for (index, raw) in all.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix(">") { continue }
            let lower = line.lowercased()
            // Gmail wraps a long attribution: "Le jeu. 26 nov. 2026 à 09:12, AMAP <" / "contact@… a écrit :".
            let next = index + 1 < all.count ? all[index + 1].trimmingCharacters(in: .whitespaces).lowercased() : ""
            let wrapped =
                (lower.hasPrefix("le ") || lower.hasPrefix("on ")) && !next.hasPrefix(">") && isAttribution(next)
                && (next.contains("@") || next.contains(">") || lower.hasSuffix("<"))
            let attribution = isAttribution(lower) || wrapped
            let endOfText =
                raw.hasPrefix("-- ") || raw == "--" || lower.hasPrefix("envoyé de mon")
                || lower.hasPrefix("sent from my")
                || lower.hasPrefix("____") || lower.hasPrefix("-----original message") || lower.hasPrefix("de :")
                || lower.hasPrefix("from:") || lower.hasPrefix("-------- message d'origine")
            if attribution {
                if written.isEmpty { continue }  // bottom-posting: what they wrote comes after the quote
                break
            }
            if endOfText {
                if written.isEmpty { continue }
                break
            }
            written.append(line)
            if written.count >= 40 { break }
        }
        return written
    }

    /// The lines without the sign-off under them ("Camille", "Merci !", "Bonne journée") — a greeting and a
    /// name are no more to say.
    public static func withoutSignOff(_ lines: [String], senderName: String) -> [String] {
        let name = Set(words(senderName))
        var kept = lines
        while kept.count > 1, let last = kept.last {
            let w = words(last)
            let greeting = closings.contains(w.joined(separator: " "))
            let signed = !w.isEmpty && w.count <= 3 && w.allSatisfy { name.contains($0) }
            guard greeting || signed else { break }
            kept.removeLast()
        }
        return kept
    }

    static let closings: Set<String> = [
        "merci", "merci beaucoup", "bonne journée", "bonne soirée", "bonne fin de journée", "cordialement",
        "bien cordialement", "bises", "bisous", "à bientôt", "à jeudi", "à samedi", "amitiés", "bien à vous",
        "belle journée", "thanks", "thank you", "cheers", "best", "regards", "best regards",
    ]

    /// The answer a line gives: its first word (or two), lower-cased, accents and punctuation kept apart.
    public static func words(_ line: String) -> [String] {
        line.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }).map(
            String.init)
    }

    private static func text(type: ContentType, headers: InboundMessage?, body: [UInt8], depth: Int) -> String? {
        if type.type == "multipart", let boundary = type.boundary, depth < 5 {
            let inner = parts(body, boundary: boundary).compactMap { try? InboundParser.parse($0) }
            for part in inner where part.contentType.type == "multipart" || part.contentType.mediaType == "text/plain" {
                if let found = text(type: part.contentType, headers: part, body: part.body, depth: depth + 1) {
                    return found
                }
            }
            // An HTML-only reply (some phones' mail apps): its text without the markup.
            for part in inner where part.contentType.mediaType == "text/html" {
                if let found = text(type: part.contentType, headers: part, body: part.body, depth: depth + 1) {
                    return found
                }
            }
            return nil
        }
        guard type.type == "text" || type.mediaType == "/" || type.type.isEmpty else { return nil }
        let encoding = headers?.value("Content-Transfer-Encoding")?.trimmingSpaces().lowercased() ?? ""
        var bytes = Array(body.prefix(65_536))
        if encoding == "base64" {
            bytes = Array(
                Data(base64Encoded: String(decoding: bytes, as: UTF8.self), options: .ignoreUnknownCharacters) ?? Data()
            )
        } else if encoding == "quoted-printable" {
            bytes = quotedPrintable(bytes)
        }
        let decoded = Charset.decode(bytes, charset: type.charset ?? "utf-8") ?? String(decoding: bytes, as: UTF8.self)
        return type.mediaType == "text/html" ? plainText(html: decoded) : decoded
    }

    /// Markup removed, block ends turned into line ends, the usual entities decoded.
    static func plainText(html: String) -> String {
        var text = ""
        var inTag = false
        var tag = ""
        for ch in html {
            if inTag {
                if ch == ">" {
                    inTag = false
                    let name =
                        tag.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
                        .split(separator: " ").first.map(String.init) ?? ""
                    if ["br", "p", "div", "blockquote", "li", "tr"].contains(name) { text += "\n" }
                    if name == "blockquote" && !tag.hasPrefix("/") { text += "> " }
                    tag = ""
                } else {
                    tag.append(ch)
                }
            } else if ch == "<" {
                inTag = true
            } else {
                text.append(ch)
            }
        }
        for (entity, value) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: entity, with: value)
        }
        return text
    }

    /// The parts of a multipart body, split on the bytes (a part in Latin-1 must reach its charset intact).
    static func parts(_ body: [UInt8], boundary: String) -> [[UInt8]] {
        let delimiter = Array(("--" + boundary).utf8)
        var starts: [Int] = []
        var i = 0
        while i + delimiter.count <= body.count {
            if (i == 0 || body[i - 1] == 10) && body[i..<(i + delimiter.count)].elementsEqual(delimiter) {
                starts.append(i)
                i += delimiter.count
            } else {
                i += 1
            }
        }
        var result: [[UInt8]] = []
        for (n, start) in starts.enumerated() {
            var from = start + delimiter.count
            if from + 1 < body.count && body[from] == 45 && body[from + 1] == 45 { break }  // "--": the end
            while from < body.count && body[from] != 10 { from += 1 }
            from += 1
            var to = n + 1 < starts.count ? starts[n + 1] : body.count
            if to > from && body[to - 1] == 10 { to -= 1 }
            if to > from && body[to - 1] == 13 { to -= 1 }
            if from < to { result.append(Array(body[from..<to])) }
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
                if i + 2 < bytes.count,
                    let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                {
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
