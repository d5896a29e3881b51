import FacteurCore
import Foundation

/// What happened recently, for the coordinators' digest.
extension ScheduleReader {
    // Both reads name the index of their times: with no statistics, SQLite read each table whole in the order of
    // its ids (to spare a sort), every report kept and every answer ever given, once per group (issue 15).

    /// Reports seen since `?`, of the group's AMAPs (`condition`, on `amap_id`) and of none (the sender paused: every
    /// AMAP's digest tells it, so every group reads them).
    static func recentReports(_ condition: String) -> String {
        """
        SELECT category, amap_id, subject, detail, first_seen, last_seen FROM facteur_report
        INDEXED BY facteur_report_last_seen
        WHERE last_seen >= ? AND (amap_id IS NULL OR \(condition)) ORDER BY id
        """
    }

    /// Volunteers' answers since `?` about the group's distributions (`condition`, on `amap_id`).
    static func recentDutyAnswers(_ condition: String) -> String {
        """
        SELECT distribution_id, member_id, answer, answered_at FROM facteur_duty_answer
        INDEXED BY facteur_duty_answer_at WHERE answered_at >= ?
        AND distribution_id IN (SELECT id FROM distribution WHERE \(condition)) ORDER BY id
        """
    }

    func readActivity(_ db: SQLiteConnection, since: Date, into s: inout Schedule) throws {
        let t = Outbox.seconds(since)
        let inGroup = group.condition("amap_id")
        if let networkActivity, let ids = group.ids {
            for id in ids { s.activity += networkActivity.byAmap[id] ?? [] }
        } else {
            s.activity = try Self.activity(db, since: since, condition: inGroup).sorted { $0.key < $1.key }
                .flatMap(\.value)
        }
        try db.forEachRow(Self.recentReports(inGroup.sql), [t] + inGroup.values) { row in
            guard let topic = ReportTopic(category: row.text(0) ?? "", subject: row.text(2) ?? "") else { return }
            s.reports.append(
                CoordinatorReport(
                    topic, amapID: row.int64(1), detail: row.text(3) ?? "",
                    firstSeen: Outbox.date(row.int64(4)), lastSeen: Outbox.date(row.int64(5))))
        }

        try db.forEachRow(Self.recentDutyAnswers(inGroup.sql), [t] + inGroup.values) { row in
            guard let d = row.int64(0), let m = row.int64(1),
                let answer = row.text(2).flatMap(DistributionNotice.DutyAnswer.init(rawValue:))
            else { return }
            s.dutyAnswers.append(.init(distributionID: d, memberID: m, answer: answer, at: Outbox.date(row.int64(3))))
        }

        // Held relay messages stay in every digest until a moderator decides.
        try db.forEachRow(
            "SELECT id, contract_id, sender, subject, received_at FROM facteur_inbound WHERE state = ? ORDER BY id",
            [InboundState.held]
        ) { row in
            s.reports.append(
                CoordinatorReport(
                    .held(contract: row.int64(1) ?? 0), amapID: nil,
                    detail: "n° \(row.int64(0) ?? 0) \(FrenchWords.de(row.text(2) ?? "")) : « \(row.text(3) ?? "") »",
                    firstSeen: Outbox.date(row.int64(4)), lastSeen: .distantFuture))
        }
    }
}

/// The last two days of the outbox for the coordinators' digests, read once per planning pass whatever the
/// number of groups (issue 15): read by each group, the index range of every message sent in two days was
/// walked once per group, 6 of a full pass's 15 s on a network of 2,000 AMAPs.
///
/// A digest counts what was sent or expired, and names each failure: sent and expired messages come
/// counted, by AMAP, kind, state and second (and subject and cause, for those too late), and failures one by
/// one, so that a week of a network's mail stays a few thousand values in memory.
public struct NetworkActivity: Sendable {
    var byAmap: [Int64: [OutboxActivity]] = [:]
}

extension ScheduleReader {
    /// The activity since `since` of the AMAPs `condition` selects, by AMAP: the counts, then the failures in
    /// the order they happened.
    static func activity(_ db: SQLiteConnection, since: Date, condition: (sql: String, values: [SQLBindable]))
        throws -> [Int64: [OutboxActivity]]
    {
        let t = Outbox.seconds(since)
        var byAmap: [Int64: [OutboxActivity]] = [:]
        // Through the index on updated_at (`+state` keeps SQLite from scanning every row ever sent through the
        // state index instead).
        try db.forEachRow(
            """
            SELECT amap_id, kind, state, updated_at, COUNT(*), late, CASE WHEN late IS NULL THEN NULL ELSE topic END
            FROM (
                SELECT amap_id, kind, state, updated_at, topic,
                    CASE WHEN state = ? AND last_error IN (SELECT value FROM json_each(?)) THEN last_error END AS late
                FROM facteur_outbox
                WHERE updated_at >= ? AND +state IN (?, ?) AND \(condition.sql))
            GROUP BY amap_id, kind, state, updated_at, 6, 7
            """,
            [
                OutboxState.expired, ScheduleReader.lateReasons, t, OutboxState.sent,
                OutboxState.expired,
            ] + condition.values
        ) { row in
            guard let amap = row.int64(0) else { return }
            byAmap[amap, default: []].append(
                OutboxActivity(
                    amapID: amap, kind: row.text(1) ?? "", state: row.text(2) ?? "", recipient: "", code: nil,
                    reason: nil, at: Outbox.date(row.int64(3)), count: row.int(4) ?? 1, topic: row.text(6),
                    late: LateCause(reason: row.text(5))))
        }
        try db.forEachRow(
            """
            SELECT amap_id, kind, state, recipient, smtp_code, last_error, updated_at, recipient_name, topic
            FROM facteur_outbox
            WHERE updated_at >= ? AND +state IN (?, ?) AND \(condition.sql) ORDER BY updated_at, id
            """, [t, OutboxState.failed, OutboxState.quarantined] + condition.values
        ) { row in
            guard let amap = row.int64(0) else { return }
            byAmap[amap, default: []].append(
                OutboxActivity(
                    amapID: amap, kind: row.text(1) ?? "", state: row.text(2) ?? "",
                    recipient: row.text(3) ?? "", recipientName: row.text(7) ?? "",
                    code: row.int(4), reason: row.text(5), at: Outbox.date(row.int64(6)), topic: row.text(8)))
        }
        return byAmap
    }
}

extension ScheduleReader {
    /// Every `LateCause`'s reason, as a JSON array to bind.
    static let lateReasons: String =
        (try? JSONSerialization.data(withJSONObject: LateCause.allCases.map(\.reason))).map {
            String(decoding: $0, as: UTF8.self)
        } ?? "[]"
}
