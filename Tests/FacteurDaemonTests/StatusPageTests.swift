import Foundation
import TestSupport
import Testing

/// `facteur status --html`: the coordinator's overview as one page.
@Suite struct StatusPageTests {
    @Test("a notice the server deferred (4xx) shows « nouvel essai à … », not « prêt »")
    func retryShown() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(
            directory: mail.url, arguments: ["--reply", "jerome@example.net=451 4.3.0 Try again later"])
        let h = try Harness(smtpURL: server.url)
        try h.seedRelay(keepDistribution: true)
        #expect(try h.once("2026-11-24 18:30").status == 0)
        #expect(try h.states()["announcement/d42/m3"] == "queued")
        let file = h.dir.path("etat.html")
        let result = try h.facteur("status", "--html", file, "--now", "2026-11-24 18:31")
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.range(of: #"nouvel essai à \d{1,2}h\d{2}"#, options: .regularExpression) != nil, "\(page)")
    }

    @Test("the page shows failures with the server's reply, held messages, negative balances and the coming notices")
    func overview() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(
            directory: mail.url, arguments: ["--reply", "jerome@example.net=550 5.1.1 <jerome@example.net>: User unknown"])
        let h = try Harness(smtpURL: server.url)
        try h.seedRelay(keepDistribution: true)
        try h.sql(
            """
            INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES (2, 1, -1250, '2026-11-20');
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (43, 1, '2026-12-03 18:30', '2026-12-03 20:00', 'Salle des fêtes');
            INSERT INTO delivery VALUES (43, 1, NULL);
            """)
        #expect(try h.once("2026-11-24 18:30").status == 0)
        let held = try h.relayReceive(
            RelayFixtures.plain(from: "Inconnu <promo@example.com>", subject: "Offre <spéciale>", id: "p1@example.com"),
            now: "2026-11-24 18:32")
        #expect(held.status == 0)
        let file = h.dir.path("etat.html")
        let result = try h.facteur("status", "--html", file, "--now", "2026-11-24 18:35")
        #expect(result.status == 0, "\(result.stderr)")
        let page = try String(contentsOfFile: file, encoding: .utf8)
        #expect(page.contains("<td>Jérôme Nguyen<br><span class=\"muted\">jerome@example.net</span></td>"))
        #expect(page.contains("550 5.1.1 &lt;jerome@example.net&gt;: User unknown"))
        #expect(page.contains("Offre &lt;spéciale&gt;"))  // escaped, never markup
        #expect(page.contains("facteur relay approve 1"))
        #expect(page.contains("Hélène Bérard") && page.contains("−12,50"))
        #expect(page.contains("Annonce de distribution · distribution du jeudi 3 décembre 2026 à 18h30, Salle des fêtes"))
        #expect(page.contains("<b>3</b>envoyés") || page.contains("<b>2</b>envoyés"))
        // A failure Facteur itself recorded is said in the coordinator's language, its state in the singular.
        try h.sql(
            "UPDATE facteur_outbox SET state = 'expired', smtp_code = NULL, last_error = 'its late-until time passed before it could be sent', updated_at = updated_at + 1 WHERE key = 'announcement/d42/m1'"
        )
        #expect(try h.facteur("status", "--html", file, "--now", "2026-11-24 18:36").status == 0)
        let again = try String(contentsOfFile: file, encoding: .utf8)
        #expect(again.contains("<td>son heure limite est passée avant qu&#39;il puisse partir</td>"), "\(again)")
        #expect(again.contains("(expiré)") && !again.contains("(expirés)"))
        // One output at a time.
        #expect(try h.facteur("status", "--json", "--html", file).status == 64)
    }
}
