import FacteurStore
import Foundation
import TestSupport
import Testing

/// negative_balance, statement and digest end to end.
@Suite struct AccountTests {
    @Test("a refund that makes a balance negative warns once, again after 7 days, never once paid back")
    func negativeBalance() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain', 2, 450);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on, method) VALUES (1, 3, 1000, '2026-11-01', 'chèque');
            """)
        _ = try h.once("2026-12-01 10:00")
        #expect(try received(server, kind: "negative_balance").isEmpty)
        try h.sql(
            "INSERT INTO payment (member_id, contract_id, amount_cents, received_on, method) VALUES (1, 3, -350, '2026-12-01', 'remboursement')"
        )
        _ = try h.once("2026-12-01 11:00")
        var notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 1)
        let text = notices.first?.text ?? ""
        #expect(text.contains("est de \u{2212}2,50\u{00A0}€"))
        #expect(text.contains("Pain × 2 à 4,50\u{00A0}€ = 9,00\u{00A0}€"))
        #expect(text.contains("remboursement"))
        #expect(notices.first?.header("To") == "Camille Dupont <camille@example.net>")
        _ = try h.once("2026-12-05 11:00")
        #expect(try received(server, kind: "negative_balance").count == 1)
        _ = try h.once("2026-12-08 11:00")
        notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 2)
        #expect(notices.last?.text?.contains("négatif depuis le mardi 1er décembre 2026") == true)
        try h.sql(
            "INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 3, 250, '2026-12-09')")
        for t in ["2026-12-09 10:00", "2026-12-15 11:00", "2026-12-22 11:00"] { _ = try h.once(t) }
        #expect(try received(server, kind: "negative_balance").count == 2)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_debt")[0].int(0) == 0)
    }

    /// The debts are written while the reader reads the groups and the unusable rows (issue 15): a refresh that
    /// fails is logged, the rest is planned and reported, and the next tick that can write the debt warns.
    @Test("a debt refresh refused by the database is logged; the rest is planned, unusable rows still reported")
    func debtRefreshRefused() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain', 2, 450);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 3, 650, '2026-11-01');
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (2, 3, 'douze', '2026-11-01');
            CREATE TRIGGER refuse_debts BEFORE INSERT ON facteur_debt BEGIN SELECT RAISE(ABORT, 'refused by a test'); END;
            """)
        let refused = try h.once("2026-12-01 11:00")
        #expect(refused.status == 0, "\(refused.stderr.suffix(2000))")
        #expect(refused.stderr.contains("debts-not-refreshed"))
        #expect(refused.stderr.contains("refused by a test"))
        #expect(try received(server, kind: "negative_balance").isEmpty)
        let reported = try h.rows("SELECT detail FROM facteur_report WHERE category = 'bad_row'").compactMap {
            $0.text(0)
        }
        #expect(reported.contains { $0.contains("amount_cents « douze »") }, "\(reported)")
        // The rest was planned: the last distribution's announcements, too late now, are recorded expired.
        let planned = try h.rows("SELECT key FROM facteur_outbox WHERE state = 'expired'").compactMap { $0.text(0) }
        #expect(planned.contains("announcement/d42/m1"), "\(planned)")
        try h.sql("DROP TRIGGER refuse_debts")
        let written = try h.once("2026-12-01 11:10")
        #expect(!written.stderr.contains("debts-not-refreshed"))
        #expect(try received(server, kind: "negative_balance").count == 1)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_debt")[0].int(0) == 1)
    }

    @Test("an order in a window still open is not chased: the balance counts it once the window has closed")
    func openWindowNotChased() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()  // window 5 closes on Wednesday 25 November at 20:00
        try h.sql(
            """
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain', 5, 350);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 3, 0, '2026-11-01');
            """)
        _ = try h.once("2026-11-24 10:00")
        #expect(try received(server, kind: "negative_balance").isEmpty)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_debt")[0].int(0) == 0)
        _ = try h.once("2026-11-25 20:30")
        #expect(try received(server, kind: "negative_balance").count == 1)
    }

    /// A contract's account notices are stored against one base rendered for no one (issue 15: stored whole, they
    /// were most of a week's bytes); what each member reads is their own, and the base holds none of it.
    @Test("account notices stored against a base that holds no member's name, address, orders or payments")
    func accountBase() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (5, 1, 'Pain', 2, 450), (5, 3, 'Pain de seigle', 3, 520);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on, method, reference) VALUES
              (3, 3, 100, '2026-11-02', 'virement', 'VIR-7731');
            """)
        _ = try h.once("2026-12-01 11:00")
        let stored = try h.rows(
            """
            SELECT o.key, b.base_id FROM facteur_outbox o JOIN facteur_outbox_body b ON b.outbox_id = o.id
            WHERE o.kind = 'negative_balance' ORDER BY o.key
            """)
        #expect(
            stored.map { $0.text(0) ?? "" } == [
                "negative_balance/b1-3/e1796119200/n1", "negative_balance/b3-3/e1796119200/n1",
            ])
        let bases = Set(stored.compactMap { $0.int64(1) })
        #expect(bases.count == 1, "both stored against the contract's one base")
        let base = try #require(
            try h.rows("SELECT body FROM facteur_outbox_base WHERE id = \(bases.first ?? -1)").first?.blob(0))
        let text = String(decoding: base, as: UTF8.self)
        for own in [
            "Camille", "camille@", "J=C3=A9r=C3=B4me", "jerome@", "9,00", "15,60", "14,60", "seigle", "virement",
            "VIR-7731", "b1-3", "b3-3", "e1796119200",
        ] {
            #expect(!text.contains(own), "the base holds \(own)")
        }
        let notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 2)
        let camille = notices.first { $0.header("To") == "Camille Dupont <camille@example.net>" }
        #expect(camille?.text?.contains("Pain × 2 à 4,50\u{00A0}€ = 9,00\u{00A0}€") == true)
        let jerome = notices.first { $0.header("To")?.contains("jerome@example.net") == true }
        #expect(jerome?.text?.contains("Pain de seigle × 3 à 5,20\u{00A0}€ = 15,60\u{00A0}€") == true)
        #expect(jerome?.text?.contains("virement VIR-7731") == true, "\(jerome?.text ?? "")")
        #expect(jerome?.text?.contains("est de \u{2212}14,60\u{00A0}€") == true)
    }

    /// The balance that decides counts the orders of closed windows only (decisions.md, "Open windows are not
    /// chased"); the mail showed every order, an open window's too, so its figures were not the ones that decided.
    @Test("a negative balance shows the orders that decided it: not those of a window still open")
    func openWindowNotShown() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (7, 3, '2026-11-30 09:00', '2026-12-09 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (5, 1, 'Pain', 2, 450), (7, 1, 'Brioche', 3, 600);
            """)
        _ = try h.once("2026-12-01 11:00")
        let notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 1)
        let text = notices.first?.text ?? ""
        #expect(text.contains("est de \u{2212}9,00\u{00A0}€ : il manque 9,00\u{00A0}€"), "\(text)")
        #expect(text.contains("Pain × 2 à 4,50\u{00A0}€ = 9,00\u{00A0}€"))
        #expect(!text.contains("Brioche") && !text.contains("18,00") && !text.contains("27,00"), "\(text)")
        #expect(text.contains("Total commandé : 9,00\u{00A0}€"))
        let html = notices.first?.html ?? ""
        #expect(!html.contains("Brioche") && html.contains("9,00"))
        // Once that window has closed, the next notice counts it, and shows it.
        _ = try h.once("2026-12-10 11:00")
        let later = try received(server, kind: "negative_balance")
        #expect(later.count == 2)
        #expect(later.last?.text?.contains("Brioche × 3 à 6,00\u{00A0}€ = 18,00\u{00A0}€") == true)
        #expect(later.last?.text?.contains("Total commandé : 27,00\u{00A0}€") == true, "\(later.last?.text ?? "")")
    }

    /// The balance counts a window by its `closes_at` as written against now's local time; the planner would read
    /// the instant it names, and with an offset the two disagree either way. The database marks the windows with the
    /// balance's own comparison, so the mail shows exactly what the balance counted.
    @Test("a close written with an offset: the mail shows the windows the balance counted, whatever instant it names")
    func closeReadTwoWays() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        // Window 7 closes at 11:30 in Paris but sorts before "2026-12-01 11:00:00": counted. Window 8 closed at
        // 10:30 in Paris but sorts after: not counted, so not shown.
        try h.sql(
            """
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES
              (7, 3, '2026-11-30 09:00', '2026-12-01 10:30Z'), (8, 3, '2026-11-30 09:00', '2026-12-01 11:30+02:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (7, 1, 'Brioche', 3, 600), (8, 1, 'Galette', 1, 500);
            """)
        _ = try h.once("2026-12-01 11:00")
        let notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 1)
        let text = notices.first?.text ?? ""
        #expect(text.contains("est de \u{2212}18,00\u{00A0}€ : il manque 18,00\u{00A0}€"), "\(text)")
        #expect(text.contains("Brioche × 3 à 6,00\u{00A0}€ = 18,00\u{00A0}€"))
        #expect(!text.contains("Galette") && !text.contains("23,00"), "\(text)")
        #expect(notices.first?.html?.contains("Brioche") == true && notices.first?.html?.contains("Galette") == false)
    }

    /// The balance counts a payment whatever its date says; the mail left out one whose date it could not read, so
    /// its figures were not the deciding ones (a refund missing: « 1,00 € » instead of « −2,50 € »).
    @Test("a payment whose date cannot be read is shown and counted, as in the balance; the coordinator is told")
    func unreadablePaymentDate() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain', 2, 450);
            INSERT INTO payment (id, member_id, contract_id, amount_cents, received_on, method) VALUES
              (80, 1, 3, -350, '01/12/2026', 'remboursement'), (81, 1, 3, 1000, '2026-11-01', 'chèque');
            INSERT INTO payment (id, member_id, contract_id, amount_cents, received_on) VALUES (82, 'Camille', 3, 500, '2026-11-02');
            """)
        _ = try h.once("2026-12-01 11:00")
        let notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 1)
        let text = notices.first?.text ?? ""
        #expect(text.contains("est de \u{2212}2,50\u{00A0}€"), "\(text)")
        #expect(text.contains("total payé : 6,50\u{00A0}€"), "\(text)")
        // Dated payments first, then the one whose date could not be read.
        let dated = text.range(of: "dimanche 1er novembre 2026 : 10,00")
        let undated = text.range(of: "date non lisible : \u{2212}3,50\u{00A0}€ (remboursement)")
        #expect(dated != nil && undated != nil && dated!.lowerBound < undated!.lowerBound, "\(text)")
        #expect(notices.first?.html?.contains("date non lisible") == true)
        let found = try h.badRowReports().joined(separator: "\n")
        #expect(found.contains("received_on « 01/12/2026 »"), "\(found)")
        #expect(found.contains("member_id « Camille » : aucun membre utilisable"), "\(found)")
        // Told to the contract's AMAP, not to every coordinator of a network.
        let amaps = try h.rows("SELECT DISTINCT amap_id FROM facteur_report WHERE subject LIKE 'payment%'").map {
            $0.int64(0)
        }
        #expect(amaps == [1], "\(amaps)")
    }

    /// The balance counts a closed window's lines whatever its opening says; the planner cannot read that window,
    /// so the mail would leave its orders out and tell the member « il manque 0,00 € » under a debt of 23 €.
    @Test("a debt whose orders the mail cannot all show is held, and the coordinators are told why")
    func heldWhenFiguresDiffer() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (9, 3, '20/11/2026 09:00', '2026-11-24 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (5, 1, 'Pain', 2, 450), (9, 1, 'Brioche', 5, 500);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 3, 1000, '2026-11-01');
            """)
        // `status` does not foresee what the daemon holds.
        func foreseen() throws -> [String] {
            let out = try h.facteur("status", "--json", "--now", "2026-12-01 11:00")
            let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
            return (object?["foreseen"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        }
        _ = try h.once("2026-12-01 11:00")
        #expect(try received(server, kind: "negative_balance").isEmpty)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_debt").first?.int(0) == 1)
        #expect(try !foreseen().contains { $0.hasPrefix("negative_balance/") })
        // `preview` says why, as the daemon does.
        let preview = try h.facteur("preview", "--now", "2026-12-01 11:00", "--days", "1")
        #expect(preview.stdout.contains("skipped: balance/1/3 : "), "\(preview.stdout)")
        #expect(!preview.stdout.contains("negative_balance/"), "\(preview.stdout)")
        let found = try h.badRowReports().joined(separator: "\n")
        #expect(found.contains("ne font pas son solde"), "\(found)")
        #expect(found.contains("opens_at « 20/11/2026 09:00 »"), "\(found)")
        // Once the window's opening is written as a date, the debt is mailed with every order.
        try h.sql("UPDATE order_window SET opens_at = '2026-11-20 09:00' WHERE id = 9")
        #expect(try foreseen().contains { $0.hasPrefix("negative_balance/") })
        _ = try h.once("2026-12-01 11:05")
        let notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 1)
        #expect(notices.first?.text?.contains("est de \u{2212}24,00\u{00A0}€") == true, "\(notices.first?.text ?? "")")
    }

    /// Another tool's `order_window` with no key on `id`, one id written on two rows: the reader's map of windows
    /// trapped on it; then a closed window's lines were listed once per row, and an open one's notices planned twice.
    @Test("a window id written twice by another tool: read once, and the repeat reported to the coordinators")
    func repeatedWindowID() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql(
            """
            DROP TABLE order_window;
            CREATE TABLE order_window (id INTEGER, contract_id INTEGER NOT NULL, opens_at TEXT NOT NULL,
                closes_at TEXT NOT NULL, distribution_id INTEGER, unavailable TEXT, notes TEXT);
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (4, 1, 1, 'Légumes d''hiver', '2025-10-01', '2026-03-26'), (6, 1, 2, 'Fromages', '2026-01-01', '2026-12-31');
            INSERT INTO subscription VALUES (1, 4), (1, 6), (3, 6);
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES
              (7, 4, '2026-03-01 09:00', '2026-03-03 20:00'), (7, 4, '2026-03-01 09:00', '2026-03-03 20:00'),
              (9, 6, '2026-03-29 09:00', '2026-04-02 20:00'), (9, 6, '2026-03-29 09:30', '2026-04-02 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (7, 1, 'Panier', 2, 1250);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 4, 3000, '2025-10-01');
            """)
        let result = try h.once("2026-03-29T08:00:00Z")
        #expect(result.status == 0, "\(result.stderr.suffix(800))")
        let statements = try received(server, kind: "statement")
        #expect(statements.count == 1)
        let text = statements.first?.text ?? ""
        #expect(text.components(separatedBy: "Panier × 2 à 12,50\u{00A0}€").count == 2, "\(text)")
        #expect(text.contains("Total commandé : 25,00\u{00A0}€"), "\(text)")
        #expect(try received(server, kind: "order_open").count == 2)
        let found = try h.badRowReports()
        for id in [7, 9] {
            #expect(
                found.contains(
                    "order_window/\(id): cet id est aussi celui d'une autre ligne de la table ; seule la première est lue"
                ),
                "\(found)")
        }
    }

    @Test("two contracts, two balances: only the negative one is announced")
    func twoContracts() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (6, 1, '2026-11-01 09:00', '2026-11-03 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (6, 1, 'Panier', 1, 1500), (5, 1, 'Pain', 1, 450);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 1, 1000, '2026-11-01'),
              (1, 3, 500, '2026-11-01');
            """)
        _ = try h.once("2026-12-01 10:00")
        let notices = try received(server, kind: "negative_balance")
        #expect(notices.count == 1)
        #expect(notices.first?.header("Subject") == "Votre solde du contrat Légumes est négatif")
        #expect(notices.first?.text?.contains("\u{2212}5,00\u{00A0}€") == true)
        let balances = try h.rows(
            "SELECT contract_id, balance_cents FROM balance WHERE member_id = 1 ORDER BY contract_id")
        #expect(balances.map { [$0.int64(0)!, $0.int64(1)!] } == [[1, -500], [2, 0], [3, 50]])
    }

    @Test("statement at ends_on + 3 days, 10:00 local, across the daylight-saving weekend")
    func statement() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql(
            """
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (4, 1, 1, 'Légumes d''hiver', '2025-10-01', '2026-03-26');
            INSERT INTO subscription VALUES (1, 4), (2, 4);
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (7, 4, '2026-03-01 09:00', '2026-03-03 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (7, 1, 'Panier', 2, 1250), (7, 2, 'Panier', 1, 1250);
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (1, 4, 3000, '2025-10-01'),
              (2, 4, 1250, '2025-10-01');
            """)
        _ = try h.once("2026-03-29T07:59:00Z")  // 09:59 in Paris, summer time since 02:00
        #expect(try received(server, kind: "statement").isEmpty)
        _ = try h.once("2026-03-29T08:00:00Z")
        let statements = try received(server, kind: "statement")
        #expect(statements.count == 2)
        let camille = try #require(statements.first { $0.header("To")?.contains("camille") == true })
        #expect(camille.text?.contains("Solde final : 5,00\u{00A0}€") == true)
        #expect(camille.text?.contains("avoir de 5,00\u{00A0}€") == true)
        let helene = try #require(statements.first { $0.header("To")?.contains("helene") == true })
        #expect(helene.text?.contains("Votre compte est soldé") == true)
        _ = try h.once("2026-03-30 10:00")
        #expect(try received(server, kind: "statement").count == 2)
    }

    @Test("the digest lists a failed address with the server's reason; nothing to report, no digest")
    func digest() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(
            directory: mail.url, arguments: ["--reply", "jerome@example.net=550 5.1.1 No such user"])
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            "INSERT INTO member (id, amap_id, name, phone) VALUES (5, 1, 'André Petit', '01 23 45 67 89'); INSERT INTO subscription VALUES (5, 1);"
        )
        _ = try h.once("2026-11-24 18:30")
        #expect(try h.states()["announcement/d42/m3"] == "failed")
        _ = try h.once("2026-11-25 07:59")
        #expect(try received(server, kind: "digest").isEmpty)
        _ = try h.once("2026-11-25 08:00")
        let digests = try received(server, kind: "digest")
        #expect(digests.count == 1)
        #expect(digests.first?.header("To") == "Hélène Bérard <helene@example.net>")
        // Who it is, which message in words (its distribution or order window), the server's reply once (not
        // "550 550"), and what to do.
        let text = digests.first?.text ?? ""
        #expect(
            text.contains(
                "<jerome@example.net>, Annonce de distribution du jeudi 26 novembre 2026 à 18h30, Préau de l'école : 550 5.1.1 No such user"
            ), "\(text)")
        #expect(
            text.contains(
                "<jerome@example.net>, Ouverture des commandes, Pain (clôture le mercredi 25 novembre 2026 à 20h00) : 550"
            ),
            "\(text)")
        #expect(text.contains("→ cette adresse n'existe pas : vérifiez-la avec la personne"))
        #expect(!text.contains("550 550") && !text.contains("announcement"))
        #expect(text.contains("André Petit (01 23 45 67 89) : Annonce de distribution du jeudi 26 novembre 2026"))
        // The reminder to the same address failed at 08:00 on the 25th: the next digest says so.
        _ = try h.once("2026-11-26 08:00")
        let next = try received(server, kind: "digest")
        #expect(next.count == 2)
        #expect(next.last?.text?.contains("<jerome@example.net>, Rappel de commande") == true)
        _ = try h.once("2026-11-27 08:00")
        let all = try received(server, kind: "digest")
        #expect(all.count == 2, "\(all.last?.text ?? "")")
    }

    @Test("the third notice in a row for the same debt is flagged to the contract's coordinator")
    func persistentDebt() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            "INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain', 2, 450)"
        )
        for t in ["2026-12-01 11:00", "2026-12-08 11:00", "2026-12-15 11:00", "2026-12-16 08:00"] { _ = try h.once(t) }
        #expect(try received(server, kind: "negative_balance").count == 3)
        let digest = try #require(try received(server, kind: "digest").last)
        #expect(digest.header("To") == "Hélène Bérard <helene@example.net>")
        #expect(
            digest.text?.contains("Camille Dupont, Pain : \u{2212}9,00\u{00A0}€ depuis 15 jours (3e rappel ou plus")
                == true, "\(digest.text ?? "")")
    }
}
