import Foundation
import TestSupport
import Testing

/// DESIGN §4–§5: what members and coordinators do from their mail client, through `relay receive` as an MTA
/// pipe runs it for the AMAP's Facteur address (`contact+facteur@lilas.example.org`).
@Suite struct ByMailTests {
    static let facteurAddress = "contact+facteur@lilas.example.org"

    func mail(from: String, subject: String, id: String, extra: String = "", body: String = "Merci") -> String {
        """
        From: \(from)\r
        To: \(Self.facteurAddress)\r
        Subject: \(subject)\r
        Date: Tue, 24 Nov 2026 19:00:00 +0100\r
        Message-ID: <\(id)>\r
        \(extra)Content-Type: text/plain; charset=UTF-8\r
        \r
        \(body)\r

        """
    }

    /// The token of the announcement Camille received, from its List-Unsubscribe mailto link.
    func camillesToken(_ server: SMTPCaptureServer) throws -> String {
        let announcement = try #require(
            try received(server, kind: "announcement").first { $0.header("To")?.contains("camille") == true })
        let links = try #require(announcement.header("List-Unsubscribe"))
        let mailto = try #require(links.range(of: "subject=unsubscribe%20"))
        return String(links[mailto.upperBound...].prefix { $0 != ">" })
    }

    @Test("the List-Unsubscribe mailto opts the member out at once, confirmed to her; subscribe brings her back")
    func unsubscribeByMail() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        #expect(try h.once("2026-11-24 18:30").status == 0)
        let token = try camillesToken(server)
        #expect(token.hasPrefix("u.1.announcement."))
        // Her mail client sends the prepared message (from whatever address she uses).
        let request = try h.relayReceive(
            self.mail(from: "Camille <camille.perso@example.org>", subject: "unsubscribe \(token)", id: "u1@example.org"),
            recipient: Self.facteurAddress, now: "2026-11-24 19:00")
        #expect(request.status == 0, "\(request.stderr)")
        #expect(request.stdout.contains("request (member 1 opted out of announcement)"), "\(request.stdout)")
        #expect(try h.rows("SELECT kind FROM preference WHERE member_id = 1").compactMap { $0.text(0) } == ["announcement"])
        _ = try h.once("2026-11-24 19:01")
        let confirmation = try #require(try received(server, kind: "subscription_change").first)
        #expect(confirmation.header("To") == "Camille Dupont <camille@example.net>")  // her own address
        #expect(confirmation.text?.contains("vous ne recevrez plus les annonces de distribution") == true)
        #expect(confirmation.text?.contains("subscribe \(token)") == true)
        // A tampered token changes nothing and is passed on to the AMAP, never acted on.
        let tampered = String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
        let forged = try h.relayReceive(
            self.mail(from: "x@evil.example", subject: "subscribe \(tampered)", id: "u2@evil.example"),
            recipient: Self.facteurAddress, now: "2026-11-24 19:02")
        #expect(forged.stdout.contains("forwarded"), "\(forged.stdout)")
        // "subscribe" with the token brings her back.
        let back = try h.relayReceive(
            self.mail(from: "camille@example.net", subject: "Re: subscribe \(token)", id: "u3@example.net"),
            recipient: Self.facteurAddress, now: "2026-11-24 19:03")
        #expect(back.stdout.contains("opted back into announcement"), "\(back.stdout)")
        #expect(try h.rows("SELECT kind FROM preference WHERE member_id = 1").isEmpty)
    }

    @Test("a request to a relay address without a token opts out of that contract only (the coordinator too); a stranger's is held, one that says more is passed on too")
    func relayRequestWithoutToken() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        try h.sql("UPDATE contract SET relay_address = 'oeufs@lilas.example.org' WHERE id = 2")
        let out = try h.relayReceive(
            RelayFixtures.plain(from: "camille@example.net", subject: "se désinscrire", id: "d1@example.net"))
        #expect(out.stdout.contains("opted out of relay of contract 1"), "\(out.stdout)")
        #expect(try h.rows("SELECT contract_id FROM facteur_relay_optout WHERE member_id = 1").map { $0.int64(0) } == [1])
        // The Œufs contract's relay still reaches her.
        #expect(try h.rows("SELECT COUNT(*) FROM preference WHERE member_id = 1")[0].int(0) == 0)
        let someone = try h.relayReceive(
            RelayFixtures.plain(from: "stranger@example.com", subject: "unsubscribe announcement", id: "d2@example.com"))
        // A stranger's request is a person writing: held for the coordinator, never dropped unread.
        #expect(someone.stdout.contains("held"), "\(someone.stdout)")
        let back = try h.relayReceive(
            RelayFixtures.plain(from: "camille@example.net", subject: "inscription", id: "d3@example.net"))
        #expect(back.stdout.contains("opted back into relay of contract 1"), "\(back.stdout)")
        // The coordinator subscribes too: her « désinscription » is a subscriber's.
        let coordinator = try h.relayReceive(
            RelayFixtures.plain(from: "helene@example.net", subject: "RE : Désinscription", id: "d4@example.net"))
        #expect(coordinator.stdout.contains("opted out of relay of contract 1"), "\(coordinator.stdout)")
        // A request whose subject says more is handled, and passed on to the AMAP so that a person reads the rest.
        let question = try h.relayReceive(
            RelayFixtures.plain(
                from: "camille@example.net", subject: "Inscription de ma voisine au contrat ?", id: "d5@example.net"))
        #expect(question.stdout.contains("opted") && question.stdout.contains("passed on to"), "\(question.stdout)")
        // The producer's « Inscriptions ouvertes » is news for the subscribers, not a request of hers.
        let news = try h.relayReceive(
            RelayFixtures.plain(
                from: "julie@ferme-du-pre.example.net", subject: "Inscriptions ouvertes pour 2027", id: "d6@example.net"))
        #expect(news.stdout.contains("relayed"), "\(news.stdout)")
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay_to_producer").isEmpty)
        #expect(try received(server, kind: "forwarded").count == 1)
        #expect(try received(server, kind: "moderation").count == 1)
        let changes = try received(server, kind: "subscription_change").compactMap { $0.header("To") }
        // Camille's second « inscription » at the same instant is the same confirmation, sent once.
        #expect(changes.count == 3, "\(changes)")
        #expect(changes.filter { $0.contains("camille@example.net") }.count == 2 && changes.contains { $0.contains("helene") })
    }

    @Test("a held message written in 8-bit reaches its moderator as a message.eml file any strict parser reads")
    func heldEightBit() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let held = RelayFixtures.plain(from: "x@spam.example", subject: "Paniers en plus", id: "p8@spam.example")
            .replacingOccurrences(of: "une question sur le panier", with: "une question sur les œufs, le pâté")
        #expect(try h.relayReceive(held).stdout.contains("held"))
        _ = try h.onceNow()
        let request = try #require(try received(server, kind: "moderation").first)
        #expect(request.defects.isEmpty && request.errors.isEmpty, "\(request.defects) \(request.errors)")
        let raw = try #require(
            server.messageFiles.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
                .first { $0.contains("X-Facteur-Kind: moderation") })
        #expect(!raw.contains("Content-Type: message/rfc822"), "RFC 2046 allows no base64 there")
        #expect(raw.contains("Content-Type: application/octet-stream") && raw.contains("filename=\"message.eml\""))
    }

    @Test("the coordinator approves a held message by replying « approuver »; anyone else's reply changes nothing")
    func moderationByReply() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        #expect(
            try h.relayReceive(RelayFixtures.plain(from: "x@spam.example", subject: "Paniers en plus", id: "p1@spam.example"))
                .stdout.contains("held"))
        _ = try h.onceNow()
        let request = try #require(try received(server, kind: "moderation").first)
        #expect(request.header("To") == "Hélène Bérard <helene@example.net>")
        #expect(request.header("Reply-To") == Self.facteurAddress)
        let rawMessages = server.messageFiles.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        let raw = try #require(rawMessages.first { $0.contains("X-Facteur-Kind: moderation") })
        #expect(raw.contains("Content-Type: message/rfc822"))
        #expect(raw.contains("Subject: Paniers en plus"))
        let moderationID = try #require(request.header("Message-ID"))
        // Someone else, even quoting the token, decides nothing.
        let intruder = try h.relayReceive(
            self.mail(from: "camille@example.net", subject: "Re: message à modérer", id: "r0@example.net",
                 extra: "In-Reply-To: \(moderationID)\r\n", body: "approuver"),
            recipient: Self.facteurAddress)
        #expect(intruder.stdout.contains("forwarded (reply about message 1 from someone who is not the contract's moderator"), "\(intruder.stdout)")
        #expect(try h.rows("SELECT state FROM facteur_inbound WHERE id = 1")[0].text(0) == "held")
        let reply = try h.relayReceive(
            self.mail(from: "Hélène <helene@example.net>", subject: "Re: message à modérer", id: "r1@example.net",
                 extra: "In-Reply-To: \(moderationID)\r\nReferences: \(moderationID)\r\n",
                 body: "Approuver\r\n\r\nLe 24/11/2026, Facteur a écrit :\r\n> Un message attend"),
            recipient: Self.facteurAddress)
        #expect(reply.stdout.contains("approved"), "\(reply.stdout)")
        #expect(try h.rows("SELECT state FROM facteur_inbound WHERE id = 1")[0].text(0) == "approved")
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").count == 2)
        let decision = try #require(try received(server, kind: "moderation_decision").first)
        #expect(decision.text?.contains("est relayé comme vous l'avez demandé") == true)
        // A second reply finds nothing left to decide.
        let late = try h.relayReceive(
            self.mail(from: "helene@example.net", subject: "Re: message à modérer", id: "r2@example.net",
                 extra: "In-Reply-To: \(moderationID)\r\n", body: "rejeter"),
            recipient: Self.facteurAddress)
        #expect(late.stdout.contains("message 1 is not waiting for a decision"), "\(late.stdout)")
        #expect(try h.rows("SELECT state FROM facteur_inbound WHERE id = 1")[0].text(0) == "approved")
    }

    @Test("a contract without a coordinator: the AMAP's address is asked, and its « approuver » decides")
    func moderationWithoutCoordinator() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        try h.sql("UPDATE contract SET coordinator_id = NULL WHERE id = 1")
        #expect(
            try h.relayReceive(RelayFixtures.plain(from: "x@spam.example", subject: "Paniers", id: "p9@spam.example"))
                .stdout.contains("held"))
        _ = try h.onceNow()
        let request = try #require(try received(server, kind: "moderation").first)
        #expect(request.header("To") == "AMAP des Lilas <contact@lilas.example.org>")
        let moderationID = try #require(request.header("Message-ID"))
        let yes = try h.relayReceive(
            self.mail(
                from: "contact@lilas.example.org", subject: "Re: message à modérer", id: "r9@example.net",
                extra: "In-Reply-To: \(moderationID)\r\n", body: "approuver"),
            recipient: Self.facteurAddress)
        #expect(yes.stdout.contains("message 1 approved") && yes.stdout.contains("by the moderator's reply"), "\(yes.stdout)")
        _ = try h.onceNow()
        #expect(try received(server, kind: "moderation_decision").first?.header("To") == "AMAP des Lilas <contact@lilas.example.org>")
        #expect(try received(server, kind: "relay").count == 2)
    }

    @Test("anything else written to the Facteur address is passed on to the AMAP, Reply-To the writer, no list headers")
    func nothingIsLost() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        let note = try h.relayReceive(
            self.mail(from: "Jérôme <jerome@example.net>", subject: "Retard jeudi", id: "n1@example.net",
                 body: "J'aurai 30 minutes de retard."),
            recipient: Self.facteurAddress)
        #expect(note.stdout.contains("forwarded"), "\(note.stdout)")
        _ = try h.onceNow()
        let passed = try #require(try received(server, kind: "forwarded").first)
        #expect(passed.header("To")?.contains("contact@lilas.example.org") == true)
        #expect(passed.header("Reply-To") == "jerome@example.net")
        // From the AMAP's own address, which it is sent to (the contact-form pattern): a Reply-To elsewhere on a
        // message From the recipient's domain is otherwise a spoof to filters (rspamd's SPOOF_REPLYTO).
        #expect(passed.header("From")?.contains("<contact@lilas.example.org>") == true, "\(passed.header("From") ?? "")")
        #expect(passed.header("From")?.contains("Jérôme via ") == true)
        #expect(passed.header("List-Id") == nil && passed.header("Precedence") == nil)
        #expect(passed.text?.contains("30 minutes de retard") == true)
        #expect(passed.defects.isEmpty)
    }

    @Test("a member's message to the producer carries no list headers")
    func privateMessage() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        _ = try h.relayReceive(RelayFixtures.plain(from: "camille@example.net", subject: "Question", id: "q1@example.net"))
        _ = try h.onceNow()
        let toProducer = try #require(try received(server, kind: "relay_to_producer").first)
        #expect(toProducer.header("List-Unsubscribe") == nil && toProducer.header("Precedence") == nil)
        // Relayed mail to subscribers carries the signed, per-contract links.
        _ = try h.relayReceive(RelayFixtures.producerNews())
        _ = try h.onceNow()
        let relayed = try #require(try received(server, kind: "relay").first)
        #expect(relayed.header("List-Unsubscribe")?.contains("contact+facteur@lilas.example.org?subject=unsubscribe%20r.") == true)
    }

    @Test("a reply that quotes the footer's unsubscribe link is a person writing: passed on, nobody unsubscribed")
    func quotedFooterIsNotARequest() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        #expect(try h.once("2026-11-24 18:30").status == 0)
        let token = try camillesToken(server)
        let reply = self.mail(
            from: "camille@example.net", subject: "Re: Distribution du jeudi", id: "z1@example.net",
            body: "Ma voisine prendra mon panier jeudi.\r\n\r\nLe mar. 24 nov. 2026, AMAP des Lilas a écrit :\r\n> Pour ne plus recevoir les annonces, écrivez avec pour objet « unsubscribe \(token) »")
        let result = try h.relayReceive(reply, recipient: Self.facteurAddress, now: "2026-11-24 19:00")
        #expect(result.stdout.contains("forwarded"), "\(result.stdout)")
        #expect(try h.rows("SELECT COUNT(*) FROM preference")[0].int(0) == 0)
    }

    @Test("two From fields are two authors: a coordinator's address beside another's decides nothing")
    func twoFromFields() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        _ = try h.relayReceive(RelayFixtures.plain(from: "x@spam.example", subject: "Promo", id: "t1@spam.example"))
        _ = try h.onceNow()
        let moderationID = try #require(try received(server, kind: "moderation").first?.header("Message-ID"))
        let forged = try h.relayReceive(
            self.mail(
                from: "helene@example.net", subject: "Re: message à modérer", id: "t2@evil.example",
                extra: "From: attacker@evil.example\r\nIn-Reply-To: \(moderationID)\r\n", body: "approuver"),
            recipient: Self.facteurAddress)
        #expect(!forged.stdout.contains("approved"), "\(forged.stdout)")
        #expect(try h.rows("SELECT state FROM facteur_inbound WHERE id = 1")[0].text(0) == "held")
        let relayed = try h.relayReceive(
            RelayFixtures.producerNews(extraHeaders: "From: attacker@evil.example\r\n", id: "t3@x"))
        #expect(relayed.stdout.contains("held"), "\(relayed.stdout)")
    }
}
