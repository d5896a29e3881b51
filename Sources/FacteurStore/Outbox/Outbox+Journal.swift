import FacteurCore
import Foundation

/// Where a claimed row of the sender's batch stands, in `facteur_outbox_attempt.step` (migration 14).
enum SendingStep: String, Sendable, CaseIterable {
    /// Taken for this batch (`sending`), not tried yet: a crash puts it back where it was.
    case claimed
    /// Handed to SMTP: a crash now leaves it `sending`, and the next start makes it `uncertain`.
    case attempting
    /// The server accepted it: `sent` when the batch is settled, or by the next start after a crash.
    case accepted
}

extension SendingStep: SQLBindable {
    var sqlValue: SQLValue { .text(rawValue) }
}

/// The server's acceptance of one message, kept in the journal until its batch is settled.
public struct Acceptance: Sendable, Equatable {
    public var id: Int64
    public var code: Int
    public var reply: String
    public var at: Date

    public init(id: Int64, code: Int, reply: String, at: Date) {
        self.id = id
        self.code = code
        self.reply = reply
        self.at = at
    }
}

/// The sender's journal (issue 15): a batch is claimed in one commit, then each message costs one small commit
/// in the journal (the previous message accepted, this one attempted), and the batch's outcomes reach the outbox
/// rows in one commit when it ends. Before, each message rewrote two outbox rows and moved their index entries:
/// six or seven pages written to the WAL per message. DESIGN §3 still holds: a row is `sending` before its SMTP
/// transaction, `sent` only once accepted, and after a crash only the message in flight can go out twice.
extension Outbox {
    /// Takes up to `limit` due rows for this sender in one commit: each is a compare-and-set on its state (a row
    /// another process took or settled meanwhile is left out) with its journal row.
    public func claimBatch(asOf now: Date, limit: Int) throws -> [OutboxMessage] {
        try db.writeTransaction {
            var taken: [OutboxMessage] = []
            for message in try claimDue(asOf: now, limit: limit) where try claim(message.id, now: now) {
                try db.run(
                    "INSERT OR REPLACE INTO facteur_outbox_attempt (outbox_id, step, previous, at) VALUES (?, ?, ?, ?)",
                    [message.id, SendingStep.claimed, message.state, Self.seconds(now)])
                taken.append(message)
            }
            return taken
        }
    }

    /// The one commit of each message, before its SMTP transaction: the previous message's acceptance and this
    /// one's attempt. Returns false when the row is no longer this sender's to send (a member forgotten, a hand
    /// edit set it aside meanwhile): it must not be sent.
    public func noteAttempt(_ id: Int64, after accepted: Acceptance?, now: Date) throws -> Bool {
        try db.writeTransaction {
            if let accepted { try note(accepted) }
            return try db.run(
                """
                UPDATE facteur_outbox_attempt SET step = ?1, at = ?2
                WHERE outbox_id = ?3 AND step = ?4 AND EXISTS (SELECT 1 FROM facteur_outbox WHERE id = ?3 AND state = ?5)
                """,
                [SendingStep.attempting, Self.seconds(now), id, SendingStep.claimed, OutboxState.sending]) == 1
        }
    }

    /// True when a batch was left unsettled (its settling failed, the database busy): the sender then recovers
    /// it before claiming anything, rather than leaving rows `sending` until the next start.
    public func hasUnsettledBatch() throws -> Bool {
        try db.firstRow("SELECT 1 FROM facteur_outbox_attempt LIMIT 1") != nil
    }

    /// An acceptance recorded on its own (before a failure is recorded, or the sender state is reset).
    public func noteAccepted(_ accepted: Acceptance) throws {
        try db.writeTransaction { try note(accepted) }
    }

    /// The end of a batch, one commit: its last acceptance, then every outcome in the outbox rows.
    public func settleBatch(_ ids: [Int64], lastAccepted: Acceptance?, now: Date) throws {
        guard !ids.isEmpty else { return }
        try db.writeTransaction {
            if let lastAccepted { try note(lastAccepted) }
            try settleJournal(of: ids, now: now)
        }
    }

    private func note(_ accepted: Acceptance) throws {
        try db.run(
            "UPDATE facteur_outbox_attempt SET step = ?, smtp_code = ?, reply = ?, at = ? WHERE outbox_id = ?",
            [SendingStep.accepted, accepted.code, accepted.reply, Self.seconds(accepted.at), accepted.id])
    }

    /// Accepted rows become `sent`; rows claimed but never tried go back to their state, their attempt uncounted
    /// (also when an expiry or quiet hours settled them without sending); a row left `attempting` stays `sending`
    /// for `recoverInterrupted`. Rows another step has settled since (a 4xx, an expiry) are not `sending` any more
    /// and keep their state. `ids` nil: the whole journal, which only `recoverInterrupted` does, under the sender
    /// lock (so every journal row is this process's, and none is in flight).
    func settleJournal(of ids: [Int64]?, now: Date) throws {
        let scope = ids == nil ? "" : " AND a.outbox_id IN (SELECT value FROM json_each(?))"
        var list: [SQLBindable] = []
        if let ids { list = [JSONList.integers(ids)] }
        try db.run(
            """
            UPDATE facteur_outbox AS o SET state = ?, smtp_code = a.smtp_code, last_error = a.reply, sent_at = a.at,
                updated_at = a.at
            FROM facteur_outbox_attempt AS a
            WHERE a.outbox_id = o.id AND a.step = ? AND o.state = ?\(scope)
            """, [OutboxState.sent, SendingStep.accepted, OutboxState.sending] + list)
        try db.run(
            """
            UPDATE facteur_outbox AS o SET attempts = MAX(o.attempts - 1, 0),
                state = CASE WHEN o.state = ? THEN a.previous ELSE o.state END,
                updated_at = CASE WHEN o.state = ? THEN ? ELSE o.updated_at END
            FROM facteur_outbox_attempt AS a
            WHERE a.outbox_id = o.id AND a.step = ?\(scope)
            """, [OutboxState.sending, OutboxState.sending, Self.seconds(now), SendingStep.claimed] + list)
        try db.run(
            "DELETE FROM facteur_outbox_attempt AS a WHERE 1\(scope)", list)
    }
}
