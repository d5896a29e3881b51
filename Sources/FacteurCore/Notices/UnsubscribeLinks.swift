/// How a member stops one kind of notice from the mail itself (DESIGN §4): a `mailto:` to the AMAP's
/// Facteur address with a signed token, and, when `unsubscribe.url` is set, the same token as an `https:`
/// link that `facteur cgi` serves (one click, RFC 8058).
public struct UnsubscribeLinks: Sendable, Equatable {
    /// The AMAP's Facteur address (see `Amap.facteurAddress`).
    public var address: String
    public var token: String
    /// `unsubscribe.url` with the token, or nil when it is not configured.
    public var url: String?

    public init(address: String, token: String, baseURL: String?) {
        self.address = address
        self.token = token
        url = baseURL.map { base in base + (base.utf8.contains(UInt8(ascii: "?")) ? "&" : "?") + "t=" + token }
    }

    public var subject: String { "unsubscribe \(token)" }
    public var mailto: String { "mailto:\(address)?subject=unsubscribe%20\(token)" }
    /// What a click should open: the page when there is one, else the prepared mail.
    public var href: String { url ?? mailto }
}
