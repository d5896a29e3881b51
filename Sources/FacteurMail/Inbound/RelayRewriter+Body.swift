/// The body side of the rewrite: append the footer to a plain text body, or wrap the original as the
/// first part of a `multipart/mixed` whose second part is the footer. Never re-encodes attachments.
extension RelayRewriter {
    func body(_ message: InboundMessage, footer: String, seed: String, into out: inout [UInt8]) throws(RewriteError) {
        let type = message.contentType
        let encoding = (message.value("Content-Transfer-Encoding") ?? "7bit").lowercased().trimmingSpaces()
        let charset = type.charset ?? "us-ascii"
        let plain = type.mediaType == "text/plain" && ["us-ascii", "utf-8", "utf8"].contains(charset)
        let longLines = RelayRewriter.longestLine(message.body) > 998
        var body = message.body
        if !body.isEmpty && !body.ends(with: [0x0D, 0x0A]) { body += [0x0D, 0x0A] }

        if plain && encoding == "quoted-printable" && !longLines {
            out += contentHeaders(message)
            out += [0x0D, 0x0A] + body + Array((QuotedPrintable.encode("\n" + footer) + "\r\n").utf8)
            return
        }
        if plain && ["7bit", "8bit"].contains(encoding) {
            // Re-declared as UTF-8 quoted-printable: the decoded text is the original's, now 7-bit, with
            // lines of any length made safe, and the footer added.
            var params = type.parameters
            params["charset"] = "UTF-8"
            let rest = params.keys.sorted().map { "; \($0)=\"\(params[$0]!)\"" }.joined()
            out += Array("Content-Type: text/plain\(rest)\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            let text = String(decoding: body, as: UTF8.self)
            out += Array((QuotedPrintable.encode(text + "\n" + footer) + "\r\n").utf8)
            return
        }
        if longLines { throw .lineTooLong }
        var mark = "=_facteur_relay_\(FNV1a.hash(seed))"
        var n = 0
        while body.contains(Array(mark.utf8)) {
            n += 1
            mark = "=_facteur_relay_\(FNV1a.hash(seed + String(n)))"
        }
        out += Array("Content-Type: multipart/mixed;\r\n boundary=\"\(mark)\"\r\n\r\n--\(mark)\r\n".utf8)
        out += contentHeaders(message, defaultType: true)
        out += [0x0D, 0x0A] + body
        out += Array("--\(mark)\r\n".utf8)
        var footerPart: [UInt8] = []
        MIMEPart.text(subtype: "plain", content: MIMEText(footer)).write(
            into: &footerPart, boundary: { _ in "" }, counter: &n)
        out += footerPart + [0x0D, 0x0A]
        out += Array("--\(mark)--\r\n".utf8)
    }

    /// The original's `Content-*` fields, raw.
    func contentHeaders(_ message: InboundMessage, defaultType: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        let content = message.fields.filter { $0.name.lowercased().hasPrefix("content-") }
        for field in content {
            out += Array("\(field.name): ".utf8) + field.raw + [0x0D, 0x0A]
        }
        if defaultType && !content.contains(where: { $0.name.lowercased() == "content-type" }) {
            out += Array("Content-Type: text/plain; charset=us-ascii\r\n".utf8)
        }
        return out
    }

    static func longestLine(_ bytes: [UInt8]) -> Int {
        var longest = 0
        var current = 0
        for b in bytes {
            if b == 0x0A {
                longest = max(longest, current)
                current = 0
            } else if b != 0x0D {
                current += 1
            }
        }
        return max(longest, current)
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }

    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        let first = needle[0]
        var i = 0
        while i <= count - needle.count {
            if self[i] == first && Array(self[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}
