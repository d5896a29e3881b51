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
    /// What a failure or a notice given up as too late was about (`d42`, `w5`): the digest names them.
    public var topic: String?
    /// Why an expired notice was given up as too late; nil for those withdrawn (a cancelled distribution, a
    /// forgotten member), which missed nothing.
    public var late: LateCause?

    public init(
        amapID: Int64?, kind: String, state: String, recipient: String, recipientName: String = "", code: Int?,
        reason: String?, at: Date, count: Int = 1, topic: String? = nil, late: LateCause? = nil
    ) {
        self.topic = topic
        self.late = late
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

/// Why a notice was given up as too late (DESIGN §2 "late until").
public enum LateCause: Sendable, Equatable, CaseIterable {
    /// The planner saw it only after its late-until: Facteur was stopped then, or the row was written late (a
    /// member who joined after the call for volunteers, an installation in the middle of a season).
    case seenLate
    /// Facteur had it queued and could not send it in time: the server unreachable or refusing, quiet hours.
    case notSentInTime
    /// The planner saw it only after its late-until, and Facteur was not running when it fell due: no planning
    /// pass between its due time and this process's start (a server down over a weekend, a cron `once` run too
    /// seldom). News for the coordinators, like `notSentInTime`.
    case notRunning

    /// Why a notice the planner sees only after its late-until was missed. `stopped`: from the last planning pass
    /// recorded before this process to this process's start, when no Facteur is known to have run; a notice due
    /// then was missed because Facteur was not running. Any other was written too late to be sent (a member who
    /// joined after the call, an installation in the middle of a season): had its row existed when it was due,
    /// a running Facteur would have planned it then.
    public static func seen(dueAt: Date, stopped: Range<Date>?) -> LateCause {
        if let stopped, stopped.contains(dueAt) { return .notRunning }
        return .seenLate
    }

    /// The reason Facteur writes on the row (`last_error`, in English like the log): one encoder, one decoder.
    /// The digest reads it back to tell these notices from those withdrawn, which are `expired` too.
    public var reason: String {
        switch self {
        case .seenLate: "seen only after its late-until time"
        case .notSentInTime: "its late-until time passed before it could be sent"
        case .notRunning: "seen only after its late-until time: Facteur was not running when it was due"
        }
    }

    public init?(reason: String?) {
        switch reason {
        case LateCause.seenLate.reason: self = .seenLate
        case LateCause.notSentInTime.reason: self = .notSentInTime
        case LateCause.notRunning.reason: self = .notRunning
        default: return nil
        }
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
