import FacteurCore
import FacteurStore
import Foundation

/// `facteur resume`: ends a sender pause now. An operator who fixed the SMTP server (a password, a
/// certificate, the server itself) should not wait out the backoff; the running daemon sends at its next tick.
public struct ResumeCommand: Command {
    public static let name = "resume"
    public static let summary = "end a sender pause now (after fixing the SMTP server)"
    public static let help = """
        usage: facteur resume --config FILE

        Clears the sender's pause and its backoff (shown by status as "sender PAUSED"), so the daemon tries
        again at its next tick (within poll_seconds) instead of when the pause would have ended. Queued
        messages are untouched. Prints what the pause was.

        example: facteur resume --config /etc/facteur/facteur.json
        """

    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        let store = try Store(path: configuration.database)
        try await store.requireCurrentSchema()
        let before = try await store.read { db in try db.outbox.senderState() }
        guard before.isPaused(at: now) || before.level > 0 || before.connectionFailures > 0 else {
            context.output("sender: not paused; nothing to do")
            return
        }
        try await store.write { db in try db.outbox.saveSenderState(SenderState()) }
        context.logger.info("sender-resumed", ["was": before.reason ?? ""])
        context.output("sender: resumed (it was paused: \(before.reason ?? "no reason recorded"))")
        return
    }
}
