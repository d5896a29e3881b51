import Foundation
import TestSupport
import Testing

/// RGPD: `facteur forget` and `retention.days`, checked in the bytes of the database file itself.
@Suite struct PrivacyTests {
    func fileMentions(_ h: Harness, _ text: String) throws -> Bool {
        let needle = Data(text.utf8)
        for suffix in ["", "-wal"] {
            guard let data = FileManager.default.contents(atPath: h.databasePath + suffix) else { continue }
            if data.range(of: needle) != nil { return true }
        }
        return false
    }

    @Test("forget leaves no trace of the member's address or name in the database file, and keeps the counts")
    func forget() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedRelay(keepDistribution: true)
        // Camille writes to the producer through the relay: her address ends up in Julie's Reply-To.
        let relayed = try h.relayReceive(
            RelayFixtures.plain(from: "Camille Dupont <camille@example.net>", subject: "Panier", id: "q1@example.net"))
        #expect(relayed.status == 0, "\(relayed.stderr)")
        #expect(try h.once("2026-11-24 18:30").status == 0)
        // A second distribution whose announcement falls in quiet hours stays queued.
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (43, 1, '2026-11-26 22:00', '2026-11-26 23:00', 'Préau');
            INSERT INTO delivery VALUES (43, 1, NULL);
            """)
        #expect(try h.once("2026-11-24 22:00").status == 0)
        #expect(try h.states()["announcement/d43/m1"] == "queued")
        let before = try h.rows("SELECT COUNT(*) FROM facteur_outbox")[0].int(0)
        #expect(try fileMentions(h, "camille@example.net"))
        // The management tool deletes her row, as it should; Facteur then forgets what it kept.
        try h.sql("DELETE FROM subscription WHERE member_id = 1; DELETE FROM member WHERE id = 1;")
        let result = try h.facteur("forget", "--member", "1", "--now", "2026-11-24 22:05")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("member 1 forgotten"))
        for trace in ["camille@example.net", "Camille Dupont", "Camille"] {
            #expect(try !fileMentions(h, trace), "\(trace) is still in the database file")
        }
        let after = try h.rows("SELECT COUNT(*) FROM facteur_outbox")[0].int(0)
        #expect(after == before)
        #expect(try h.states()["announcement/d43/m1"] == "expired")
        #expect(try h.states()["announcement/d42/m1"] == "sent")
        #expect(try h.states()["announcement/d42/m2"] == "sent")
        // Other members' copies are untouched.
        #expect(try h.rows("SELECT has_body FROM facteur_outbox WHERE key = 'announcement/d42/m2'")[0].int(0) == 1)
        #expect(try h.facteur("status", "--now", "2026-11-24 22:05").status == 0)
        #expect(try h.facteur("forget", "--member", "99").status == 66)
        #expect(try h.facteur("forget").status == 64)
    }

    /// A row deleted by hand (the sqlite3 shell does not cascade) leaves its body behind, the member's greeting and
    /// address in it: no row points to it, so only a search of every body finds it.
    @Test("forget removes the bodies left behind by outbox rows deleted outside Facteur")
    func forgetOrphanBody() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        #expect(try h.once("2026-11-24 18:30").status == 0)
        // Another announcement to her, queued in quiet hours: Facteur still knows her by that row.
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (43, 1, '2026-11-26 22:00', '2026-11-26 23:00', 'Préau');
            INSERT INTO delivery VALUES (43, 1, NULL);
            """)
        #expect(try h.once("2026-11-24 22:00").status == 0)
        try h.sql("DELETE FROM facteur_outbox WHERE key = 'announcement/d42/m1'")
        #expect(
            try h.rows(
                "SELECT COUNT(*) FROM facteur_outbox_body WHERE outbox_id NOT IN (SELECT id FROM facteur_outbox)")[0]
                .int(0) == 1)
        try h.sql("DELETE FROM subscription WHERE member_id = 1; DELETE FROM member WHERE id = 1;")
        let result = try h.facteur("forget", "--member", "1", "--now", "2026-11-24 22:05")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("note: 1 message body left by outbox rows deleted outside Facteur removed"))
        for trace in ["camille@example.net", "Camille Dupont"] {
            #expect(try !fileMentions(h, trace), "\(trace) is still in the database file")
        }
        #expect(try h.rows("SELECT has_body FROM facteur_outbox WHERE key = 'announcement/d42/m2'")[0].int(0) == 1)
    }

    @Test(
        "forget a volunteer named in a distribution's text: the base naming them goes, the copies still queued are kept whole and sent as rendered"
    )
    func forgetVolunteerInBase() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        // Announced in quiet hours: the announcements stay queued, stored against one base that names Camille on duty.
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (43, 1, '2026-11-26 22:00', '2026-11-26 23:00', 'Préau');
            INSERT INTO delivery VALUES (43, 1, NULL), (43, 2, NULL);
            INSERT INTO duty VALUES (43, 1, 'permanence');
            """)
        #expect(try h.once("2026-11-24 22:00").status == 0)
        #expect(try h.states()["announcement/d43/m2"] == "queued")
        let stored = try h.rows(
            """
            SELECT COUNT(*) FROM facteur_outbox_body b JOIN facteur_outbox o ON o.id = b.outbox_id
            WHERE o.key LIKE 'announcement/d43/%' AND b.base_id IS NOT NULL
            """)[0].int(0)
        #expect(stored == 3)
        #expect(
            try h.rows("SELECT COUNT(*) FROM facteur_outbox_base WHERE instr(body, 'Camille Dupont') > 0")[0].int(0)
                == 1)
        try h.sql(
            "DELETE FROM duty WHERE member_id = 1; DELETE FROM subscription WHERE member_id = 1; DELETE FROM member WHERE id = 1;"
        )
        #expect(try h.facteur("forget", "--member", "1", "--now", "2026-11-24 22:05").status == 0)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_outbox_base WHERE instr(body, 'Camille') > 0")[0].int(0) == 0)
        #expect(try h.states()["announcement/d43/m1"] == "expired")
        let kept = try h.rows(
            """
            SELECT COUNT(*) FROM facteur_outbox_body b JOIN facteur_outbox o ON o.id = b.outbox_id
            WHERE o.key IN ('announcement/d43/m2', 'announcement/d43/m3') AND b.base_id IS NULL
            """)[0].int(0)
        #expect(kept == 2)
        // After the quiet hours they go out as they were rendered: no row is set aside, each names the volunteer
        // and greets its own member.
        #expect(try h.once("2026-11-25 08:00").status == 0)
        #expect(try h.states()["announcement/d43/m2"] == "sent")
        #expect(try h.states()["announcement/d43/m3"] == "sent")
        let messages = server.messages.filter { $0.contains("announcement.d43") }
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.contains("Camille Dupont") })
        #expect(messages.contains { $0.contains("helene@example.net") && $0.contains("Bonjour H=C3=A9l=C3=A8ne") })
        #expect(messages.contains { $0.contains("jerome@example.net") && $0.contains("Bonjour J=C3=A9r=C3=B4me") })
    }

    @Test("retention.days purges the bodies of delivered messages, keeps rows and recent copies")
    func retention() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: "\"retention\": {\"days\": 30},")
        #expect(try h.once("2026-11-24 18:30").status == 0)
        func kept() throws -> Int {
            try h.rows(
                "SELECT COUNT(*) FROM facteur_outbox o JOIN facteur_outbox_body b ON b.outbox_id = o.id WHERE o.state = 'sent'"
            )[0].int(0) ?? -1
        }
        #expect(try kept() == 3)
        #expect(try h.once("2026-12-20 10:00").status == 0)
        #expect(try kept() == 3)
        let late = try h.once("2027-01-05 10:00")
        #expect(late.status == 0)
        #expect(try kept() == 0)
        #expect(late.stderr.contains("retention-purge"))
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_outbox WHERE state = 'sent'")[0].int(0) == 3)
    }
}
