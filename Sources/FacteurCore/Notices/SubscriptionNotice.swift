/// A member's preference changed at their request (by mail, link or page): what they will no longer
/// receive (or receive again) and how to undo it, from the mail itself.
public struct SubscriptionNotice: Sendable, Equatable {
    /// The kind concerned, or `.relay` with `contract` for one contract's relayed messages.
    public var kind: NoticeKind
    public var contract: String?
    /// True when the member stopped receiving it; false when they came back.
    public var stopped: Bool
    /// To undo: the same token, the opposite word.
    public var undo: UnsubscribeLinks

    public init(kind: NoticeKind, contract: String?, stopped: Bool, undo: UnsubscribeLinks) {
        self.kind = kind
        self.contract = contract
        self.stopped = stopped
        self.undo = undo
    }
}
