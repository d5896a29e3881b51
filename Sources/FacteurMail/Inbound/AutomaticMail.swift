/// Mail that must never be relayed or answered: auto-replies, bulk mail, bounces, our own mail coming
/// back (RFC 3834 and the rules Mailman applies).
public enum AutomaticMail {
    /// Why this message is automatic, or nil for a person's message.
    public static func reason(_ message: InboundMessage, ourAddresses: Set<String>) -> String? {
        if let auto = message.value("Auto-Submitted")?.lowercased(), !auto.hasPrefix("no") {
            return "Auto-Submitted: \(auto)"
        }
        if let precedence = message.value("Precedence")?.lowercased(), ["bulk", "junk", "list"].contains(precedence) {
            return "Precedence: \(precedence)"
        }
        if let returnPath = message.value("Return-Path"), returnPath.filter({ $0 != " " }) == "<>" {
            return "null sender (Return-Path: <>)"
        }
        if let from = sender(message) {
            let local = from.split(separator: "@").first.map { $0.lowercased() } ?? ""
            if ["mailer-daemon", "postmaster"].contains(local) { return "sent by \(local)" }
        } else {
            return "no sender address"
        }
        for loop in message.all("X-Loop") where ourAddresses.contains(loop.value.lowercased()) {
            return "our own mail coming back (X-Loop)"
        }
        if message.value("X-Facteur-Kind") != nil { return "our own mail coming back (X-Facteur-Kind)" }
        return nil
    }

    /// A delivery status notification (RFC 3464), to be matched to the outbox rather than relayed.
    public static func isDeliveryReport(_ message: InboundMessage) -> Bool {
        let type = message.contentType
        return type.mediaType == "multipart/report"
    }

    public static func sender(_ message: InboundMessage) -> String? {
        guard let from = message.value("From") ?? message.value("Sender") else { return nil }
        return AddressList.parse(from).first
    }
}
