import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// `facteur status [--json]`: the outbox at a glance.
public struct StatusCommand: Command {
    public static let name = "status"
    public static let summary = "outbox counts by state, next notices, recent failures, sender pauses"
    public static let help = """
        usage: facteur status --config FILE [--json | --html FILE] [--now T]

        Shows how many messages are queued, sent, failed, expired, uncertain or quarantined, the next ones
        due (queued, then the next foreseen from the database over 7 days, as `preview` plans them), the
        latest failures with the server's reason, and whether the sender is paused. Read-only.
        --html writes the coordinator's overview as one web page: the next 14 days of notices on a
        timeline (queued and foreseen), the outbox by state, failures with the server's reason, negative
        balances, messages held for moderation, sender pauses and rows the planner skips. The text and JSON
        list the rows the planner skipped too, with why. --now T shows the state as it will be at T (a pause
        that will have ended, the notices then due).

        example: facteur status --config facteur.json --json
        example: facteur status --config /etc/facteur/facteur.json --html /var/www/bureau/etat.html
        """

    var json: Bool
    var html: String?
    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        json = arguments.flag("--json")
        html = try arguments.option("--html")
        now = try arguments.option("--now")
        if json && html != nil { throw UsageError("--json and --html cannot be used together") }
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let store = try Store(path: configuration.database, mode: .readOnly)
        try await store.requireCurrentSchema()
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        if let html {
            let overview = try await StatusOverviewBuilder(configuration: configuration, logger: context.logger)
                .build(store: store, now: now)
            // Names, addresses and balances: readable by the owner and its group (the web server), no one else.
            try OutputUnwritable.guarding(html, language: configuration.language) {
                try PrivateFile.write(
                    Data(StatusPage.render(overview, language: configuration.language).utf8), to: html,
                    mode: PrivateFile.ownerAndGroup)
            }
            context.output(
                "\(html): \(overview.upcoming.count) upcoming group(s), \(overview.failures.count) failure(s)")
            return
        }
        let status = try await store.read { db in try db.outbox.status() }
        let held = try await store.read { try $0.inbox.held() }
        let foreseen = await Foreseen.next(configuration: configuration, logger: context.logger, store: store, now: now)
        if json {
            context.output(try StatusCommand.json(status, held: held, foreseen: foreseen, now: now))
            return
        }
        let counts = OutboxState.allCases.map { "\($0.rawValue) \(status.counts[$0] ?? 0)" }.joined(separator: ", ")
        context.output("outbox: \(counts)")
        if let until = status.sender.pausedUntil, status.sender.isPaused(at: now) {
            context.output("sender PAUSED until \(ScheduleTime.utcString(until)): \(status.sender.reason ?? "")")
        } else {
            context.output("sender: running")
        }
        context.output("next:")
        for line in status.next { context.output("  \(ScheduleTime.utcString(line.at))  \(line.state)  \(line.key)") }
        switch foreseen {
        case .success(let notices):
            context.output("foreseen (not queued yet: planned from the database as it is now):")
            for n in notices { context.output("  \(ScheduleTime.utcString(n.at))  \(n.key)") }
        case .failure(let problem):
            context.output("foreseen: unavailable (\(problem.text))")
        }
        context.output("recent failures:")
        for line in status.recentFailures {
            context.output(
                "  \(ScheduleTime.utcString(line.at))  \(line.state)  \(line.key)  \(line.code.map(String.init) ?? "-")  \(line.reason ?? "")"
            )
        }
        context.output("held for moderation (facteur relay approve|reject ID):")
        for h in held {
            context.output(
                "  \(h.id)  \(ScheduleTime.utcString(h.receivedAt))  \(h.sender)  “\(h.subject)”  \(h.reason ?? "")")
        }
        context.output("rows skipped (fix them in the database; each is reported again at every tick):")
        for row in status.skippedRows {
            context.output("  \(row.row)  \(ScheduleTime.utcString(row.lastSeen))  \(row.problem)")
        }
        if status.skippedRowCount > status.skippedRows.count {
            context.output(
                "  … and \(status.skippedRowCount - status.skippedRows.count) more (facteur check lists them all)")
        }
        context.output("reports for coordinators: \(status.openReports)")
        return
    }

    static func json(_ status: OutboxStatus, held: [InboundRecord], foreseen: Foreseen.Outcome, now: Date) throws
        -> String
    {
        func lines(_ l: [OutboxStatus.Line]) -> [[String: Any]] {
            l.map {
                var d: [String: Any] = [
                    "key": $0.key, "kind": $0.kind, "state": $0.state, "at": ScheduleTime.utcString($0.at),
                ]
                if let c = $0.code { d["smtp_code"] = c }
                if let r = $0.reason { d["reason"] = r }
                return d
            }
        }
        var counts: [String: Int] = [:]
        for state in OutboxState.allCases { counts[state.rawValue] = status.counts[state] ?? 0 }
        var sender: [String: Any] = ["paused": status.sender.isPaused(at: now)]
        if let until = status.sender.pausedUntil { sender["paused_until"] = ScheduleTime.utcString(until) }
        if let reason = status.sender.reason { sender["reason"] = reason }
        var object: [String: Any] = [
            "outbox": counts, "next": lines(status.next), "recent_failures": lines(status.recentFailures),
            "sender": sender, "reports": status.openReports,
            "skipped_rows": status.skippedRows.map {
                ["row": $0.row, "problem": $0.problem, "last_seen": ScheduleTime.utcString($0.lastSeen)]
            },
            "skipped_row_count": status.skippedRowCount,
            "held_relay_messages": held.map {
                [
                    "id": $0.id, "received_at": ScheduleTime.utcString($0.receivedAt), "sender": $0.sender,
                    "subject": $0.subject, "relay_address": $0.recipient, "reason": $0.reason ?? "",
                ] as [String: Any]
            },
        ]
        switch foreseen {
        case .success(let notices):
            object["foreseen"] = notices.map {
                ["key": $0.key, "kind": $0.kind, "at": ScheduleTime.utcString($0.at)] as [String: Any]
            }
        case .failure(let problem):
            object["foreseen"] = [] as [Any]
            object["foreseen_error"] = problem.text
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
