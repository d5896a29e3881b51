import FacteurCore
import Foundation
import TestSupport
import Testing

@testable import FacteurStore

@Suite struct ScheduleReaderTests {
    @Test("bad rows are skipped and named by table and id; good rows are read")
    func badRows() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let db = try SQLiteConnection(path: path)
        try db.execute(
            """
            INSERT INTO amap (id, name, email, timezone) VALUES (1, 'A', 'a@x.org', 'Europe/Paris'),
              (2, 'B', 'b@x.org', 'Mars/Olympus');
            INSERT INTO producer (id, name) VALUES (1, 'P');
            INSERT INTO member (id, amap_id, name, email) VALUES (1, 1, 'Ok', 'ok@x.org'), (2, 1, 'Bad', 'bad@@x'),
              (3, 7, 'Orphan', 'o@x.org');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (1, 1, 1, 'C', '2026-01-01', '2026-12-31'), (2, 1, 99, 'Orphan', '2026-01-01', '2026-12-31');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, relay_address) VALUES
              (5, 1, 1, 'Légumes', '2026-01-01', '2026-12-31', 'legumes@x.org'),
              (6, 1, 1, 'Légumes bis', '2026-01-01', '2026-12-31', 'Legumes@X.org');
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, notes) VALUES
              (1, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'P', NULL),
              (2, 1, 'jeudi', '2026-11-26 20:00', 'P', NULL),
              (3, 1, '2026-11-26 18:30', '2026-11-26 20:00', '', NULL),
              (4, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'P', ?);
            """.replacingOccurrences(of: "?", with: "'" + String(repeating: "x", count: 100_000) + "'"))
        let schedule = try await store.read { db in
            try db.readSchedule(
                from: Date(timeIntervalSince1970: 1_795_000_000), to: Date(timeIntervalSince1970: 1_796_000_000),
                defaultTimeZone: TimeZone(identifier: "Europe/Paris")!)
        }
        #expect(schedule.distributions.map(\.id) == [1])
        // A member with an unusable address stays a member (their duties count) and gets no mail.
        #expect(Set(schedule.members.keys) == [1, 2])
        #expect(schedule.members[2]?.email == nil)
        #expect(Set(schedule.contracts.keys) == [1, 5, 6])
        #expect(schedule.contracts[6]?.relayAddress == nil && schedule.contracts[5]?.relayAddress == "legumes@x.org")
        let named = Set(schedule.issues.map { "\($0.table)/\($0.rowID)" })
        #expect(
            named == [
                "amap/2", "member/2", "member/3", "contract/2", "contract/6", "distribution/2", "distribution/3",
                "distribution/4",
            ])
        // Each problem in both languages: the coordinator reads it in the AMAP's (French by default).
        let zone = try #require(schedule.issues.first { $0.table == "amap" })
        #expect(zone.problem.fr == "timezone « Mars/Olympus » : fuseau horaire inconnu")
        #expect(zone.problem.en == "timezone “Mars/Olympus” is not a known time zone")
        #expect(zone.text(.fr) == "amap/2 : timezone « Mars/Olympus » : fuseau horaire inconnu")
        #expect(zone.text(.en) == "amap/2: timezone “Mars/Olympus” is not a known time zone")
    }
}

@Suite struct NetworkActivityTests {
    /// The digest's view of the last two days, per AMAP: counts by kind and state, and each failure in order.
    static func digestView(_ s: Schedule) -> [String] {
        var counts: [String: Int] = [:]
        var failures: [String] = []
        for a in s.activity {
            counts[
                "\(a.amapID ?? -1) \(a.kind) \(a.state) \(Int(a.at.timeIntervalSince1970)) \(a.topic ?? "-") \(a.late.map { "\($0)" } ?? "-")",
                default: 0] +=
                a.count
            if a.state == "failed" || a.state == "quarantined" {
                failures.append("\(a.amapID ?? -1) \(a.recipient) \(a.recipientName) \(a.code ?? 0) \(a.reason ?? "")")
            }
        }
        return counts.map { "\($0.key) ×\($0.value)" }.sorted() + failures
    }

    @Test("a group's payments, relay addresses, order windows and unusable times are found through indexes")
    func groupReadsUseIndexes() async throws {
        let dir = TemporaryDirectory()
        let (_, path) = try await migratedStore(in: dir)
        let db = try SQLiteConnection(path: path)
        // The shapes of the group's reads: without these indexes each scanned the whole network's table, or every
        // window of the contracts' history, once per group.
        for (sql, index) in [
            (
                "SELECT id FROM payment WHERE contract_id IN (SELECT value FROM json_each('[1,2]')) ORDER BY received_on",
                "payment_contract"
            ),
            ("SELECT id, name FROM contract WHERE amap_id IN (SELECT value FROM json_each('[1,2]'))", "contract_amap"),
            (
                """
                SELECT lower(relay_address), MIN(id) FROM contract WHERE relay_address IS NOT NULL
                AND lower(relay_address) IN (SELECT lower(value) FROM json_each('["a@x.org"]')) GROUP BY 1
                """, "contract_relay_address"
            ),
            (
                """
                SELECT id FROM order_window WHERE closes_at >= '2026-11-20' AND closes_at < '2027-01-30'
                AND opens_at < '2026-12-10' AND contract_id IN (SELECT value FROM json_each('[1,2]'))
                """, "order_window_contract_closes (contract_id=? AND closes_at>? AND closes_at<?)"
            ),
        ] {
            let plan = try db.queryPlan(sql)
            #expect(plan.contains { $0.contains("INDEX \(index)") }, "\(sql): \(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN payment") || $0.hasPrefix("SCAN contract") }, "\(plan)")
        }
        // The group's rows whose time is no time are found through their partial index (migration 9), not through
        // the group's every window or distribution: the reader writes `+contract_id`, `+amap_id`.
        for (table, group) in [
            (
                "order_window",
                "+contract_id IN (SELECT id FROM contract WHERE amap_id IN (SELECT value FROM json_each('[1]')))"
            ),
            ("distribution", "+amap_id IN (SELECT value FROM json_each('[1]'))"),
        ] {
            let index = "\(table)_implausible"
            let condition = try #require(
                try db.firstRow("SELECT sql FROM sqlite_master WHERE name = ?", [index])?.text(0)?.components(
                    separatedBy: " WHERE "
                ).last)
            let sql = "SELECT id, notes FROM \(table) WHERE (\(condition)) AND \(group)"
            let plan = try db.queryPlan(sql)
            #expect(plan.contains { $0.contains("INDEX \(index)") }, "\(sql): \(plan)")
        }
    }

    @Test("the digest's recent reports and volunteers' answers are found by their time, never by reading them all")
    func recentActivityUsesTimeIndexes() async throws {
        let dir = TemporaryDirectory()
        let (_, path) = try await migratedStore(in: dir)
        let db = try SQLiteConnection(path: path)
        // Every group's condition: the network at once, a later group, the first group (which also reads rows of no
        // usable AMAP).
        for group in [AmapGroup.all, AmapGroup(ids: [1, 2], isFirst: false), AmapGroup(ids: [1], isFirst: true)] {
            let condition = group.condition("amap_id").sql
            for (sql, table, index) in [
                (ScheduleReader.recentReports(condition), "facteur_report", "facteur_report_last_seen"),
                (ScheduleReader.recentDutyAnswers(condition), "facteur_duty_answer", "facteur_duty_answer_at"),
            ] {
                let plan = try db.queryPlan(sql)
                #expect(plan.contains { $0.contains("INDEX \(index) (") }, "\(group): \(plan)")
                #expect(!plan.contains { $0.hasPrefix("SCAN \(table)") }, "\(group): \(plan)")
            }
        }
    }

    @Test("the network's balances read the order lines in their table's order, each window by its id")
    func balancesReadLinesInOrder() async throws {
        let dir = TemporaryDirectory()
        let (_, path) = try await migratedStore(in: dir)
        let db = try SQLiteConnection(path: path)
        // (The pairs beyond exact sums were already read so; `CROSS JOIN` keeps it whatever SQLite's rules become.)
        for sql in [
            BalanceQuery.with + " SELECT member_id FROM facteur_balance WHERE balance_cents < 0",
            BalanceQuery.inexactPairs,
        ] {
            let plan = try db.queryPlan(sql)
            #expect(plan.contains { $0.hasPrefix("SCAN l") }, "\(plan)")
            #expect(plan.contains { $0.hasPrefix("SEARCH w USING INTEGER PRIMARY KEY") }, "\(plan)")
            #expect(!plan.contains { $0.contains("order_line_window") }, "\(plan)")
        }
    }

    @Test("account notices planned without their orders, then completed, equal those planned with them")
    func deferredAccountHistories() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        // Contract 1 has ended (its statements are due on 1 December at 10:00), contract 2 runs on; both members
        // owe on contract 1, Camille on contract 2 too. Contract 3's orders are nobody's debt: never read.
        try SQLiteConnection(path: path).execute(
            """
            INSERT INTO amap (id, name, email, timezone) VALUES (1, 'A', 'a@x.org', 'Europe/Paris');
            INSERT INTO producer (id, name) VALUES (1, 'P');
            INSERT INTO member (id, amap_id, name, email) VALUES (1, 1, 'Camille', 'c@x.org'), (2, 1, 'Hélène', 'h@x.org');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (1, 1, 1, 'Légumes', '2026-06-01', '2026-11-28'), (2, 1, 1, 'Pain', '2026-01-01', '2027-06-30'),
              (3, 1, 1, 'Œufs', '2026-01-01', '2027-06-30');
            INSERT INTO subscription VALUES (1, 1), (2, 1), (1, 2), (2, 3);
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES
              (1, 1, '2026-10-01 08:00', '2026-10-03 20:00'), (2, 2, '2026-10-01 08:00', '2026-10-03 20:00'),
              (3, 3, '2026-10-01 08:00', '2026-10-03 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (1, 1, 'Panier', 2, 1500), (1, 2, 'Panier', 1, 1500), (2, 1, 'Pain', 3, 450), (3, 2, 'Œufs', 1, 300);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES
              (1, 1, 1000, '2026-09-01'), (1, 2, 500, '2026-09-01'), (2, 3, 300, '2026-09-01');
            """)
        let paris = TimeZone(identifier: "Europe/Paris")!
        let now = Date(timeIntervalSince1970: 1_796_115_600)  // 2026-12-01 10:00 in Paris
        try await store.write { db in try db.refreshDebts(thresholdCents: 0, now: now, timeZone: paris) }
        let (whole, deferred) = try await store.read { db in
            (
                try db.readSchedule(
                    from: now, to: now.addingTimeInterval(86_400), defaultTimeZone: paris, balancesAt: now),
                try db.readSchedule(
                    from: now, to: now.addingTimeInterval(86_400), defaultTimeZone: paris, balancesAt: now,
                    defersAccountHistories: true)
            )
        }
        #expect(deferred.accountHistories == [] && deferred.contractLines.isEmpty && whole.accountHistories == nil)
        let planner = Planner(settings: NoticeSettings())
        let expected = planner.plan(whole, memory: PlannerMemory(), now: now)
        var planned = planner.plan(deferred, memory: PlannerMemory(), now: now)
        let accounts = expected.notices.compactMap { notice -> AccountNotice? in
            if case .account(let account) = notice.content { return account }
            return nil
        }
        #expect(accounts.count == 5, "\(expected.notices.map(\.key))")  // 3 debts, 2 statements
        #expect(accounts.allSatisfy { $0.isComplete && !$0.windows.isEmpty })
        #expect(planned.incompleteAccountContracts == [1, 2])
        #expect(planned.notices.map(\.key) == expected.notices.map(\.key))
        #expect(planned.notices != expected.notices)
        let incomplete = planned.incompleteAccountContracts
        let completed = try await store.read { db in
            try db.readAccountHistories(contracts: incomplete, into: deferred, balancesAt: now, defaultTimeZone: paris)
        }
        #expect(completed.accountHistories == [1, 2] && completed.contractLines[3] == nil)
        var completedPass = planned
        completedPass.completeAccounts(from: completed)
        #expect(completedPass.notices == expected.notices)
        #expect(completedPass.incompleteAccountContracts.isEmpty)
        // Orders and payments come from the one read that completes them: a payment recorded since the schedule
        // was read is in the balance, never half of it.
        try SQLiteConnection(path: path).execute("UPDATE payment SET amount_cents = 600 WHERE contract_id = 2")
        let later = try await store.read { db in
            try db.readAccountHistories(contracts: incomplete, into: deferred, balancesAt: now, defaultTimeZone: paris)
        }
        planned.completeAccounts(from: later)
        let camille = planned.notices.compactMap { notice -> AccountNotice? in
            guard case .account(let account) = notice.content, account.contractID == 2 else { return nil }
            return account
        }
        #expect(camille.map(\.paid) == [Money(cents: 600)] && camille.map(\.ordered) == [Money(cents: 1350)])
    }

    @Test("the network's activity read once gives each group what reading it per group gives, failures in order")
    func sameAsPerGroup() async throws {
        let dir = TemporaryDirectory()
        let (store, path) = try await migratedStore(in: dir)
        let now = 1_796_000_000
        var sql = ""
        for a in 1...3 {
            sql +=
                "INSERT INTO amap (id, name, email, timezone) VALUES (\(a), 'A\(a)', 'a\(a)@x.org', 'Europe/Paris');\n"
        }
        // Sent and expired messages (several in one second), failures, an old one, a queued one, one of no AMAP.
        let rows: [(Int?, String, String, Int)] = [
            (1, "announcement", "sent", now - 100), (1, "announcement", "sent", now - 100),
            (1, "announcement", "sent", now - 90), (1, "order_reminder", "expired", now - 80),
            (1, "announcement", "failed", now - 70), (2, "announcement", "sent", now - 60),
            (2, "digest", "quarantined", now - 50), (2, "announcement", "failed", now - 50),
            (3, "announcement", "sent", now - 5 * 86_400), (3, "announcement", "queued", now - 10),
            (nil, "announcement", "sent", now - 10),
        ]
        for (n, row) in rows.enumerated() {
            sql += """
                INSERT INTO facteur_outbox (key, kind, amap_id, recipient, recipient_name, message_id, state, timezone,
                  due_at, late_until, next_attempt_at, created_at, updated_at, smtp_code, last_error, topic)
                VALUES ('\(row.1)/d\(n)/m\(n)', '\(row.1)', \(row.0.map(String.init) ?? "NULL"), 'm\(n)@x.org', 'M\(n)',
                  'id\(n)@x.org', '\(row.2)', 'Europe/Paris', 0, 0, 0, 0, \(row.3), 550,
                  '\(row.2 == "expired" ? LateCause.seenLate.reason : "refusé \(n)")', 'd\(n % 2)');

                """
        }
        // Withdrawn with its distribution, or with a forgotten member (whose rows' reasons become « forgotten »):
        // expired, but not for being late.
        for (n, reason) in ["withdrawn before sending: the distribution was cancelled or deleted", "forgotten"]
            .enumerated()
        {
            sql += """
                INSERT INTO facteur_outbox (key, kind, amap_id, recipient, message_id, state, timezone, due_at,
                  late_until, next_attempt_at, created_at, updated_at, last_error, topic)
                VALUES ('announcement/d99/m9\(n)', 'announcement', 3, 'm99@x.org', '', 'expired', 'Europe/Paris', 0, 0,
                  0, 0, \(now - 20), '\(reason)', 'd9');

                """
        }
        try SQLiteConnection(path: path).execute(sql)
        let since = Date(timeIntervalSince1970: TimeInterval(now - 2 * 86_400))
        let window = (
            Date(timeIntervalSince1970: TimeInterval(now)), Date(timeIntervalSince1970: TimeInterval(now + 86_400))
        )
        let network = try await store.read { db in try db.networkActivity(since: since) }
        var total = 0
        for group in [AmapGroup(ids: [1], isFirst: true), AmapGroup(ids: [2, 3], isFirst: false)] {
            let (own, shared) = try await store.read { db in
                (
                    try db.readSchedule(
                        from: window.0, to: window.1, defaultTimeZone: .current, activitySince: since, group: group),
                    try db.readSchedule(
                        from: window.0, to: window.1, defaultTimeZone: .current, activitySince: since, group: group,
                        networkActivity: network)
                )
            }
            #expect(Self.digestView(own) == Self.digestView(shared), "\(group)")
            total += shared.activity.reduce(0) { $0 + $1.count }
        }
        #expect(total == 10)  // two days, the AMAPs' own, not queued
        let whole = try await store.read { db in
            try db.readSchedule(from: window.0, to: window.1, defaultTimeZone: .current, activitySince: since)
        }
        // Those given up keep their subject, for the digest to name; sent ones are counted whatever theirs.
        #expect(
            whole.activity.filter { $0.state == "expired" }.map {
                "\($0.kind) \($0.topic ?? "-") \($0.late.map { "\($0)" } ?? "-") ×\($0.count)"
            }.sorted() == ["announcement - - ×2", "order_reminder d1 seenLate ×1"])
        #expect(whole.activity.filter { $0.state == "sent" }.allSatisfy { $0.topic == nil && $0.late == nil })
        #expect(whole.activity.first { $0.state == "sent" && $0.amapID == 1 && $0.count == 2 } != nil)
        #expect(
            Self.digestView(whole).filter { $0.contains("refusé") } == [
                "1 m4@x.org M4 550 refusé 4", "2 m6@x.org M6 550 refusé 6", "2 m7@x.org M7 550 refusé 7",
            ])
    }
}
