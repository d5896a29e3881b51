import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

/// The outbox's bodies stored against a base (`BodyDelta`, migration 19): what the sender gets, what retention
/// removes, and what a hand on the database file can break.
@Suite struct OutboxDeltaTests {
    let now = Date(timeIntervalSince1970: 1_795_700_000)

    func notice(member: Int64) -> PlannedNotice {
        let paris = TimeZone(identifier: "Europe/Paris")!
        let amap = Amap(id: 1, name: "A", email: "a@x.org", timeZone: paris)
        let start = now
        let d = Distribution(id: 42, amapID: 1, startsAt: start, endsAt: start.addingTimeInterval(3600), place: "P")
        let content = DistributionNotice(
            distribution: d, deliveries: [], volunteers: [], recipientIsOnDuty: false, dutyMissing: 0, sequence: 0)
        return PlannedNotice(
            key: .distribution(.announcement, distribution: 42, member: member), amap: amap,
            recipient: Recipient(memberID: member, name: "M\(member)", email: "m\(member)@x.org"), replyTo: nil,
            dueAt: start, lateUntil: start.addingTimeInterval(3600), sendAfter: start, expired: false,
            distributionID: 42, version: d.version, content: .distribution(content))
    }

    /// A 4 KB message for a placeholder, and each member's copy of it.
    let base = Array(
        (0..<60).map { "Ligne \($0) de l'annonce, la m=C3=AAme pour tous les membres de l'AMAP.\r\n" }.joined().utf8)
    func body(member: Int64) -> [UInt8] {
        Array("To: m\(member)@x.org\r\nMessage-ID: <a.\(member)@x.org>\r\n".utf8) + base
            + Array("\r\nPour ne plus recevoir : u.\(member).announcement.\(member * 7919)\r\n".utf8)
    }

    func entries(_ members: ClosedRange<Int64>) -> [OutboxEntry] {
        let index = BodyDelta.Index(base)
        return members.map { member in
            var entry = OutboxEntry(
                notice: notice(member: member), messageID: "a.\(member)@x.org", body: body(member: member))
            let stored = entry.storeAgainst(base: 0, index: index)
            #expect(stored)
            return entry
        }
    }

    @Test(
        "rows deleted with sqlite3, their bodies left behind: a chunk whose new rows get their ids replaces them",
        arguments: [false, true])
    func staleBodiesInAChunk(nested: Bool) async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        #expect(try await store.write { db in try db.outbox.enqueue(entries(1...3), bases: [base], now: now) } == 3)
        // A volunteer's `sqlite3 … "DELETE FROM facteur_outbox"`: no cascade, three bodies left at ids 1 to 3.
        try SQLiteConnection(path: path).execute("DELETE FROM facteur_outbox")
        // The next chunk gets ids 1 to 4: two against a base, one whole, one against a base again. Each insert that
        // meets a stale body fails, the body is replaced, and the chunk goes on in the same transaction.
        let chunk =
            entries(11...12) + [
                OutboxEntry(notice: notice(member: 13), messageID: "a.13@x.org", body: body(member: 13))
            ]
            + entries(14...14)
        // As the planner queues a chunk (a transaction of its own), and nested in a larger one (a savepoint).
        let written =
            nested
            ? try await store.write { db in try db.outbox.enqueue(chunk, bases: [base], now: now) }
            : try await store.writeWithoutTransaction { db in try db.outbox.enqueue(chunk, bases: [base], now: now) }
        #expect(written == 4)
        let db = try SQLiteConnection(path: path)
        #expect(try db.rows("SELECT outbox_id FROM facteur_outbox_body ORDER BY 1").map { $0.int(0) } == [1, 2, 3, 4])
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 10) }
        #expect(claimed.map(\.body) == [11, 12, 13, 14].map { body(member: $0) })
        #expect(claimed.map(\.id) == [1, 2, 3, 4])
    }

    @Test("bodies stored against a base are sent byte for byte, in a few hundred bytes each, the base written once")
    func sentAsRendered() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        #expect(try await store.write { db in try db.outbox.enqueue(entries(1...5), bases: [base], now: now) } == 5)
        // Queued again (a second tick, a second process): nothing new, no second base.
        #expect(try await store.write { db in try db.outbox.enqueue(entries(1...5), bases: [base], now: now) } == 0)
        let db = try SQLiteConnection(path: path)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 1)
        let sizes = try db.rows("SELECT length(body), length FROM facteur_outbox_body")
        #expect(sizes.count == 5)
        for size in sizes { #expect((size.int(0) ?? .max) * 8 < (size.int(1) ?? 0)) }
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 10) }
        #expect(claimed.map(\.body) == (1...5).map { body(member: $0) })
    }

    @Test(
        "a base changed, swapped or removed by hand, or a delta or fingerprint edited: the row is set aside, never sent"
    )
    func damagedBase() async throws {
        let damages = [
            "UPDATE facteur_outbox_base SET body = CAST(replace(CAST(body AS TEXT), 'Ligne 7 ', 'Ligne 8 ') AS BLOB)",
            "UPDATE facteur_outbox_base SET body = substr(body, 1, 100)",
            "DELETE FROM facteur_outbox_base",
            "UPDATE facteur_outbox_body SET base_id = base_id + 1 WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET fingerprint = fingerprint + 1 WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET length = length - 1 WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET length = 'beaucoup' WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET length = 9223372036854775807 WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET body = X'0700' WHERE base_id IS NOT NULL",
            // What a volunteer might try to "free" a row: the delta itself would then be sent.
            "UPDATE facteur_outbox_body SET base_id = NULL WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET base_id = 'x' WHERE base_id IS NOT NULL",
            "UPDATE facteur_outbox_body SET base_id = NULL, fingerprint = NULL WHERE base_id IS NOT NULL",
        ]
        for damage in damages {
            let dir = TemporaryDirectory()
            let (store, path) = try await migratedStore(in: dir)
            try await store.write { db in try db.outbox.enqueue(entries(1...2), bases: [base], now: now) }
            // A row stored whole beside them still goes.
            let whole = OutboxEntry(notice: notice(member: 3), messageID: "a.3@x.org", body: body(member: 3))
            try await store.write { db in try db.outbox.enqueue([whole], now: now) }
            try SQLiteConnection(path: path).execute(damage)
            let claimed = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 10) }
            #expect(claimed.map(\.body) == [body(member: 3)], "\(damage)")
            let status = try await store.read { db in try db.outbox.status() }
            #expect(status.counts[.quarantined] == 2, "\(damage)")
        }
    }

    @Test(
        "bodies whose deltas were made against another base than the one given are stored whole, and sent as rendered")
    func wrongBaseStoredWhole() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let other = Array(base.reversed())
        try await store.write { db in try db.outbox.enqueue(entries(1...3), bases: [other], now: now) }
        let db = try SQLiteConnection(path: path)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 0)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body WHERE base_id IS NULL")?.int(0) == 3)
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 10) }
        #expect(claimed.map(\.body) == (1...3).map { body(member: $0) })
    }

    @Test("forgetting a member leaves other members' damaged rows as they are: set aside, not withdrawn in their name")
    func forgetLeavesOthersDamaged() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        try await store.write { db in try db.outbox.enqueue(entries(1...3), bases: [base], now: now) }
        try SQLiteConnection(path: path).execute("DELETE FROM facteur_outbox_base")
        let request = ForgetRequest(memberID: 1, addresses: ["m1@x.org"], needles: [Array("M1".utf8)])
        let summary = try await store.writeWithoutTransaction { db in try db.forget(request, now: now) }
        // Member 1's own row is withdrawn; the others' bodies stay, for a person to look at.
        #expect(summary.mentioningBodies == 0)
        let db = try SQLiteConnection(path: path)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body")?.int(0) == 2)
        #expect(
            try db.rows("SELECT state FROM facteur_outbox ORDER BY member_id").map { $0.text(0) } == [
                "expired", "queued", "queued",
            ])
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 10) }
        #expect(claimed.isEmpty)
        #expect(try await store.read { db in try db.outbox.status() }.counts[.quarantined] == 2)
    }

    /// Three rows stored against one base; two of them delivered (the third still waits, a server refusing for
    /// days), then retention run 40 days later. Returns the store, a connection of the test's own, and that day.
    func twoOfThreeSentThenPurged(in dir: TemporaryDirectory) async throws -> (Store, SQLiteConnection, Date) {
        let (store, path) = try await migratedStore(in: dir)
        try await store.write { db in try db.outbox.enqueue(entries(1...3), bases: [base], now: now) }
        let db = try SQLiteConnection(path: path)
        try db.execute("UPDATE facteur_outbox SET state = 'sent' WHERE member_id IN (1, 2)")
        let later = now.addingTimeInterval(40 * 86_400)
        try await store.write { db in _ = try db.purge(before: later) }
        return (store, db, later)
    }

    @Test("retention removes a base with the last body stored against it, not before")
    func retentionTakesBases() async throws {
        let dir = TemporaryDirectory()
        let (store, db, later) = try await twoOfThreeSentThenPurged(in: dir)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body")?.int(0) == 1)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 1)
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: later, limit: 10) }
        #expect(claimed.map(\.body) == [body(member: 3)])
        try db.execute("UPDATE facteur_outbox SET state = 'sent'")
        try await store.write { db in _ = try db.purge(before: later) }
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body")?.int(0) == 0)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 0)
        // It runs at every planning pass, inside the write lock: old bases by their time, their bodies by base.
        let plan = try db.rows(
            """
            EXPLAIN QUERY PLAN DELETE FROM facteur_outbox_base WHERE created_at < 5 AND NOT EXISTS (
                SELECT 1 FROM facteur_outbox_body b WHERE b.base_id = facteur_outbox_base.id)
            """
        ).map { $0.text(3) ?? "" }.joined(separator: "\n")
        #expect(plan.contains("facteur_outbox_base_created"), "\(plan)")
        #expect(plan.contains("facteur_outbox_body_base"), "\(plan)")
    }

    @Test("a row set back to queued by hand after retention removed its body is set aside, never sent empty")
    func bodilessRowSetAside() async throws {
        let dir = TemporaryDirectory()
        let (store, db, later) = try await twoOfThreeSentThenPurged(in: dir)
        // A volunteer "sends them again" with sqlite3: two finished rows back to queued, their bodies long gone.
        try db.execute("UPDATE facteur_outbox SET state = 'queued' WHERE member_id IN (1, 2)")
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: later, limit: 10) }
        #expect(claimed.map(\.body) == [body(member: 3)])
        let aside = try db.rows("SELECT member_id, state, last_error FROM facteur_outbox WHERE member_id IN (1, 2)")
        #expect(aside.count == 2)
        for row in aside {
            #expect(row.text(1) == "quarantined")
            #expect(row.text(2)?.hasPrefix("no stored body") == true, "\(row.text(2) ?? "")")
        }
    }

    @Test("a body that gains nothing from a base, or a base index out of range, is stored whole")
    func storedWholeWhenUnlike() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        var unlike = OutboxEntry(
            notice: notice(member: 1), messageID: "a.1@x.org",
            body: (0..<4_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })
        let storedUnlike = unlike.storeAgainst(base: 0, index: BodyDelta.Index(base))
        #expect(!storedUnlike)
        var stray = entries(2...2)[0]
        _ = stray.storeAgainst(base: 5, index: BodyDelta.Index(base))
        try await store.write { [unlike, stray] db in try db.outbox.enqueue([unlike, stray], bases: [base], now: now) }
        let db = try SQLiteConnection(path: path)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body WHERE base_id IS NULL")?.int(0) == 2)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 0)
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 10) }
        #expect(claimed.map(\.body) == [unlike.body!, body(member: 2)])
    }
}
