import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

/// The SMTP server is down for an hour of `--now` time, then back.
@Suite struct OutageTests {
    @Test("an hour-long outage: pauses double from one minute, nothing lost, late notices expire")
    func outage() throws {
        let mail = TemporaryDirectory()
        let downPort = try FreePort.find()
        let h = try Harness(smtpURL: "smtp://127.0.0.1:\(downPort)")
        try h.seedOrders()
        // An order window that opens at 18:30 and whose order_open is pointless after 18:45.
        try h.sql("UPDATE order_window SET opens_at = '2026-11-24 18:30', closes_at = '2026-11-24 19:45' WHERE id = 5")
        var pauses: [String] = []
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let start = calendar.date(from: DateComponents(year: 2026, month: 11, day: 24, hour: 18, minute: 30))!
        func tick(_ minute: Int) throws -> ProcessOutput {
            let t = start.addingTimeInterval(Double(minute) * 60)
            let c = calendar.dateComponents([.hour, .minute], from: t)
            return try h.once(String(format: "2026-11-24 %02d:%02d", c.hour!, c.minute!))
        }
        var server: SMTPCaptureServer?
        for minute in 0...90 {
            if minute == 60 {
                server = try SMTPCaptureServer(directory: mail.url)
                try h.writeConfig(smtpURL: server!.url)
            }
            let out = try tick(minute)
            if let range = out.stdout.range(of: "sender paused until ") {
                let until = String(out.stdout[range.upperBound...].prefix(20))
                if pauses.last != until { pauses.append(until) }
            }
            if try h.states().values.allSatisfy({ $0 == "sent" || $0 == "expired" }) { break }
        }
        // Attempts at 18:30, 18:31, 18:33, 18:37, 18:45, 19:01 (Paris): each pause twice the one before.
        #expect(
            pauses == [
                "2026-11-24T17:31:00Z", "2026-11-24T17:33:00Z", "2026-11-24T17:37:00Z", "2026-11-24T17:45:00Z",
                "2026-11-24T18:01:00Z", "2026-11-24T18:33:00Z",
            ])
        let states = try h.states()
        #expect(states.filter { $0.key.hasPrefix("announcement/") }.values.allSatisfy { $0 == "sent" })
        #expect(states.filter { $0.key.hasPrefix("order_open/") }.values.allSatisfy { $0 == "expired" })
        #expect(!states.values.contains("queued") && !states.values.contains("failed"))
        #expect(server?.messageFiles.count == 3)
        // The first pauses are reported to coordinators in French; the repeated ones as systemic (the alert).
        let systemic = try h.rows("SELECT detail FROM facteur_report WHERE category = 'systemic'").compactMap {
            $0.text(0)
        }
        #expect(systemic.count == 2, "\(systemic)")
        #expect(systemic.contains("serveur d'envoi injoignable : nouvel essai automatique"))
        // curl says how long each refused connection took; the report does not, so one cause is one line.
        #expect(!systemic.contains { $0.contains(" ms") }, "\(systemic)")
        // The next morning's digest tells the outage once, in the past, with the server's words.
        _ = try h.once("2026-11-25 08:00")
        let capture = try #require(server)
        let digests = try received(capture, kind: "digest").compactMap {
            $0.text?.replacingOccurrences(of: "\r\n", with: "\n")
        }
        let lines = digests.flatMap { $0.split(whereSeparator: \.isNewline) }.filter { $0.hasPrefix("ENVOI SUSPENDU") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("ENVOI SUSPENDU : le serveur d'envoi a été injoignable ;") == true, "\(lines)")
        #expect(lines.first?.contains("Détail technique : SMTP server unreachable") == true, "\(lines)")
        // And what was given up, with the window's close, so that the coordinator can pass it on.
        let missed = states.filter { $0.key.hasPrefix("order_open/") }.count
        #expect(missed > 0)
        #expect(
            digests.contains {
                $0.contains(
                    """
                    Messages abandonnés, trop tard pour être envoyés :
                      - Ouverture des commandes, Pain (clôture le mardi 24 novembre 2026 à 19h45) : \(missed) destinataires

                    """)
            }, "\(digests)")
    }

    @Test("notices seen only too late (Facteur stopped, or a row written late) are named when a digest is written")
    func stoppedOverADistribution() throws {
        for hasNews in [false, true] {
            let mail = TemporaryDirectory()
            let server = try SMTPCaptureServer(directory: mail.url)
            let h = try Harness(smtpURL: server.url)
            try h.sql("UPDATE contract SET coordinator_id = 3 WHERE id = 1")
            // Something else to report: a row another tool wrote wrong.
            if hasNews {
                try h.sql(
                    "INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES (43, 1, 'bientôt', 'x', 'Préau')"
                )
            }
            // Started again at 17:00 on the day: the announcements' late-until (16:30) has passed.
            _ = try h.once("2026-11-26 17:00")
            #expect(try h.states().filter { $0.key.hasPrefix("announcement/") }.values.allSatisfy { $0 == "expired" })
            #expect(server.messageFiles.isEmpty)
            _ = try h.once("2026-11-27 08:00")
            let digests = try received(server, kind: "digest")
            // Alone they are no reason to write: the planner cannot tell a stop from a member who joined late.
            guard hasNews else {
                #expect(digests.isEmpty)
                continue
            }
            #expect(digests.count == 1)
            #expect(digests.first?.header("To")?.contains("jerome@example.net") == true)
            let text = try #require(digests.first?.text?.replacingOccurrences(of: "\r\n", with: "\n"))
            #expect(
                text.contains(
                    "\n  - Annonce de distribution du jeudi 26 novembre 2026 à 18h30, Préau de l'école : 3 destinataires\n"
                ),
                "\(text)")
        }
    }

    /// A pass recorded on Monday, none until Thursday 17:00: the announcements fell due while no Facteur ran, which
    /// is news for the coordinators even with nothing else to report (the test above, with no pass recorded, is a
    /// new installation: no digest).
    @Test("a Facteur stopped over a distribution tells the coordinators in the next digest, with nothing else to say")
    func stoppedTellsCoordinators() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("UPDATE contract SET coordinator_id = 3 WHERE id = 1")
        _ = try h.once("2026-11-23 10:00")
        #expect(server.messageFiles.isEmpty)
        _ = try h.once("2026-11-26 17:00")
        let reasons = try h.rows("SELECT last_error FROM facteur_outbox WHERE key LIKE 'announcement/%'").map {
            $0.text(0)
        }
        #expect(reasons.count == 3 && reasons.allSatisfy { $0 == LateCause.notRunning.reason }, "\(reasons)")
        _ = try h.once("2026-11-27 08:00")
        let digests = try received(server, kind: "digest")
        #expect(digests.count == 1)
        #expect(digests.first?.header("To")?.contains("jerome@example.net") == true)
        let text = try #require(digests.first?.text?.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(
            text.contains(
                "\n  - Annonce de distribution du jeudi 26 novembre 2026 à 18h30, Préau de l'école : 3 destinataires\n"),
            "\(text)")
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("(Facteur ne tournait pas quand certains devaient partir : prévenez la personne"))
        #expect(digests.first?.html?.contains("Facteur ne tournait pas") == true)
    }

    /// Facteur ran all along; a member written in after the announcements' late-until gets none, and that is no
    /// reason to write to the coordinators.
    @Test("a member written in too late, while Facteur ran: given up as written late, no digest for it")
    func writtenLateWhileRunning() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("UPDATE contract SET coordinator_id = 3 WHERE id = 1")
        _ = try h.once("2026-11-26 12:00")
        #expect(try received(server, kind: "announcement").count == 3)
        // A replay of an earlier time does not wind the record back (it would make Tuesday look like a stop).
        _ = try h.once("2026-11-20 10:00")
        try h.sql(
            """
            INSERT INTO member (id, amap_id, name, email) VALUES (4, 1, 'Dominique Roux', 'dominique@example.net');
            INSERT INTO subscription VALUES (4, 1);
            """)
        _ = try h.once("2026-11-26 17:00")
        let reason = try h.rows("SELECT last_error FROM facteur_outbox WHERE key = 'announcement/d42/m4'").first?.text(
            0)
        #expect(reason == LateCause.seenLate.reason)
        _ = try h.once("2026-11-27 08:00")
        #expect(try received(server, kind: "digest").isEmpty)
    }

    /// The record of the last pass edited by hand: text, a time before 1970, one far in the future.
    @Test(
        "a last planning pass that is no time is no record; one before the stop still tells; one ahead tells nothing",
        arguments: [("'hier'", false), ("'-5'", true), ("'99999999999999999999'", false), ("'4102444800'", false)])
    func hostilePassRecord(value: String, tells: Bool) throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("UPDATE contract SET coordinator_id = 3 WHERE id = 1")
        _ = try h.once("2026-11-23 10:00")
        try h.sql("UPDATE facteur_meta SET value = \(value) WHERE key = 'last_planning_pass'")
        let result = try h.once("2026-11-26 17:00")
        #expect(result.status == 0, "\(result.stderr.suffix(800))")
        #expect(try h.states().filter { $0.key.hasPrefix("announcement/") }.values.allSatisfy { $0 == "expired" })
        _ = try h.once("2026-11-27 08:00")
        #expect(try received(server, kind: "digest").count == (tells ? 1 : 0))
    }
}
