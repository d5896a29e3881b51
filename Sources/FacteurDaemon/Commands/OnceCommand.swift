import FacteurCore
import Foundation

/// `facteur once [--now T]`: one tick (plan + send) and exit.
public struct OnceCommand: Command {
    public static let name = "once"
    public static let summary = "one tick: plan, send, exit (--now T replays any instant)"
    public static let help = """
        usage: facteur once --config FILE [--now T]

        Plans every notice due, writes it to the outbox and sends what is due, then exits. With --now the
        whole tick runs as if it were T (ISO 8601, local time unless it has an offset): due times, quiet
        hours and retry backoff all use T. Exits 65 when planning failed as a whole (the log says why):
        what was already queued has still been sent.

        example: facteur once --config facteur.json --now "2026-11-24 18:30"
        """

    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        // One sender per database: a `once` while `run` works refuses (75) rather than send twice.
        let lock = try SenderLock(database: configuration.database)
        defer { lock.release() }
        let fixed = try TimeArgument.parse(now, timeZone: configuration.timeZone)
        let clock: @Sendable () -> Date
        if let fixed { clock = { fixed } } else { clock = { WallClock.now() } }
        let engine = try await Engine.make(configuration: configuration, logger: context.logger, clock: clock)
        try await engine.recover(now: clock())
        let summary = try await engine.tick(now: clock())
        let d = summary.delivered
        context.output(
            "queued \(summary.planned.enqueued - summary.planned.expired), expired \(summary.planned.expired + d.expired), "
                + "sent \(d.sent), deferred \(d.retried), failed \(d.failed), uncertain \(d.uncertain)"
                + (d.pausedUntil.map { ", sender paused until \(ScheduleTime.utcString($0))" } ?? "")
                + "; planning \(Daemon.milliseconds(summary.planDuration)) ms (planner \(Daemon.milliseconds(summary.planned.plannerDuration)) ms), sending \(Daemon.milliseconds(summary.sendDuration)) ms"
        )
        // The log line `planning-failed` says why; a script or cron job running `once` sees it in the exit code.
        if summary.planningFailed { throw CommandFailure.planningFailed }
    }
}
