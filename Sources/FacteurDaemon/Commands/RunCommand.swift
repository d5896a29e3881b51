/// `facteur run`: the daemon.
public struct RunCommand: Command {
    public static let name = "run"
    public static let summary = "the daemon: plans and sends as notices fall due, until SIGTERM"
    public static let help = """
        usage: facteur run --config FILE

        Wakes when the next notice or retry is due (and at least every poll_seconds to see schedule edits),
        plans, sends, and logs one line per event to stderr. SIGTERM or SIGINT: the message in flight is
        finished and recorded, then it exits 0. Only one sender per database: while another `run` or
        `once` holds it, run exits 75 naming that process.

        example: facteur run --config /etc/facteur/facteur.json
        """

    public init(arguments: inout Arguments) throws(UsageError) {}

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let lock = try SenderLock(database: configuration.database)
        defer { lock.release() }
        let engine = try await BusyRetry.run(logger: context.logger) {
            try await Engine.make(configuration: configuration, logger: context.logger, clock: { WallClock.now() })
        }
        try await Daemon(engine: engine, configuration: configuration, logger: context.logger).run()
        return
    }
}
