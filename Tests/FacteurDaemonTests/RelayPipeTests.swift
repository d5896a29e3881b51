import FacteurStore
import Foundation
import TestSupport
import Testing

/// `facteur relay receive` as a postfix pipe would run it, then `once` to send.
@Suite struct RelayPipeTests {
    @Test("a producer's message with a PDF reaches every subscriber, DMARC-safe, attachment intact")
    func producerToSubscribers() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let result = try h.relayReceive(RelayFixtures.producerNews())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("relayed"))
        _ = try h.onceNow()
        let relayed = try received(server, kind: "relay")
        #expect(
            Set(relayed.compactMap { $0.header("To") }) == [
                "Camille Dupont <camille@example.net>", "Hélène Bérard <helene@example.net>",
            ])
        for m in relayed {
            #expect(m.defects.isEmpty, "\(m.defects)")
            #expect(m.header("From") == "Julie Martin via AMAP des Lilas <legumes@lilas.example.org>")
            #expect(m.header("Reply-To") == "julie@ferme-du-pre.example.net")
            #expect(m.header("Subject") == "[Légumes] Nouvelles de la ferme – courges")
            #expect(m.header("List-Id")?.contains("<legumes.lilas.example.org>") == true)
            #expect(m.header("X-Loop") == "legumes@lilas.example.org")
            #expect(m.header("Precedence") == "list")
            #expect(m.header("Auto-Submitted") == "auto-generated")
            for dropped in ["Received", "DKIM-Signature", "Return-Path", "Cc"] { #expect(m.header(dropped) == nil) }
            #expect(m.text?.contains("Bonjour à tous, les courges arrivent !") == true)
            #expect(m.text?.contains(".ligne qui commence par un point") == true)
        }
        for file in server.messageFiles {
            let pdf = try AttachmentExtractor.attachment(from: file.path, filename: "bon-de-commande.pdf")
            #expect(pdf == RelayFixtures.pdf)
        }
        #expect(try h.states().keys.allSatisfy { $0.hasPrefix("relay/i1/") })
    }

    @Test("the footer names its author in French as one writes it: « Message d'Éric Lefèvre », « de Julie Martin »")
    func footerElision() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let news = RelayFixtures.plain(
            from: "=?UTF-8?Q?=C3=89ric_Lef=C3=A8vre?= <julie@ferme-du-pre.example.net>", subject: "Courges",
            id: "e1@example.net")
        #expect(try h.relayReceive(news).stdout.contains("relayed"))
        _ = try h.onceNow()
        let texts = try received(server, kind: "relay").compactMap(\.text)
        #expect(texts.count == 2)
        #expect(
            texts.allSatisfy { $0.contains("Message d'Éric Lefèvre aux membres du contrat Légumes de l'AMAP des Lilas") },
            "\(texts)")
    }

    @Test("a subscriber's question goes to the producer only, Reply-To the member")
    func subscriberToProducer() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let result = try h.relayReceive(
            RelayFixtures.plain(from: "Camille <camille@example.net>", subject: "Question", id: "q1@example.net"))
        #expect(result.status == 0)
        _ = try h.onceNow()
        let sent = try received(server, kind: "relay_to_producer")
        #expect(sent.count == 1 && server.messageFiles.count == 1)
        #expect(sent.first?.header("To") == "Julie Martin <julie@ferme-du-pre.example.net>")
        #expect(sent.first?.header("Reply-To") == "camille@example.net")
        #expect(sent.first?.header("From") == "Camille via AMAP des Lilas <legumes@lilas.example.org>")
        #expect(sent.first?.header("Auto-Submitted") == "auto-generated")
        #expect(sent.first?.text?.contains("Répondre à ce message lui répond directement") == true)
    }

    @Test("an unknown sender is held, the coordinator told; approve relays it, reject discards")
    func moderation() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        #expect(
            try h.relayReceive(RelayFixtures.plain(from: "x@spam.example", subject: "Promo", id: "p1@spam.example"))
                .status == 0)
        #expect(
            try h.relayReceive(RelayFixtures.plain(from: "y@spam.example", subject: "Promo 2", id: "p2@spam.example"))
                .status == 0)
        _ = try h.onceNow()
        let moderation = try received(server, kind: "moderation")
        #expect(moderation.count == 2)
        #expect(moderation.first?.header("To") == "Hélène Bérard <helene@example.net>")
        #expect(moderation.first?.text?.contains("facteur relay approve 1") == true)
        #expect(try received(server, kind: "relay").isEmpty)
        let status = try h.facteur("status", "--json", "--now", Harness.relayNow)
        #expect(status.stdout.contains("\"Promo\""))
        #expect(try h.facteur("relay", "approve", "1", "--now", Harness.relayNow).status == 0)
        #expect(try h.facteur("relay", "reject", "2", "--now", Harness.relayNow).status == 0)
        #expect(try h.facteur("relay", "approve", "2", "--now", Harness.relayNow).status == 65)
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").count == 2)
        // A message still held yesterday shows in this morning's digest.
        try h.sql("UPDATE facteur_inbound SET state = 'held', received_at = received_at - 3 * 86400 WHERE id = 2")
        _ = try h.facteur("once", "--now", DigestTime.yesterdayMorningTomorrow())
        let digest = try #require(try received(server, kind: "digest").first)
        #expect(digest.text?.contains("n° 2 d'y@spam.example : « Promo 2 »") == true, "\(digest.text ?? "")")
    }

    @Test("with relay.authserv_id, a forged producer From is held; a dkim=pass from that server is relayed")
    func authentication() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(
            smtpURL: server.url, topConfig: Quiet.off + "\"relay\": {\"authserv_id\": \"mx.lilas.example.org\"},")
        try h.seedRelay()
        let forged = try h.relayReceive(
            RelayFixtures.producerNews(
                extraHeaders: "Authentication-Results: evil.example; dkim=pass header.d=ferme-du-pre.example.net\r\n",
                id: "f1@x"))
        #expect(forged.stdout.contains("held"))
        let genuine = try h.relayReceive(
            RelayFixtures.producerNews(
                extraHeaders:
                    "Authentication-Results: mx.lilas.example.org; spf=pass smtp.mailfrom=ferme-du-pre.example.net;\r\n dkim=pass header.d=ferme-du-pre.example.net; dmarc=pass header.from=ferme-du-pre.example.net\r\n",
                id: "g1@x"))
        #expect(genuine.stdout.contains("relayed"), "\(genuine.stdout)\(genuine.stderr)")
    }

    @Test("auto-replies, bulk mail and our own mail are never relayed; the same message twice is relayed once")
    func neverRelayed() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let julie = "Julie Martin <julie@ferme-du-pre.example.net>"
        let cases = [
            RelayFixtures.plain(
                from: julie, subject: "Absent", id: "a1@x", extraHeaders: "Auto-Submitted: auto-replied\r\n"),
            RelayFixtures.plain(from: julie, subject: "Liste", id: "a2@x", extraHeaders: "Precedence: bulk\r\n"),
            RelayFixtures.plain(
                from: julie, subject: "Boucle", id: "a3@x", extraHeaders: "X-Loop: legumes@lilas.example.org\r\n"),
        ]
        for c in cases { #expect(try h.relayReceive(c).stdout.contains("ignored")) }
        // A mailer daemon's plain-text bounce is read as one (qmail, Yahoo), never relayed.
        let daemon = try h.relayReceive(
            RelayFixtures.plain(from: "MAILER-DAEMON@mx.example.org", subject: "Undelivered", id: "a4@x"))
        #expect(daemon.stdout.contains("bounce") && !daemon.stdout.contains("relayed"), "\(daemon.stdout)")
        let news = RelayFixtures.producerNews()
        #expect(try h.relayReceive(news).stdout.contains("relayed"))
        #expect(try h.relayReceive(news).stdout.contains("already received"))
        _ = try h.onceNow()
        #expect(server.messageFiles.count == 2)
    }

    @Test("exit codes: 67 unknown address, 65 unparseable, 75 read-only database; unsubscribe opts out")
    func exitCodes() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        #expect(try h.relayReceive(RelayFixtures.producerNews(), recipient: "nobody@lilas.example.org").status == 67)
        #expect(try h.relayReceive("\u{1}\u{2} garbage without any header line\r\n").status == 65)
        let unsubscribe = try h.relayReceive(
            RelayFixtures.plain(from: "camille@example.net", subject: "Désinscription", id: "u1@x"))
        // Only this contract's relay, for the member who wrote (DESIGN §5), confirmed to her own address.
        #expect(
            unsubscribe.stdout.contains("request (member 1 opted out of relay of contract 1)"), "\(unsubscribe.stdout)")
        #expect(
            try h.rows("SELECT contract_id FROM facteur_relay_optout WHERE member_id = 1").map { $0.int64(0) } == [1])
        #expect(try h.rows("SELECT kind FROM preference WHERE member_id = 1").isEmpty)
        _ = try h.relayReceive(RelayFixtures.producerNews())
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").map { $0.header("To") } == ["Hélène Bérard <helene@example.net>"])
        let holder = try SQLiteConnection(path: h.databasePath)
        try holder.execute("BEGIN IMMEDIATE")
        let busy = try h.relayReceive(RelayFixtures.producerNews(id: "other@x"))
        #expect(busy.status == 75)
        try holder.execute("ROLLBACK")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: h.databasePath)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: h.databasePath) }
        let readOnly = try ProcessRunner.run(
            "/usr/sbin/runuser",
            [
                "-u", "nobody", "--", PackagePaths.binary, "relay", "receive", "--config", h.configPath,
                "--recipient", "legumes@lilas.example.org",
            ],
            stdin: Data(RelayFixtures.producerNews(id: "ro@x").utf8))
        #expect(readOnly.status == 75, "\(readOnly.stderr)")
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_inbound WHERE message_id = 'ro@x'")[0].int(0) == 0)
    }

    @Test("with relay.moderation all, even the producer's message waits for a moderator")
    func moderateAll() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off + "\"relay\": {\"moderation\": \"all\"},")
        try h.seedRelay()
        #expect(try h.relayReceive(RelayFixtures.producerNews()).stdout.contains("held"))
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").isEmpty)
        #expect(try received(server, kind: "moderation").count == 1)
    }

    @Test("a message over relay.max_bytes is refused and its sender told")
    func tooLarge() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off + "\"relay\": {\"max_bytes\": 1024},")
        try h.seedRelay()
        let result = try h.relayReceive(RelayFixtures.producerNews())
        #expect(result.stdout.contains("refused"))
        _ = try h.onceNow()
        let told = try received(server, kind: "relay_refused")
        #expect(told.first?.header("To") == "Julie Martin <julie@ferme-du-pre.example.net>")
        #expect(try received(server, kind: "relay").isEmpty)
        // Bare LF line ends count as the CRLF they become: 900 bytes of short LF lines are 1,300 sent.
        let lines = String(repeating: "x\n", count: 400)
        let bare =
            "From: julie@ferme-du-pre.example.net\nTo: legumes@lilas.example.org\nSubject: LF\nMessage-ID: <lf@x>\n\n"
            + lines
        #expect(bare.utf8.count < 1024)
        let refused = try h.relayReceive(bare)
        #expect(refused.stdout.contains("refused"), "\(refused.stdout)")
        // The same limit holds at the AMAP's Facteur address: nothing that large is passed on.
        let big = RelayFixtures.plain(from: "camille@example.net", subject: "Photos", id: "big@example.net")
            + String(repeating: "photo\r\n", count: 300)
        let toAmap = try h.relayReceive(big, recipient: "contact+facteur@lilas.example.org")
        #expect(toAmap.stdout.contains("refused") && toAmap.stdout.contains("relay.max_bytes"), "\(toAmap.stdout)")
        _ = try h.onceNow()
        #expect(try received(server, kind: "forwarded").isEmpty)
    }

    @Test("a bounce for one of our messages marks it failed and is never relayed")
    func bounce() throws {
        let (mail, server, h, id) = try Self.announced()
        defer { withExtendedLifetime((mail, server)) {} }
        let dsn = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r
            To: legumes@lilas.example.org\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <dsn-1@mx.example.net>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
            \r
            --B\r
            Content-Type: text/plain\r
            \r
            Your message could not be delivered.\r
            --B\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example.net\r
            \r
            Final-Recipient: rfc822; jerome@example.net\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 User unknown\r
            --B\r
            Content-Type: text/rfc822-headers\r
            \r
            From: AMAP des Lilas <contact@lilas.example.org>\r
            Message-ID: <\(id)>\r
            --B--\r

            """
        let result = try h.relayReceive(dsn, now: "2026-11-24 19:00")
        #expect(result.stdout.contains("bounce"), "\(result.stdout)")
        let row = try h.rows("SELECT state, last_error FROM facteur_outbox WHERE key = 'announcement/d42/m3'")[0]
        #expect(row.text(0) == "failed")
        #expect(row.text(1)?.contains("5.1.1") == true)
    }
}

extension RelayPipeTests {
    /// A relay network whose announcement to member 3 was sent: the capture server, the harness and the
    /// notice's Message-ID, for a bounce to name.
    static func announced() throws -> (TemporaryDirectory, SMTPCaptureServer, Harness, String) {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay(keepDistribution: true)
        _ = try h.once("2026-11-24 18:30")
        let id = try #require(
            try h.rows("SELECT message_id FROM facteur_outbox WHERE key = 'announcement/d42/m3'").first?.text(0))
        return (mail, server, h, id)
    }

    @Test(
        "bounces of the corpus (qmail's prose, a base64 returned part, Exchange, a folded Message-ID) mark the notice failed through relay receive",
        arguments: ["qmail.eml", "base64-part.eml", "exchange.eml", "postfix.eml", "delayed.eml"])
    func corpusBounce(file: String) throws {
        let (mail, server, h, id) = try Self.announced()
        defer { withExtendedLifetime(mail) {} }
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/bounce-corpus")
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: corpus.appendingPathComponent("expected.json"))) as? [String: [String: Any]]
        let original = try #require(expected?[file]?["messageID"] as? String).dropFirst().dropLast()
        var text = try String(contentsOf: corpus.appendingPathComponent(file), encoding: .utf8)
        if file == "base64-part.eml" {
            // The returned headers are base64: put our notice's Message-ID in them, encoded the same way.
            let start = try #require(text.range(of: "Content-Transfer-Encoding: base64\r\n\r\n"))
            let end = try #require(text.range(of: "\r\n--", range: start.upperBound..<text.endIndex))
            let lines = text[start.upperBound..<end.lowerBound].split(separator: "\r\n").joined()
            let decoded = String(decoding: Data(base64Encoded: String(lines)) ?? Data(), as: UTF8.self)
                .replacingOccurrences(of: String(original), with: id)
            #expect(decoded.contains(id))
            text.replaceSubrange(
                start.upperBound..<end.lowerBound,
                with: Data(decoded.utf8).base64EncodedString(options: [
                    .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
                ]))
        } else {
            text = text.replacingOccurrences(of: String(original), with: id)
        }
        let result = try h.relayReceive(text, now: "2026-11-24 19:00")
        #expect(result.stdout.contains("bounce"), "\(result.stdout)")
        let row = try h.rows("SELECT state FROM facteur_outbox WHERE key = 'announcement/d42/m3'")[0]
        #expect(row.text(0) == (file == "delayed.eml" ? "sent" : "failed"), "\(file)")
        #expect(server.messageFiles.count == 3, "nothing relayed or passed on")
    }
}

enum Quiet {
    /// Quiet hours off, for tests that run at any hour.
    static let off = "\"quiet_hours\": {\"start\": \"00:00\", \"end\": \"00:00\"},"
}

enum DigestTime {
    /// 08:00 (Paris) on the day after `Harness.relayNow`: the digest covering the last 24 hours is due then.
    static func yesterdayMorningTomorrow() -> String { "2026-11-21 08:00" }
}
