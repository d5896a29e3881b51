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
        // A group of AMAPs at a time, as the daemon plans, the network's accounts and activity read once: a network's
        // week held whole took 690 MB (issue 15). Each group's messages are rendered as its notices are foreseen; the
        // listing, one line a notice, is printed in time order once every group is done.
        let network = try await forecaster.network(store: store, start: start)
        // Previews show the real links (a database older than migration 10 shows none).
        let signer = try await store.tokenSecret().map(TokenSigner.init(secret:))
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        var skipped: [String] = []
        var reported = ReportedRows()
        // Temporary names of this run's own: two previews into one folder do not take each other's files.
        let run = ProcessInfo.processInfo.processIdentifier
        var listing: [Line] = []
        for group in network.groups {
            let forecast = try await forecaster.run(
                store: store, start: start, days: days, group: group, network: network.accounts,
                networkActivity: network.activity)
            for issue in reported.add(forecast.schedule.issues) {
                skipped.append("skipped: \(issue.text(configuration.language))")
            }
            let planned = forecast.notices
            // Threads stay within a distribution, so within its AMAP's group.
            var threadIDs = try await store.read { db in
                try db.outbox.messageIDs(forKeys: planned.compactMap(\.threadKey))
            }
            for notice in planned {
                var line = Line(
                    at: notice.sendAfter, key: notice.key.rawValue,
                    text:
                        "\(ScheduleTime.utcString(notice.sendAfter))  \(notice.kind.rawValue)  \(notice.key)  → \(notice.recipient.email)"
                )
                defer { listing.append(line) }
                guard let out,
                    let entry = planning.render(
                        notice, threadMessageID: notice.threadKey.flatMap { threadIDs[$0] }, signer: signer,
                        now: notice.sendAfter)
                else { continue }
                threadIDs[notice.key] = entry.messageID
                // Named once the listing's order is known (below). Members' names and addresses: the owner's only,
                // like the database.
                line.file =
                    URL(fileURLWithPath: out).appendingPathComponent(".preview-\(run)-\(listing.count).eml").path
                try PrivateFile.write(Data(entry.body ?? []), to: line.file ?? "", mode: PrivateFile.ownerOnly)
            }
        }
        for line in skipped { context.output(line) }
        listing.sort { ($0.at, $0.key) < ($1.at, $1.key) }
        for (index, line) in listing.enumerated() {
            context.output(line.text)
            guard let out, let file = line.file else { continue }
            let name = String(format: "%04d-", index + 1) + line.key.replacingOccurrences(of: "/", with: "_")
            let named = URL(fileURLWithPath: out).appendingPathComponent(name + ".eml").path
            if FileManager.default.fileExists(atPath: named) { try FileManager.default.removeItem(atPath: named) }
            try FileManager.default.moveItem(atPath: file, toPath: named)
        }
        context.output("\(listing.count) message(s) from \(ScheduleTime.utcString(start)) over \(days) day(s)")
    }

    /// A notice of the listing: its line, and where its message was rendered (`--out`).
    struct Line {
        var at: Date
        var key: String
        var text: String
        var file: String?
    }
}
