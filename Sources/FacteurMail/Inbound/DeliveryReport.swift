import FacteurCore
import Foundation

/// What a bounce says about which message failed, for whom and why. Read leniently, because MTAs differ:
/// RFC 3464 reports (Postfix, Exim, Sendmail, Exchange, Gmail), with the returned message as
/// `message/rfc822` or `text/rfc822-headers`, in any transfer encoding (base64 included), and the plain-text
/// bounces of qmail, Yahoo and Exim's classic form, where the failed address and the SMTP reply are prose
/// above a copy of the message. The corpus in Tests/Fixtures/bounce-corpus holds one of each.
public struct DeliveryReport: Sendable, Equatable {
    /// Message-IDs found in the returned headers: the outbox is searched for each.
    public var originalMessageIDs: [String]
    public var recipient: String?
    public var status: String?
    public var diagnostic: String?
    public var action: String?

    public init(_ message: InboundMessage) {
        var ids: [String] = []
        var recipient: String?
        var status: String?
        var diagnostic: String?
        var action: String?
        let text = Self.reportText(message, depth: 0)
        // Fields folded over continuation lines (a long Message-ID, as MTAs and Python fold them) are unfolded
        // first; LF-only reports are read as well.
        var lines: [Substring] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if let first = line.first, first == " " || first == "\t", let last = lines.popLast() {
                lines.append(Substring(String(last) + " " + line.trimmingSpaces()))
            } else {
                lines.append(line)
            }
        }
        for line in lines {
            let lower = line.lowercased()
            func value() -> String {
                guard let colon = line.firstIndex(of: ":") else { return "" }
                return String(line[line.index(after: colon)...]).trimmingSpaces()
            }
            if lower.hasPrefix("message-id:") {
                ids += MessageIDs.parse(value())
            } else if lower.hasPrefix("final-recipient:")
                || (recipient == nil && lower.hasPrefix("original-recipient:"))
            {
                let v = value()
                recipient = v.split(separator: ";").last.map { String($0).trimmingSpaces() } ?? v
            } else if lower.hasPrefix("status:"), status == nil {
                status = value()
            } else if lower.hasPrefix("diagnostic-code:"), diagnostic == nil {
                diagnostic = value()
            } else if lower.hasPrefix("action:"), action == nil {
                action = value().lowercased()
            }
        }
        // A bounce in prose (qmail, Yahoo, Exim's classic form): the address stands alone on its line above
        // the copy of the message, and the remote server's reply follows it.
        let prose = Self.prose(text)
        if recipient == nil {
            recipient = prose.lazy.compactMap(Self.standaloneAddress).first
        }
        if status == nil {
            status = (diagnostic.map { [$0] } ?? prose).lazy.compactMap(Self.enhancedStatus).first
        }
        if diagnostic == nil, status != nil {
            diagnostic = prose.first { Self.enhancedStatus($0) != nil }?.trimmingSpaces()
        }
        let subject = (message.decoded("Subject") ?? "").lowercased()
        isWarning = ["delay", "retard", "warning", "still being retried", "not yet been delivered"].contains {
            subject.contains($0)
        }
        // A read receipt (RFC 8098) is a report too, but says the message arrived.
        isReadReceipt =
            message.contentType.mediaType == "multipart/report"
            && message.contentType.parameters["report-type"]?.lowercased() == "disposition-notification"
        originalMessageIDs = ids
        self.recipient = recipient?.lowercased()
        self.status = status
        self.diagnostic = diagnostic
        self.action = action
    }

    /// Whether the bounce says "delayed" (a warning while the server still retries) rather than failed.
    var isWarning = false
    /// A read receipt (`report-type=disposition-notification`): never a failure.
    public var isReadReceipt = false

    /// Delayed or relayed reports are not failures; a prose bounce is one unless its status is temporary or
    /// it says the server is still trying.
    public var isFailure: Bool {
        if isReadReceipt { return false }
        if let action { return action == "failed" || (status?.hasPrefix("5") ?? false) }
        if let status { return status.hasPrefix("5") }
        return !isWarning
    }

    /// The report's text: every part, decoded from its transfer encoding, and of a returned message only its
    /// header block (its body is our own notice). HTML parts repeat the plain ones and are left out.
    static func reportText(_ part: InboundMessage, depth: Int) -> String {
        let type = part.contentType
        if type.type == "multipart", let boundary = type.boundary {
            guard depth < 6 else { return "" }
            return ReplyText.parts(part.body, boundary: boundary).compactMap { try? InboundParser.parse($0) }
                .map { reportText($0, depth: depth + 1) }.joined(separator: "\n")
        }
        if type.mediaType == "text/html" { return "" }
        var bytes = part.body
        switch part.value("Content-Transfer-Encoding")?.trimmingSpaces().lowercased() ?? "" {
        case "base64":
            bytes = Array(
                Data(base64Encoded: String(decoding: bytes, as: UTF8.self), options: .ignoreUnknownCharacters)
                    ?? Data())
        case "quoted-printable": bytes = ReplyText.quotedPrintable(bytes)
        default: break
        }
        if type.mediaType == "message/rfc822" || type.mediaType == "message/global", depth < 6,
            let returned = try? InboundParser.parse(bytes)
        {
            return returned.fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The lines above the copy of the message (its first header line): where a prose bounce explains.
    static func prose(_ text: String) -> [String] {
        var lines: [String] = []
        // "\r\n" is one Character: split on both.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let lower = line.lowercased()
            if ["return-path:", "received:", "message-id:", "reporting-mta:"].contains(where: { lower.hasPrefix($0) }) {
                break
            }
            lines.append(line)
        }
        return lines
    }

    /// `<nicolas@example.com>:` or `  bernard@example.com` alone on a line.
    static func standaloneAddress(_ line: String) -> String? {
        var candidate = line.trimmingSpaces()
        if candidate.hasSuffix(":") { candidate.removeLast() }
        if candidate.hasPrefix("<") && candidate.hasSuffix(">") { candidate = String(candidate.dropFirst().dropLast()) }
        guard !candidate.contains(" "), EmailAddress.isValid(candidate) else { return nil }
        let local = candidate.split(separator: "@").first?.lowercased() ?? ""
        return ["mailer-daemon", "postmaster"].contains(local) ? nil : candidate
    }

    /// The first enhanced status code (RFC 3463, `5.1.1`) that follows an SMTP reply code (`550 5.1.1`,
    /// `550-5.1.1`) in a line: a version number (« Postfix 2.11.3 ») is not one.
    static func enhancedStatus(_ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i + 4 < scalars.count {
            let reply = scalars[i..<(i + 3)]
            if "45".unicodeScalars.contains(scalars[i]), reply.allSatisfy({ ("0"..."9").contains($0) }),
                i == 0 || !("0"..."9").contains(scalars[i - 1]), scalars[i + 3] == " " || scalars[i + 3] == "-",
                let code = anyEnhancedStatus(String(String.UnicodeScalarView(scalars[(i + 4)...]))),
                code.first == Character(scalars[i])
            {
                let rest = String(String.UnicodeScalarView(scalars[(i + 4)...]))
                if rest.hasPrefix(code) { return code }
            }
            i += 1
        }
        return nil
    }

    /// The first enhanced status code (RFC 3463, `5.1.1`) anywhere in a line.
    static func anyEnhancedStatus(_ line: String) -> String? {
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let before = i == 0 ? " " : scalars[i - 1]
            if "245".unicodeScalars.contains(c), !before.properties.isAlphabetic, !("0"..."9").contains(before),
                before != ".", i + 1 < scalars.count, scalars[i + 1] == "."
            {
                var j = i + 2
                var parts = 0
                var digits = 0
                var text = String(c) + "."
                while j < scalars.count {
                    let s = scalars[j]
                    if ("0"..."9").contains(s) {
                        digits += 1
                        text.unicodeScalars.append(s)
                    } else if s == "." && digits > 0 && parts == 0 {
                        parts = 1
                        digits = 0
                        text += "."
                    } else {
                        break
                    }
                    j += 1
                }
                let endsClean = j == scalars.count || !("0"..."9").contains(scalars[j]) && scalars[j] != "."
                if parts == 1, (1...3).contains(digits), endsClean { return text }
            }
            i += 1
        }
        return nil
    }
}
