/// What the outbox already holds, as the planner needs it: which keys exist, and per (distribution,
/// member) the last facts that member was told, so that changes are noticed once and only once.
public struct PlannerMemory: Sendable {
    public struct Thread: Sendable, Equatable {
        public var recipient: Recipient
        public var version: DistributionVersion
        public var sequence: Int
        public var cancelled: Bool
        public var announcementKey: NoticeKey
        /// How many cancellations this member was sent: a distribution cancelled, reinstated and cancelled
        /// again needs a second cancellation under a key of its own.
        public var cancellations = 0

        /// Folds one follow-up in, whatever order rows come in: the highest SEQUENCE says the last word
        /// (a change after a cancellation reinstates the distribution).
        public mutating func fold(_ kind: NoticeKind, version: DistributionVersion, sequence: Int) {
            switch kind {
            case .change:
                guard sequence >= self.sequence else { return }
                self.version = version
                self.sequence = sequence
                cancelled = false
            case .cancellation:
                cancellations += 1
                guard sequence >= self.sequence else { return }
                self.sequence = sequence
                cancelled = true
            default:
                break
            }
        }

        public init(
            recipient: Recipient, version: DistributionVersion, sequence: Int, cancelled: Bool,
            announcementKey: NoticeKey
        ) {
            self.recipient = recipient
            self.version = version
            self.sequence = sequence
            self.cancelled = cancelled
            self.announcementKey = announcementKey
        }
    }

    public struct ThreadID: Sendable, Hashable {
        public var distributionID: Int64
        public var memberID: Int64

        public init(distributionID: Int64, memberID: Int64) {
            self.distributionID = distributionID
            self.memberID = memberID
        }
    }

    public var existingKeys: Set<NoticeKey>
    /// The figures of the latest producer sheet of each round, to say what an update changes.
    public var sheetFigures: [NoticeSubject: ProducerSheet.Figures] = [:]
    /// Threads of members who received (or will receive) the announcement.
    public var threads: [ThreadID: Thread]

    public init(existingKeys: Set<NoticeKey> = [], threads: [ThreadID: Thread] = [:]) {
        self.existingKeys = existingKeys
        self.threads = threads
    }

    /// Folds a pass's notices in, so that the next pass (the daemon's, or a preview's next simulated tick) sees
    /// its own output. The set of keys makes room for all of them at once instead of growing by doubling, each
    /// growth a new table to fill (issue 15).
    public mutating func remember(_ notices: [PlannedNotice]) {
        existingKeys.reserveCapacity(existingKeys.count + notices.count)
        for notice in notices { remember(notice) }
    }

    /// Folds one freshly planned notice in, as the outbox will hold it once written.
    public mutating func remember(_ notice: PlannedNotice) {
        existingKeys.insert(notice.key)
        if case .producerSheet(let sheet) = notice.content, !notice.expired {
            sheetFigures[notice.key.subject] = sheet.figures
        }
        guard !notice.expired, let d = notice.distributionID, let m = notice.recipient.memberID,
            let version = notice.version
        else { return }
        fold(
            notice.key, thread: ThreadID(distributionID: d, memberID: m), recipient: notice.recipient,
            version: version, sequence: notice.sequence)
    }

    /// The one place a distribution's thread is told a notice went out, whether the notice was just planned
    /// or read back from the outbox: an announcement opens the thread, a change or cancellation moves it on.
    public mutating func fold(
        _ key: NoticeKey, thread id: ThreadID, recipient: Recipient, version: DistributionVersion, sequence: Int
    ) {
        switch key.kind {
        case .announcement:
            threads[id] = Thread(
                recipient: recipient, version: version, sequence: sequence, cancelled: false, announcementKey: key)
        case .change, .cancellation:
            threads[id]?.fold(key.kind, version: version, sequence: sequence)
        default:
            break
        }
    }
}
