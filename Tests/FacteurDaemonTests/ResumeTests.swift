import Foundation
import TestSupport
import Testing

/// `facteur resume`: an operator who fixed the SMTP server does not wait out the backoff.
@Suite struct ResumeTests {
    @Test("an unreachable server pauses the sender and reaches the digest's reports; resume ends the pause")
    func resume() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        _ = try h.once("2026-11-24 18:30")
        let paused = try h.facteur("status", "--json", "--now", "2026-11-24 18:30:10")
        #expect(paused.stdout.contains("\"paused\" : true"), "\(paused.stdout)")
        #expect(try h.rows("SELECT detail FROM facteur_report WHERE category = 'systemic'").first?.text(0)
            == "serveur d'envoi injoignable : nouvel essai automatique")
        try h.writeConfig(smtpURL: server.url)
        // Still paused: nothing goes out until the pause ends…
        _ = try h.once("2026-11-24 18:30:20")
        #expect(server.messageFiles.isEmpty)
        // …unless the operator says the server is fixed.
        let resumed = try h.facteur("resume", "--now", "2026-11-24 18:30:30")
        #expect(resumed.status == 0)
        #expect(resumed.stdout.contains("sender: resumed"), "\(resumed.stdout)")
        _ = try h.once("2026-11-24 18:30:40")
        #expect(server.messageFiles.count == 3)
        #expect(try h.facteur("resume").stdout.contains("not paused"))
    }
}
