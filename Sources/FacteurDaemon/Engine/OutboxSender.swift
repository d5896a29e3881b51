import FacteurCore
import FacteurMail
import FacteurStore
import FacteurTransport
import Foundation

/// Sends what the outbox says is due, one message at a time over one reused SMTP connection, and
/// records each outcome before the next (DESIGN §3). Cancellation is checked only between messages,
/// so a message in flight is always finished and recorded.
public struct OutboxSender: Sendable {
    public var configuration: Configuration
    public var transport: SMTPTransport
    public var logger: Logger
    /// The time now: the real clock for `run`, a fixed instant for `once --now`.
    public var clock: @Sendable () -> Date
    /// Waits between messages to respect `smtp.max_per_minute`.
    public var pause: @Sendable (Duration) async throws -> Void
    /// The clock that pacing and the grouped syncs measure intervals on: a test moves it only by the pauses, so
    /// what it checks does not depend on the machine's load.
    public var monotonic: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }

    public init(
        configuration: Configuration, transport: SMTPTransport, logger: Logger, clock: @escaping @Sendable () -> Date,
        pause: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.clock = clock
        self.pause = pause
    }

    public struct Tally: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
        public var retried = 0
        public var uncertain = 0
        public var expired = 0
        public var pausedUntil: Date?

        /// Adds a later pass's counts; the latest pause wins.
        mutating func add(_ other: Tally) {
            sent += other.sent
            failed += other.failed
            retried += other.retried
            uncertain += other.uncertain
            expired += other.expired
            pausedUntil = other.pausedUntil
        }
    }

    var retry: RetryPolicy { configuration.retry }

    /// Runs on the store's executor, which the SMTP transport shares (see `Engine.make`): the per-message
    /// outbox commit and SMTP transaction then follow one another on one thread, without the two thread
    /// switches per message that separate executors cost.
    /// `expiringLate`: expire in bulk what is already too late first (once a tick: the scan reads every due row,
    /// and a tick calls this again every few milliseconds while it plans; a row that becomes late in between is
    /// still expired before it is tried).
    public func sendDue(store: isolated Store, expiringLate: Bool = true) async throws -> Tally {
        var tally = Tally()
        // A batch whose settling failed (the database busy) is settled now, as after a crash: this process holds
        // the sender lock and nothing is in flight, so its claimed rows go back and its acceptances are recorded.
        if try store.read({ db in try db.outbox.hasUnsettledBatch() }) {
            let recovered = try store.write { db in
                try db.outbox.recoverInterrupted(now: clock(), maximumRecoveries: retry.maximumRecoveries)
            }
            logger.warning("batch-recovered", ["uncertain": "\(recovered)"])
        }
        var state = try store.read { db in try db.outbox.senderState() }
        let start = clock()
        if state.isPaused(at: start) {
            tally.pausedUntil = state.pausedUntil
            logger.info(
                "sender-paused", ["until": ScheduleTime.utcString(state.pausedUntil!), "reason": state.reason ?? ""])
            return tally
        }
        if expiringLate { try expireLate(store: store, now: start, tally: &tally) }
        let interval: Duration =
            configuration.maxPerMinute > 0 ? .milliseconds(60_000 / configuration.maxPerMinute) : .zero
        var lastSend: ContinuousClock.Instant?
        // Outbox changes are synced to disk in groups: a power loss re-sends at most about the last second.
        var lastSync = monotonic()
        func syncIfDue() async throws {
            guard Self.groupSyncs, monotonic() - lastSync >= Self.syncInterval else { return }
            try store.syncToDisk()
            lastSync = monotonic()
        }
        // The last accepted message, recorded in the journal with the next one's attempt (one commit for both).
        var accepted: Acceptance?
        var wroteAnything = false
        var stop = false
        // While sending is paced (`smtp.max_per_minute`), one row at a time: a claimed batch would stay
        // `sending` for minutes.
        let batchSize = interval > .zero ? 1 : 50
        while !stop && !Task.isCancelled {
            // Paced sending waits before it claims: a row is `sending` only while it is being sent.
            if let last = lastSend, interval > .zero {
                // Nothing left due: no wait at the end of the pass.
                guard let next = try store.read({ db in try db.outbox.nextAttempt() }), next <= clock() else { break }
                let wait = interval - (monotonic() - last)
                if wait > .zero { try? await pause(wait) }
                if Task.isCancelled { break }
            }
            // Each journal step is one transaction of its own (`claimBatch`, `noteAttempt`, `settleBatch`): not
            // nested in `write`'s, where it would be a savepoint whose statements SQLite journals to a temporary
            // file (issue 15: 3 % of the sending phase's CPU).
            let batch = try store.writeWithoutTransaction { db in
                try db.outbox.claimBatch(asOf: clock(), limit: batchSize)
            }
            if batch.isEmpty { break }
            // Anything claimed may change state: the final sync must run, whichever way the batch ends.
            wroteAnything = true
            // The batch's outcomes reach the outbox rows in one commit; what was not tried goes back.
            func settle() throws {
                try store.writeWithoutTransaction { [accepted] db in
                    try db.outbox.settleBatch(batch.map(\.id), lastAccepted: accepted, now: clock())
                }
                accepted = nil
            }
            do {
                stop = try await send(
                    batch, store: store, lastSend: &lastSend, accepted: &accepted,
                    state: &state, tally: &tally, syncIfDue: syncIfDue)
            } catch {
                // Settled before the error goes up too (if the database lets it: else the next pass recovers it).
                try? settle()
                throw error
            }
            try settle()
            // Lets the planning task beside this one write its next chunk to the outbox (same executor).
            await Task.yield()
        }
        if Self.groupSyncs && wroteAnything { try store.syncToDisk() }
        return tally
    }

    /// What is already too late is expired in bulk, not claimed and settled one row at a time: one commit of a
    /// few thousand rows after another, each logged once committed.
    private func expireLate(store: isolated Store, now: Date, tally: inout Tally) throws {
        while true {
            let late = try store.writeWithoutTransaction { db in
                try db.outbox.expireLate(now: now, limit: Self.lateRowsPerCommit)
            }
            logger.write(lines: late.expired.map { Logger.line(.info, "expired", ["key": $0]) })
            tally.expired += late.expired.count
            if late.setAside > 0 {
                logger.warning(
                    "set-aside", ["count": "\(late.setAside)", "reason": "key or kind outside Facteur's grammar"])
            }
            if late.count < Self.lateRowsPerCommit { return }
        }
    }

    /// One claimed batch; returns true when sending must stop (paused, or cancelled).
    private func send(
        _ batch: [OutboxMessage], store: isolated Store, lastSend: inout ContinuousClock.Instant?,
        accepted: inout Acceptance?, state: inout SenderState, tally: inout Tally,
        syncIfDue: () async throws -> Void
    ) async throws -> Bool {
        func flush() throws {
            if let a = accepted { try store.writeWithoutTransaction { db in try db.outbox.noteAccepted(a) } }
            accepted = nil
        }
        for message in batch {
            if Task.isCancelled { return true }
            let now = clock()
            if try settleWithoutSending(message, store: store, now: now, tally: &tally) { continue }
            let mine = try store.writeWithoutTransaction { [accepted] db in
                try db.outbox.noteAttempt(message.id, after: accepted, now: now)
            }
            accepted = nil
            // Set aside since the claim (a member forgotten, a hand edit): not ours to send any more.
            guard mine else { continue }
            try await syncIfDue()
            let from = configuration.envelopeFrom ?? message.envelopeFrom
            let result = await transport.send(
                from: from, to: message.recipient, message: Self.bytesForAttempt(message, at: now))
            lastSend = monotonic()
            if case .accepted(let code, let reply) = result.outcome {
                accepted = Acceptance(id: message.id, code: code, reply: reply, at: clock())
                logger.info("sent", ["key": message.key.rawValue, "code": "\(code)", "reply": reply])
                tally.sent += 1
                if state.level > 0 || state.connectionFailures > 0 || state.pausedUntil != nil {
                    try flush()
                    state = SenderState()
                    try store.write { [state] db in try db.outbox.saveSenderState(state) }
                }
                continue
            }
            try flush()
            if try await !record(result, for: message, store: store, state: &state, tally: &tally) { return true }
        }
        return false
    }

    /// Rows `Outbox.expireLate` expires a commit (a test sets fewer, to see several commits).
    static let lateRowsPerCommit =
        ProcessInfo.processInfo.environment["FACTEUR_TEST_ONLY_LATE_ROWS_PER_COMMIT"].flatMap { Int($0) }.map {
            max(1, $0)
        }
        ?? 5_000

    /// Off only for Scripts/benchmark.py, which measures what the syncs cost (never set it in production:
    /// a power loss could then re-send everything since the last checkpoint).
    static let groupSyncs = ProcessInfo.processInfo.environment["FACTEUR_BENCHMARK_ONLY_SKIP_SYNC"] == nil

    /// At most this much of sending is lost to a power loss (DESIGN §3 "Durable before acknowledged").
    static let syncInterval: Duration = .seconds(1)

    /// The stored bytes with the `Date` of this attempt. Relayed messages keep their author's `Date`.
    static func bytesForAttempt(_ message: OutboxMessage, at now: Date) -> [UInt8] {
        if message.kind == .relay || message.kind == .relayToProducer {
            return message.body
        }
        return AttemptDate.restamp(message.body, at: now, timeZone: message.timeZone)
    }

    /// Expiry, give-up and quiet hours are decided before any SMTP; returns true when handled.
    private func settleWithoutSending(_ message: OutboxMessage, store: isolated Store, now: Date, tally: inout Tally)
        throws -> Bool
    {
        if now >= message.lateUntil {
            try store.write { db in
                try db.outbox.markExpired(message.id, reason: LateCause.notSentInTime.reason, now: now)
            }
            logger.info("expired", ["key": message.key.rawValue])
            tally.expired += 1
            return true
        }
        if retry.hasGivenUp(firstFailedAt: message.firstFailedAt, now: now) {
            try store.write { db in
                try db.outbox.markFailed(
                    message.id, code: nil, reason: "still not delivered after retry.max_age_hours", now: now)
            }
            logger.warning("failed", ["key": message.key.rawValue, "reason": "max age reached"])
            tally.failed += 1
            return true
        }
        let quiet = configuration.notices.quietHours
        if quiet.contains(now, in: message.timeZone) {
            let release = quiet.release(now, in: message.timeZone)
            try store.write { db in
                try db.outbox.reschedule(
                    message.id, state: message.state, next: release, code: nil, reason: "held by quiet hours", now: now)
            }
            return true
        }
        return false
    }
}
