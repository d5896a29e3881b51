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
    }

    public var counts: [OutboxState: Int]
    public var next: [Line]
    public var recentFailures: [Line]
    public var sender: SenderState
    public var openReports: Int
}

extension Outbox {
    public func status(limit: Int = 10) throws -> OutboxStatus {
        var counts: [OutboxState: Int] = [:]
        for row in try db.rows("SELECT state, COUNT(*) FROM facteur_outbox GROUP BY state") {
            if let s = row.text(0).flatMap(OutboxState.init(rawValue:)) { counts[s] = row.int(1) ?? 0 }
        }
        func lines(_ sql: String) throws -> [OutboxStatus.Line] {
            try db.rows(sql, [limit]).map {
                OutboxStatus.Line(
                    key: $0.text(0) ?? "", kind: $0.text(1) ?? "", state: $0.text(2) ?? "", at: Self.date($0.int64(3)),
                    code: $0.int(4), reason: $0.text(5))
            }
        }
        let next = try lines(
            """
            SELECT key, kind, state, next_attempt_at, smtp_code, last_error FROM facteur_outbox
            WHERE state IN ('queued', 'uncertain') ORDER BY next_attempt_at, id LIMIT ?
            """)
        let failures = try lines(
            """
            SELECT key, kind, state, updated_at, smtp_code, last_error FROM facteur_outbox
            WHERE state IN ('failed', 'quarantined', 'expired') ORDER BY updated_at DESC, id DESC LIMIT ?
            """)
        let reports = try db.firstRow("SELECT COUNT(*) FROM facteur_report")?.int(0) ?? 0
        return OutboxStatus(
            counts: counts, next: next, recentFailures: failures, sender: try senderState(), openReports: reports)
    }
}
