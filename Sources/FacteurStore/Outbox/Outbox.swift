import FacteurCore
import Foundation

/// The durable outbox (DESIGN §3): every notice is written here with a unique key, its bytes and its
/// Message-ID before any SMTP happens; states move forward under `BEGIN IMMEDIATE`.
public struct Outbox {
    let db: SQLiteConnection

    public init(_ db: SQLiteConnection) {
        self.db = db
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func date(_ seconds: Int64?) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds ?? 0)) }

    /// Inserts new rows, ignoring keys that already exist; returns how many were new. `bases`: the texts the
    /// entries' deltas are stored against (`OutboxEntry.delta`), each written once, with the first row that uses it.
    @discardableResult
    public func enqueue(_ entries: [OutboxEntry], bases: [[UInt8]] = [], now: Date) throws -> Int {
        let written = SQLValue.integer(Self.seconds(now))
        return try db.writeTransaction {
            var inserted = 0
            var baseIDs: [Int: Int64] = [:]
            // Each base checked once against what its deltas were made against: a wrong array stores bodies whole.
            var baseMatches: [Int: Bool] = [:]
            func matches(_ delta: StoredDelta) -> Bool {
                guard bases.indices.contains(delta.base) else { return false }
                if let known = baseMatches[delta.base] { return known }
                let same = BodyDelta.fingerprint(bases[delta.base]) == delta.baseFingerprint
                baseMatches[delta.base] = same
                return same
            }
            for entry in entries {
                let added = try db.run(
                    """
                    INSERT INTO facteur_outbox (key, kind, amap_id, member_id, distribution_id, recipient,
                        recipient_name, envelope_from, topic, message_id, thread_key, has_body, state, version, sequence, timezone, due_at,
                        late_until, next_attempt_at, last_error, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO NOTHING
                    """,
                    values: entry.values + [written, written])
                // The body in its own table, so that state changes do not rewrite it (migration 12).
                if added > 0, let delta = entry.delta, matches(delta) {
                    let id = db.lastInsertRowID
                    let baseID: Int64
                    if let known = baseIDs[delta.base] {
                        baseID = known
                    } else {
                        try db.run(
                            "INSERT INTO facteur_outbox_base (body, created_at) VALUES (?, ?)",
                            values: [.blob(bases[delta.base]), written])
                        baseID = db.lastInsertRowID
                        baseIDs[delta.base] = baseID
                    }
                    try insertBody(
                        """
                        INSERT INTO facteur_outbox_body (outbox_id, body, base_id, length, fingerprint)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                        id: id,
                        values: [
                            .integer(id), .blob(delta.bytes), .integer(baseID), .integer(Int64(delta.length)),
                            .integer(delta.fingerprint),
                        ])
                } else if added > 0, let body = entry.body {
                    let id = db.lastInsertRowID
                    try insertBody(
                        "INSERT INTO facteur_outbox_body (outbox_id, body) VALUES (?, ?)", id: id,
                        values: [.integer(id), .blob(body)])
                }
                inserted += added
            }
            return inserted
        }
    }

    /// A new row's body. A body left behind by a row deleted outside Facteur (sqlite3 does not cascade) is stale:
    /// when SQLite gives the new row its id, it is replaced. Not with `INSERT OR REPLACE`: a statement that may
    /// replace is one SQLite guards with a statement journal, a temporary file that took a copy of the body table's
    /// page at every body, 2.3 GB of a network's week written for nothing (issue 15). A plain insert that meets a
    /// stale body fails before writing anything, and the transaction goes on.
    private func insertBody(_ sql: String, id: Int64, values: [SQLValue]) throws {
        do {
            try db.run(sql, values: values)
        } catch where error.code == .primaryKeyConstraint {
            try db.run("DELETE FROM facteur_outbox_body WHERE outbox_id = ?", values: [.integer(id)])
            try db.run(sql, values: values)
        }
    }

    /// An entry's values for `enqueue`'s columns, up to `last_error` (the two times of writing follow).
    static func values(of n: PlannedNotice, messageID: String, hasBody: Bool) -> [SQLValue] {
        let state: OutboxState = n.expired ? .expired : .queued
        // A distribution notice keeps the facts it told; a producer sheet keeps its figures.
        var version = n.version?.encoded
        if case .producerSheet(let sheet) = n.content { version = sheet.figures.encoded }
        let lastError: String? = n.expired ? n.lateCause.reason : nil
        // Each value converted where its type is known, not through an array of `SQLBindable` existentials:
        // this runs for every notice (issue 15).
        return [
            n.key.sqlValue, n.kind.sqlValue, n.amap.id.sqlValue, n.recipient.memberID.sqlValue,
            n.distributionID.sqlValue, n.recipient.email.sqlValue, n.recipient.name.sqlValue,
            n.amap.facteurAddress.sqlValue, n.topic.sqlValue, messageID.sqlValue, n.threadKey.sqlValue,
            (hasBody ? 1 : 0).sqlValue, state.rawValue.sqlValue, version.sqlValue, n.sequence.sqlValue,
            n.amap.timeZone.identifier.sqlValue, seconds(n.dueAt).sqlValue, seconds(n.lateUntil).sqlValue,
            seconds(n.sendAfter).sqlValue, lastError.sqlValue,
        ]
    }

    /// What the planner must know about the outbox for these subjects (`d42`, `w5`…). A stored key that is
    /// not in the grammar cannot equal a planned one: it is left out. Rows come in the order they were written
    /// within each subject, which is all "the latest wins" needs (a thread and a sheet belong to one subject):
    /// in the topic index's own order, with no sort of a group's history in a temporary file (issue 15).
    ///
    /// A coordinator's subject (`g12`) holds one digest a day for as long as the AMAP runs, and the planner asks
    /// only whether the AMAP's local today's or yesterday's exists: a local day is never more than one day before
    /// the UTC day (offsets stay under a day), so the digests from the UTC day three days before `now` on are read,
    /// a day to spare, through the key's index (digest keys end with their day), and a pass does not read every
    /// digest ever sent (issue 15).
    public func memory(forTopics subjects: [NoticeSubject], now: Date) throws -> PlannerMemory {
        var memory = PlannerMemory()
        guard !subjects.isEmpty else { return memory }
        func take(_ row: borrowing StatementRow) {
            // Most rows are looked at for their key alone: the other columns are read only where they count.
            guard let key = row.text(0).flatMap(NoticeKey.init(rawValue:)) else { return }
            memory.existingKeys.insert(key)
            if key.kind == .producerSheet, row.text(7) != OutboxState.expired.rawValue,
                let figures = row.text(5).flatMap(ProducerSheet.Figures.init(encoded:))
            {
                memory.sheetFigures[key.subject] = figures  // rows come in order: the latest wins
            }
            guard key.kind.isAboutDistribution, let d = row.int64(1), let m = row.int64(2),
                let state = row.text(7).flatMap(OutboxState.init(rawValue:)),
                state != .failed && state != .expired,
                let version = row.text(5).flatMap(DistributionVersion.init(encoded:))
            else { return }
            memory.fold(
                key, thread: .init(distributionID: d, memberID: m),
                recipient: Recipient(memberID: m, name: row.text(4) ?? "", email: row.text(3) ?? ""), version: version,
                sequence: row.int(6) ?? 0)
        }
        let columns = "key, distribution_id, member_id, recipient, recipient_name, version, sequence, state"
        var topics: [String] = []
        var coordinators: [NoticeSubject] = []
        for subject in subjects {
            if case .coordinator = subject { coordinators.append(subject) } else { topics.append(subject.topic) }
        }
        if !topics.isEmpty {
            try db.forEachRow(
                """
                SELECT \(columns)
                FROM facteur_outbox WHERE topic IN (SELECT value FROM json_each(?)) ORDER BY topic, id
                """, [JSONList.strings(topics)], take)
        }
        let first = LocalDate(now.addingTimeInterval(-3 * 86_400), in: TimeZone(identifier: "UTC")!)
        for coordinator in coordinators {
            // From the first day's key to the end of the subject's keys (a slash sorts just before `0`).
            try db.forEachRow(
                "SELECT \(columns) FROM facteur_outbox WHERE key >= ? AND key < ?",
                [
                    NoticeKey(.digest, coordinator, [.day(first)]).rawValue,
                    NoticeKey(.digest, coordinator).rawValue + "0",
                ], take)
        }
        return memory
    }

    /// Message-IDs of existing rows, to thread follow-ups to their announcement.
    public func messageIDs(forKeys keys: [NoticeKey]) throws -> [NoticeKey: String] {
        var result: [NoticeKey: String] = [:]
        for key in Set(keys) {
            // An expired record has no Message-ID (`''`): nothing was sent to thread to.
            if let row = try db.firstRow("SELECT message_id FROM facteur_outbox WHERE key = ?", [key]),
                let id = row.text(0), !id.isEmpty
            {
                result[key] = id
            }
        }
        return result
    }

    /// The calendar SEQUENCE each distribution reached in mail (raised by each change notice).
    public func calendarSequences() throws -> [Int64: Int] {
        var sequences: [Int64: Int] = [:]
        try db.forEachRow(
            "SELECT distribution_id, MAX(sequence) FROM facteur_outbox WHERE distribution_id IS NOT NULL GROUP BY 1"
        ) { row in
            if let id = row.int64(0), let sequence = row.int(1) { sequences[id] = sequence }
        }
        return sequences
    }
}
