/// What a bounce (RFC 3464 `multipart/report; report-type=delivery-status`) says about which message
/// failed, for whom and why. Read leniently: MTAs differ.
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
        let text = String(decoding: message.body, as: UTF8.self)
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
        originalMessageIDs = ids
        self.recipient = recipient
        self.status = status
        self.diagnostic = diagnostic
        self.action = action
    }

    /// Delayed or relayed reports are not failures.
    public var isFailure: Bool { action == nil || action == "failed" || (status?.hasPrefix("5") ?? false) }
}
