import Foundation
import TestSupport
import Testing

@Suite struct SMTPCommandTests {
    @Test("send-test delivers one well-formed message; check reaches the server")
    func sendTestAndCheck() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let sent = try h.facteur("send-test", "--to", "moi@example.net", "--now", "2026-11-24 18:31")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("accepté (250)"), "\(sent.stdout)")
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        #expect(parsed.count == 1)
        #expect(parsed.first?.defects.isEmpty == true)
        #expect(parsed.first?.header("X-Facteur-Kind") == "test")
        let check = try h.facteur("check", "--now", "2026-11-24 18:31")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("reachable"))
        #expect(server.messageFiles.count == 1)
        server.stop()
        let down = try h.facteur("check", "--now", "2026-11-24 18:31")
        #expect(down.status == 69)
    }

    @Test(
        "send-test sends as the AMAP (From, envelope) without smtp.envelope_from; with several, names them and --amap chooses"
    )
    func sendTestAsAmap() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        // As an installer's first configuration: no smtp.envelope_from.
        let config = try String(contentsOfFile: h.configPath, encoding: .utf8)
        try config.replacingOccurrences(of: "\"envelope_from\": \"bounces@lilas.example.org\",", with: "")
            .write(toFile: h.configPath, atomically: true, encoding: .utf8)
        try h.sql(
            "INSERT INTO amap (id, name, email, timezone) VALUES (77, 'AMAP du Moulin', 'bureau@moulin.example.org', 'Europe/Paris')"
        )
        let first = try h.facteur("send-test", "--to", "moi@example.net", "--now", "2026-11-24 18:31")
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(
            first.stdout.contains("(la première ; --amap NOM pour une autre : « AMAP du Moulin »)"), "\(first.stdout)")
        let chosen = try h.facteur(
            "send-test", "--to", "moi@example.net", "--amap", "amap du moulin", "--now", "2026-11-24 18:31")
        #expect(chosen.status == 0, "\(chosen.stdout)\(chosen.stderr)")
        #expect(chosen.stdout.contains("envoi au nom de l'AMAP « AMAP du Moulin » <bureau@moulin.example.org>"))
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        #expect(parsed.count == 2)
        #expect(
            parsed.last?.header("From")?.contains("bureau@moulin.example.org") == true,
            "\(String(describing: parsed.last?.header("From")))")
        let envelope = try String(
            contentsOf: server.messageFiles.last!.deletingPathExtension().appendingPathExtension("json"),
            encoding: .utf8)
        #expect(envelope.contains("\"mail_from\": \"bureau+facteur@moulin.example.org\""), "\(envelope)")
        let unknown = try h.facteur("send-test", "--to", "moi@example.net", "--amap", "Ailleurs")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("aucune AMAP ne s'appelle « Ailleurs » (il y a :"), "\(unknown.stderr)")
    }
}
