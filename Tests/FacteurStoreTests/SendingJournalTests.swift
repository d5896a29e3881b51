import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

/// The sender's journal (migration 14): a batch claimed in one commit, one small commit per message, the
/// outcomes folded at the end. What a crash at any point leaves must still be DESIGN §3: sent only once
/// accepted, and only the message in flight may go out twice.
@Suite struct SendingJournalTests {
    let now = Date(timeIntervalSince1970: 1_795_700_000)

    /// Four queued announcements; returns the store and the path (for a second connection, as another process).
    func queuedFour() async throws -> (Store, String, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let paris = TimeZone(identifier: "Europe/Paris")!
        let amap = Amap(id: 1, name: "A", email: "a@x.org", timeZone: paris)
        let d = Distribution(id: 42, amapID: 1, startsAt: now, endsAt: now.addingTimeInterval(3600), place: "P")
        let content = DistributionNotice(
            distribution: d, deliveries: [], volunteers: [], recipientIsOnDuty: false, dutyMissing: 0, sequence: 0)
        let entries = (1...4).map { m in
            OutboxEntry(
                notice: PlannedNotice(
                    key: .distribution(.announcement, distribution: 42, member: Int64(m)), amap: amap,
                    recipient: Recipient(memberID: Int64(m), name: "M\(m)", email: "m\(m)@x.org"), replyTo: nil,
                    dueAt: now, lateUntil: now.addingTimeInterval(86_400), sendAfter: now, expired: false,
                    distributionID: 42, version: d.version, content: .distribution(content)),
                messageID: "m\(m)@x.org", body: [UInt8(m)])
        }
        try await store.write { db in try db.outbox.enqueue(entries, now: now) }
        return (store, path, dir)
    }

    func rows(_ path: String) throws -> [String: (state: String, attempts: Int, recoveries: Int, code: Int?)] {
        var result: [String: (String, Int, Int, Int?)] = [:]
        for row in try SQLiteConnection(path: path).rows(
            "SELECT message_id, state, attempts, recoveries, smtp_code FROM facteur_outbox")
        {
            result[row.text(0) ?? ""] = (row.text(1) ?? "", row.int(2) ?? -1, row.int(3) ?? -1, row.int(4))
        }
        return result
    }

    @Test("a batch: claimed rows are sending, and nobody else can claim them; settled, each has its outcome")
    func batch() async throws {
        let (store, path, _dir) = try await queuedFour()
        _ = _dir
        let batch = try await store.write { db in try db.outbox.claimBatch(asOf: now, limit: 3) }
        #expect(batch.map(\.messageID) == ["m1@x.org", "m2@x.org", "m3@x.org"])
        #expect(try rows(path).filter { $0.value.state == "sending" }.count == 3)
        // A second sender (another connection, as another process) gets only what is left.
        let other = try Store(path: path)
        let second = try await other.write { db in try db.outbox.claimBatch(asOf: now, limit: 10) }
        #expect(second.map(\.messageID) == ["m4@x.org"])
        // m1 accepted, m2 refused for good (recorded outside the journal), m3 never tried (the sender paused).
        let ids = batch.map(\.id)
        #expect(try await store.write { db in try db.outbox.noteAttempt(ids[0], after: nil, now: now) })
        let a1 = Acceptance(id: ids[0], code: 250, reply: "250 ok", at: now.addingTimeInterval(1))
        #expect(try await store.write { db in try db.outbox.noteAttempt(ids[1], after: a1, now: now) })
        try await store.write { db in try db.outbox.markFailed(ids[1], code: 550, reason: "no such user", now: now) }
        try await store.write { db in try db.outbox.settleBatch(ids, lastAccepted: nil, now: now) }
        let r = try rows(path)
        #expect(r["m1@x.org"]?.state == "sent" && r["m1@x.org"]?.code == 250 && r["m1@x.org"]?.attempts == 1)
        #expect(r["m2@x.org"]?.state == "failed" && r["m2@x.org"]?.code == 550)
        // Never tried: back to the queue, the attempt not counted.
        #expect(r["m3@x.org"]?.state == "queued" && r["m3@x.org"]?.attempts == 0)
        // The other sender's claim is untouched by this one's settling.
        #expect(r["m4@x.org"]?.state == "sending")
        #expect(try SQLiteConnection(path: path).firstRow("SELECT COUNT(*) FROM facteur_outbox_attempt")?.int(0) == 1)
    }

    @Test("a crash mid-batch: accepted is sent, the one in flight is uncertain, the untried go back unharmed")
    func crashMidBatch() async throws {
        let (store, path, _dir) = try await queuedFour()
        _ = _dir
        let ids = try await store.write { db in try db.outbox.claimBatch(asOf: now, limit: 4) }.map(\.id)
        #expect(try await store.write { db in try db.outbox.noteAttempt(ids[0], after: nil, now: now) })
        let a1 = Acceptance(id: ids[0], code: 250, reply: "250 ok", at: now)
        #expect(try await store.write { db in try db.outbox.noteAttempt(ids[1], after: a1, now: now) })
        // The process dies here, m2 handed to SMTP: the next start recovers from another connection.
        let restarted = try Store(path: path)
        #expect(try await restarted.write { db in try db.outbox.recoverInterrupted(now: now) } == 1)
        let r = try rows(path)
        #expect(r["m1@x.org"]?.state == "sent" && r["m1@x.org"]?.recoveries == 0)
        #expect(r["m2@x.org"]?.state == "uncertain" && r["m2@x.org"]?.recoveries == 1)
        #expect(r["m3@x.org"]?.state == "queued" && r["m3@x.org"]?.recoveries == 0 && r["m3@x.org"]?.attempts == 0)
        #expect(r["m4@x.org"]?.state == "queued" && r["m4@x.org"]?.recoveries == 0)
        // Three more crashes with rows claimed but never tried (m2 among them) count no recovery against them.
        for _ in 1...3 {
            let claimed = try await restarted.write { db in
                try db.outbox.claimBatch(asOf: now.addingTimeInterval(1), limit: 3)
            }
            #expect(claimed.count == 3)
            _ = try await restarted.write { db in try db.outbox.recoverInterrupted(now: now) }
        }
        let after = try rows(path)
        #expect(after["m2@x.org"]?.state == "uncertain" && after["m2@x.org"]?.recoveries == 1)
        #expect(after.values.allSatisfy { $0.state != "quarantined" && $0.state != "sending" })
        #expect(after["m3@x.org"]?.attempts == 0 && after["m4@x.org"]?.attempts == 0)
        #expect(try SQLiteConnection(path: path).firstRow("SELECT COUNT(*) FROM facteur_outbox_attempt")?.int(0) == 0)
    }

    @Test("a batch left unsettled (the database busy at its end) is settled by the next recovery: accepted is sent")
    func unsettledBatch() async throws {
        let (store, path, _dir) = try await queuedFour()
        _ = _dir
        let ids = try await store.write { db in try db.outbox.claimBatch(asOf: now, limit: 2) }.map(\.id)
        #expect(try await store.write { db in try db.outbox.noteAttempt(ids[0], after: nil, now: now) })
        try await store.write { db in
            try db.outbox.noteAccepted(Acceptance(id: ids[0], code: 250, reply: "250 ok", at: now))
        }
        #expect(try await store.read { db in try db.outbox.hasUnsettledBatch() })
        // No row made uncertain: the accepted one is sent, the untried one queued again.
        #expect(try await store.write { db in try db.outbox.recoverInterrupted(now: now) } == 0)
        let r = try rows(path)
        #expect(r["m1@x.org"]?.state == "sent" && r["m2@x.org"]?.state == "queued" && r["m2@x.org"]?.attempts == 0)
        #expect(try await !store.read { db in try db.outbox.hasUnsettledBatch() })
    }

    @Test(
        "a claimed row set aside meanwhile (member forgotten, hand edit) is not attempted; an expiry counts no attempt")
    func setAsideWhileClaimed() async throws {
        let (store, path, _dir) = try await queuedFour()
        _ = _dir
        let ids = try await store.write { db in try db.outbox.claimBatch(asOf: now, limit: 2) }.map(\.id)
        try SQLiteConnection(path: path).execute(
            "UPDATE facteur_outbox SET state = 'expired', recipient = '' WHERE id = \(ids[0])")
        #expect(try await !store.write { db in try db.outbox.noteAttempt(ids[0], after: nil, now: now) })
        // Whatever the sender then decides for it (quiet hours, a pause) leaves it set aside.
        try await store.write { db in
            try db.outbox.reschedule(
                ids[0], state: .queued, next: now.addingTimeInterval(3600), code: nil, reason: "quiet hours", now: now)
        }
        try await store.write { db in try db.outbox.release(ids[0], previous: .queued, now: now) }
        // The sender expires the other before trying it (its late-until passed): no attempt is left counted.
        try await store.write { db in try db.outbox.markExpired(ids[1], reason: "late", now: now) }
        try await store.write { db in try db.outbox.settleBatch(ids, lastAccepted: nil, now: now) }
        let r = try rows(path)
        #expect(r["m1@x.org"]?.state == "expired" && r["m1@x.org"]?.attempts == 0)
        #expect(r["m2@x.org"]?.state == "expired" && r["m2@x.org"]?.attempts == 0)
    }

    @Test("a journal row another tool left for a deleted or settled message changes nothing")
    func staleJournal() async throws {
        let (store, path, _dir) = try await queuedFour()
        _ = _dir
        let ids = try await store.write { db in try db.outbox.claimBatch(asOf: now, limit: 2) }.map(\.id)
        let a = Acceptance(id: ids[0], code: 250, reply: "250 ok", at: now)
        #expect(try await store.write { db in try db.outbox.noteAttempt(ids[0], after: nil, now: now) })
        try await store.write { db in try db.outbox.noteAccepted(a) }
        // Someone deletes the accepted row by hand and expires the other before the sender settles.
        let hand = try SQLiteConnection(path: path)
        try hand.execute(
            "DELETE FROM facteur_outbox WHERE id = \(ids[0]); UPDATE facteur_outbox SET state = 'expired' WHERE id = \(ids[1])"
        )
        try await store.write { db in try db.outbox.settleBatch(ids, lastAccepted: nil, now: now) }
        let r = try rows(path)
        #expect(r["m1@x.org"] == nil && r["m2@x.org"]?.state == "expired")
        #expect(try hand.firstRow("SELECT COUNT(*) FROM facteur_outbox_attempt")?.int(0) == 0)
    }

    @Test(
        "rows already too late are expired in bulk, one commit of at most the limit a call; one held later, or being sent, is left"
    )
    func expireLate() async throws {
        let (store, path, _dir) = try await queuedFour()
        _ = _dir
        let hand = try SQLiteConnection(path: path)
        // m1 sending (another sender holds it), m2 uncertain and late, m3 late but held by quiet hours until
        // after now, m4 late; the late-until of all of them has passed.
        let late = now.addingTimeInterval(2 * 86_400)
        try hand.execute(
            """
            UPDATE facteur_outbox SET state = 'sending' WHERE message_id = 'm1@x.org';
            UPDATE facteur_outbox SET state = 'uncertain', smtp_code = 451 WHERE message_id = 'm2@x.org';
            UPDATE facteur_outbox SET next_attempt_at = \(Int64(late.timeIntervalSince1970) + 60) WHERE message_id = 'm3@x.org';
            INSERT INTO facteur_outbox (key, kind, recipient, message_id, state, smtp_code, timezone, due_at, late_until,
                next_attempt_at, created_at, updated_at)
            VALUES ('fait main', 'announcement', 'x@x.org', 'hand@x.org', 'uncertain', 452, 'UTC', 0, 0,
                \(Int64(late.timeIntervalSince1970)), 0, 0);
            """)
        // One commit of at most `limit` rows a call, in the claim's order: the sender calls again while a full one
        // came back.
        let first = try await store.writeWithoutTransaction { db in try db.outbox.expireLate(now: late, limit: 1) }
        #expect(first.expired == ["announcement/d42/m2"] && first.setAside == 0)
        #expect(try rows(path).values.filter { $0.state == "expired" }.count == 1)
        let second = try await store.writeWithoutTransaction { db in try db.outbox.expireLate(now: late, limit: 1) }
        #expect(second.expired == ["announcement/d42/m4"])
        // Another tool's row outside the grammar is set aside, as the claim would, its SMTP code kept.
        let third = try await store.writeWithoutTransaction { db in try db.outbox.expireLate(now: late, limit: 1) }
        #expect(third.expired.isEmpty && third.setAside == 1)
        #expect(
            try await store.writeWithoutTransaction { db in try db.outbox.expireLate(now: late, limit: 1) }.count == 0)
        let r = try rows(path)
        #expect(r["m1@x.org"]?.state == "sending" && r["m3@x.org"]?.state == "queued")
        #expect(r["m2@x.org"]?.state == "expired" && r["m2@x.org"]?.code == nil && r["m4@x.org"]?.state == "expired")
        #expect(r["hand@x.org"]?.state == "quarantined" && r["hand@x.org"]?.code == 452)
        // Nothing is late before the late-until time.
        try hand.execute("UPDATE facteur_outbox SET state = 'queued' WHERE message_id = 'm4@x.org'")
        #expect(try await store.write { db in try db.outbox.expireLate(now: now) }.count == 0)
    }
}
