import FacteurCore
import Foundation

/// Announced distributions whose row another tool deleted (DESIGN §2 "a distribution row deleted after its
/// announcement gets a `cancellation` to those who received it, rendered from the last version Facteur saw").
extension Outbox {
    public struct DeletedThread: Sendable, Equatable {
        public var distributionID: Int64
        public var amapID: Int64
        public var recipient: Recipient
        /// The last facts this member was told (the announcement's or a later change's).
        public var version: DistributionVersion
        public var sequence: Int
        public var announcementKey: NoticeKey
        /// Whether this member was already sent a cancellation (before a reinstatement): this one then has a key
        /// of its own, as the planner's second cancellation has.
        public var wasCancelledBefore = false
    }

    /// Members who received an announcement of a distribution that starts after `now` and no longer exists,
    /// and whose last word about it is not a cancellation (one followed by a reinstatement's `change` no longer
    /// holds). Reads the partial index of sent announcements still ahead.
    public func deletedThreads(now: Date) throws -> [DeletedThread] {
        var result: [DeletedThread] = []
        try db.forEachRow(
            Self.deletedThreadsQuery,
            [
                NoticeKind.announcement, NoticeKind.change, NoticeKind.cancellation, OutboxState.sent,
                Self.seconds(now) - 2 * 86_400,
            ] as [SQLBindable]
        ) { row in
            guard let d = row.int64(0), let amap = row.int64(1), let m = row.int64(2),
                let version = row.text(6).flatMap(DistributionVersion.init(encoded:)), version.startsAt > now,
                let key = row.text(5).flatMap(NoticeKey.init(rawValue:))
            else { return }
            result.append(
                DeletedThread(
                    distributionID: d, amapID: amap,
                    recipient: Recipient(memberID: m, name: row.text(4) ?? "", email: row.text(3) ?? ""),
                    version: version, sequence: row.int(7) ?? 0, announcementKey: key,
                    wasCancelledBefore: row.int(8) == 1))
        }
        return result
    }

    /// The query apart, so that a test can ask SQLite how it reads it: through the partial index of sent
    /// announcements still ahead. With no statistics, SQLite chose the index of states instead and read every sent
    /// row at every pass (a year of digests, 730,000 rows, read for nothing; issue 15): the index is named.
    static let deletedThreadsQuery = """
        SELECT a.distribution_id, a.amap_id, a.member_id,
            -- The member's address now, as every follow-up (none when it was removed); the announced one only
            -- when the member's row is gone too.
            CASE WHEN m.id IS NULL THEN a.recipient ELSE COALESCE(m.email, '') END,
            CASE WHEN m.id IS NULL THEN a.recipient_name ELSE m.name END, a.key,
            (SELECT version FROM facteur_outbox f WHERE f.distribution_id = a.distribution_id
                AND f.member_id = a.member_id AND f.kind IN (?1, ?2) AND f.state = ?4
                ORDER BY f.sequence DESC LIMIT 1),
            (SELECT MAX(sequence) FROM facteur_outbox f WHERE f.distribution_id = a.distribution_id
                AND f.member_id = a.member_id),
            EXISTS (SELECT 1 FROM facteur_outbox c WHERE c.distribution_id = a.distribution_id
                AND c.member_id = a.member_id AND c.kind = ?3)
        FROM facteur_outbox a INDEXED BY facteur_outbox_announced LEFT JOIN member m ON m.id = a.member_id
        -- Spelt out, not bound: SQLite uses the partial index facteur_outbox_announced only for these literals.
        WHERE a.kind = 'announcement' AND a.state = 'sent' AND a.late_until >= ?5
            AND a.distribution_id NOT IN (SELECT id FROM distribution)
            AND NOT EXISTS (SELECT 1 FROM facteur_outbox c WHERE c.distribution_id = a.distribution_id
                AND c.member_id = a.member_id AND c.kind = ?3
                AND c.sequence >= (SELECT MAX(sequence) FROM facteur_outbox f
                    WHERE f.distribution_id = a.distribution_id AND f.member_id = a.member_id AND f.kind IN (?1, ?2)
                        AND f.state = ?4))
        """
}
