import Foundation

/// `retention.days`: rendered bodies of messages that reached the end of their life, inbound copies
/// already decided on, and stale reports are removed once older than the retention period. Rows stay,
/// so counts do not change; a message still queued or set aside for a person keeps its body.
struct Retention {
    let db: SQLiteConnection

    func purge(before cutoff: Date) throws -> RetentionPurge {
        let t = Outbox.seconds(cutoff)
        var purge = RetentionPurge()
        try db.execute("PRAGMA secure_delete = ON")
        defer { try? db.execute("PRAGMA secure_delete = OFF") }
        try db.writeTransaction {
            let finished: [SQLBindable] = [t, OutboxState.sent, OutboxState.failed, OutboxState.expired]
            try db.run(
                """
                DELETE FROM facteur_outbox_body WHERE outbox_id IN (SELECT id FROM facteur_outbox
                    WHERE has_body = 1 AND created_at < ?1 AND updated_at < ?1 AND +state IN (?2, ?3, ?4))
                """, finished)
            // Through the index on created_at (migration 13): updated before the cutoff means created before it;
            // `+state` keeps SQLite from walking every message ever sent through the state index instead.
            purge.bodies = try db.run(
                """
                UPDATE facteur_outbox SET has_body = 0
                WHERE has_body = 1 AND created_at < ?1 AND updated_at < ?1 AND +state IN (?2, ?3, ?4)
                """, finished)
            // A base goes with the last body stored against it (both found through indexes of migration 19: the
            // bases older than the cutoff, then for each whether a body still names it).
            try db.run(
                """
                DELETE FROM facteur_outbox_base WHERE created_at < ? AND NOT EXISTS (
                    SELECT 1 FROM facteur_outbox_body b WHERE b.base_id = facteur_outbox_base.id)
                """, [t])
            purge.inbound = try db.run(
                """
                UPDATE facteur_inbound SET raw = X''
                WHERE updated_at < ? AND raw != X'' AND state NOT IN (?, ?)
                """, [t, InboundState.held, InboundState.received])
            purge.reports = try db.run("DELETE FROM facteur_report WHERE last_seen < ?", [t])
        }
        return purge
    }
}

/// What one retention pass removed.
public struct RetentionPurge: Sendable, Equatable {
    public var bodies = 0
    public var inbound = 0
    public var reports = 0

    public var isEmpty: Bool { bodies == 0 && inbound == 0 && reports == 0 }
}
