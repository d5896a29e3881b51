import FacteurStore
import Foundation
import TestSupport
import Testing

/// order_open, order_reminder and order_summary end to end.
@Suite struct OrderTests {
    @Test("order_open at opens_at to subscribers, a late subscriber gets it on the next tick")
    func orderOpen() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        _ = try h.once("2026-11-23 08:59")
        #expect(try received(server, kind: "order_open").isEmpty)
        _ = try h.once("2026-11-23 09:00")
        let opens = try received(server, kind: "order_open")
        #expect(opens.count == 2)
        let text = opens.first?.text ?? ""
        #expect(text.contains("mercredi 25 novembre 2026 à 20h00"))
        #expect(text.contains("Pas disponible cette fois : Pain aux noix"))
        #expect(text.contains("https://lilas.example.org/pain"))
        #expect(opens.first?.header("List-Unsubscribe") != nil)
        try h.sql("INSERT INTO subscription VALUES (2, 3)")
        _ = try h.once("2026-11-24 10:00")
        #expect(try received(server, kind: "order_open").count == 3)
    }

    @Test("order_reminder 24 h before close only to those who have not ordered; ordering after it changes nothing")
    func reminder() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        _ = try h.once("2026-11-23 09:00")
        try h.sql(
            "INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain', 1, 450)"
        )
        _ = try h.once("2026-11-24 19:59")
        #expect(try received(server, kind: "order_reminder").isEmpty)
        _ = try h.once("2026-11-24 20:00")
        let reminders = try received(server, kind: "order_reminder")
        #expect(reminders.map { $0.header("To") ?? "" } == ["Jérôme Nguyen <jerome@example.net>"])
        try h.sql(
            "INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 3, 'Pain', 2, 450)"
        )
        _ = try h.once("2026-11-25 10:00")
        #expect(try received(server, kind: "order_reminder").count == 1)
    }

    @Test("a window shorter than the reminder lead gets no reminder")
    func shortWindow() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql("UPDATE order_window SET opens_at = '2026-11-25 09:00' WHERE id = 5")
        for t in ["2026-11-25 09:00", "2026-11-25 12:00", "2026-11-25 19:00"] { _ = try h.once(t) }
        #expect(try received(server, kind: "order_reminder").isEmpty)
        #expect(try received(server, kind: "order_open").count == 2)
    }

    @Test("moving closes_at after the reminder and summary re-arms both, once each")
    func movedClose() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        for t in ["2026-11-23 09:00", "2026-11-24 20:00", "2026-11-25 20:00", "2026-11-25 20:05"] { _ = try h.once(t) }
        #expect(try received(server, kind: "order_reminder").count == 2)
        #expect(try received(server, kind: "order_summary").count == 2)  // producer and coordinator
        try h.sql("UPDATE order_window SET closes_at = '2026-11-27 20:00' WHERE id = 5")
        for t in ["2026-11-26 09:00", "2026-11-26 20:00", "2026-11-26 21:00", "2026-11-27 20:00", "2026-11-28 09:00"] {
            _ = try h.once(t)
        }
        #expect(try received(server, kind: "order_reminder").count == 4)
        #expect(try received(server, kind: "order_summary").count == 4)
    }

    @Test("the summary goes to the producer and the coordinator; its CSV parses back with the right totals")
    func summary() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO member (id, amap_id, name, email, phone) VALUES (4, 1, 'Zoé; "la" Garnier', 'zoe@example.net', '06 00 00 00 00');
            INSERT INTO subscription VALUES (4, 3);
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (5, 1, 'Pain de campagne 1 kg', 2, 450), (5, 3, 'Pain de campagne 1 kg', 1, 450),
              (5, 3, 'Brioche', 3, 333), (5, 4, 'Brioche', 1, 333);
            """)
        _ = try h.once("2026-11-25 20:00")
        let summaries = try received(server, kind: "order_summary")
        #expect(
            Set(summaries.compactMap { $0.header("To") }) == [
                "Fournil Saint-Jean <pain@fournil.example.net>", "Hélène Bérard <helene@example.net>",
            ])
        let producer = try #require(summaries.first { $0.header("To")?.contains("fournil") == true })
        #expect(producer.defects.isEmpty && producer.errors.isEmpty)
        #expect(producer.text?.contains("Total général : 26,82\u{00A0}€") == true)
        #expect(producer.html?.contains("<table") == true)
        let raw = try String(
            contentsOf: server.messageFiles.first {
                (try? String(contentsOf: $0, encoding: .utf8))?.contains("To: \"Fournil") == true
            }!, encoding: .utf8)
        #expect(!raw.contains("camille@example.net") && !raw.contains("06 00 00 00 00"))
        let csv = try CSVExtractor.csv(from: producer.file)
        #expect(csv.hasPrefix("\u{FEFF}Produit;Quantité;Montant (€)\r\n"))
        let rows = csv.dropFirst().split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows.contains("Pain de campagne 1 kg;3;13,50"))
        #expect(rows.contains("Brioche;4;13,32"))
        #expect(rows.contains("Total;;26,82"))
        #expect(rows.contains("\"Zoé; \"\"la\"\" Garnier\";Brioche;1;3,33;3,33"))
    }

    @Test("a formula typed as a product or a name reaches the producer's CSV as text, never as a formula")
    func formulaCells() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        try h.sql(
            """
            INSERT INTO member (id, amap_id, name, email) VALUES (4, 1, '@SOMME(A1)', 'zoe@example.net');
            INSERT INTO subscription VALUES (4, 3);
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (5, 4, '=HYPERLINK("http://evil.example";"clic")', 1, 100), (5, 4, '-1+1|cmd', 2, 100),
              (5, 4, '-5', 1, 100);
            """)
        _ = try h.once("2026-11-25 20:00")
        let producer = try #require(
            try received(server, kind: "order_summary").first { $0.header("To")?.contains("fournil") == true })
        let rows = try CSVExtractor.csv(from: producer.file).split(separator: "\r\n").map(String.init)
        #expect(rows.contains("\"'=HYPERLINK(\"\"http://evil.example\"\";\"\"clic\"\")\";1;1,00"))
        #expect(rows.contains("'-1+1|cmd;2;2,00"))
        #expect(rows.contains("-5;1;1,00"), "a plain number stays a number")
        #expect(rows.contains("'@SOMME(A1);Total;;;4,00"))
        #expect(!rows.contains { $0.hasPrefix("=") || $0.hasPrefix("@") || $0.hasPrefix("\"=") })
    }

    @Test("order mail names its distribution however far away it is; a window without one has a clean subject")
    func farDistribution() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        // The window closes on the 25th; its distribution is three weeks later.
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (90, 1, '2026-12-17 18:30', '2026-12-17 20:00', 'Halle aux grains');
            UPDATE order_window SET distribution_id = 90 WHERE id = 5;
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (6, 3, '2026-11-23 09:00', '2026-11-25 20:00');
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (5, 1, 'Pain de campagne', 2, 450), (6, 3, 'Brioche', 1, 600);
            """)
        _ = try h.once("2026-11-23 09:00")
        let open = try #require(try received(server, kind: "order_open").first)
        #expect(open.text?.contains("Livraison à la distribution du jeudi 17 décembre 2026 à 18h30 (Halle aux grains)") == true, "\(open.text ?? "")")
        // The reminder names it too (DESIGN §2: order_open, order_reminder and order_summary).
        _ = try h.once("2026-11-24 20:00")
        let reminder = try #require(try received(server, kind: "order_reminder").first)
        #expect(reminder.text?.contains("Livraison à la distribution du jeudi 17 décembre 2026 à 18h30 (Halle aux grains)") == true, "\(reminder.text ?? "")")
        #expect(reminder.html?.contains("jeudi 17 décembre 2026") == true)
        _ = try h.once("2026-11-25 20:00")
        let subjects = try received(server, kind: "order_summary").compactMap { $0.header("Subject") }
        // No amount in a subject (spam filters score "€" there); a window without distribution says when it closed.
        #expect(subjects.contains("Commandes Pain pour la distribution du jeudi 17 décembre 2026"), "\(subjects)")
        #expect(subjects.contains { $0.hasPrefix("Commandes Pain closes le mercredi 25 novembre 2026") }, "\(subjects)")
        #expect(!subjects.contains { $0.contains("€") || $0.contains("pour le :") })
    }
}
