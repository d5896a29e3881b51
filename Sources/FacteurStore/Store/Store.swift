import FacteurCore
import Foundation

/// The single owner of the database connection. Its own executor keeps blocking SQLite calls (busy
/// waits included) off the cooperative thread pool. Only plain values go in and out.
public actor Store {
    /// The serial queue the store runs on; the daemon's SMTP transport shares it (see `OutboxSender`).
    public nonisolated let executor: DispatchQueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let db: SQLiteConnection
    public nonisolated let path: String

    public init(path: String, mode: SQLiteConnection.Mode = .readWrite) throws {
        executor = DispatchQueueExecutor(label: "facteur.store")
        db = try SQLiteConnection(path: path, mode: mode)
        self.path = path
    }

    private var outbox: Outbox { Outbox(db) }

    @discardableResult
    public func migrate() throws -> Int { try Migrator.migrate(db) }

    public func schemaVersion() throws -> Int { try Migrator.version(of: db) }

    /// `PRAGMA data_version`: changes whenever another connection commits (the management tool, a
    /// `relay receive`), never for this connection's own writes. Equal values mean the schedule is as it was.
    public func dataVersion() throws -> Int64 { try db.firstRow("PRAGMA data_version")?.int64(0) ?? 0 }

    public func requireCurrentSchema() throws { try Migrator.requireCurrent(db) }

    /// The secret that signs tokens (migration 10 creates it); nil for a database never migrated.
    public func tokenSecret() throws -> [UInt8]? {
        guard let hex = try db.firstRow("SELECT value FROM facteur_meta WHERE key = 'token_secret'")?.text(0),
            let bytes = Hex.decode(hex), bytes.count == 32
        else { return nil }
        return bytes
    }

    /// Everything committed so far survives a power loss once this returns (see `SQLiteConnection.syncToDisk`).
    public func syncToDisk() throws { try db.syncToDisk() }

    public func readSchedule(
        from: Date, to: Date, defaultTimeZone: TimeZone, statementDaysAfterEnd: Int = 3, activitySince: Date? = nil,
        balancesAt: Date? = nil
    ) throws -> Schedule {
        var reader = ScheduleReader(defaultTimeZone: defaultTimeZone)
        reader.statementDaysAfterEnd = statementDaysAfterEnd
        reader.activitySince = activitySince
        reader.balancesAt = balancesAt
        return try reader.read(db, from: from, to: to)
    }

    /// Opens and closes debts from the `balance` view (negative_balance).
    @discardableResult
    public func refreshDebts(thresholdCents: Int64, now: Date, timeZone: TimeZone) throws -> (opened: Int, closed: Int) {
        try DebtLedger.refresh(db, thresholdCents: thresholdCents, now: now, timeZone: timeZone)
    }

    public func plannerMemory(forTopics topics: [NoticeSubject]) throws -> PlannerMemory {
        try outbox.memory(forTopics: topics)
    }

    public func messageIDs(forKeys keys: [NoticeKey]) throws -> [NoticeKey: String] {
        try outbox.messageIDs(forKeys: keys)
    }

    @discardableResult
    public func enqueue(_ entries: [OutboxEntry], now: Date) throws -> Int {
        try outbox.enqueue(entries, now: now)
    }

    /// Records skipped rows and members to call; returns the issues seen for the first time.
    @discardableResult
    public func recordReports(issues: [ScheduleIssue], unreachable: [PlanResult.Unreachable], now: Date) throws
        -> [ScheduleIssue]
    {
        try Reports(db).record(issues: issues, unreachable: unreachable, now: now)
    }

    public func recordSystemic(_ reason: String, now: Date) throws {
        try Reports(db).record(.systemic, amapID: nil, subject: "sender", detail: reason, now: now)
    }

    @discardableResult
    public func withdrawObsolete(now: Date) throws -> Int { try outbox.withdrawObsolete(now: now) }

    /// See `Outbox.deletedThreads`.
    public func deletedThreads(now: Date) throws -> [Outbox.DeletedThread] { try outbox.deletedThreads(now: now) }

    @discardableResult
    public func recoverInterrupted(now: Date) throws -> Int { try outbox.recoverInterrupted(now: now) }

    public func claimDue(asOf now: Date, limit: Int) throws -> [OutboxMessage] {
        try outbox.claimDue(asOf: now, limit: limit)
    }

    public func nextAttempt() throws -> Date? { try outbox.nextAttempt() }

    /// False when another sender already took the row (see `Outbox.markSending`).
    public func markSending(_ id: Int64, now: Date) throws -> Bool { try outbox.markSending(id, now: now) }

    public func markSent(_ id: Int64, code: Int, reply: String?, now: Date) throws {
        try outbox.markSent(id, code: code, reply: reply, now: now)
    }

    public func markSent(_ sent: Int64, code: Int, reply: String?, thenSending next: Int64, now: Date) throws -> Bool {
        try outbox.markSent(sent, code: code, reply: reply, thenSending: next, now: now)
    }

    public func markFailed(_ id: Int64, code: Int?, reason: String, now: Date) throws {
        try outbox.markFailed(id, code: code, reason: reason, now: now)
    }

    public func markExpired(_ id: Int64, reason: String, now: Date) throws {
        try outbox.markExpired(id, reason: reason, now: now)
    }

    public func reschedule(
        _ id: Int64, state: OutboxState, next: Date, code: Int?, reason: String, failed: Bool = false, now: Date
    ) throws {
        try outbox.reschedule(id, state: state, next: next, code: code, reason: reason, failed: failed, now: now)
    }

    public func markUncertain(_ id: Int64, next: Date, reason: String, maximumRecoveries: Int, now: Date) throws {
        try outbox.markUncertain(id, next: next, reason: reason, maximumRecoveries: maximumRecoveries, now: now)
    }

    public func release(_ id: Int64, previous: OutboxState, now: Date) throws {
        try outbox.release(id, previous: previous, now: now)
    }

    public func senderState() throws -> SenderState { try outbox.senderState() }

    public func saveSenderState(_ state: SenderState) throws { try outbox.saveSenderState(state) }

    public func status(limit: Int = 10) throws -> OutboxStatus { try outbox.status(limit: limit) }

    /// Runs relay work in one write transaction (`BEGIN IMMEDIATE`): all of it is stored, or none.
    public func relayTransaction<T: Sendable>(_ body: @Sendable (RelayStorage) throws -> T) throws -> T {
        try db.writeTransaction { try body(RelayStorage(inbox: Inbox(db), outbox: Outbox(db))) }
    }

    /// Reads without a write lock.
    public func relayRead<T: Sendable>(_ body: @Sendable (RelayStorage) throws -> T) throws -> T {
        try body(RelayStorage(inbox: Inbox(db), outbox: Outbox(db)))
    }
}

extension Store {
    /// `facteur forget --member ID`: see `MemberForgetting`.
    public func forget(_ request: ForgetRequest, now: Date) throws -> ForgetSummary {
        try MemberForgetting(db: db).forget(request, now: now)
    }

    /// The member's own row in the published schema, when it still exists: (name, email).
    public func member(_ id: Int64) throws -> (name: String, email: String?)? {
        guard let row = try db.firstRow("SELECT name, email FROM member WHERE id = ?", [id]) else { return nil }
        return (row.text(0) ?? "", row.text(1))
    }

    /// Addresses and names the outbox has used for this member (the member row may already be gone).
    public func outboxIdentities(of memberID: Int64) throws -> (addresses: [String], names: [String]) {
        let rows = try db.rows(
            "SELECT DISTINCT recipient, recipient_name FROM facteur_outbox WHERE member_id = ?", [memberID])
        let addresses = rows.compactMap { $0.text(0) }.filter { $0 != MemberForgetting.placeholder }
        let names = rows.compactMap { $0.text(1) }.filter { !$0.isEmpty }
        return (Array(Set(addresses)).sorted(), Array(Set(names)).sorted())
    }

    /// `retention.days`: see `Retention`.
    @discardableResult
    public func purge(before cutoff: Date) throws -> RetentionPurge {
        try Retention(db: db).purge(before: cutoff)
    }
}

extension Store {
    /// `facteur import`: one file into one table, all or nothing (see `Importer`).
    public func importSheet(_ sheet: ImportSheet, defaultAmap: String?, dryRun: Bool = false) throws -> ImportReport {
        var importer = Importer(db: db, sheet: sheet, defaultAmap: defaultAmap)
        importer.dryRun = dryRun
        return try importer.run()
    }
}

extension Store {
    /// Private feed names of these members, created for those who have none yet.
    public func feedNames(for members: [Int64], now: Date) throws -> [Int64: String] {
        try FeedNames(db: db).names(for: members, now: now)
    }

    /// The calendar SEQUENCE each distribution reached in mail (raised by each change notice).
    public func calendarSequences() throws -> [Int64: Int] {
        var sequences: [Int64: Int] = [:]
        try db.forEachRow(
            "SELECT distribution_id, MAX(sequence) FROM facteur_outbox WHERE distribution_id IS NOT NULL GROUP BY 1"
        ) { row in
            if let id = row.int64(0), let sequence = row.int(1) { sequences[id] = sequence }
        }
        return sequences
    }
}

extension Store {
    public func queuedGroups(before end: Date) throws -> [QueuedGroup] {
        try Outbox(db).queuedGroups(before: end)
    }
}
