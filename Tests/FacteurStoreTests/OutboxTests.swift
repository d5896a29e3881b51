import FacteurCore
import Foundation
import TestSupport
import Testing

@testable import FacteurStore

@Suite struct OutboxTests {
    let paris = TimeZone(identifier: "Europe/Paris")!

    func notice(_ key: String, member: Int64 = 1) -> PlannedNotice {
        let amap = Amap(id: 1, name: "A", email: "a@x.org", timeZone: paris)
        let start = Date(timeIntervalSince1970: 1_795_700_000)
        let d = Distribution(id: 42, amapID: 1, startsAt: start, endsAt: start.addingTimeInterval(3600), place: "P")
        let content = DistributionNotice(
            distribution: d, deliveries: [], volunteers: [], recipientIsOnDuty: false, dutyMissing: 0, sequence: 0)
        return PlannedNotice(
            key: NoticeKey(rawValue: key)!, amap: amap,
            recipient: Recipient(memberID: member, name: "M", email: "m@x.org"), replyTo: nil, dueAt: start,
            lateUntil: start.addingTimeInterval(3600), sendAfter: start, expired: false, distributionID: 42,
            version: d.version, content: .distribution(content))
    }

    @Test("migrations are idempotent and the schema version is recorded")
    func migrations() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        #expect(try await store.migrate() == Migrator.latestVersion)
        #expect(try await store.migrate() == 0)
        #expect(try await store.schemaVersion() == Migrator.latestVersion)
    }

    @Test("a record of a notice seen too late has no Message-ID: no bounce and no thread finds it")
    func expiredRecordHasNoMessageID() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        var late = notice("announcement/d42/m1")
        late.expired = true
        let id2 = "announcement.d42.m2.a1b2@x.org"
        let entries = [
            OutboxEntry(notice: late, messageID: "", body: nil),
            OutboxEntry(notice: notice("announcement/d42/m2", member: 2), messageID: id2, body: [1]),
        ]
        try await store.write { db in try db.outbox.enqueue(entries, now: now) }
        let keys = [NoticeKey(rawValue: "announcement/d42/m1")!, NoticeKey(rawValue: "announcement/d42/m2")!]
        #expect(try await store.read { db in try db.outbox.messageIDs(forKeys: keys) } == [keys[1]: id2])
        // A bounce whose Message-ID the parser could only read as empty marks nothing; a real one its row.
        #expect(
            try await store.write { db in try db.inbox.markBounced(messageIDs: [""], reason: "5.1.1", now: now) }
                .isEmpty)
        #expect(
            try await store.write { db in try db.inbox.markBounced(messageIDs: [id2], reason: "5.1.1", now: now) }
                == ["announcement/d42/m2"])
        let db = try SQLiteConnection(path: path)
        #expect(try db.firstRow("SELECT state FROM facteur_outbox WHERE message_id = ''")?.text(0) == "expired")
    }

    /// Every key form ever published (`NoticeKeyTests.published`, the kind alone and claims with dots among them).
    static let keyForms = [
        "announcement/d42/m7", "change/d42/m7/s2", "order_reminder/w5/m7/c1795700000",
        "order_summary/w5/producer/c1795700000", "negative_balance/b7-3/e1795600000/n2", "digest/g12/2026-11-26",
        "producer_sheet/s4-20261126/f0123abcd", "relay/i9/m7", "moderation/i9", "duty_confirmation/d42/m7/i9",
        "subscription_change/m7/u.7.announcement/stop/1795600000", "subscription_change/m7/r.7.3/resume/1795600000",
        "announcement/sample/m7", "test", "announcement/d-5/m7", "negative_balance/b-7-3/e-100/n1",
    ]

    @Test(
        "a bounce finds its row through the key its Message-ID begins with, whatever the key's form; a forged or stray Message-ID finds none"
    )
    func bounceFindsItsRowByKey() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        // Neighbours in the key order (`d4`, `d42-…`, `d420`) and a token with dots of its own (a volunteer's).
        let forms = Self.keyForms + ["announcement/d4/m7", "announcement/d420/m7", "announcement/d42/m70"]
        let ids = Dictionary(
            uniqueKeysWithValues: forms.enumerated().map { index, text in
                let token = index % 2 == 0 ? "3f9a0c1d\(index)" : "v.7.42.c0ffee\(index)"
                return (text, "\(NoticeKey(rawValue: text)!.messageIDStem).\(token)@amap.example.org")
            })
        let entries = forms.enumerated().map { index, text in
            OutboxEntry(notice: notice(text, member: Int64(index + 1)), messageID: ids[text]!, body: [1])
        }
        try await store.write { db in try db.outbox.enqueue(entries, now: now) }
        for text in forms {
            let marked = try await store.write { db in
                try db.inbox.markBounced(messageIDs: [ids[text]!], reason: "5.1.1", now: now)
            }
            #expect(marked == [text], "\(ids[text]!)")
        }
        // The same stem with another token, another domain, or no token: a Message-ID Facteur never sent.
        let stray = [
            "announcement.d42.m7.ffff@amap.example.org", "announcement.d42.m7.3f9a0c1d0@other.example.org",
            "announcement.d42.m7@amap.example.org", "announcement@amap.example.org", "@amap.example.org",
            ".d42.m7.3f9a0c1d0@amap.example.org", "announcement/d42.m7.3f9a0c1d0@amap.example.org",
            "%.%.%@amap.example.org", "announcement.d42%.m7.x@amap.example.org", "no-at-sign", "",
            "ANNOUNCEMENT.d42.m7.3f9a0c1d0@amap.example.org", "announcement.d42.m7.3f9a0c1d0@amap.example.org\n",
        ]
        #expect(
            try await store.write { db in try db.inbox.markBounced(messageIDs: stray, reason: "5.1.1", now: now) }
                .isEmpty)
        let db = try SQLiteConnection(path: path)
        #expect(try db.firstRow("SELECT COUNT(*) FROM facteur_outbox WHERE state = 'failed'")?.int(0) == forms.count)
        // Through the key's index, never a scan of the outbox; and the Message-IDs' own index is gone (migration 20).
        let plan = try db.queryPlan(Inbox.bouncedRows)
        #expect(plan.allSatisfy { !$0.contains("SCAN") } && plan.contains { $0.contains("autoindex") }, "\(plan)")
        #expect(
            try db.firstRow("SELECT COUNT(*) FROM sqlite_master WHERE name = 'facteur_outbox_message_id'")?.int(0) == 0)
    }

    @Test("notices about no distribution stay out of the distribution index; every query naming one still reads it")
    func distributionIndexIsPartial() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        var order = notice("order_open/w5/m3", member: 3)
        order.distributionID = nil
        let entries = [
            OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id1@x.org", body: [1]),
            OutboxEntry(notice: order, messageID: "id3@x.org", body: [3]),
        ]
        #expect(try await store.write { db in try db.outbox.enqueue(entries, now: now) } == 2)
        let db = try SQLiteConnection(path: path)
        // A partial index (migration 16), whose one entry is the announcement's.
        #expect(
            try db.firstRow("SELECT sql FROM sqlite_master WHERE name = 'facteur_outbox_distribution'")?.text(0)?
                .hasSuffix("WHERE distribution_id IS NOT NULL") == true)
        #expect(
            try db.firstRow(
                "SELECT COUNT(*) FROM facteur_outbox INDEXED BY facteur_outbox_distribution WHERE distribution_id > 0")?
                .int(0) == 1)
        // The shapes of the queries that read it: withdrawals and duties by distribution, the latest sequences,
        // and the threads of a deleted distribution (a correlated lookup by distribution and member).
        for sql in [
            "SELECT MAX(sequence) FROM facteur_outbox WHERE distribution_id = 42",
            "SELECT distribution_id, MAX(sequence) FROM facteur_outbox WHERE distribution_id IS NOT NULL GROUP BY 1",
            "SELECT 1 FROM facteur_outbox c WHERE c.distribution_id = 42 AND c.member_id = 1 AND c.kind = 'cancellation'",
        ] {
            let plan = try db.queryPlan(sql)
            #expect(plan.contains { $0.contains("facteur_outbox_distribution") }, "\(sql): \(plan)")
        }
        // What the planner and the sender read of the order notice is unchanged.
        let memory = try await store.read { db in try db.outbox.memory(forTopics: [.orderWindow(5)], now: now) }
        #expect(memory.existingKeys.contains(NoticeKey(rawValue: "order_open/w5/m3")!))
    }

    @Test(
        "the outbox's states are checked by comparisons: every state is allowed, any other refused, and no statement builds a temporary index of the list"
    )
    func stateChecksWithoutTemporaryIndex() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        let entry = OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id1@x.org", body: [1, 2, 3])
        try await store.write { db in try db.outbox.enqueue([entry], now: now) }
        let db = try SQLiteConnection(path: path)
        for state in OutboxState.allCases {
            #expect(try db.run("UPDATE facteur_outbox SET state = ?", [state.rawValue]) == 1)
        }
        for refused in ["bogus", "Queued", "", "queued "] {
            #expect(throws: SQLiteError.self) { try db.run("UPDATE facteur_outbox SET state = ?", [refused]) }
        }
        #expect(throws: SQLiteError.self) {
            try db.run(
                "INSERT INTO facteur_outbox_attempt (outbox_id, step, previous, at) VALUES (1, 'claimed', 'sent', 0)")
        }
        #expect(throws: SQLiteError.self) {
            try db.run(
                "INSERT INTO facteur_outbox_attempt (outbox_id, step, previous, at) VALUES (1, 'sent', 'queued', 0)")
        }
        // A CHECK's `IN` list of more than two constants is built into a temporary index each time a statement
        // runs: once per row queued, recorded or moved by a send (issue 15).
        for sql in [
            """
            INSERT INTO facteur_outbox (key, kind, recipient, message_id, state, timezone, due_at, late_until,
                next_attempt_at, created_at, updated_at) VALUES (?, 'announcement', '', '', 'expired', 'UTC', 0, 0, 0, 0, 0)
            """,
            "UPDATE facteur_outbox SET state = ? WHERE id = ?",
            "INSERT INTO facteur_outbox_attempt (outbox_id, step, previous, at) VALUES (?, 'claimed', 'queued', 0)",
            "UPDATE facteur_outbox_attempt SET step = ? WHERE outbox_id = ?",
        ] {
            let program = try db.rows("EXPLAIN " + sql).map { $0.text(1) ?? "" }
            #expect(program.contains("Insert") || program.contains("IdxInsert"), "\(sql)")
            #expect(!program.contains("OpenEphemeral"), "\(sql)")
        }
    }

    @Test("migration 18 copies the outbox and its journal as they were: rows, ids, bodies, journal steps and indexes")
    func migration18KeepsRows() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        let entries = (1...3).map {
            OutboxEntry(
                notice: notice("announcement/d42/m\($0)", member: Int64($0)), messageID: "id\($0)@x.org",
                body: [UInt8($0)])
        }
        try await store.write { db in try db.outbox.enqueue(entries, now: now) }
        _ = try await store.write { db in try db.outbox.claimBatch(asOf: now.addingTimeInterval(1e7), limit: 1) }
        let db = try SQLiteConnection(path: path)
        // A gap in the ids, which the copy must keep: bodies and the journal name rows by id.
        try db.execute("DELETE FROM facteur_outbox WHERE key = 'announcement/d42/m2'")
        func dump() throws -> [String] {
            try db.rows(
                "SELECT quote(o.id), quote(o.key), quote(o.state), quote(b.body), quote(a.step), quote(a.previous) "
                    + "FROM facteur_outbox o LEFT JOIN facteur_outbox_body b ON b.outbox_id = o.id "
                    + "LEFT JOIN facteur_outbox_attempt a ON a.outbox_id = o.id ORDER BY o.id"
            ).map { row in (0..<6).map { row.text($0) ?? "?" }.joined(separator: " ") }
        }
        func indexes() throws -> [String] {
            try db.rows(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'facteur_outbox%' ORDER BY name"
            )
            .map { $0.text(0) ?? "" }
        }
        let before = try dump()
        let indexesBefore = try indexes()
        #expect(before.count == 2)
        #expect(before.contains { $0.contains("'claimed'") })
        // Back to version 17: migration 19's table and columns go too, as they were not there then.
        try db.execute(
            """
            DROP TABLE facteur_outbox_base; DROP INDEX facteur_outbox_body_base;
            ALTER TABLE facteur_outbox_body DROP COLUMN base_id;
            ALTER TABLE facteur_outbox_body DROP COLUMN length; ALTER TABLE facteur_outbox_body DROP COLUMN fingerprint;
            UPDATE facteur_meta SET value = '17' WHERE key = 'schema_version';
            """)
        #expect(try await Store(path: path).migrate() == Migrator.latestVersion - 17)
        #expect(try dump() == before)
        #expect(try indexes() == indexesBefore)
        #expect(try db.rows("PRAGMA integrity_check").map { $0.text(0) } == ["ok"])
        let definitions = try db.rows(
            "SELECT sql FROM sqlite_master WHERE name IN ('facteur_outbox', 'facteur_outbox_attempt')")
        #expect(definitions.count == 2)
        #expect(definitions.allSatisfy { !($0.text(0) ?? " IN (").contains(" IN (") })
    }

    @Test("migration 12 moves the bodies of a version-11 outbox to their own table; they are sent as they were")
    func bodiesMove() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        let entry = OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id1@x.org", body: [1, 2, 3])
        try await store.write { db in try db.outbox.enqueue([entry], now: now) }
        // Back to what version 11 wrote: the body in the row.
        try SQLiteConnection(path: path).execute(
            """
            UPDATE facteur_outbox SET body = (SELECT body FROM facteur_outbox_body WHERE outbox_id = facteur_outbox.id);
            DROP INDEX facteur_outbox_bodies;
            ALTER TABLE facteur_outbox DROP COLUMN has_body;
            DROP TABLE facteur_outbox_body;
            CREATE INDEX facteur_outbox_retained ON facteur_outbox (updated_at) WHERE body IS NOT NULL;
            UPDATE facteur_meta SET value = '11' WHERE key = 'schema_version';
            """)
        let upgraded = try Store(path: path)
        #expect(try await upgraded.migrate() == Migrator.latestVersion - 11)
        let claimed = try await upgraded.write { db in
            try db.outbox.claimDue(asOf: now.addingTimeInterval(1e7), limit: 10)
        }
        #expect(claimed.map(\.body) == [[1, 2, 3]])
        let rows = try SQLiteConnection(path: path).rows("SELECT body IS NULL, has_body FROM facteur_outbox")
        #expect(rows.map { [$0.int(0), $0.int(1)] } == [[1, 1]])
    }

    @Test("a row deleted with sqlite3, its body left behind, does not stop the next rows from being queued")
    func staleBody() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = Date(timeIntervalSince1970: 1_795_800_000)
        let first = OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id1@x.org", body: [1, 2, 3])
        try await store.write { db in try db.outbox.enqueue([first], now: now) }
        // What a volunteer's `sqlite3 … "DELETE FROM facteur_outbox"` does: foreign keys off, no cascade.
        try SQLiteConnection(path: path).execute("DELETE FROM facteur_outbox")
        let second = OutboxEntry(
            notice: notice("announcement/d42/m2", member: 2), messageID: "id2@x.org", body: [4, 5])
        #expect(try await store.write { db in try db.outbox.enqueue([second], now: now) } == 1)
        let claimed = try await store.write { db in
            try db.outbox.claimDue(asOf: now.addingTimeInterval(1e7), limit: 10)
        }
        #expect(claimed.map(\.body) == [[4, 5]])
    }

    @Test("enqueue ignores a key that exists; the planner's memory sees it")
    func enqueueOnce() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        try await store.migrate()
        let now = Date(timeIntervalSince1970: 1_795_600_000)
        let entry = OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id1@x.org", body: [1, 2, 3])
        #expect(try await store.write { db in try db.outbox.enqueue([entry], now: now) } == 1)
        let again = OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id2@x.org", body: [9])
        #expect(try await store.write { db in try db.outbox.enqueue([again], now: now) } == 0)
        let memory = try await store.read { db in try db.outbox.memory(forTopics: [.distribution(42)], now: now) }
        #expect(memory.existingKeys.contains(NoticeKey.distribution(.announcement, distribution: 42, member: 1)))
        #expect(
            memory.threads[.init(distributionID: 42, memberID: 1)]?.announcementKey.rawValue == "announcement/d42/m1")
        let claimed = try await store.write { db in
            try db.outbox.claimDue(asOf: now.addingTimeInterval(200_000), limit: 10)
        }
        #expect(claimed.map(\.messageID) == ["id1@x.org"])
        #expect(claimed.first?.body == [1, 2, 3])
    }

    @Test(
        "a coordinator's digests are remembered from three days before now, not the year before; other subjects' rows all"
    )
    func memoryReadsRecentDigests() async throws {
        let dir = TemporaryDirectory()
        let (store, _) = try await migratedStore(in: dir)
        let utc = TimeZone(identifier: "UTC")!
        let today = LocalDate(year: 2026, month: 11, day: 26)
        let now = today.at(hour: 20, minute: 0, in: utc)
        // A year of one coordinator's digests, its neighbours' in the key order (`g1`, `g120`), and a distribution.
        var keys = (0..<400).map { "digest/g12/\(today.adding(days: -$0))" }
        keys += ["digest/g1/\(today)", "digest/g120/\(today)", "digest/g12/\(today.adding(days: 1))"]
        let entries =
            keys.enumerated().map { index, key in
                OutboxEntry(notice: notice(key, member: Int64(index + 1)), messageID: "", body: nil)
            } + [OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "id1@x.org", body: [1])]
        try await store.write { db in _ = try db.outbox.enqueue(entries, now: now) }
        let memory = try await store.read { db in
            try db.outbox.memory(forTopics: [.coordinator(12), .distribution(42)], now: now)
        }
        let digests = Set((-1...3).map { "digest/g12/\(today.adding(days: -$0))" })
        #expect(Set(memory.existingKeys.filter { $0.kind == .digest }.map(\.rawValue)) == digests)
        #expect(memory.existingKeys.contains(NoticeKey.distribution(.announcement, distribution: 42, member: 1)))
        #expect(memory.existingKeys.count == digests.count + 1)
        // Only a coordinator asked for is read: `g1`'s today is not remembered for `g12`, nor for no one.
        let none = try await store.read { db in try db.outbox.memory(forTopics: [.distribution(42)], now: now) }
        #expect(none.existingKeys.count == 1)
    }

    @Test("deleted distributions are looked for among sent announcements still ahead, never among every sent row")
    func deletedThreadsReadTheAnnouncedIndex() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = Date(timeIntervalSince1970: 1_795_600_000)  // before the sample distribution starts
        let entries =
            (0..<300).map { i in
                OutboxEntry(
                    notice: notice("digest/g12/\(LocalDate(year: 2026, month: 1, day: 1).adding(days: i))"),
                    messageID: "digest.g12.\(i).x@x.org", body: nil)
            } + [
                OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "announcement.d42.m1.x@x.org", body: [1])
            ]
        try await store.write { db in _ = try db.outbox.enqueue(entries, now: now) }
        let db = try SQLiteConnection(path: path)
        try db.execute("UPDATE facteur_outbox SET state = 'sent'")
        let plan = try db.queryPlan(Outbox.deletedThreadsQuery)
        #expect(
            plan.contains { $0.contains("facteur_outbox_announced") }
                && !plan.contains { $0.contains("facteur_outbox_pending") || $0.hasPrefix("SCAN a") }, "\(plan)")
        // The announcement of a distribution no longer in the database is found, and nothing else.
        let threads = try await store.read { db in try db.outbox.deletedThreads(now: now) }
        #expect(threads.map(\.announcementKey.rawValue) == ["announcement/d42/m1"])
    }

    @Test("an index a query names, dropped by hand, is made again at the next start as its migration made it")
    func namedIndexesRestored() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let db = try SQLiteConnection(path: path)
        func definitions() throws -> [String] {
            try db.rows(
                """
                SELECT sql FROM sqlite_master WHERE name IN
                ('facteur_outbox_announced', 'facteur_report_last_seen', 'facteur_duty_answer_at') ORDER BY name
                """
            ).map {
                ($0.text(0) ?? "").replacingOccurrences(of: "IF NOT EXISTS ", with: "")
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
        }
        let made = try definitions()
        #expect(made.count == 3)
        try db.execute(
            "DROP INDEX facteur_outbox_announced; DROP INDEX facteur_report_last_seen; DROP INDEX facteur_duty_answer_at"
        )
        // Without them the queries that name them cannot even be prepared.
        await #expect(throws: SQLiteError.self) {
            try await store.read { db in try db.outbox.deletedThreads(now: Date(timeIntervalSince1970: 1_795_600_000)) }
        }
        #expect(try await store.migrate() == 0)
        #expect(try definitions() == made)
        #expect(
            try await store.read { db in try db.outbox.deletedThreads(now: Date(timeIntervalSince1970: 1_795_600_000)) }
                .isEmpty)
    }

    @Test("a crash while sending makes the row uncertain; the third recovery quarantines it")
    func crashRecovery() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        try await store.migrate()
        let now = Date(timeIntervalSince1970: 1_795_700_000)
        try await store.write { db in
            try db.outbox.enqueue(
                [OutboxEntry(notice: notice("announcement/d42/m1"), messageID: "i@x.org", body: [1])], now: now)
        }
        let id = try await store.write { db in try db.outbox.claimDue(asOf: now, limit: 1) }[0].id
        for round in 1...3 {
            #expect(try await store.write { db in try db.outbox.markSending(id, now: now) })
            // The claim is a compare-and-set: a row already sending cannot be taken a second time.
            #expect(try await !store.write { db in try db.outbox.markSending(id, now: now) })
            #expect(try await store.write { db in try db.outbox.recoverInterrupted(now: now) } == (round < 3 ? 1 : 0))
        }
        let status = try await store.read { db in try db.outbox.status() }
        #expect(status.counts[.quarantined] == 1)
        #expect(
            try await store.write { db in try db.outbox.claimDue(asOf: now.addingTimeInterval(3600), limit: 5) }.isEmpty
        )
    }

    @Test("a row another tool wrote with a key outside the grammar is set aside, and never starves the batch")
    func foreignKey() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let now = Date(timeIntervalSince1970: 1_795_700_000)
        try await store.write { db in
            try db.outbox.enqueue(
                [
                    OutboxEntry(notice: notice("announcement/d42/m1", member: 1), messageID: "a@x.org", body: [1]),
                    OutboxEntry(notice: notice("announcement/d42/m2", member: 2), messageID: "b@x.org", body: [2]),
                ], now: now)
        }
        try SQLiteConnection(path: path).execute(
            "UPDATE facteur_outbox SET key = 'handmade by a script' WHERE message_id = 'a@x.org'")
        let claimed = try await store.write { db in
            try db.outbox.claimDue(asOf: now.addingTimeInterval(200_000), limit: 1)
        }
        #expect(claimed.map(\.messageID).isEmpty)
        let next = try await store.write { db in try db.outbox.claimDue(asOf: now.addingTimeInterval(200_000), limit: 1)
        }
        #expect(next.map(\.messageID) == ["b@x.org"])
        #expect(next.first?.key == .distribution(.announcement, distribution: 42, member: 2))
        let status = try await store.read { db in try db.outbox.status() }
        #expect(status.counts[.quarantined] == 1)
    }
}
