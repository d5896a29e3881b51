import FacteurCore
import Foundation

/// Everything the coordinator's status page shows, as plain values gathered by `facteur status --html`.
public struct StatusOverview: Sendable {
    public struct Upcoming: Sendable {
        public var at: Date
        public var kind: NoticeKind?
        public var kindName: String
        public var amap: String
        public var about: String
        public var recipients: Int
        /// Already in the outbox (true) or foreseen by the planner from the schedule (false).
        public var queued: Bool
        /// An earlier attempt failed: `at` is the next try.
        public var retrying: Bool

        public init(
            at: Date, kind: NoticeKind?, kindName: String, amap: String, about: String, recipients: Int, queued: Bool,
            retrying: Bool = false
        ) {
            self.retrying = retrying
            self.at = at
            self.kind = kind
            self.kindName = kindName
            self.amap = amap
            self.about = about
            self.recipients = recipients
            self.queued = queued
        }
    }

    public struct Failure: Sendable {
        public var at: Date
        public var kindName: String
        public var state: String
        public var recipient: String
        /// Whose address it is, when the outbox knows.
        public var name: String = ""
        public var code: Int?
        public var reason: String

        public init(at: Date, kindName: String, state: String, recipient: String, code: Int?, reason: String) {
            self.at = at
            self.kindName = kindName
            self.state = state
            self.recipient = recipient
            self.code = code
            self.reason = reason
        }
    }

    public struct NegativeBalance: Sendable {
        public var member: String
        public var contract: String
        public var amap: String
        public var balance: Money
        public var days: Int

        public init(member: String, contract: String, amap: String, balance: Money, days: Int) {
            self.member = member
            self.contract = contract
            self.amap = amap
            self.balance = balance
            self.days = days
        }
    }

    public struct Held: Sendable {
        public var id: Int64
        public var receivedAt: Date
        public var sender: String
        public var subject: String
        public var relayAddress: String
        public var reason: String

        public init(id: Int64, receivedAt: Date, sender: String, subject: String, relayAddress: String, reason: String) {
            self.id = id
            self.receivedAt = receivedAt
            self.sender = sender
            self.subject = subject
            self.relayAddress = relayAddress
            self.reason = reason
        }
    }

    public var generatedAt: Date
    public var timeZone: TimeZone
    public var days: Int
    /// Outbox rows by state, in the order of `OutboxState`.
    public var counts: [(state: String, count: Int)]
    public var pausedUntil: Date?
    public var pauseReason: String?
    public var upcoming: [Upcoming]
    public var failures: [Failure]
    public var balances: [NegativeBalance]
    public var held: [Held]
    public var skippedRows: [String]

    public init(
        generatedAt: Date, timeZone: TimeZone, days: Int, counts: [(state: String, count: Int)], pausedUntil: Date?,
        pauseReason: String?, upcoming: [Upcoming], failures: [Failure], balances: [NegativeBalance], held: [Held],
        skippedRows: [String]
    ) {
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.days = days
        self.counts = counts
        self.pausedUntil = pausedUntil
        self.pauseReason = pauseReason
        self.upcoming = upcoming
        self.failures = failures
        self.balances = balances
        self.held = held
        self.skippedRows = skippedRows
    }
}
