import FacteurCore
import Foundation

/// What `facteur status` shows: counts by state, what comes next, what went wrong.
public struct OutboxStatus: Sendable {
    public struct Line: Sendable {
        public var key: String
        public var kind: String
        public var state: String
        public var at: Date
        public var code: Int?
        public var reason: String?
        public var recipient: String? = nil
        public var recipientName: String? = nil
    }

    /// A published row the planner skipped (DESIGN §3: reported in the log, `status` and the digest).
    public struct SkippedRow: Sendable, Equatable {
        /// `distribution/43`.
        public var row: String
        public var problem: String
        /// The last tick that found it so.
        public var lastSeen: Date
    }

    public var counts: [OutboxState: Int]
    public var next: [Line]
    public var recentFailures: [Line]
    public var sender: SenderState
    public var openReports: Int
    /// The rows skipped, the latest seen first; at most `limit`, of `skippedRowCount`.
    public var skippedRows: [SkippedRow] = []
    public var skippedRowCount = 0
}

extension Outbox {
    public func status(limit: Int = 10) throws -> OutboxStatus {
        var counts: [OutboxState: Int] = [:]
        for row in try db.rows("SELECT state, COUNT(*) FROM facteur_outbox GROUP BY state") {
            if let s = row.text(0).flatMap(OutboxState.init(rawValue:)) { counts[s] = row.int(1) ?? 0 }
        }
        func lines(_ sql: String, _ states: [OutboxState]) throws -> [OutboxStatus.Line] {
            try db.rows(sql, states + [limit]).map {
                OutboxStatus.Line(
                    key: $0.text(0) ?? "", kind: $0.text(1) ?? "", state: $0.text(2) ?? "", at: Self.date($0.int64(3)),
                    code: $0.int(4), reason: $0.text(5), recipient: $0.text(6), recipientName: $0.text(7))
            }
        }
        let next = try lines(
            """
            SELECT key, kind, state, next_attempt_at, smtp_code, last_error, recipient, recipient_name FROM facteur_outbox
            WHERE state IN (?, ?) ORDER BY next_attempt_at, id LIMIT ?
            """, [.queued, .uncertain])
        let failures = try lines(
            """
            SELECT key, kind, state, updated_at, smtp_code, last_error, recipient, recipient_name FROM facteur_outbox
            WHERE state IN (?, ?, ?) ORDER BY updated_at DESC, id DESC LIMIT ?
            """, [.failed, .quarantined, .expired])
        let reports = try db.firstRow("SELECT COUNT(*) FROM facteur_report")?.int(0) ?? 0
        var status = OutboxStatus(
            counts: counts, next: next, recentFailures: failures, sender: try senderState(), openReports: reports)
        let badRow = ReportTopic.badRow(table: "", rowID: "").category
        status.skippedRows = try db.rows(
            """
            SELECT subject, detail, last_seen FROM facteur_report WHERE category = ?
            ORDER BY last_seen DESC, subject LIMIT ?
            """, [badRow, limit]
        ).map { OutboxStatus.SkippedRow(row: $0.text(0) ?? "", problem: $0.text(1) ?? "", lastSeen: Self.date($0.int64(2))) }
        status.skippedRowCount =
            try db.firstRow("SELECT COUNT(*) FROM facteur_report WHERE category = ?", [badRow])?.int(0) ?? 0
        return status
    }
}

/// Queued messages grouped by when they leave, what they are and what they are about: the status page's
/// timeline without one line per recipient.
public struct QueuedGroup: Sendable, Equatable {
    public var at: Date
    public var kind: String
    public var topic: String
    public var amapID: Int64?
    public var count: Int
    /// Attempts already failed (a 4xx, an uncertain outcome): this is a new try, not a first send.
    public var retrying: Bool
}

extension Outbox {
    public func queuedGroups(before end: Date, limit: Int = 500) throws -> [QueuedGroup] {
        try db.rows(
            """
            SELECT (next_attempt_at / 60) * 60, kind, topic, amap_id, COUNT(*), attempts > 0 OR state = ?
            FROM facteur_outbox WHERE state IN (?, ?) AND next_attempt_at < ?
            GROUP BY 1, 2, 3, 4, 6 ORDER BY 1, 2, 3 LIMIT ?
            """, [OutboxState.uncertain, OutboxState.queued, OutboxState.uncertain, Self.seconds(end), limit]
        ).map {
            QueuedGroup(
                at: Self.date($0.int64(0)), kind: $0.text(1) ?? "", topic: $0.text(2) ?? "", amapID: $0.int64(3),
                count: $0.int(4) ?? 0, retrying: $0.int(5) == 1)
        }
    }
}
