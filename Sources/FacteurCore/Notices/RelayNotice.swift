/// A message that came to a contract's relay address, as notices about it describe it.
public struct RelayNotice: Sendable, Equatable {
    public var inboundID: Int64
    public var contract: String
    public var relayAddress: String
    public var senderName: String
    public var senderAddress: String
    public var subject: String
    /// Why it was held or refused.
    public var reason: String
    public var size: Int
    /// The held message itself, shown to the moderator as `message/rfc822`.
    public var original: [UInt8]? = nil

    public init(
        inboundID: Int64, contract: String, relayAddress: String, senderName: String, senderAddress: String,
        subject: String, reason: String, size: Int
    ) {
        self.inboundID = inboundID
        self.contract = contract
        self.relayAddress = relayAddress
        self.senderName = senderName
        self.senderAddress = senderAddress
        self.subject = subject
        self.reason = reason
        self.size = size
    }
}
