import Foundation

/// One AMAP: the sender of its notices (`From:`) and the clock its members live by.
public struct Amap: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var email: String {
        didSet { (facteurAddress, domain) = Amap.addresses(email) }
    }
    public var replyTo: String?
    public var timeZone: TimeZone
    public var website: String?

    public init(
        id: Int64, name: String, email: String, replyTo: String? = nil, timeZone: TimeZone, website: String? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        (facteurAddress, domain) = Amap.addresses(email)
        self.replyTo = replyTo
        self.timeZone = timeZone
        self.website = website
    }

    /// The address Facteur itself receives for this AMAP (DESIGN §4–§5): bounces (it is the envelope sender),
    /// unsubscribe requests, moderation replies and volunteers' answers. A sub-address of the AMAP's own, so
    /// each AMAP of a shared database has its own and its mailbox provider already accepts it:
    /// `contact@amap.example.org` → `contact+facteur@amap.example.org`.
    public private(set) var facteurAddress: String

    /// The domain of the AMAP's address: Message-IDs and calendar UIDs live under it.
    public private(set) var domain: String

    /// Both derived once from the address (every notice asks for them several times: issue 15).
    static func addresses(_ email: String) -> (facteur: String, domain: String) {
        guard let at = email.lastIndex(of: "@") else { return (email, "localhost") }
        return (email[..<at] + "+facteur" + email[at...], String(email[email.index(after: at)...]))
    }
}
