/// How to reach the relay mailbox (`relay.imap.…`): `imap://host:143/INBOX` (STARTTLS required unless
/// `tls` is `none`) or `imaps://host:993/INBOX`.
public struct IMAPSettings: Sendable, Equatable {
    public var url: String
    public var security: SMTPSettings.Security
    public var username: String?
    public var password: String?
    public var timeoutSeconds: Int
    public var caFile: String?
    public var verifyCertificates: Bool

    public init(
        url: String, security: SMTPSettings.Security, username: String?, password: String?, timeoutSeconds: Int = 60,
        caFile: String? = nil, verifyCertificates: Bool = true
    ) {
        self.url = url
        self.security = security
        self.username = username
        self.password = password
        self.timeoutSeconds = timeoutSeconds
        self.caFile = caFile
        self.verifyCertificates = verifyCertificates
    }

    /// The server part (`imap://host:port`) and the mailbox (`INBOX` by default).
    var server: String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let host = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? String(rest)
        return String(url[..<scheme.upperBound]) + host
    }

    public var mailbox: String {
        guard let scheme = url.range(of: "://") else { return "INBOX" }
        let parts = url[scheme.upperBound...].split(separator: "/", maxSplits: 1)
        let box = parts.count > 1 ? String(parts[1]) : ""
        return box.isEmpty ? "INBOX" : box
    }
}
