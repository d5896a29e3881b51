/// How to reach the SMTP server (from `smtp.…` in the configuration).
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// `smtp://` then STARTTLS, required: the connection fails closed if it is not offered.
        case starttls
        /// `smtps://`: TLS from the first byte.
        case implicit
        /// Plain text, for a local MTA only.
        case none
    }

    public var url: String
    public var security: Security
    public var username: String?
    public var password: String?
    public var timeoutSeconds: Int
    public var caFile: String?
    public var verifyCertificates: Bool
    /// The domain given in EHLO (libcurl takes it from the URL path).
    public var heloDomain: String

    public init(
        url: String, security: Security, username: String? = nil, password: String? = nil, timeoutSeconds: Int = 60,
        caFile: String? = nil, verifyCertificates: Bool = true, heloDomain: String = "localhost"
    ) {
        self.url = url
        self.security = security
        self.username = username
        self.password = password
        self.timeoutSeconds = timeoutSeconds
        self.caFile = caFile
        self.verifyCertificates = verifyCertificates
        self.heloDomain = heloDomain
    }

    /// The URL with the EHLO domain as its path, unless the configured URL already has one.
    var effectiveURL: String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        if let slash = rest.firstIndex(of: "/"), rest.index(after: slash) < rest.endIndex { return url }
        return url.hasSuffix("/") ? url + heloDomain : url + "/" + heloDomain
    }
}
