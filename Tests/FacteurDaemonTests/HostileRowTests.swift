import Foundation
import TestSupport
import Testing

/// DESIGN §3 "A row never stops the others": values another tool wrote that Facteur cannot use are
/// skipped and reported, and every other AMAP's mail still goes out. Arithmetic never traps.
@Suite struct HostileRowTests {
    /// AMAP des Lilas (the harness's) plus a second AMAP, Les Tilleuls, whose rows the tests spoil:
    /// member 20 and 21, producer 20, contract 20 (subscriptions of both), distribution 60 at the same
    /// time as 42 with member 21 on duty, window 60 closed, an order line and a payment.
    func harness(_ server: SMTPCaptureServer) throws -> Harness {
        let h = try Harness(smtpURL: server.url)
        try h.sql(
            """
            INSERT INTO amap (id, name, email, timezone, website) VALUES
              (2, 'AMAP des Tilleuls', 'contact@tilleuls.example.org', 'Europe/Paris', 'https://tilleuls.example.org');
            INSERT INTO producer (id, name, farm, email) VALUES (20, 'Paul', 'Ferme', 'paul@ferme.example.net');
            INSERT INTO member (id, amap_id, name, email, phone) VALUES
              (20, 2, 'Anne', 'anne@example.net', '0600000000'), (21, 2, 'Bruno', 'bruno@example.net', NULL);
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id) VALUES
              (20, 2, 20, 'Pommes', '2026-09-01', '2027-02-28', 21);
            INSERT INTO subscription VALUES (20, 20), (21, 20);
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, duty_needed) VALUES
              (60, 2, '2026-11-26 18:30', '2026-11-26 20:00', 'Halle', 1);
            INSERT INTO delivery (distribution_id, contract_id) VALUES (60, 20);
            INSERT INTO duty (distribution_id, member_id, role) VALUES (60, 21, 'accueil');
            INSERT INTO order_window (id, contract_id, opens_at, closes_at, distribution_id) VALUES
              (60, 20, '2026-11-20 09:00', '2026-11-24 12:00', 60);
            INSERT INTO order_line (id, order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (60, 60, 20, 'Reinettes', 2, 350);
            INSERT INTO payment (id, member_id, contract_id, amount_cents, received_on) VALUES
              (60, 20, 20, 5000, '2026-09-01');
            INSERT INTO preference (member_id, kind) VALUES (20, 'relay');
            """)
        return h
    }

    /// The tick ends normally and the Lilas' three announcements went out.
    func expectLilasServed(_ h: Harness, _ result: ProcessOutput, _ context: String) throws {
        #expect(result.status == 0, "\(context): exit \(result.status)\n\(result.stderr.suffix(2000))")
        #expect(!result.stderr.contains("Fatal error"), "\(context)")
        let states = try h.states()
        for m in 1...3 {
            #expect(states["announcement/d42/m\(m)"] == "sent", "\(context): announcement/d42/m\(m) \(states)")
        }
    }

    @Test(
        "overflowing amounts never trap: the row is named, the other AMAPs served",
        arguments: [
            ("order_line quantity 2⁶³−1", "UPDATE order_line SET quantity = 9223372036854775807, unit_price_cents = 2 WHERE id = 60", "quantity « 9223372036854775807 »"),
            ("payment −2⁶³", "UPDATE payment SET amount_cents = -9223372036854775808 WHERE id = 60", "amount_cents « -9223372036854775808 »"),
            ("quantity −1 × price −2⁶³", "UPDATE order_line SET quantity = -1, unit_price_cents = -9223372036854775808 WHERE id = 60", "quantity « -1 »"),
            ("two payments of 2⁶³−1", "UPDATE payment SET amount_cents = 9223372036854775807 WHERE id = 60; INSERT INTO payment (id, member_id, contract_id, amount_cents, received_on) VALUES (61, 20, 20, 9223372036854775807, '2026-09-02')", "amount_cents « 9223372036854775807 »"),
            ("text in amount_cents", "UPDATE payment SET amount_cents = 'abc' WHERE id = 60", "amount_cents « abc »"),
        ])
    func overflow(_ name: String, _ statement: String, _ expected: String) throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql(statement)
        let result = try h.once("2026-11-24 18:30")
        try expectLilasServed(h, result, name)
        let found = try h.badRowReports()
        #expect(found.contains { $0.contains(expected) }, "\(name): \(found)")
        #expect(result.stderr.contains("skipped-row"), "\(name)")
        // No negative-balance mail is computed from a balance Facteur cannot know.
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_outbox WHERE kind = 'negative_balance'")[0].int(0) == 0)
        // Reported again at the next tick that plans, not only the first time.
        try h.sql("UPDATE distribution SET notes = 'bis' WHERE id = 42")
        let again = try h.once("2026-11-24 18:40")
        #expect(again.stderr.contains("skipped-row"), "\(name): not reported at the second tick")
    }

    @Test("flags and counts with text or reals in them are reported, never guessed")
    func unusableFlags() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, cancelled) VALUES
              (61, 2, '2026-11-26 19:00', '2026-11-26 20:00', 'Halle', 'abc');
            UPDATE distribution SET duty_needed = 'beaucoup' WHERE id = 60;
            UPDATE member SET active = 0.5 WHERE id = 20;
            UPDATE member SET active = 'oui' WHERE id = 21;
            """)
        let result = try h.once("2026-11-24 18:30")
        try expectLilasServed(h, result, "flags")
        let found = try h.badRowReports().joined(separator: "\n")
        #expect(found.contains("cancelled « abc » n'est ni 0 ni 1"), "\(found)")
        #expect(found.contains("duty_needed « beaucoup »"), "\(found)")
        #expect(found.contains("active « 0.5 » n'est ni 0 ni 1"), "\(found)")
        #expect(found.contains("active « oui » n'est ni 0 ni 1"), "\(found)")
        // Neither member of the Tilleuls is taken for active: no member notice to them.
        let toThem = try h.rows(
            "SELECT key FROM facteur_outbox WHERE member_id IN (20, 21) AND kind IN ('announcement', 'duty_call', 'order_open', 'order_reminder')"
        ).compactMap { $0.text(0) }
        #expect(toThem.isEmpty, "\(toThem)")
    }

    @Test("impossible and placeholder times are reported at every tick, though no time range selects them")
    func impossibleTimes() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (62, 2, '2026-13-45 99:99', '2026-13-45 99:99', 'Halle'),
              (63, 2, '0000-01-01 00:00', '0000-01-01 02:00', 'Halle'),
              (64, 2, 1795000000, 1795003600, 'Halle'),
              (65, 2, '2026-11-26 25:00', '2026-11-26 26:00', 'Halle');
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (66, 20, '2026-00-10 09:00', '2026-11-24 12:00');
            """)
        let result = try h.once("2026-11-24 18:30")
        try expectLilasServed(h, result, "times")
        let found = try h.badRowReports().joined(separator: "\n")
        for row in ["distribution/62", "distribution/63", "distribution/64", "distribution/65", "order_window/66"] {
            #expect(found.contains(row), "\(row) not reported:\n\(found)")
        }
        #expect(found.contains("starts_at « 2026-13-45 99:99 »"), "\(found)")
        #expect(found.contains("opens_at « 2026-00-10 09:00 »"), "\(found)")
    }

    @Test("a local time the clocks skip is reported (log, status, the digest's reports) and skipped; the day's real times are not")
    func daylightSavingGap() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        // Paris goes from 02:00 to 03:00 on 28 March 2027: 02:30 never happens there.
        try h.sql(
            """
            UPDATE contract SET ends_on = '2027-06-30' WHERE id = 20;
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (67, 2, '2027-03-28 02:30', '2027-03-28 04:00', 'Halle'),
              (68, 2, '2027-03-28 10:00', '2027-03-28 12:00', 'Halle');
            INSERT INTO delivery (distribution_id, contract_id) VALUES (67, 20), (68, 20);
            """)
        let result = try h.once("2027-03-26 12:00")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("skipped-row") && result.stderr.contains("2027-03-28 02:30"), "\(result.stderr)")
        let keys = try h.states().keys
        #expect(keys.contains("announcement/d68/m20") && keys.contains("announcement/d68/m21"), "\(keys.sorted())")
        #expect(!keys.contains { $0.hasPrefix("announcement/d67/") }, "\(keys.sorted())")
        let found = try h.badRowReports().joined(separator: "\n")
        #expect(found.contains("distribution/67: starts_at « 2027-03-28 02:30 »"), "\(found)")
        #expect(found.contains("n'existe pas dans le fuseau Europe/Paris"), "\(found)")
        // `status` names the row and why, in text and JSON (DESIGN §3: log, status, digest).
        let status = try h.facteur("status", "--now", "2027-03-26 12:00")
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("distribution/67") && status.stdout.contains("n'existe pas"), "\(status.stdout)")
        let json = try h.facteur("status", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let skipped = object?["skipped_rows"] as? [[String: Any]] ?? []
        #expect(skipped.contains { $0["row"] as? String == "distribution/67" }, "\(json.stdout)")
    }

    @Test("a skipped row is reported in the configured language: French by default, English with locale en_GB")
    func reportsInTheAmapsLanguage() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql("UPDATE distribution SET place = '  ' WHERE id = 60")
        #expect(try h.once("2026-11-24 18:30").status == 0)
        let french = try h.badRowReports()
        #expect(french.contains("distribution/60: place (le lieu) est vide"), "\(french)")
        h.topConfig = "\"locale\": \"en_GB\","
        try h.writeConfig()
        let english = try h.once("2026-11-24 19:30")
        #expect(english.status == 0, "\(english.stderr)")
        let reported = try h.badRowReports()
        #expect(reported.contains("distribution/60: place is empty"), "\(reported)")
        // The French report of the same row is replaced, not kept beside it until retention.
        #expect(reported.filter { $0.hasPrefix("distribution/60:") }.count == 1, "\(reported)")
        #expect(english.stderr.contains("place is empty"), "\(english.stderr)")
    }

    @Test("a member whose address is unusable still counts on duty: a staffed distribution gets no call")
    func invalidAddressStillOnDuty() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql("UPDATE member SET email = 'bruno@@example' WHERE id = 21; UPDATE member SET email = 'josé@exämple.fr' WHERE id = 20;")
        let result = try h.once("2026-11-22 18:30")  // the duty call for Thursday is due from Sunday
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_outbox WHERE kind = 'duty_call' AND distribution_id = 60")[0].int(0) == 0)
        let found = try h.badRowReports().joined(separator: "\n")
        #expect(found.contains("« bruno@@example » : n'est pas une adresse mail"), "\(found)")
        #expect(found.contains("« josé@exämple.fr » : contient des accents"), "\(found)")
        // The international address never reaches the wire raw.
        _ = try h.once("2026-11-24 18:30")
        #expect(!server.messages.joined().contains("exämple"))
    }

    @Test("a website that is not a web address is never published as a link")
    func scriptWebsite() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql("UPDATE amap SET website = 'javascript:alert(3)' WHERE id = 2")
        let out = TemporaryDirectory()
        let result = try h.facteur("publish", "--out", out.url.path, "--now", "2026-11-24 18:30")
        #expect(result.status == 0, "\(result.stderr)")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: out.url.path).filter { $0.hasSuffix(".html") }
        for page in pages {
            let text = try String(contentsOfFile: out.path(page), encoding: .utf8)
            #expect(!text.contains("javascript:"), "\(page)")
        }
    }

    /// Every published column of the Tilleuls' rows, one kind of hostile value at a time.
    @Test(
        "every published column filled with hostile values: the tick ends without a signal and serves the rest",
        arguments: [
            "9223372036854775807", "-9223372036854775808", "'abc'", "0.5", "1e308", "NULL", "''",
            "'2026-13-45 99:99'", "'0000-01-01 00:00'", "'x' || char(13, 10) || 'Bcc: victim@example.com'",
            "-1",
        ])
    func everyColumn(_ value: String) throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        let targets: [(table: String, columns: [String], rows: String)] = [
            ("amap", ["name", "email", "reply_to", "timezone", "website"], "id = 2"),
            ("member", ["amap_id", "name", "email", "phone", "active"], "amap_id = 2"),
            ("producer", ["name", "farm", "email"], "id = 20"),
            ("contract", ["amap_id", "producer_id", "name", "starts_on", "ends_on", "coordinator_id", "relay_address", "order_url"], "id = 20"),
            ("subscription", ["member_id", "contract_id"], "contract_id = 20"),
            ("distribution", ["amap_id", "starts_at", "ends_at", "place", "notes", "cancelled", "duty_needed"], "id = 60"),
            ("delivery", ["distribution_id", "contract_id", "notes"], "distribution_id = 60"),
            ("duty", ["distribution_id", "member_id", "role"], "distribution_id = 60"),
            ("order_window", ["contract_id", "opens_at", "closes_at", "distribution_id", "unavailable", "notes"], "id = 60"),
            ("order_line", ["order_window_id", "member_id", "product", "quantity", "unit_price_cents"], "id = 60"),
            ("payment", ["member_id", "contract_id", "amount_cents", "received_on", "method", "reference"], "id = 60"),
            ("preference", ["member_id", "kind"], "member_id = 20"),
        ]
        var statements: [String] = []
        for target in targets {
            let rowids = try h.rows("SELECT rowid FROM \(target.table) WHERE \(target.rows)").compactMap { $0.int64(0) }
            let list = rowids.map(String.init).joined(separator: ",")
            for column in target.columns {
                // OR IGNORE: a NOT NULL column keeps its value where SQLite refuses NULL.
                statements.append("UPDATE OR IGNORE \(target.table) SET \(column) = \(value) WHERE rowid IN (\(list));")
            }
        }
        try h.sql(statements.joined(separator: "\n"))
        let result = try h.once("2026-11-24 18:30")
        try expectLilasServed(h, result, "value \(value)")
        // Nothing from a spoiled row reached a header.
        #expect(!server.messages.joined().contains("\r\nBcc: victim"), "value \(value)")
        // And the next ticks (digest morning, statement time after the contracts end) survive them too.
        for now in ["2026-11-25 08:00", "2027-03-03 10:00"] {
            let later = try h.once(now)
            #expect(later.status == 0, "value \(value) at \(now): exit \(later.status)\n\(later.stderr.suffix(1500))")
        }
    }

    @Test("sums beyond exact counting, signed clock fields, placeholder dates and unreadable opt-outs are reported")
    func subtleValues() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        try h.sql(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents)
              SELECT 60, 20, 'Or', 1000000, 100000000 FROM n;
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 1, -500, '2026-11-01');
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (70, 2, '2026-11-26 -1:30', '2026-11-26 20:00', 'Halle');
            INSERT INTO payment (id, member_id, contract_id, amount_cents, received_on) VALUES (71, 1, 1, 100, '0000-02-29');
            INSERT INTO preference VALUES (3, 'Announcement');
            UPDATE duty SET member_id = 'Bruno' WHERE distribution_id = 60;
            UPDATE contract SET producer_id = 'x' || char(10) || 'FORGED line' WHERE id = 20;
            """)
        let result = try h.once("2026-11-22 18:30")
        #expect(result.status == 0, "\(result.stderr.suffix(1500))")
        let found = try h.badRowReports().joined(separator: "\n")
        #expect(found.contains("balance/20/20"), "\(found)")
        #expect(!found.contains("n'ont pas pu être calculés"), "\(found)")
        #expect(found.contains("starts_at « 2026-11-26 -1:30 »"), "\(found)")
        #expect(found.contains("received_on « 0000-02-29 »"), "\(found)")
        #expect(found.contains("kind « Announcement »"), "\(found)")
        #expect(found.contains("member_id « Bruno »"), "\(found)")
        #expect(found.contains("producer_id « x?FORGED line »"), "\(found)")
        // Camille's own debt on the Lilas' contract is still seen.
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_debt WHERE member_id = 1")[0].int(0) == 1)
    }
}
