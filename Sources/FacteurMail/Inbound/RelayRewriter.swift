import FacteurCore

/// Rewrites a person's message for the relay, DMARC-safe (DESIGN §5): a new From on the relay address,
/// Reply-To the original sender, `[contract]` subject prefix, list headers, a short footer; the body and
/// attachments are the original bytes; trace, signature, Cc and Bcc headers are dropped.
public struct RelayRewriter: Sendable {
    public struct Envelope: Sendable {
        public var relayAddress: String
        public var contractName: String
        public var amapName: String
        /// The original sender's name (or address) shown as "<name> via <AMAP>".
        public var senderName: String
        public var replyTo: String
        public var to: Mailbox
        public var messageID: String
        public var kind: String
        public var date: String
        public var footer: String
        /// For a message to a contract's subscribers: its `List-Unsubscribe` links (signed for this member).
        /// Nil for a private message (a member to the producer, a message passed on to the AMAP): no `List-*`
        /// or `Precedence: list`, which would make mail apps file it as a list and offer to unsubscribe.
        public var listUnsubscribe: UnsubscribeLinks?
        /// The From address when it is not the relay address (a message passed on to an address of the AMAP's
        /// own domain goes From that address, as contact forms do: a Reply-To elsewhere is then no spoof).
        public var fromAddress: String?

        public init(
            relayAddress: String, contractName: String, amapName: String, senderName: String, replyTo: String,
            to: Mailbox, messageID: String, kind: String, date: String, footer: String,
            listUnsubscribe: UnsubscribeLinks? = nil
        ) {
            self.listUnsubscribe = listUnsubscribe
            self.relayAddress = relayAddress
            self.contractName = contractName
            self.amapName = amapName
            self.senderName = senderName
            self.replyTo = replyTo
            self.to = to
            self.messageID = messageID
            self.kind = kind
            self.date = date
            self.footer = footer
        }
    }

    public enum RewriteError: Error, Equatable, CustomStringConvertible {
        case lineTooLong

        public var description: String {
            switch self {
            case .lineTooLong: return "a body line is longer than 998 octets inside a multipart message"
            }
        }
    }

    /// Original fields carried over unchanged (besides Subject, rewritten).
    static let kept: Set<String> = ["date", "mime-version", "in-reply-to", "references", "content-language"]

    public init() {}

    public func rewrite(_ message: InboundMessage, for e: Envelope) throws(RewriteError) -> [UInt8] {
        var out: [UInt8] = []
        func header(_ name: String, _ value: String) {
            out += Array(
                MailMessage.fold("\(name): \(HeaderText.neutralise(value))", unstructured: name == "Subject").utf8)
            out += [0x0D, 0x0A]
        }
        let senderName = e.senderName.replacingAt()
        header(
            "From", Mailbox(name: "\(senderName) via \(e.amapName)", address: e.fromAddress ?? e.relayAddress).headerValue)
        header("Reply-To", Mailbox(address: e.replyTo).headerValue)
        header("To", e.to.headerValue)
        header("Subject", EncodedWord.encodeIfNeeded(subject(message, contract: e.contractName)))
        header("Message-ID", "<\(e.messageID)>")
        if message.value("Date") == nil { header("Date", e.date) }
        // The copy always carries MIME parts of its own (the footer, a quoted-printable body): it says so even
        // when the original did not (rspamd's MISSING_MIME_VERSION).
        if message.value("MIME-Version") == nil { header("MIME-Version", "1.0") }
        for field in message.fields where RelayRewriter.kept.contains(field.name.lowercased()) {
            out += Array("\(field.name): ".utf8) + field.raw + [0x0D, 0x0A]
        }
        if let links = e.listUnsubscribe {
            let listLabel = e.relayAddress.replacingAt(with: ".")
            header(
                "List-Id",
                "\(EncodedWord.encodeIfNeeded("\(e.contractName) (\(e.amapName))").quotedPhrase) <\(listLabel)>")
            header("List-Post", "<mailto:\(e.relayAddress)>")
            if let url = links.url {
                header("List-Unsubscribe", "<\(url)>, <\(links.mailto)>")
                header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
            } else {
                header("List-Unsubscribe", "<\(links.mailto)>")
            }
            header("Precedence", "list")
        }
        header("X-Loop", e.relayAddress)
        // Sent on by Facteur, like every notice (DESIGN §4): out-of-office responders leave it unanswered
        // (RFC 3834) rather than write back to the relay address.
        header("Auto-Submitted", "auto-generated")
        header("X-Facteur-Kind", e.kind)
        try body(message, footer: e.footer, seed: e.messageID, into: &out)
        return out
    }

    /// `[contract] subject`, never doubled on replies.
    public func subject(_ message: InboundMessage, contract: String) -> String {
        let original = HeaderText.neutralise(message.decoded("Subject") ?? "")
        if contract.isEmpty { return original }
        let tag = "[\(contract)]"
        if original.lowercased().contains(tag.lowercased()) { return original }
        return original.isEmpty ? tag : "\(tag) \(original)"
    }
}

extension String {
    /// Address-looking display names become harmless ("a@b" → "a at b"), as Mailman does.
    func replacingAt(with replacement: String = " at ") -> String {
        split(separator: "@", omittingEmptySubsequences: false).joined(separator: replacement)
    }

    var quotedPhrase: String { hasPrefix("=?") ? self : "\"\(self)\"" }
}
