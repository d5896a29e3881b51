import FacteurCore
import Foundation

/// The sender's side of the outbox: claim, mark sending, record the outcome.
extension Outbox {
    /// After a crash, rows left `sending` may or may not have been delivered: they become `uncertain`
    /// (sent again with the same Message-ID), or `quarantined` after three such recoveries. The sender's journal
    /// is settled first: what it recorded as accepted is sent, what it claimed but never tried goes back to where
    /// it was; only the row it was trying stays `sending` and is recovered.
    @discardableResult
    public func recoverInterrupted(now: Date, maximumRecoveries: Int = 3) throws -> Int {
        let interrupted =
            try db.firstRow("SELECT COUNT(*) FROM facteur_outbox WHERE state = ?", [OutboxState.sending])?.int(0) ?? 0
        let journal = try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_attempt")?.int(0) ?? 0
        guard interrupted > 0 || journal > 0 else { return 0 }
        return try db.writeTransaction {
            try settleJournal(of: nil, now: now)
            let t = Self.seconds(now)
            try db.run(
                """
                UPDATE facteur_outbox SET state = ?, recoveries = recoveries + 1, updated_at = ?,
                    last_error = 'interrupted while sending \(maximumRecoveries) times: set aside for a person'
                WHERE state = ? AND recoveries + 1 >= ?
                """, [OutboxState.quarantined, t, OutboxState.sending, maximumRecoveries])
            return try db.run(
                """
                UPDATE facteur_outbox SET state = ?, recoveries = recoveries + 1, updated_at = ?,
                    next_attempt_at = ?, last_error = 'interrupted while sending: may have been delivered'
                WHERE state = ?
                """, [OutboxState.uncertain, t, t, OutboxState.sending])
        }
    }

    /// Pending rows whose time has come, oldest first. The rows are chosen on the index alone, then read with
    /// their bodies: sorting the join would read every pending body for each batch. A row whose key or kind is outside the grammar (only
    /// another tool writing the outbox could leave one) is set aside for a person, so it can never starve the
    /// batch.
    public func claimDue(asOf now: Date, limit: Int) throws -> [OutboxMessage] {
        var unreadable: [Int64] = []
        var damaged: [Int64] = []
        var bodiless: [Int64] = []
        let messages = try db.rows(
            """
            WITH due AS (
                SELECT id, next_attempt_at FROM facteur_outbox WHERE state IN (?, ?) AND next_attempt_at <= ?
                ORDER BY next_attempt_at, id LIMIT ?)
            SELECT o.id, o.key, o.kind, o.recipient, o.message_id, \(Self.storedBodyColumns), o.state, o.timezone,
                o.late_until, o.created_at, o.attempts, o.recoveries, o.envelope_from, o.first_failed_at
            FROM due JOIN facteur_outbox o ON o.id = due.id LEFT JOIN facteur_outbox_body b ON b.outbox_id = o.id
                \(Self.storedBodyBase)
            ORDER BY due.next_attempt_at, due.id
            """, [OutboxState.queued, OutboxState.uncertain, Self.seconds(now), limit]
        ).compactMap { row -> OutboxMessage? in
            guard let id = row.int64(0) else { return nil }
            guard let key = Self.readableKey(row.text(1), kind: row.text(2)) else {
                unreadable.append(id)
                return nil
            }
            // No body row at all (`b.body` is NOT NULL): retention removed it once the row was finished, and a
            // hand set the row back to `queued`, or the body was deleted. Sent, it would be an empty message.
            guard row[5] != .null else {
                bodiless.append(id)
                return nil
            }
            guard let body = Self.storedBody(row, at: 5) else {
                damaged.append(id)
                return nil
            }
            return OutboxMessage(
                id: id, key: key, recipient: row.text(3) ?? "",
                messageID: row.text(4) ?? "", body: body,
                state: row.text(10).flatMap(OutboxState.init(rawValue:)) ?? .queued,
                timeZone: row.text(11).flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!,
                lateUntil: Self.date(row.int64(12)), createdAt: Self.date(row.int64(13)), attempts: row.int(14) ?? 0,
                recoveries: row.int(15) ?? 0, firstFailedAt: row.int64(17).map { Self.date($0) },
                envelopeFrom: row.text(16) ?? "")
        }
        if !unreadable.isEmpty { try setAside(unreadable, now: now) }
        if !damaged.isEmpty { try setAside(damaged, now: now, reason: Self.damagedBody) }
        if !bodiless.isEmpty { try setAside(bodiless, now: now, reason: Self.missingBody) }
        return messages
    }

    static let damagedBody = "stored body cannot be rebuilt exactly: set aside for a person"
    static let missingBody =
        "no stored body (removed by retention once finished, or deleted by hand): set aside for a person"

    /// What `storedBody` reads, from `facteur_outbox_body b` and the base `storedBodyBase` joins as `x`.
    static let storedBodyColumns = "b.body, b.base_id, x.body, b.length, b.fingerprint"
    static let storedBodyBase = "LEFT JOIN facteur_outbox_base x ON x.id = b.base_id"

    /// The whole message of a body row read as `storedBodyColumns` from `column`: the body itself, or its delta
    /// applied to its base and checked against the length and fingerprint written with it. Nil when it cannot be
    /// rebuilt exactly (its base gone or changed, or any of the three numbers edited, a `base_id` emptied by hand
    /// included): such a row is never sent with other bytes.
    static func storedBody<R: ColumnReading & ~Copyable>(_ row: borrowing R, at column: Int) -> [UInt8]? {
        let body = row.blob(column) ?? []
        let delta = column + 1
        guard row[delta] != .null || row[delta + 2] != .null || row[delta + 3] != .null else { return body }
        guard let base = row.blob(delta + 1), let length = row.int(delta + 2), length >= 0,
            let fingerprint = row.int64(delta + 3),
            let rebuilt = try? BodyDelta.apply(body, to: base, length: length),
            BodyDelta.fingerprint(rebuilt) == fingerprint
        else { return nil }
        return rebuilt
    }

    /// The key of a row when it is in Facteur's grammar and agrees with the row's kind; nil for a row only another
    /// tool could have written.
    static func readableKey(_ key: String?, kind: String?) -> NoticeKey? {
        guard let key = key.flatMap(NoticeKey.init(rawValue:)), kind == key.kind.rawValue else { return nil }
        return key
    }

    /// Pending rows whose key or kind is outside the grammar are set aside for a person (`quarantined`), their
    /// last SMTP code kept: they can never be sent, and must not starve the sender.
    func setAside(
        _ ids: [Int64], now: Date, reason: String = "key or kind outside Facteur's grammar: set aside for a person"
    ) throws {
        try db.writeTransaction {
            for id in ids {
                try db.run(
                    """
                    UPDATE facteur_outbox SET state = ?, updated_at = ?, last_error = ?
                    WHERE id = ? AND state IN (?, ?)
                    """,
                    [OutboxState.quarantined, Self.seconds(now), reason, id, OutboxState.queued, OutboxState.uncertain])
            }
        }
    }

    /// What one commit of `expireLate` did.
    public struct LateRows: Sendable {
        /// Keys of the rows now `expired`.
        public var expired: [String] = []
        /// Rows whose key or kind is outside Facteur's grammar (only another tool could write one): set aside for
        /// a person (`quarantined`), as the claim does, not expired.
        public var setAside = 0
        /// Every row this commit changed: fewer than the limit means none is left.
        public var count: Int { expired.count + setAside }
    }

    /// Rows due for an attempt whose "late until" has passed become `expired`, set-based, before the sender claims
    /// anything: after an outage, a week of them would otherwise each cost a claim, a commit of its own and a
    /// settle (issue 15: 104,034 of them wrote 2.9 GB of WAL at a cold start). One transaction of at most `limit`
    /// rows: the caller commits each and calls again while a full one came back, so another writer waits for one
    /// short transaction at a time and what was committed is logged even if a later one fails.
    public func expireLate(now: Date, limit: Int = 5_000) throws -> LateRows {
        precondition(limit > 0, "a positive number of rows a commit")
        return try db.writeTransaction {
            var rows = LateRows()
            var late: [Int64] = []
            var unreadable: [Int64] = []
            // Chosen in the claim's order, on the pending index; read and changed under one write lock.
            for row in try db.rows(
                """
                SELECT id, key, kind FROM facteur_outbox WHERE state IN (?1, ?2) AND next_attempt_at <= ?3
                    AND late_until <= ?3 ORDER BY next_attempt_at, id LIMIT ?4
                """, [OutboxState.queued, OutboxState.uncertain, Self.seconds(now), limit])
            {
                guard let id = row.int64(0) else { continue }
                guard let key = Self.readableKey(row.text(1), kind: row.text(2)) else {
                    unreadable.append(id)
                    continue
                }
                late.append(id)
                rows.expired.append(key.rawValue)
            }
            try db.run(
                """
                UPDATE facteur_outbox SET state = ?, smtp_code = NULL, updated_at = ?, last_error = ?
                WHERE id IN (SELECT value FROM json_each(?))
                """, [OutboxState.expired, Self.seconds(now), LateCause.notSentInTime.reason, JSONList.integers(late)])
            // As the claim does.
            try setAside(unreadable, now: now)
            rows.setAside = unreadable.count
            return rows
        }
    }

    /// The earliest pending attempt, so the daemon knows when to wake.
    public func nextAttempt() throws -> Date? {
        try db.firstRow(
            "SELECT MIN(next_attempt_at) FROM facteur_outbox WHERE state IN (?, ?)",
            [OutboxState.queued, OutboxState.uncertain]
        )?.int64(0).map { Self.date($0) }
    }

    /// Takes the row for this sender: a compare-and-set on its state inside a write transaction, so a
    /// row another process has already taken (or settled) is never sent twice. Returns false then.
    public func markSending(_ id: Int64, now: Date) throws -> Bool {
        try db.writeTransaction { try claim(id, now: now) }
    }

    func claim(_ id: Int64, now: Date) throws -> Bool {
        try db.run(
            """
            UPDATE facteur_outbox SET state = ?, attempts = attempts + 1, updated_at = ?
            WHERE id = ? AND state IN (?, ?)
            """, [OutboxState.sending, Self.seconds(now), id, OutboxState.queued, OutboxState.uncertain]) == 1
    }

    public func markSent(_ id: Int64, code: Int, reply: String?, now: Date) throws {
        try update(id, state: .sent, code: code, error: reply, now: now, extra: ", sent_at = ?", [Self.seconds(now)])
    }

    public func markFailed(_ id: Int64, code: Int?, reason: String, now: Date) throws {
        try update(id, state: .failed, code: code, error: reason, now: now)
    }

    public func markExpired(_ id: Int64, reason: String, now: Date) throws {
        try update(id, state: .expired, code: nil, error: reason, now: now)
    }

    /// Back to the queue for another try at `next`, keeping the state (`queued` or `uncertain`). A failed
    /// attempt starts the `retry.max_age_hours` clock if it is the first; a hold (quiet hours) does not.
    public func reschedule(
        _ id: Int64, state: OutboxState, next: Date, code: Int?, reason: String, failed: Bool = false, now: Date
    ) throws {
        let firstFailure = failed ? ", first_failed_at = COALESCE(first_failed_at, ?)" : ""
        try update(
            id, state: state, code: code, error: reason, now: now, extra: ", next_attempt_at = ?" + firstFailure,
            [Self.seconds(next)] + (failed ? [Self.seconds(now)] : []))
    }

    /// Returns a claimed row untouched (the sender paused before trying it): not an attempt.
    public func release(_ id: Int64, previous: OutboxState, now: Date) throws {
        try db.writeTransaction {
            try db.run(
                """
                UPDATE facteur_outbox SET state = ?, attempts = MAX(attempts - 1, 0), updated_at = ?
                WHERE id = ? AND state = ?
                """, [previous.rawValue, Self.seconds(now), id, OutboxState.sending])
        }
    }

    /// Every outcome the sender writes is for a row it holds (`sending`): a row set aside meanwhile (a member
    /// forgotten, whose rows become `expired` with their address wiped; a hand edit) keeps what was decided.
    private func update(
        _ id: Int64, state: OutboxState, code: Int?, error: String?, now: Date, extra: String = "",
        _ extraValues: [SQLBindable] = []
    ) throws {
        try db.writeTransaction {
            try db.run(
                """
                UPDATE facteur_outbox SET state = ?, smtp_code = ?, last_error = ?, updated_at = ?\(extra)
                WHERE id = ? AND state = ?
                """, [state.rawValue, code, error, Self.seconds(now)] + extraValues + [id, OutboxState.sending])
        }
    }
}

extension Outbox {
    /// An ambiguous outcome: counts a recovery; the row is sent again (same bytes, same Message-ID) at
    /// `next`, or quarantined once it has been uncertain `maximumRecoveries` times.
    public func markUncertain(_ id: Int64, next: Date, reason: String, maximumRecoveries: Int, now: Date) throws {
        try db.run(
            """
            UPDATE facteur_outbox SET recoveries = recoveries + 1, updated_at = ?, next_attempt_at = ?,
                last_error = ?, first_failed_at = COALESCE(first_failed_at, ?),
                state = CASE WHEN recoveries + 1 >= ? THEN ? ELSE ? END
            WHERE id = ? AND state = ?
            """,
            [
                Self.seconds(now), Self.seconds(next), reason, Self.seconds(now), maximumRecoveries,
                OutboxState.quarantined, OutboxState.uncertain, id, OutboxState.sending,
            ])
    }
}

extension Outbox {
    /// Notices still waiting about a distribution that has since been cancelled or deleted are withdrawn
    /// (`expired`): the schedule as it is now wins. A queued row was never accepted, attempted or not (a 4xx, a
    /// connection refused); one that may have been (`uncertain`) is left to the sender. A cancelled distribution's
    /// cancellation notice is kept. Reads first, so a tick with nothing to withdraw takes no write lock.
    @discardableResult
    public func withdrawObsolete(now: Date) throws -> Int {
        let condition = """
            state = ? AND distribution_id IS NOT NULL AND kind NOT IN (?, ?) AND (
                distribution_id NOT IN (SELECT id FROM distribution)
                OR distribution_id IN (SELECT id FROM distribution WHERE cancelled != 0))
            """
        // A cancellation is the news itself; a volunteer's confirmation answers what they wrote, whatever came after.
        let values: [SQLBindable] = [OutboxState.queued, NoticeKind.cancellation, NoticeKind.dutyConfirmation]
        let pending = try db.firstRow("SELECT COUNT(*) FROM facteur_outbox WHERE \(condition)", values)?.int(0) ?? 0
        guard pending > 0 else { return 0 }
        return try db.run(
            """
            UPDATE facteur_outbox SET state = ?, updated_at = ?,
                last_error = 'withdrawn before sending: the distribution was cancelled or deleted'
            WHERE \(condition)
            """, [OutboxState.expired, Self.seconds(now)] + values)
    }
}
