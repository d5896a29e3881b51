import Foundation
import TestSupport
import Testing

/// DESIGN §2 `producer_sheet`, through `once --now`: Julie delivers to the Lilas (18:30) and to the Moulin
/// (20:00) on Thursday 26 November 2026.
@Suite struct ProducerSheetTests {
    func harness(_ server: SMTPCaptureServer) throws -> Harness {
        let h = try Harness(smtpURL: server.url)
        try h.sql(
            """
            UPDATE producer SET email = 'julie@ferme-du-pre.example.net' WHERE id = 1;
            INSERT INTO amap (id, name, email, timezone) VALUES (2, 'AMAP du Moulin', 'contact@moulin.example.org', 'Europe/Paris');
            INSERT INTO member (id, amap_id, name, email) VALUES (20, 2, 'Anne', 'anne@example.net'), (21, 2, 'Bruno', 'bruno@example.net');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (20, 2, 1, 'Panier légumes', '2026-09-01', '2027-02-28');
            INSERT INTO subscription VALUES (20, 20);
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (60, 2, '2026-11-26 20:00', '2026-11-26 21:00', 'Halle du marché');
            INSERT INTO delivery (distribution_id, contract_id) VALUES (60, 20);
            INSERT INTO order_window (id, contract_id, opens_at, closes_at, distribution_id) VALUES
              (61, 20, '2026-11-20 09:00', '2026-11-24 20:00', 60);
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
              (61, 20, 'Courges', 3, 250);
            """)
        return h
    }

    @Test(
        "one sheet for the whole round, totals first, per distribution below, with a CSV; again when a figure changes")
    func round() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try harness(server)
        // Due when the last window feeding the round has closed (Tuesday 20:00), before the 24-hour lead.
        _ = try h.once("2026-11-24 19:59")
        #expect(try received(server, kind: "producer_sheet").isEmpty)
        _ = try h.once("2026-11-24 20:00")
        var sheets = try received(server, kind: "producer_sheet")
        #expect(sheets.count == 1)
        let sheet = try #require(sheets.first)
        #expect(sheet.header("To") == "Julie Martin <julie@ferme-du-pre.example.net>")
        #expect(sheet.header("Subject") == "Tournée du jeudi 26 novembre 2026 : 2 distributions")
        let text = try #require(sheet.text)
        #expect(text.contains("Paniers : 3"), "\(text)")  // 2 Légumes at the Lilas + 1 Panier légumes at the Moulin
        #expect(text.contains("Courges : 3"))
        #expect(text.contains("18h30 – AMAP des Lilas, Préau de l'école"))
        #expect(text.contains("20h00 – AMAP du Moulin, Halle du marché"))
        #expect(sheet.defects.isEmpty)
        let file = try #require(
            server.messageFiles.first {
                (try? String(contentsOf: $0, encoding: .utf8))?.contains("X-Facteur-Kind: producer_sheet") == true
            })
        let csv = try CSVExtractor.csv(from: file.path)
        #expect(csv.contains("2026-11-26;AMAP du Moulin;Halle du marché;20h00;;Courges;3"), "\(csv)")
        // Only one producer has a round: Éric delivers to one distribution.
        #expect(sheets.allSatisfy { $0.header("To")?.contains("julie") == true })
        // A new subscriber at the Moulin changes a figure: a threaded update, once.
        try h.sql("INSERT INTO subscription VALUES (21, 20)")
        _ = try h.once("2026-11-25 10:00")
        _ = try h.once("2026-11-25 10:05")
        sheets = try received(server, kind: "producer_sheet")
        #expect(sheets.count == 2)
        let update = try #require(sheets.first { $0.header("Subject")?.hasPrefix("Mise à jour") == true })
        #expect(update.text?.contains("Paniers : 4") == true)
        // It says what changed since the sheet the farmer already has.
        let lines = (update.text ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(lines.contains("Ce qui a changé :\n  - paniers : 3 → 4\n"), "\(lines)")
        #expect(update.header("In-Reply-To") != nil)
        // An order edit: the product's total, before and after.
        try h.sql("UPDATE order_line SET quantity = quantity + 2 WHERE product = 'Courges'")
        _ = try h.once("2026-11-25 11:00")
        _ = try h.once("2026-11-25 11:05")
        let third = try received(server, kind: "producer_sheet")
        #expect(third.count == 3)
        #expect(third.contains { $0.text?.contains("  - Courges : 3 → 5") == true }, "\(third.map { $0.text ?? "" })")
        // The Moulin moves its distribution to another place: the farmer gets the sheet again, once, with it.
        try h.sql("UPDATE distribution SET place = 'Salle polyvalente' WHERE id = 60")
        _ = try h.once("2026-11-25 12:00")
        _ = try h.once("2026-11-25 12:05")
        let fourth = try received(server, kind: "producer_sheet")
        #expect(fourth.count == 4)
        #expect(
            fourth.contains { $0.text?.contains("20h00 – AMAP du Moulin, Salle polyvalente") == true },
            "\(fourth.map { $0.text ?? "" })")
        if let out = ProcessInfo.processInfo.environment["FACTEUR_SAVE_PAGES"], let html = update.html {
            try html.write(toFile: out + "/producer-sheet.html", atomically: true, encoding: .utf8)
        }
    }
}
