import FacteurSystem

/// Reads `Authentication-Results` (RFC 8601) stamped by the receiving MTA or mailbox provider named in
/// `relay.authserv_id`: `From:` is forgeable, a DKIM or DMARC pass for the author's domain is not.
/// Only the topmost field bearing that authserv-id counts: the receiving server adds its own on top, and any
/// below it may have been written by the sender.
public enum AuthenticationResults {
    public static func passes(_ message: InboundMessage, authservID: String, senderDomain: String) -> Bool {
        let domain = senderDomain.lowercased()
        guard let field = message.all("Authentication-Results").first(where: { authservIDOf($0.value) == authservID.lowercased() })
        else { return false }
        for result in ContentType.splitParameters(field.value).dropFirst() {
            let words = result.trimmingSpaces().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
                .map { $0.lowercased() }
            guard let method = words.first else { continue }
            if method == "dkim=pass" {
                for w in words where w.hasPrefix("header.d=") || w.hasPrefix("header.i=") {
                    let d = w.split(separator: "=", maxSplits: 1).last.map(String.init) ?? ""
                    let host = d.split(separator: "@").last.map(String.init) ?? d
                    // DMARC's relaxed alignment: the same organizational domain under the public suffix list.
                    if host == domain || PublicSuffixList.aligned(host, domain) { return true }
                }
            }
            if method == "dmarc=pass" {
                for w in words where w.hasPrefix("header.from=") {
                    if w.dropFirst("header.from=".count) == domain { return true }
                }
            }
        }
        return false
    }

    /// The authserv-id that opens a field's value (`mx.example.org; dkim=pass …` → `mx.example.org`).
    static func authservIDOf(_ value: String) -> String? {
        let head = ContentType.splitParameters(value).first?.trimmingSpaces() ?? ""
        return head.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map { $0.lowercased() }
    }
}
