import FacteurCore
import Foundation

/// Things a coordinator must hear about (skipped rows, members to call), kept until the digest reads them.
public struct Reports {
    let db: SQLiteConnection

    public init(_ db: SQLiteConnection) {
        self.db = db
    }

    /// Records a report, or refreshes `last_seen` of the same one; returns true when it is new.
    @discardableResult
    public func record(_ topic: ReportTopic, amapID: Int64?, detail: String, now: Date) throws -> Bool {
        let t = Outbox.seconds(now)
        let updated = try db.run(
            "UPDATE facteur_report SET last_seen = ? WHERE category = ? AND subject = ? AND detail = ?",
            [t, topic.category, topic.subject, detail])
        if updated > 0 { return false }
        try db.run(
            """
            INSERT INTO facteur_report (category, amap_id, subject, detail, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [topic.category, amapID, topic.subject, detail, t, t])
        return true
    }

    /// The sender is paused (server unreachable, refusing us): the coordinator must know.
    public func recordSystemic(_ reason: String, now: Date) throws {
        try record(.systemic("sender"), amapID: nil, detail: reason, now: now)
    }

    /// Each skipped row's problem is kept in `language`, the one the digest and `status` show it in.
    public func record(
        issues: [ScheduleIssue], unreachable: [PlanResult.Unreachable], language: Language, now: Date
    ) throws -> [ScheduleIssue] {
        try db.writeTransaction {
            var fresh: [ScheduleIssue] = []
            for issue in issues
            where try record(
                .badRow(table: issue.table, rowID: issue.rowID), amapID: issue.amapID, detail: issue.problem(language), now: now
            ) {
                fresh.append(issue)
            }
            // A row's earlier problems that no longer hold (fixed in part, or said before in another language after
            // an upgrade or a change of `locale`) are dropped: `status` and the digest show what is wrong now.
            for subject in Set(issues.map { ReportTopic.badRow(table: $0.table, rowID: $0.rowID).subject }) {
                try db.run(
                    "DELETE FROM facteur_report WHERE category = ? AND subject = ? AND last_seen < ?",
                    [ReportTopic.badRow(table: "", rowID: "").category, subject, Outbox.seconds(now)])
            }
            for u in unreachable {
                try record(
                    .unreachable(member: u.memberID), amapID: u.amapID,
                    detail: "\(u.key.kind.rawValue) \(u.key.subject.topic)", now: now)
            }
            return fresh
        }
    }
}
