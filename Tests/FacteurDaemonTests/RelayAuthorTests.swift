import Foundation
import TestSupport
import Testing

/// DESIGN §5 "The author is the single address of From:", through `relay receive` as an MTA runs it.
@Suite struct RelayAuthorTests {
    @Test(
        "a forged author is held, never fanned out to the subscribers",
        arguments: [
            "attacker@evil.example (<julie@ferme-du-pre.example.net>)",
            "Julie <attacker@evil.example> (<julie@ferme-du-pre.example.net>)",
            "julie@ferme-du-pre.example.net, attacker@evil.example",
        ])
    func forgedFrom(_ from: String) throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let result = try h.relayReceive(RelayFixtures.producerNews(from: from))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("held"), "\(from): \(result.stdout)")
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay").isEmpty, "\(from)")
        #expect(try received(server, kind: "moderation").count == 1)
    }

    @Test("with relay.authserv_id, a pass forged below the server's own failing field is ignored")
    func forgedResultsBelow() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(
            smtpURL: server.url, topConfig: Quiet.off + "\"relay\": {\"authserv_id\": \"mx.lilas.example.org\"},")
        try h.seedRelay()
        let forged = try h.relayReceive(
            RelayFixtures.producerNews(
                extraHeaders:
                    "Authentication-Results: mx.lilas.example.org; dkim=fail header.d=ferme-du-pre.example.net; dmarc=fail header.from=ferme-du-pre.example.net\r\n"
                    + "Authentication-Results: mx.lilas.example.org; dkim=pass header.d=ferme-du-pre.example.net\r\n",
                id: "f2@x"))
        #expect(forged.stdout.contains("held"), "\(forged.stdout)")
        // A signature by a public suffix vouches for no one.
        try h.sql("UPDATE producer SET email = 'julie@ferme.github.io' WHERE id = 1")
        let suffix = try h.relayReceive(
            RelayFixtures.producerNews(
                from: "Julie <julie@ferme.github.io>",
                extraHeaders: "Authentication-Results: mx.lilas.example.org; dkim=pass header.d=github.io\r\n",
                id: "f3@x"))
        #expect(suffix.stdout.contains("held"), "\(suffix.stdout)")
        // The organizational domain does: a pass for example.net covers ferme-du-pre.example.net.
        try h.sql("UPDATE producer SET email = 'julie@ferme-du-pre.example.net' WHERE id = 1")
        let parent = try h.relayReceive(
            RelayFixtures.producerNews(
                extraHeaders: "Authentication-Results: mx.lilas.example.org; dkim=pass header.d=example.net\r\n",
                id: "g2@x"))
        #expect(parent.stdout.contains("relayed"), "\(parent.stdout)")
    }

    @Test("an out-of-office reply marked only X-Autoreply never reaches the producer")
    func outOfOffice() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        let result = try h.relayReceive(
            RelayFixtures.plain(
                from: "Camille Dupont <camille@example.net>", subject: "Absente", id: "ooo@example.net",
                extraHeaders: "X-Autoreply: yes\r\n"))
        #expect(result.stdout.contains("ignored"), "\(result.stdout)")
        _ = try h.onceNow()
        #expect(try received(server, kind: "relay_to_producer").isEmpty)
    }
}
