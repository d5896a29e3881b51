import FacteurStore
import Foundation
import TestSupport
import Testing

/// The IMAP intake against a real Dovecot on 127.0.0.1, polled by `facteur once`.
@Suite(.serialized) struct RelayIMAPTests {
    func harness(_ server: SMTPCaptureServer, _ imap: DovecotServer, _ secrets: TemporaryDirectory) throws -> Harness {
        let passwordFile = secrets.path("imap-password")
        try "\(imap.password)\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        _ = try ProcessRunner.run("/bin/chmod", ["600", passwordFile])
        let relay = """
            "relay": {"imap": {"url": "\(imap.url)", "tls": "none", "username": "\(imap.user)",
                               "password_file": "\(passwordFile)"}},
            """
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off + relay)
        try h.seedRelay()
        return h
    }

    @Test("a message in the mailbox is relayed once; it is marked seen only after it is stored")
    func intake() throws {
        let mail = TemporaryDirectory()
        let secrets = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let imap = try DovecotServer()
        let h = try harness(server, imap, secrets)
        try imap.deliver(RelayFixtures.producerNews())
        let first = try h.onceNow()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try received(server, kind: "relay").count == 2)
        let position = try h.rows("SELECT uidvalidity, last_uid FROM facteur_imap")
        #expect(position.first?.int64(1) == 1)
        #expect(try h.rows("SELECT source, imap_uid FROM facteur_inbound").map { $0.text(0) } == ["imap"])
        // A crash after storing but before the position and \Seen were written: the next poll fetches the
        // message again and recognises it.
        try h.sql("DELETE FROM facteur_imap")
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").count == 2)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_inbound")[0].int(0) == 1)
        // A bounce for one of the relayed copies, arriving in the same mailbox, fails that copy.
        let copy = try #require(
            try h.rows("SELECT message_id FROM facteur_outbox WHERE key = 'relay/i1/m1'").first?.text(0))
        try imap.deliver(
            "From: MAILER-DAEMON@mx.example.net\r\nTo: bounces@lilas.example.org\r\nSubject: Undelivered\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n--B\r\n"
                + "Content-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; camille@example.net\r\n"
                + "Action: failed\r\nStatus: 5.2.2\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "Message-ID: <\(copy)>\r\n--B--\r\n")
        _ = try h.onceNow()
        let row = try h.rows("SELECT state, last_error FROM facteur_outbox WHERE key = 'relay/i1/m1'")[0]
        #expect(row.text(0) == "failed" && row.text(1)?.contains("5.2.2") == true)
        #expect(try received(server, kind: "relay").count == 2)
    }

    @Test("a changed UIDVALIDITY resynchronises by Message-ID: nothing relayed twice, new mail relayed")
    func uidValidityChange() throws {
        let mail = TemporaryDirectory()
        let secrets = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let imap = try DovecotServer()
        let h = try harness(server, imap, secrets)
        try imap.deliver(RelayFixtures.producerNews())
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").count == 2)
        let before = try h.rows("SELECT uidvalidity FROM facteur_imap")[0].int64(0)
        try imap.recreateMailbox()
        Thread.sleep(forTimeInterval: 1.1)  // Dovecot derives UIDVALIDITY from the clock, in seconds.
        try imap.deliver(RelayFixtures.producerNews())
        try imap.deliver(RelayFixtures.producerNews(id: "news-2@ferme-du-pre.example.net"))
        let result = try h.onceNow()
        #expect(result.stderr.contains("imap-resync"))
        #expect(try h.rows("SELECT uidvalidity FROM facteur_imap")[0].int64(0) != before)
        #expect(try received(server, kind: "relay").count == 4)
    }
}
