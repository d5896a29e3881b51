import FacteurStore
import Foundation
import TestSupport
import Testing

/// `facteur once` end to end: the built binary, a real SQLite file, a real SMTP server on 127.0.0.1.
@Suite struct OnceTests {
    @Test("announcements go out once; running once again sends no duplicate")
    func noDuplicates() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let first = try h.once("2026-11-24 18:30")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(server.messageFiles.count == 3)
        #expect(try h.once("2026-11-24 18:31").status == 0)
        #expect(try h.once("2026-11-25 10:00").status == 0)
        #expect(server.messageFiles.count == 3)
        #expect(try h.states().values.allSatisfy { $0 == "sent" })
        let recipients = try server.messageFiles.map {
            try String(contentsOf: $0.deletingPathExtension().appendingPathExtension("json"), encoding: .utf8)
        }
        #expect(recipients.contains { $0.contains("camille@example.net") })
    }

    @Test("nothing before the lead time; a member subscribed later gets the announcement on the next tick")
    func lateSubscriber() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:29")
        #expect(server.messageFiles.isEmpty)
        _ = try h.once("2026-11-24 18:30")
        try h.sql(
            "INSERT INTO member (id, amap_id, name, email) VALUES (4, 1, 'Zoé', 'zoe@example.net'); INSERT INTO subscription VALUES (4, 1);"
        )
        _ = try h.once("2026-11-24 19:00")
        #expect(server.messageFiles.count == 4)
        #expect(try h.states()["announcement/d42/m4"] == "sent")
    }

    @Test("a start edited after the announcement sends a change threaded to it")
    func changeThreaded() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("UPDATE distribution SET starts_at = '2026-11-26 19:00' WHERE id = 42")
        _ = try h.once("2026-11-24 20:00")
        _ = try h.once("2026-11-24 20:05")
        #expect(server.messageFiles.count == 6)
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        let announcement = parsed.first {
            $0.header("X-Facteur-Kind") == "announcement" && $0.header("To")!.contains("camille")
        }!
        let change = parsed.first { $0.header("X-Facteur-Kind") == "change" && $0.header("To")!.contains("camille") }!
        #expect(change.header("In-Reply-To") == announcement.header("Message-ID"))
        #expect(change.text?.contains("jeudi 26 novembre 2026 à 19h00") == true)
        #expect(change.calendar?.contains("SEQUENCE:1") == true)
        #expect(parsed.allSatisfy { $0.defects.isEmpty && $0.errors.isEmpty })
    }

    @Test("a cancellation after the announcement reaches those announced, with STATUS:CANCELLED")
    func cancellation() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 09:00")
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        let cancellations = parsed.filter { $0.header("X-Facteur-Kind") == "cancellation" }
        #expect(cancellations.count == 3)
        #expect(cancellations.allSatisfy { $0.calendar?.contains("STATUS:CANCELLED") == true })
    }

    @Test("a distribution deleted after its announcement gets a cancellation, from the facts last announced")
    func deletedAfterAnnouncement() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("DELETE FROM delivery WHERE distribution_id = 42; DELETE FROM distribution WHERE id = 42;")
        _ = try h.once("2026-11-25 09:00")
        _ = try h.once("2026-11-25 09:05")
        let cancellations = try received(server, kind: "cancellation")
        #expect(cancellations.count == 3)
        let first = try #require(cancellations.first)
        #expect(first.text?.contains("jeudi 26 novembre 2026 à 18h30") == true, "\(first.text ?? "")")
        #expect(first.calendar?.contains("STATUS:CANCELLED") == true)
        #expect(first.header("In-Reply-To") != nil)
        #expect(first.defects.isEmpty)
    }

    @Test("a deleted distribution's cancellation goes to each member's address now, as every follow-up does")
    func deletedToCurrentAddress() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql(
            """
            UPDATE member SET email = 'camille.dupont@example.org' WHERE id = 1;
            UPDATE member SET email = NULL WHERE id = 2;
            DELETE FROM delivery WHERE distribution_id = 42; DELETE FROM distribution WHERE id = 42;
            """)
        _ = try h.once("2026-11-25 09:00")
        let to = try received(server, kind: "cancellation").compactMap { $0.header("To") }.sorted()
        #expect(to == ["Camille Dupont <camille.dupont@example.org>", "Jérôme Nguyen <jerome@example.net>"], "\(to)")
        // Hélène, whose address was removed, is on the coordinator's list to call.
        #expect(
            try h.rows("SELECT subject, detail FROM facteur_report WHERE category = 'unreachable'").map {
                [$0.text(0), $0.text(1)]
            } == [["member/2", "cancellation d42"]])
    }

    @Test("a distribution cancelled then reinstated gets a change to those told of the cancellation; cancelled again, a second cancellation")
    func reinstated() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 09:00")
        try h.sql("UPDATE distribution SET cancelled = 0 WHERE id = 42")
        _ = try h.once("2026-11-25 10:00")
        _ = try h.once("2026-11-25 10:05")  // planning again sends nothing more
        let changes = try received(server, kind: "change")
        #expect(changes.count == 3)
        let change = try #require(changes.first)
        #expect(change.header("Subject") == "Maintenue finalement : distribution du jeudi 26 novembre 2026 à 18h30")
        #expect(change.text?.contains("n'est finalement pas annulée") == true)
        #expect(change.calendar?.contains("SEQUENCE:2") == true, "\(change.calendar ?? "")")
        #expect(change.calendar?.contains("STATUS:CANCELLED") == false)
        #expect(change.header("In-Reply-To") != nil)
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 11:00")
        _ = try h.once("2026-11-25 11:05")
        #expect(try received(server, kind: "cancellation").count == 6)
        #expect(try received(server, kind: "change").count == 3)
    }

    @Test("a distribution cancelled, reinstated, then deleted: those last told it is on are told it is cancelled")
    func deletedAfterReinstatement() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 09:00")
        try h.sql("UPDATE distribution SET cancelled = 0 WHERE id = 42")
        _ = try h.once("2026-11-25 10:00")
        #expect(try received(server, kind: "change").count == 3)
        try h.sql("DELETE FROM delivery WHERE distribution_id = 42; DELETE FROM distribution WHERE id = 42;")
        _ = try h.once("2026-11-25 11:00")
        _ = try h.once("2026-11-25 11:05")  // and only once
        let cancellations = try received(server, kind: "cancellation")
        let states = try h.states()
        #expect(cancellations.count == 6, "\(states)")
        // The second has a key of its own (the first keeps its historical one) and the next SEQUENCE.
        #expect(states["cancellation/d42/m1"] == "sent" && states["cancellation/d42/m1/s3"] == "sent", "\(states)")
        #expect(cancellations.contains { $0.calendar?.contains("SEQUENCE:3") == true })
    }

    @Test("a member whose address was removed after the announcement gets no cancellation, and is to be called")
    func addressRemovedBeforeCancellation() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("UPDATE member SET email = NULL WHERE id = 1; UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 09:00")
        let to = try received(server, kind: "cancellation").compactMap { $0.header("To") }
        #expect(to.count == 2 && !to.contains { $0.contains("camille") }, "\(to)")
        #expect(try h.states()["cancellation/d42/m1"] == nil)
        let reported = try h.rows("SELECT subject FROM facteur_report WHERE category = 'unreachable'").compactMap {
            $0.text(0)
        }
        #expect(reported.contains("member/1"), "\(reported)")
    }

    @Test("a member without an address, on the list to call about the announcement, is on it again for the cancellation")
    func callAgainAboutCancellation() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql(
            "INSERT INTO member (id, amap_id, name, phone) VALUES (4, 1, 'André Petit', '01 23 45 67 89'); INSERT INTO subscription VALUES (4, 1);"
        )
        _ = try h.once("2026-11-24 18:30")
        func details() throws -> [String] {
            try h.rows("SELECT detail FROM facteur_report WHERE category = 'unreachable' AND subject = 'member/4' ORDER BY id")
                .compactMap { $0.text(0) }
        }
        #expect(try details() == ["announcement d42"])
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 09:00")
        #expect(try details() == ["announcement d42", "cancellation d42"])
        #expect(try received(server, kind: "cancellation").count == 3)
        // Reinstated an hour later: the next digest gives the coordinator both lines to pass on, in order, not
        // the cancellation alone.
        try h.sql("UPDATE distribution SET cancelled = 0 WHERE id = 42; UPDATE contract SET coordinator_id = 2 WHERE id = 1")
        _ = try h.once("2026-11-25 10:00")
        _ = try h.once("2026-11-26 08:00")
        let digest = try #require(try received(server, kind: "digest").last?.text)
        let lines = digest.split(whereSeparator: \.isNewline).filter { $0.contains("André Petit") }
        #expect(
            lines == [
                "  - André Petit (01 23 45 67 89) : Annulation de distribution du jeudi 26 novembre 2026",
                "  - André Petit (01 23 45 67 89) : Changement de distribution du jeudi 26 novembre 2026 à 18h30, "
                    + "Préau de l'école",
            ], "\(digest)")
    }

    @Test("quiet hours hold a notice due at night until 08:00")
    func quietHours() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("UPDATE distribution SET starts_at = '2026-11-26 23:00', ends_at = '2026-11-26 23:30' WHERE id = 42")
        _ = try h.once("2026-11-24 23:00")
        #expect(server.messageFiles.isEmpty)
        #expect(try h.states().values.allSatisfy { $0 == "queued" })
        _ = try h.once("2026-11-25 07:59")
        #expect(server.messageFiles.isEmpty)
        _ = try h.once("2026-11-25 08:00")
        #expect(server.messageFiles.count == 3)
    }

    @Test("the daylight-saving weekend of 2026-03-29: announced exactly 48 real hours before")
    func daylightSaving() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("UPDATE distribution SET starts_at = '2026-03-30 10:00', ends_at = '2026-03-30 12:00' WHERE id = 42")
        _ = try h.once("2026-03-28T07:59:00Z")
        #expect(server.messageFiles.isEmpty)
        _ = try h.once("2026-03-28T08:00:00Z")
        #expect(server.messageFiles.count == 3)
    }

    @Test("a bad row is skipped and named; everyone else's notices go out")
    func badRows() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (43, 1, '2026-11-26 25:99', '2026-11-26 20:00', 'Préau'),
              (44, 1, '2026-11-26 18:30', '2026-11-26 17:00', 'Préau'),
              (45, 1, '2026-11-26 18:30', '2026-11-26 20:00', '  ');
            INSERT INTO member (id, amap_id, name, email) VALUES (9, 1, 'Bad', 'not an address');
            INSERT INTO subscription VALUES (9, 1);
            """)
        let result = try h.once("2026-11-24 18:30")
        #expect(result.status == 0)
        #expect(server.messageFiles.count == 3)
        for needle in [
            "table=distribution row=43", "table=distribution row=44", "table=distribution row=45", "table=member row=9",
        ] {
            #expect(result.stderr.contains(needle), "\(needle) not in log")
        }
        // …and in the coordinator's digest the next morning.
        try h.seedOrders()
        _ = try h.once("2026-11-25 08:00")
        let digest = try #require(try received(server, kind: "digest").first)
        for row in ["distribution/43", "distribution/44", "distribution/45", "member/9"] {
            #expect(digest.text?.contains(row) == true, "\(row) not in the digest")
        }
        let reports = try h.rows("SELECT subject FROM facteur_report WHERE category = 'bad_row'").compactMap {
            $0.text(0)
        }
        #expect(Set(reports) == ["distribution/43", "distribution/44", "distribution/45", "member/9"])
    }
}

@Suite struct WithdrawalTests {
    @Test("an announcement held by quiet hours is withdrawn, not sent, when the distribution is cancelled or deleted")
    func withdrawn() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("UPDATE distribution SET starts_at = '2026-11-26 23:00', ends_at = '2026-11-26 23:30' WHERE id = 42")
        _ = try h.once("2026-11-24 23:00")
        #expect(try h.states().values.allSatisfy { $0 == "queued" })
        // One of them already tried and refused for now (451): never accepted, so withdrawn too.
        try h.sql(
            "UPDATE facteur_outbox SET attempts = 1, last_error = '451 4.2.0 later' WHERE key = 'announcement/d42/m2'")
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 08:00")
        #expect(server.messageFiles.isEmpty)
        #expect(
            try h.states() == [
                "announcement/d42/m1": "expired", "announcement/d42/m2": "expired", "announcement/d42/m3": "expired",
            ])
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (43, 1, '2026-12-03 23:00', '2026-12-03 23:30', 'Préau');
            INSERT INTO delivery VALUES (43, 1, NULL);
            """)
        _ = try h.once("2026-12-01 23:00")
        #expect(try h.states()["announcement/d43/m1"] == "queued")
        try h.sql("DELETE FROM distribution WHERE id = 43")
        _ = try h.once("2026-12-02 08:00")
        #expect(server.messageFiles.isEmpty)
        #expect(try h.states()["announcement/d43/m1"] == "expired")
    }
}
