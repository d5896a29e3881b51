import Foundation

/// A notice the planner found due (or past its time): the unit the outbox stores and the sender sends.
public struct PlannedNotice: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case distribution(DistributionNotice)
        case order(OrderNotice)
        case orderSummary(OrderSummary)
        case account(AccountNotice)
        case digest(DigestNotice)
        case relay(RelayNotice)
        case subscription(SubscriptionNotice)
        case producerSheet(ProducerSheet)
    }

    public var key: NoticeKey
    public var kind: NoticeKind { key.kind }
    /// What the notice is about, the key's second part (`d42`, `w5`, `b7-3`, `c3`): the outbox indexes it.
    public var topic: String { key.subject.topic }
    public var amap: Amap
    public var recipient: Recipient
    public var replyTo: String?
    public var dueAt: Date
    /// After this instant the notice is pointless: it becomes `expired` instead of being sent.
    public var lateUntil: Date
    /// `dueAt` moved past quiet hours: the earliest instant it may leave.
    public var sendAfter: Date
    /// True when the planner saw it only after `lateUntil`: it is recorded as `expired`, never sent.
    public var expired: Bool
    /// Why, when `expired`: written too late, or missed while Facteur was not running (`PlanResult.noteStopped`).
    public var lateCause = LateCause.seenLate
    /// The outbox key of the message this one follows up (a change threads to its announcement).
    public var threadKey: NoticeKey?
    /// For opt-out-able kinds: the signed way out, added by the daemon when it renders (tokens are signed
    /// with a secret the planner never sees).
    public var unsubscribe: UnsubscribeLinks?
    public var distributionID: Int64?
    /// The announced facts this notice carries (distribution kinds), to detect later changes.
    public var version: DistributionVersion?
    public var sequence: Int
    public var content: Content

    public init(
        key: NoticeKey, amap: Amap, recipient: Recipient, replyTo: String?, dueAt: Date,
        lateUntil: Date, sendAfter: Date, expired: Bool, threadKey: NoticeKey? = nil, distributionID: Int64? = nil,
        version: DistributionVersion? = nil, sequence: Int = 0, content: Content
    ) {
        self.key = key
        self.amap = amap
        self.recipient = recipient
        self.replyTo = replyTo
        self.dueAt = dueAt
        self.lateUntil = lateUntil
        self.sendAfter = sendAfter
        self.expired = expired
        self.threadKey = threadKey
        self.distributionID = distributionID
        self.version = version
        self.sequence = sequence
        self.content = content
    }
}

extension PlannedNotice.Content {
    /// Distribution and order notices: a distribution's or a window's members read one text but for their own
    /// values (their name, their links), where the others are each one recipient's own. Rendering (`NoticeFrame`)
    /// and storing (`BodyDelta`) make use of what such notices share.
    public var isShared: Bool {
        switch self {
        case .distribution, .order: true
        default: false
        }
    }
}
