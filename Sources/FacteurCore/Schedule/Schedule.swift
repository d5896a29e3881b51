/// Everything the planner needs, read from the database as it is at one tick. Plain values only.
public struct Schedule: Sendable {
    public var amaps: [Int64: Amap] = [:]
    public var members: [Int64: Member] = [:]
    public var producers: [Int64: Producer] = [:]
    public var contracts: [Int64: Contract] = [:]
    public var distributions: [Distribution] = []
    /// Deliveries by distribution id.
    public var deliveries: [Int64: [Delivery]] = [:]
    /// Members on duty by distribution id.
    public var duties: [Int64: [Duty]] = [:]
    /// Subscribed member ids by contract id.
    public var subscribers: [Int64: [Int64]] = [:]
    /// Opt-outs: notice kinds each member does not want.
    public var optOuts: [Int64: Set<NoticeKind>] = [:]
    /// Order windows near now, their lines by window id.
    /// Distributions that order windows name (`order_window.distribution_id`) however far they are from the
    /// planning horizon: order mail names its distribution even when it is weeks away (DESIGN §2).
    public var windowDistributions: [Int64: Distribution] = [:]
    /// Volunteers who withdrew by mail, per distribution: each withdrawal opens a new call for volunteers.
    public var dutyWithdrawals: [Int64: [Int64]] = [:]
    /// Volunteers' answers by mail since `activitySince`, in order: the coordinators' digest lists them.
    public var dutyAnswers: [DutyAnswerRecord] = []
    public var orderWindows: [OrderWindow] = []
    public var orderLines: [Int64: [OrderLine]] = [:]
    /// Open debts (balance below the threshold), with the balance behind each.
    public var debts: [Debt] = []
    public var balances: [Balance] = []
    /// Contracts whose statement falls due near now, with every order line and payment behind it.
    public var endedContracts: [Int64] = []
    public var contractLines: [Int64: [OrderLine]] = [:]
    public var contractWindows: [Int64: [OrderWindow]] = [:]
    public var payments: [Int64: [Payment]] = [:]
    /// The contracts whose order windows and lines (`contractWindows`, `contractLines`) were read; nil when all were.
    /// A tick reads them only for the account notices it finds due (issue 15: five years of every debtor's orders
    /// were read at every pass): an account built without them is marked incomplete, and is never mailed.
    public var accountHistories: Set<Int64>?
    /// Outbox rows changed and reports seen in the last two days, for the digest.
    public var activity: [OutboxActivity] = []
    public var reports: [CoordinatorReport] = []
    /// Rows that were skipped while reading, with why.
    public var issues: [ScheduleIssue] = []

    public init() {}

    /// Whether `member` accepts notices of `kind` (transactional kinds cannot be refused).
    public func accepts(_ kind: NoticeKind, member: Member) -> Bool {
        guard kind.isOptional else { return true }
        return !(optOuts[member.id]?.contains(kind) ?? false)
    }

    /// Active members of an AMAP, in a stable order.
    public func activeMembers(ofAmap amapID: Int64) -> [Member] {
        members.values.filter { $0.amapID == amapID && $0.active }.sorted { $0.id < $1.id }
    }
}
