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

    @Test("retention removes a base with the last body stored against it, not before")
    func retentionTakesBases() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        try await store.write { db in try db.outbox.enqueue(entries(1...3), bases: [base], now: now) }
        let db = try SQLiteConnection(path: path)
        // Two of three delivered; the third still waits (a server refusing for days).
        try db.execute("UPDATE facteur_outbox SET state = 'sent' WHERE member_id IN (1, 2)")
        let later = now.addingTimeInterval(40 * 86_400)
        try await store.write { db in _ = try db.purge(before: later) }
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body")?.int(0) == 1)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 1)
        let claimed = try await store.write { db in try db.outbox.claimDue(asOf: later, limit: 10) }
        #expect(claimed.map(\.body) == [body(member: 3)])
        try db.execute("UPDATE facteur_outbox SET state = 'sent'")
        try await store.write { db in _ = try db.purge(before: later) }
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_body")?.int(0) == 0)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox_base")?.int(0) == 0)
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
