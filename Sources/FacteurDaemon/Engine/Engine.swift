import FacteurCore
import FacteurMail
import FacteurStore
import FacteurTransport
import Foundation

/// One tick: plan what is due into the outbox, then send what the outbox says is due.
public struct Engine: Sendable {
    public var store: Store
    /// A second, read-only connection for planning's reads of the schedule: in WAL they run beside the
    /// store's writes and the sender's transactions, on their own executor, instead of holding them up.
    public var reader: Store?
    public var planning: NoticePlanning
    public var sender: OutboxSender
    /// The IMAP intake, when `relay.imap.url` is set.
    public var poller: RelayPoller?

    public struct TickSummary: Sendable {
        public var planned: NoticePlanning.Outcome
        public var delivered: OutboxSender.Tally
        /// When the daemon should wake next (nil: only the poll interval).
        public var wakeAt: Date?
        /// Whether planning ran (it is skipped when nothing changed and nothing fell due).
        public var didPlan: Bool = true
        public var planDuration: Duration = .zero
        public var sendDuration: Duration = .zero
        /// Planning failed this tick (logged); what was already queued was still sent.
        public var planningFailed = false
    }

    /// What the last planning pass saw, so an idle tick can skip planning entirely.
    public struct PlanningMemo: Sendable {
        var dataVersion: Int64
        var nextDueAt: Date?
    }

    /// Builds the engine from a configuration: opens and migrates the database, loads and validates templates.
    public static func make(
        configuration: Configuration, logger: Logger, clock: @escaping @Sendable () -> Date
    ) async throws -> Engine {
        let store = try Store(path: configuration.database)
        try await store.migrate()
        let stopped = try await store.read { db in try db.stoppedSpan(until: clock()) }
        try await store.checkpointInBackground()
        let reader = try Store(path: configuration.database, mode: .readOnly)
        let templates = try TemplateLoader.load(folder: configuration.templates, language: configuration.language)
        let planning = NoticePlanning(
            configuration: configuration, composer: NoticeComposer(templates: templates), logger: logger,
            stopped: stopped)
        let sender = OutboxSender(
            configuration: configuration,
            transport: SMTPTransport(settings: configuration.smtp, sharing: store.executor),
            logger: logger,
            clock: clock)
        var poller: RelayPoller?
        if let imap = configuration.relay.imap(
            timeoutSeconds: configuration.smtp.timeoutSeconds, caFile: configuration.smtp.caFile,
            verify: configuration.smtp.verifyCertificates)
        {
            let desk = RelayDesk(configuration: configuration, composer: planning.composer, logger: logger)
            poller = RelayPoller(desk: desk, mailbox: IMAPMailbox(settings: imap), logger: logger)
        }
        return Engine(store: store, reader: reader, planning: planning, sender: sender, poller: poller)
    }

    /// Rows a crash left `sending` become `uncertain` (or quarantined): call once at start.
    public func recover(now: Date) async throws {
        let n = try await store.write { db in try db.outbox.recoverInterrupted(now: now) }
        if n > 0 { planning.logger.warning("recovered", ["uncertain": "\(n)"]) }
    }

    /// A tick that skips planning when the database has not changed since `memo` (no other writer
    /// committed) and nothing it planned for has fallen due: the result would be the same. Sending,
    /// retries and IMAP still run.
    public func tick(now: Date, memo: inout PlanningMemo?) async throws -> TickSummary {
        if let m = memo, m.nextDueAt.map({ now < $0 }) ?? true,
            let summary = try await tickWithoutPlanning(store: store, now: now, seen: m)
        {
            return summary
        }
        // The version read before planning, not after: a commit by another writer while this tick planned (the
        // management tool, a `relay receive`) may have come after the planner read its rows, so the next tick
        // must look again rather than take the new version for one it has seen.
        let version = try await store.dataVersion()
        let summary = try await tick(now: now)
        memo = summary.planningFailed ? nil : PlanningMemo(dataVersion: version, nextDueAt: summary.planned.nextDueAt)
        return summary
    }

    /// The idle tick in one visit to the store's executor: the version, the due rows, the next attempt and the
    /// version again were four trips there and back, each waking a thread (16.8 context switches a tick,
    /// now 10; issue 15). Nil when another writer committed since `seen`: the tick must plan. A commit that comes
    /// while it sends leaves `seen` as it was, so the next tick finds it.
    private func tickWithoutPlanning(
        store: isolated Store, now: Date, seen: PlanningMemo
    ) async throws -> TickSummary? {
        let clock = ContinuousClock()
        let start = clock.now
        guard try store.dataVersion() == seen.dataVersion else { return nil }
        // The mailbox is polled off the store's executor: only when there is one.
        if poller != nil { try await pollMailbox(now: now) }
        let delivered = try await sender.sendDue(store: store)
        let nextSend = try delivered.pausedUntil ?? store.read { db in try db.outbox.nextAttempt() }
        var summary = TickSummary(
            planned: .init(), delivered: delivered, wakeAt: Self.wake(nextDue: seen.nextDueAt, nextSend: nextSend))
        summary.didPlan = false
        summary.sendDuration = clock.now - start
        return summary
    }

    /// Plans and sends at once: the planning task renders and queues in chunks on the cooperative pool while
    /// this task sends what is already queued over the one SMTP connection, so that on two cores a big tick
    /// takes about as long as its sending alone (issue 15). Withdrawals come first, so that nothing a
    /// cancellation withdraws is sent meanwhile.
    public func tick(now: Date) async throws -> TickSummary {
        let clock = ContinuousClock()
        try await pollMailbox(now: now)
        try await planning.withdrawObsolete(store: store, now: now)
        let progress = PlanningProgress()
        async let planningDone = planEverythingDue(now: now, progress: progress)
        var delivered = OutboxSender.Tally()
        let sendStarted = clock.now
        var first = true
        while !Task.isCancelled {
            let finished = progress.isFinished
            progress.setSending(true)
            let pass = try await sender.sendDue(store: store, expiringLate: first)
            first = false
            progress.setSending(pass.sent > 0 && pass.pausedUntil == nil)
            delivered.add(pass)
            // Paused (server down, login refused): no point waiting for more to send this tick.
            if finished || delivered.pausedUntil != nil { break }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let sendDuration = clock.now - sendStarted
        let (planned, planningFailed, planDuration) = try await planningDone
        // What planning wrote last (its reports, the pass's record) may follow the sender's last sync: what `once`
        // says it queued is on disk when it exits.
        try await store.syncToDisk()
        var summary = TickSummary(
            planned: planned, delivered: delivered, wakeAt: try await wake(nextDue: planned.nextDueAt, after: delivered)
        )
        summary.planDuration = planDuration
        summary.planningFailed = planningFailed
        summary.sendDuration = sendDuration
        try await purgeExpiredCopies(now: now)
        return summary
    }

    /// Every pass the planner needs (a big network's week takes several), then marks `progress` finished.
    /// A planning failure never holds back what is already queued, nor relays (DESIGN §3): it is logged and
    /// the tick goes on; only a busy or broken database is thrown.
    private func planEverythingDue(now: Date, progress: PlanningProgress) async throws -> (
        NoticePlanning.Outcome, Bool, Duration
    ) {
        defer { progress.finish() }
        let clock = ContinuousClock()
        let started = clock.now
        var planned = NoticePlanning.Outcome()
        do {
            planned = try await planning.plan(store: store, reader: reader, now: now, progress: progress)
        } catch let error as SQLiteError where error.isBusy || error.isFatal {
            throw error
        } catch {
            planning.logger.error("planning-failed", ["error": "\(error)"])
            return (planned, true, clock.now - started)
        }
        // A pass that could not plan everything due (a big network's week) goes on until it has.
        while planned.truncated && !Task.isCancelled {
            let more = try await planning.plan(store: store, reader: reader, now: now, progress: progress)
            planned.enqueued += more.enqueued
            planned.expired += more.expired
            planned.truncated = more.truncated
            planned.nextDueAt = more.nextDueAt
            planned.plannerDuration += more.plannerDuration
            if more.enqueued == 0 { break }  // nothing could be written: do not spin
        }
        return (planned, false, clock.now - started)
    }

    /// `retention.days`: finished messages lose their rendered bodies (an indexed no-op when none are old).
    private func purgeExpiredCopies(now: Date) async throws {
        let days = planning.configuration.retentionDays
        let purged = try await store.writeWithoutTransaction { db in
            try db.purge(before: now.addingTimeInterval(-Double(days) * 86_400))
        }
        if !purged.isEmpty {
            planning.logger.info(
                "retention-purge",
                ["bodies": "\(purged.bodies)", "inbound": "\(purged.inbound)", "reports": "\(purged.reports)"])
        }
    }

    /// The mailbox being unreachable must not stop notices: logged, tried again next tick.
    private func pollMailbox(now: Date) async throws {
        guard let poller else { return }
        do { try await poller.poll(store: store, now: now) } catch let error as IMAPError {
            planning.logger.warning("imap-unavailable", ["error": error.description])
        }
    }

    /// The next planned due instant or the next send, whichever comes first. While the sender is paused,
    /// due rows wait for the pause to end: waking for them earlier would spin.
    private func wake(nextDue: Date?, after delivered: OutboxSender.Tally) async throws -> Date? {
        var nextSend = delivered.pausedUntil
        if nextSend == nil { nextSend = try await store.read { db in try db.outbox.nextAttempt() } }
        return Self.wake(nextDue: nextDue, nextSend: nextSend)
    }

    private static func wake(nextDue: Date?, nextSend: Date?) -> Date? { [nextDue, nextSend].compactMap { $0 }.min() }
}
