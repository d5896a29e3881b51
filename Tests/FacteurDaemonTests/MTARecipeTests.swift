import Foundation
import TestSupport
import Testing

/// docs/operations.md's postfix recipe, as written, through a real postfix on 127.0.0.1: the pipe transport
/// hands the relay addresses and the AMAP's Facteur address to `facteur relay receive`.
@Suite(.enabled(if: PostfixServer.isUsable)) struct MTARecipeTests {
    @discardableResult
    func send(port: Int, to: String, _ message: String, refused: Bool = false) throws -> ProcessOutput {
        let script = """
            import smtplib, sys
            s = smtplib.SMTP('127.0.0.1', \(port))
            s.sendmail('camille@example.net', ['\(to)'], sys.stdin.buffer.read())
            s.quit()
            """
        let out = try ProcessRunner.run("/usr/bin/python3", ["-c", script], stdin: Data(message.utf8))
        #expect((out.status != 0) == refused, "\(out.stderr)")
        return out
    }

    @Test("postfix pipes a relay address and the Facteur address to relay receive; a request by mail takes effect")
    func postfixPipe() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        // The pipe runs as another user (here nobody): the database must be writable by it, as the recipe says.
        for file in [h.dir.url.path, h.databasePath, h.databasePath + "-wal", h.databasePath + "-shm", h.configPath] {
            _ = try ProcessRunner.run("/bin/chmod", ["a+rwX", file])
        }
        let work = TemporaryDirectory()
        let postfix = try PostfixServer(
            directory: work.url, domain: "lilas.example.org",
            addresses: ["legumes@lilas.example.org", "contact+facteur@lilas.example.org"],
            argv: "\(PackagePaths.binary) relay receive --recipient ${recipient} --config \(h.configPath) --now 2026-11-20T10:00")
        try send(port: postfix.port, to: "legumes@lilas.example.org", RelayFixtures.producerNews())
        try send(
            port: postfix.port, to: "contact+facteur@lilas.example.org",
            RelayFixtures.plain(from: "jerome@example.net", subject: "Retard jeudi", id: "p2@example.net"))
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? h.rows("SELECT COUNT(*) FROM facteur_inbound")[0].int(0)) ?? 0 < 2 {
            Thread.sleep(forTimeInterval: 0.2)
        }
        // postfix delivers the two queued messages in either order: the rows are compared by recipient.
        let states = try h.rows("SELECT recipient, state FROM facteur_inbound ORDER BY recipient").map {
            "\($0.text(0) ?? "") \($0.text(1) ?? "")"
        }
        #expect(states == ["contact+facteur@lilas.example.org forwarded", "legumes@lilas.example.org relayed"], "\(states)\n\(postfix.maillog)")
        #expect(postfix.maillog.contains("relay=facteur") && postfix.maillog.contains("status=sent"), "\(postfix.maillog)")
        // local_recipient_maps, as documented: an address neither a user nor in the transport map is refused.
        let unknown = try send(
            port: postfix.port, to: "personne@lilas.example.org",
            RelayFixtures.plain(from: "jerome@example.net", subject: "Perdu", id: "p3@example.net"), refused: true)
        #expect(unknown.stderr.contains("User unknown in local recipient table"), "\(unknown.stderr)")
    }
}
