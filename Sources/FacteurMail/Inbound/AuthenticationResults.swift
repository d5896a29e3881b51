/// Reads `Authentication-Results` (RFC 8601) stamped by the receiving MTA or mailbox provider named in
/// `relay.authserv_id`: `From:` is forgeable, a DKIM or DMARC pass for the sender's domain is not.
public enum AuthenticationResults {
    public static func passes(_ message: InboundMessage, authservID: String, senderDomain: String) -> Bool {
        let domain = senderDomain.lowercased()
        for field in message.all("Authentication-Results") {
            let parts = ContentType.splitParameters(field.value)
            guard let id = parts.first?.trimmingSpaces().split(separator: " ").first,
                id.lowercased() == authservID.lowercased()
            else { continue }
            for result in parts.dropFirst() {
                let words = result.trimmingSpaces().split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
                    $0.lowercased()
                }
                guard let method = words.first else { continue }
                if method == "dkim=pass" {
                    for w in words where w.hasPrefix("header.d=") || w.hasPrefix("header.i=") {
                        let d = w.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
                        let host = d.split(separator: "@").last.map(String.init) ?? d
                        if host == domain || domain.hasSuffix("." + host) { return true }
                    }
                }
                if method == "dmarc=pass" {
                    for w in words where w.hasPrefix("header.from=") {
                        if w.dropFirst("header.from=".count) == domain { return true }
                    }
                }
            }
        }
        return false
    }
}
