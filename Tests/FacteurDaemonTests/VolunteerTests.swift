import Foundation
import TestSupport
import Testing

/// DESIGN §2 "Volunteers answer by mail", through `once --now` and `relay receive` at the AMAP's Facteur address.
@Suite struct VolunteerTests {
    func reply(from: String, to messageID: String, body: String, id: String) -> String {
        """
        From: \(from)\r
        To: contact+facteur@lilas.example.org\r
        Subject: Re: Appel aux bénévoles\r
        Date: Sun, 22 Nov 2026 20:00:00 +0100\r
        Message-ID: <\(id)>\r
        In-Reply-To: \(messageID)\r
        References: \(messageID)\r
        Content-Type: text/plain; charset=UTF-8\r
        \r
        \(body)\r
        \r
        Le dim. 22 nov. 2026 à 18:30, AMAP des Lilas <contact@lilas.example.org> a écrit :\r
        > Il manque 2 bénévoles.\r

        """
    }

    /// A member's reply to the Facteur address, received at `now`.
    func answer(_ h: Harness, from: String, to messageID: String, body: String, id: String, now: String) throws
        -> ProcessOutput
    {
        try h.relayReceive(
            reply(from: from, to: messageID, body: body, id: id), recipient: "contact+facteur@lilas.example.org",
            now: now)
    }

    func callTo(_ who: String, _ server: SMTPCaptureServer) throws -> String {
        let call = try #require(
            try received(server, kind: "duty_call").first { $0.header("To")?.contains(who) == true })
        #expect(call.header("Reply-To") == "contact+facteur@lilas.example.org")
        return try #require(call.header("Message-ID"))
    }

    @Test("« oui » signs the member up while volunteers are missing, confirms with an event; later yeses are thanked")
    func yesByReply() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.sql(
            "UPDATE distribution SET duty_needed = 2 WHERE id = 42; UPDATE contract SET coordinator_id = 2 WHERE id = 1"
        )
        #expect(try h.once("2026-11-22 18:30").status == 0)
        let camille = try callTo("camille", server)
        let helene = try callTo("helene", server)
        let jerome = try callTo("jerome", server)
        #expect(try received(server, kind: "duty_call").first?.text?.contains("répondez « oui » à ce message") == true)
        // Someone else replying with Jérôme's call changes nothing.
        let other = try answer(
            h, from: "camille@example.net", to: jerome,
            body: "Oui", id: "v0@example.net", now: "2026-11-22 19:00")
        #expect(!other.stdout.contains("member 3 joined"), "\(other.stdout)")
        let yes = try answer(
            h, from: "Camille Dupont <camille@example.net>", to: camille,
            body: "Oui !", id: "v1@example.net", now: "2026-11-22 19:00")
        #expect(yes.stdout.contains("member 1 joined for distribution 42"), "\(yes.stdout)")
        _ = try answer(
            h, from: "helene@example.net", to: helene,
            body: "oui", id: "v2@example.net", now: "2026-11-22 19:01")
        let late = try answer(
            h, from: "jerome@example.net", to: jerome,
            body: "Je viens", id: "v3@example.net", now: "2026-11-22 19:02")
        #expect(late.stdout.contains("member 3 full"), "\(late.stdout)")
        #expect(
            try h.rows("SELECT member_id, role FROM duty WHERE distribution_id = 42 ORDER BY member_id").map {
                $0.int64(0)
            } == [1, 2])
        _ = try h.once("2026-11-22 19:05")
        // The AMAP is told that the answer from another address changed nothing, and why.
        let passedOn = try received(server, kind: "forwarded").compactMap(\.text)
        #expect(
            passedOn.contains {
                $0.contains("Facteur n'a rien changé à la permanence : cette réponse vient de camille@example.net, et non")
                    && $0.contains("Jérôme Nguyen (jerome@example.net)")
            }, "\(passedOn)")
        let confirmations = try received(server, kind: "duty_confirmation")
        #expect(confirmations.count == 3)
        let first = try #require(confirmations.first { $0.header("To")?.contains("camille") == true })
        #expect(
            first.header("Subject")?.contains("Vous êtes de permanence le jeudi 26 novembre 2026") == true,
            "\(first.header("Subject") ?? "")")
        #expect(first.calendar_method == "PUBLISH")
        #expect(first.defects.isEmpty)
        #expect(
            confirmations.first { $0.header("To")?.contains("jerome") == true }?.text?.contains("déjà complète") == true
        )
        // No new call for a distribution that is now fully staffed; a "non" to the confirmation withdraws.
        let confirmationID = try #require(first.header("Message-ID"))
        let no = try answer(
            h, from: "camille@example.net", to: confirmationID,
            body: "Non, je ne peux plus", id: "v4@example.net", now: "2026-11-23 10:00")
        #expect(no.stdout.contains("member 1 withdrawn"), "\(no.stdout)")
        #expect(try h.rows("SELECT member_id FROM duty WHERE distribution_id = 42").map { $0.int64(0) } == [2])
        // The coordinator's digest lists the day's answers by mail, in words.
        _ = try h.once("2026-11-23 08:00")
        let digest = try #require(try received(server, kind: "digest").last)
        let text = digest.text ?? ""
        #expect(text.contains("Réponses des bénévoles par mail :"), "\(text)")
        #expect(text.contains("  - Camille Dupont s'inscrit pour la permanence du jeudi 26 novembre 2026"), "\(text)")
        #expect(text.contains("(permanence déjà complète)"))
        _ = try h.once("2026-11-24 08:00")
        let next = try #require(try received(server, kind: "digest").last?.text)
        #expect(
            next.contains(
                "Camille Dupont se retire de la permanence du jeudi 26 novembre 2026 : Facteur relance l'appel aux "
                    + "bénévoles s'il en manque"), "\(next)")
        // An hour and a half before, no new call goes out: the digest says so, and what to do.
        let helenes = try #require(
            confirmations.first { $0.header("To")?.contains("helene") == true }?.header("Message-ID"))
        let tooLate = try answer(
            h, from: "helene@example.net", to: helenes,
            body: "non", id: "v5@example.net", now: "2026-11-26 17:00")
        #expect(tooLate.stdout.contains("member 2 withdrawn"), "\(tooLate.stdout)")
        _ = try h.once("2026-11-27 08:00")
        let after = try #require(try received(server, kind: "digest").last?.text)
        #expect(
            after.contains(
                "Hélène Bérard se retire de la permanence du jeudi 26 novembre 2026, trop tard pour un nouvel appel : "
                    + "trouvez quelqu'un"), "\(after)")
    }

    @Test("a reminder after a change carries its calendar sequence; a confirmation's event keeps the contracts")
    func calendarSequences() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.sql("UPDATE distribution SET duty_needed = 2 WHERE id = 42; INSERT INTO duty VALUES (42, 2, 'accueil');")
        _ = try h.once("2026-11-24 18:30")  // the announcements (SEQUENCE:0) and the calls for volunteers
        try h.sql("UPDATE distribution SET place = 'Salle polyvalente' WHERE id = 42")
        _ = try h.once("2026-11-24 19:00")  // the change (SEQUENCE:1)
        let changes = try received(server, kind: "change")
        #expect(changes.count == 3 && changes.allSatisfy { $0.calendar?.contains("SEQUENCE:1") == true })
        _ = try h.once("2026-11-25 18:30")  // Hélène's reminder
        let reminder = try #require(try received(server, kind: "duty_reminder").first)
        #expect(reminder.calendar?.contains("SEQUENCE:1") == true, "\(reminder.calendar ?? "")")
        let yes = try answer(
            h, from: "camille@example.net", to: try callTo("camille", server),
            body: "Oui", id: "s1@example.net", now: "2026-11-25 19:00")
        #expect(yes.stdout.contains("member 1 joined"), "\(yes.stdout)")
        _ = try h.once("2026-11-25 19:05")
        let confirmation = try #require(try received(server, kind: "duty_confirmation").first?.calendar)
        #expect(confirmation.contains("SEQUENCE:1") && confirmation.contains("DESCRIPTION:Légumes"), "\(confirmation)")
    }

    @Test("a yes to a cancelled distribution changes nothing; a question is passed on to the AMAP")
    func cancelledAndQuestions() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.sql("UPDATE distribution SET duty_needed = 2 WHERE id = 42")
        _ = try h.once("2026-11-22 18:30")
        let camille = try callTo("camille", server)
        let question = try answer(
            h, from: "camille@example.net", to: camille,
            body: "À quelle heure faut-il arriver ?", id: "q1@example.net", now: "2026-11-22 19:00")
        #expect(question.stdout.contains("forwarded"), "\(question.stdout)")
        try h.sql("INSERT INTO duty VALUES (42, 2, 'accueil'); UPDATE distribution SET cancelled = 1 WHERE id = 42")
        let yes = try answer(
            h, from: "camille@example.net", to: camille,
            body: "oui", id: "q2@example.net", now: "2026-11-22 19:05")
        #expect(yes.stdout.contains("which is cancelled or over; passed on"), "\(yes.stdout)")
        #expect(try h.rows("SELECT COUNT(*) FROM duty")[0].int(0) == 1, "no one added")
        // The member is told, at their own address, that their answer changed nothing — and no event is attached.
        _ = try h.once("2026-11-22 19:06")
        let told = try #require(try received(server, kind: "duty_confirmation").first)
        #expect(told.header("To")?.contains("camille@example.net") == true)
        #expect(told.header("Subject")?.contains("rien n'a changé") == true, "\(told.header("Subject") ?? "")")
        #expect(told.text?.contains("est annulée ou déjà passée : votre réponse n'a rien changé") == true)
        // Who was on duty is listed as it stands, not « personne ».
        #expect(told.text?.contains("  - Hélène Bérard (accueil)") == true, "\(told.text ?? "")")
        #expect(told.calendar == nil)
        // Someone else replying with Camille's token is not told anything (only passed on).
        _ = try answer(
            h, from: "jerome@example.net", to: camille,
            body: "oui", id: "q3@example.net", now: "2026-11-22 19:07")
        _ = try h.once("2026-11-22 19:08")
        #expect(try received(server, kind: "duty_confirmation").count == 1)
    }

    @Test("those on duty get a reminder the day before, with an event; « non » takes them off and tells the AMAP")
    func dutyReminder() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.sql("UPDATE distribution SET duty_needed = 1 WHERE id = 42; INSERT INTO duty VALUES (42, 2, 'accueil');")
        #expect(try h.once("2026-11-25 18:30").status == 0)
        let reminder = try #require(try received(server, kind: "duty_reminder").first)
        #expect(try received(server, kind: "duty_reminder").count == 1)
        #expect(reminder.header("To") == "Hélène Bérard <helene@example.net>")
        #expect(reminder.header("Reply-To") == "contact+facteur@lilas.example.org")
        #expect(reminder.header("Subject") == "Votre permanence : distribution du jeudi 26 novembre 2026 à 18h30")
        #expect(reminder.text?.contains("Hélène Bérard (accueil)") == true)
        #expect(reminder.calendar_method == "PUBLISH")
        #expect(reminder.header("List-Unsubscribe")?.contains("u.2.duty_reminder.") == true)
        // "No problem" and « Non, aucun souci » say all is well: passed on to a person, never a withdrawal.
        for (n, body) in ["No problem, see you there", "Non, aucun souci, je serai là"].enumerated() {
            let fine = try answer(
                h, from: "helene@example.net", to: try #require(reminder.header("Message-ID")),
                body: body, id: "ok\(n)@example.net", now: "2026-11-25 18:50")
            #expect(!fine.stdout.contains("withdrawn") && fine.stdout.contains("forwarded"), "\(body): \(fine.stdout)")
        }
        #expect(try h.rows("SELECT COUNT(*) FROM duty")[0].int(0) == 1)
        let no = try answer(
            h, from: "helene@example.net", to: try #require(reminder.header("Message-ID")),
            body: "Non", id: "w1@example.net", now: "2026-11-25 19:00")
        #expect(no.stdout.contains("member 2 withdrawn"), "\(no.stdout)")
        #expect(try h.rows("SELECT COUNT(*) FROM duty")[0].int(0) == 0)
        _ = try h.once("2026-11-25 19:01")
        #expect(
            try received(server, kind: "duty_confirmation").first?.text?.contains("vous n'êtes plus de permanence")
                == true)
        #expect(try received(server, kind: "forwarded").allSatisfy { $0.header("Reply-To") == "helene@example.net" })
        // The AMAP is told what Facteur already did, so that no one does it twice.
        #expect(
            try received(server, kind: "forwarded").contains {
                $0.text?.contains(
                    "Facteur a déjà retiré Hélène Bérard de la permanence du jeudi 26 novembre 2026 à 18h30") == true
            })
        // Short again: a new call goes to the others at once (not to her), once.
        _ = try h.once("2026-11-25 19:05")
        let calls = try received(server, kind: "duty_call")
        #expect(calls.count == 2, "\(calls.compactMap { $0.header("To") })")
        #expect(calls.allSatisfy { $0.header("To")?.contains("helene") == false })
        #expect(
            try h.rows("SELECT key FROM facteur_outbox WHERE kind = 'duty_call'").allSatisfy {
                $0.text(0)?.hasSuffix("/s1") == true
            })
    }

    @Test(
        "bottom-posted, HTML-only and Latin-1 answers are understood; « je viens mais en retard » also reaches the AMAP"
    )
    func howPeopleReply() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.sql("UPDATE distribution SET duty_needed = 3 WHERE id = 42")
        _ = try h.once("2026-11-22 18:30")
        // Thunderbird, bottom-posting: the quote first, the answer below.
        let bottom = """
            From: camille@example.net\r
            To: contact+facteur@lilas.example.org\r
            Subject: Re: Appel\r
            In-Reply-To: \(try callTo("camille", server))\r
            Message-ID: <b1@example.net>\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            Le 22/11/2026 à 18:30, AMAP des Lilas a écrit :\r
            > Il manque 3 bénévoles.\r
            \r
            Oui\r

            """
        #expect(
            try h.relayReceive(bottom, recipient: "contact+facteur@lilas.example.org", now: "2026-11-22 19:00").stdout
                .contains("member 1 joined"))
        // A phone's mail app: HTML only, in a multipart, the part in Latin-1 quoted-printable.
        let html = """
            From: helene@example.net\r
            To: contact+facteur@lilas.example.org\r
            Subject: Re: Appel\r
            In-Reply-To: \(try callTo("helene", server))\r
            Message-ID: <b2@example.net>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="zz"\r
            \r
            --zz\r
            Content-Type: text/html; charset=iso-8859-1\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            <div dir=3D"ltr">Pr=E9sente !</div><blockquote>Il manque</blockquote>\r
            --zz--\r

            """
        #expect(
            try h.relayReceive(html, recipient: "contact+facteur@lilas.example.org", now: "2026-11-22 19:01").stdout
                .contains("member 2 joined"))
        let late = try answer(
            h, from: "jerome@example.net", to: try callTo("jerome", server),
            body: "Je viens mais en retard", id: "b3@example.net", now: "2026-11-22 19:02")
        #expect(late.stdout.contains("member 3 joined"), "\(late.stdout)")
        _ = try h.once("2026-11-22 19:05")
        #expect(try received(server, kind: "forwarded").contains { $0.text?.contains("mais en retard") == true })
    }
}
