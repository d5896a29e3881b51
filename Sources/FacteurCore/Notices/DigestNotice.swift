import Foundation

/// What a coordinator's daily digest reports for the 24 hours before it.
public struct DigestNotice: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public var kind: String
        public var count: Int

        public init(kind: String, count: Int) {
            self.kind = kind
            self.count = count
        }
    }

    public struct Failure: Sendable, Equatable {
        public var address: String
        /// Whose address it is (empty when unknown).
        public var name: String
        public var kind: String
        public var state: String
        /// The server's reply (`550 5.1.1 …`), or what Facteur saw (`bounced: …`, `max age reached`).
        public var reason: String
        /// The distribution's start or the order window's close, its place, its contract, when in the schedule:
        /// « Annonce de distribution du jeudi 26 novembre » says which message did not arrive.
        public var when: Date?
        public var place: String?
        public var contract: String?

        public init(
            address: String, name: String = "", kind: String, state: String, reason: String, when: Date? = nil,
            place: String? = nil, contract: String? = nil
        ) {
            self.address = address
            self.name = name
            self.kind = kind
            self.state = state
            self.reason = reason
            self.when = when
            self.place = place
            self.contract = contract
        }
    }

    public struct DebtLine: Sendable, Equatable {
        public var member: String
        public var contract: String
        public var balance: Money
        public var days: Int
        /// The debtor has had three notices or more in a row: time to call them.
        public var persistent: Bool

        public init(member: String, contract: String, balance: Money, days: Int, persistent: Bool) {
            self.member = member
            self.contract = contract
            self.balance = balance
            self.days = days
            self.persistent = persistent
        }
    }

    public struct ToCall: Sendable, Equatable {
        public var name: String
        public var phone: String?
        /// The notice they did not receive, as stored (`announcement d42`): shown when nothing better is known.
        public var about: String
        /// Its kind, to say it in words.
        public var kind: NoticeKind?
        /// The distribution or order window it was about, when it is in the schedule: its date in words.
        public var when: Date?
        /// The distribution's place as it is now, to pass on with its time.
        public var place: String?
        /// The contract an order window, a debt or a statement is about.
        public var contract: String?
        /// A debt's or a statement's balance on that contract now: what to tell them on the phone.
        public var balance: Money?

        public init(
            name: String, phone: String?, about: String, kind: NoticeKind? = nil, when: Date? = nil,
            place: String? = nil, contract: String? = nil, balance: Money? = nil
        ) {
            self.name = name
            self.phone = phone
            self.about = about
            self.kind = kind
            self.when = when
            self.place = place
            self.contract = contract
            self.balance = balance
        }
    }

    public var day: LocalDate
    public var sent: [Count]
    public var failed: [Count]
    public var failures: [Failure]
    public var debts: [DebtLine]
    public var toCall: [ToCall]
    public var skippedRows: [String]
    public var pauses: [String]
    public var heldRelayMessages: [String]
    /// Volunteers who answered a call or a reminder by mail in the digest's 24 hours.
    public var volunteerAnswers: [VolunteerAnswer] = []
    /// Notices given up in the digest's 24 hours because their "late until" had passed, by kind and subject:
    /// the coordinator learns who was not told what.
    public var missed: [Missed] = []
    /// Some of them fell due while no Facteur was running (`LateCause.notRunning`): the digest says so, so that
    /// a coordinator can tell whoever looks after the server.
    public var facteurWasStopped = false

    public struct Missed: Sendable, Equatable {
        /// The kind as stored (`announcement`).
        public var kind: String
        public var count: Int
        /// The distribution's start or the order window's close, when it is in the schedule.
        public var when: Date?
        /// The distribution's place as it is now.
        public var place: String?
        /// The contract an order window or a statement is about.
        public var contract: String?
        /// Some were given up while Facteur was running (held by an unreachable server, a refusal, quiet hours) or
        /// because it was not running when they fell due (`LateCause.notRunning`): news in itself. Notices the
        /// planner only saw too late otherwise were written too late (a member who joined after the call, an
        /// installation in the middle of a season): listed when the digest is written, no reason to write one.
        public var isNews: Bool

        public init(
            kind: String, count: Int, when: Date? = nil, place: String? = nil, contract: String? = nil,
            isNews: Bool = true
        ) {
            self.kind = kind
            self.count = count
            self.when = when
            self.place = place
            self.contract = contract
            self.isNews = isNews
        }
    }

    public struct VolunteerAnswer: Sendable, Equatable {
        public var member: String
        public var distribution: Date
        public var answer: DistributionNotice.DutyAnswer
        /// For a withdrawal: whether it came early enough for a new call for volunteers (until two hours before).
        public var inTimeForNewCall: Bool

        public init(
            member: String, distribution: Date, answer: DistributionNotice.DutyAnswer, inTimeForNewCall: Bool = true
        ) {
            self.member = member
            self.distribution = distribution
            self.answer = answer
            self.inTimeForNewCall = inTimeForNewCall
        }
    }

    public init(
        day: LocalDate, sent: [Count], failed: [Count], failures: [Failure], debts: [DebtLine], toCall: [ToCall],
        skippedRows: [String], pauses: [String], heldRelayMessages: [String]
    ) {
        self.day = day
        self.sent = sent
        self.failed = failed
        self.failures = failures
        self.debts = debts
        self.toCall = toCall
        self.skippedRows = skippedRows
        self.pauses = pauses
        self.heldRelayMessages = heldRelayMessages
    }

    /// Sent counts alone are no reason to write: only problems and things to do are.
    public var hasSomethingToReport: Bool {
        !failures.isEmpty || !debts.isEmpty || !toCall.isEmpty || !skippedRows.isEmpty || !pauses.isEmpty
            || !heldRelayMessages.isEmpty || missed.contains(where: \.isNews)
            || volunteerAnswers.contains { $0.answer == .joined || $0.answer == .withdrawn }
    }
}
