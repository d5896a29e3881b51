import Foundation

/// The planner's answer for one tick.
public struct PlanResult: Sendable {
    /// A member who should have received a notice but has no email: the coordinator must call them.
    public struct Unreachable: Sendable, Equatable, Hashable {
        public var memberID: Int64
        public var amapID: Int64
        /// The notice they would have received.
        public var key: NoticeKey

        public init(memberID: Int64, amapID: Int64, key: NoticeKey) {
            self.memberID = memberID
            self.amapID = amapID
            self.key = key
        }
    }

    public var notices: [PlannedNotice] = []
    /// The earliest future instant at which something becomes due: the daemon sleeps until then.
    public var nextDueAt: Date?
    public var unreachable: [Unreachable] = []
    public var issues: [ScheduleIssue] = []
    /// More notices are due than one pass takes: plan again at once.
    public var truncated = false
    /// Where the next pass over the same schedule resumes (set with `truncated`).
    public var resumeAt: PlanCursor?
    /// Room taken in this pass by notices to send and by expired records (see `Planner.hasRoom`).
    var sendTaken = 0
    var expiredTaken = 0

    public init() {}

    mutating func noteFuture(_ date: Date) {
        if nextDueAt.map({ date < $0 }) ?? true { nextDueAt = date }
    }
}
