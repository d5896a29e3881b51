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
        #expect(sent.stdout.contains("accepted (250)"))
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
}
