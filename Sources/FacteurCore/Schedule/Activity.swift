import Foundation

/// An outbox row that changed recently, as the digest reports it.
public struct OutboxActivity: Sendable, Equatable {
    public var amapID: Int64?
    public var kind: String
    public var state: String
    public var recipient: String
    /// The person the address belongs to, as the outbox recorded it: a coordinator knows names, not addresses.
    public var recipientName: String
    public var code: Int?
    public var reason: String?
    public var at: Date
    /// How many messages this stands for: sent and expired ones are read counted (by AMAP, kind, state and
    /// second), a failure is one.
    public var count: Int
    /// For notices given up because their "late until" passed (not those withdrawn with their distribution or
    /// their member), what they were about (`d42`, `w5`, empty for no subject): the digest names them.
    public var lateTopic: String?
    /// For a failure, what the notice was about (`d42`), so that the digest says which message did not arrive.
    public var topic: String?

    public init(
        amapID: Int64?, kind: String, state: String, recipient: String, recipientName: String = "", code: Int?,
        reason: String?, at: Date, count: Int = 1, lateTopic: String? = nil, topic: String? = nil
    ) {
        self.lateTopic = lateTopic
        self.topic = topic
        self.amapID = amapID
        self.kind = kind
        self.state = state
        self.recipient = recipient
        self.recipientName = recipientName
        self.code = code
        self.reason = reason
        self.at = at
        self.count = count
    }
}

/// Something the daemon noted for coordinators: a skipped row, a member to call, a sender pause.
public struct CoordinatorReport: Sendable, Equatable {
    public var topic: ReportTopic
    public var amapID: Int64?
    public var detail: String
    public var firstSeen: Date
    public var lastSeen: Date

    public init(_ topic: ReportTopic, amapID: Int64?, detail: String, firstSeen: Date, lastSeen: Date) {
        self.firstSeen = firstSeen
        self.topic = topic
        self.amapID = amapID
        self.detail = detail
        self.lastSeen = lastSeen
    }
}
