import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// `facteur preview`: what would be sent from T over N days, rendered; touches nothing.
public struct PreviewCommand: Command {
    public static let name = "preview"
    public static let summary = "show (and render to .eml) what would be sent over the next days"
    public static let help = """
        usage: facteur preview --config FILE [--now T] [--days N] [--out DIR]

        Replays the planner from T (default: now) over N days (default 7) as the daemon would, against the
        database as it is, and lists every notice with the time it would leave. With --out, writes each
        rendered message as an .eml file in DIR. Opens the database read-only: writes nothing, sends nothing.

        example: facteur preview --config facteur.json --days 14 --out /tmp/apercu
        """

    var now: String?
    var days: Int
    var out: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        now = try arguments.option("--now")
        let daysText = try arguments.option("--days") ?? "7"
        guard let days = Int(daysText), (0...366).contains(days) else {
            throw UsageError("--days: expected a number of days from 0 to 366")
        }
        self.days = days
        out = try arguments.option("--out")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let start = try TimeArgument.now(now, timeZone: configuration.timeZone)
        let store = try Store(path: configuration.database, mode: .readOnly)
        try await store.requireCurrentSchema()
        let forecaster = try NoticeForecast(configuration: configuration, logger: context.logger)
        let planning = forecaster.planning
        let forecast = try await forecaster.run(store: store, start: start, days: days)
        let (planned, schedule) = (forecast.notices, forecast.schedule)
        for issue in schedule.issues { context.output("skipped: \(issue.text(configuration.language))") }
        var threadIDs = try await store.read { db in try db.outbox.messageIDs(forKeys: planned.compactMap(\.threadKey))
        }
        // Previews show the real links (a database older than migration 10 shows none).
        let signer = try await store.tokenSecret().map(TokenSigner.init(secret:))
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        for (index, notice) in planned.enumerated() {
            context.output(
                "\(ScheduleTime.utcString(notice.sendAfter))  \(notice.kind.rawValue)  \(notice.key)  → \(notice.recipient.email)"
            )
            guard let out,
                let entry = planning.render(
                    notice, threadMessageID: notice.threadKey.flatMap { threadIDs[$0] }, signer: signer,
                    now: notice.sendAfter)
            else { continue }
            threadIDs[notice.key] = entry.messageID
            let name = String(format: "%04d-", index + 1) + notice.key.rawValue.replacingOccurrences(of: "/", with: "_")
            // Members' names and addresses: the owner's only, like the database.
            try PrivateFile.write(
                Data(entry.body ?? []), to: URL(fileURLWithPath: out).appendingPathComponent(name + ".eml").path,
                mode: PrivateFile.ownerOnly)
        }
        context.output("\(planned.count) message(s) from \(ScheduleTime.utcString(start)) over \(days) day(s)")
        return
    }
}
