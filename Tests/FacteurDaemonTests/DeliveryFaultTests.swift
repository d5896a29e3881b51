import FacteurStore
import Foundation
import TestSupport
import Testing

/// SMTP failures as the daemon meets them, against aiosmtpd scripted to misbehave.
@Suite struct DeliveryFaultTests {
    @Test("451 is retried only after the backoff")
    func temporaryBackoff() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(
            directory: mail.url, arguments: ["--reply", "camille@example.net=451 4.2.1 Mailbox busy"])
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        #expect(server.messageFiles.count == 2)
        let attempts = {
            try h.rows("SELECT attempts, state, smtp_code FROM facteur_outbox WHERE key = 'announcement/d42/m1'")[0]
        }
        #expect(try attempts().int(0) == 1 && attempts().text(1) == "queued" && attempts().int(2) == 451)
        _ = try h.once("2026-11-24 18:30:59")
        #expect(try attempts().int(0) == 1)
        _ = try h.once("2026-11-24 18:31")
        #expect(try attempts().int(0) == 2)
        _ = try h.once("2026-11-24 18:32:59")
        #expect(try attempts().int(0) == 2)
        _ = try h.once("2026-11-24 18:33")
        #expect(try attempts().int(0) == 3)
    }

    @Test("550 fails that recipient at once; the others are delivered")
    func permanentFailure() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(
            directory: mail.url, arguments: ["--reply", "helene@example.net=550 5.1.1 No such user"])
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        let states = try h.states()
        #expect(states["announcement/d42/m2"] == "failed")
        #expect(states["announcement/d42/m1"] == "sent" && states["announcement/d42/m3"] == "sent")
        let reason = try h.rows("SELECT last_error FROM facteur_outbox WHERE key = 'announcement/d42/m2'")[0].text(0)
        #expect(reason?.contains("5.1.1") == true)
        _ = try h.once("2026-11-24 20:00")
        #expect(try h.rows("SELECT attempts FROM facteur_outbox WHERE key = 'announcement/d42/m2'")[0].int(0) == 1)
    }

    @Test("server down: notices stay queued, the sender pauses, a later tick delivers them")
    func serverDown() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let port = server.port
        server.stop()
        let h = try Harness(smtpURL: "smtp://127.0.0.1:\(port)")
        let down = try h.once("2026-11-24 18:30")
        #expect(down.status == 0)
        #expect(down.stdout.contains("sender paused"))
        #expect(try h.states().values.allSatisfy { $0 == "queued" })
        let live = try SMTPCaptureServer(directory: mail.url)
        try h.writeConfig(smtpURL: live.url)
        _ = try h.once("2026-11-24 18:30:30")
        #expect(live.messageFiles.isEmpty)  // still paused for a minute
        _ = try h.once("2026-11-24 18:32")
        #expect(live.messageFiles.count == 3)
        #expect(try h.states().values.allSatisfy { $0 == "sent" })
    }

    @Test("no reply after the final dot: uncertain, then sent again once with the same Message-ID")
    func ambiguousOutcome() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url, arguments: ["--drop-after-data", "1"])
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        let first = try h.rows("SELECT state, recoveries FROM facteur_outbox WHERE key = 'announcement/d42/m1'")[0]
        #expect(first.text(0) == "uncertain" && first.int(1) == 1)
        _ = try h.once("2026-11-24 18:32")
        #expect(try h.states().values.allSatisfy { $0 == "sent" })
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        let camille = parsed.filter { $0.header("To")?.contains("camille") == true }
        #expect(camille.count == 2)
        #expect(Set(camille.compactMap { $0.header("Message-ID") }).count == 1)
        #expect(parsed.count == 4)
    }

    @Test("authentication refused: the sender pauses and no member's notice is marked failed")
    func authenticationRefused() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url, arguments: ["--auth", "amap:right"])
        let secret = TemporaryDirectory()
        let passwordFile = secret.path("password")
        try "wrong-secret-42\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let h = try Harness(
            smtpURL: server.url, extraConfig: ", \"username\": \"amap\", \"password_file\": \"\(passwordFile)\"")
        let result = try h.once("2026-11-24 18:30")
        #expect(result.stderr.contains("alert sender-paused"))
        #expect(!result.stderr.contains("wrong-secret-42") && !result.stdout.contains("wrong-secret-42"))
        #expect(try h.states().values.allSatisfy { $0 == "queued" })
        let sender = try h.rows("SELECT paused_until, pause_reason FROM facteur_sender")[0]
        #expect(sender.int64(0) != nil)
        #expect(sender.text(1)?.contains("authentication") == true)
        let status = try h.facteur("status", "--json", "--now", "2026-11-24 18:30:30")
        #expect(status.stdout.contains("\"paused\" : true"))
        #expect(!status.stdout.contains("wrong-secret-42"))
    }

    @Test("a systemic pause is reported in the coordinators' digest")
    func pauseInDigest() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url, arguments: ["--auth", "amap:right"])
        let secret = TemporaryDirectory()
        try "wrong\n".write(toFile: secret.path("p"), atomically: true, encoding: .utf8)
        let h = try Harness(
            smtpURL: server.url, extraConfig: ", \"username\": \"amap\", \"password_file\": \"\(secret.path("p"))\"")
        try h.seedOrders()
        _ = try h.once("2026-11-24 18:30")
        _ = try h.once("2026-11-25 08:00")
        let digest = try h.rows(
            "SELECT b.body, o.state FROM facteur_outbox o JOIN facteur_outbox_body b ON b.outbox_id = o.id WHERE o.kind = 'digest'"
        )
        #expect(digest.count == 1)
        let body = String(decoding: digest.first?.blob(0) ?? [], as: UTF8.self)
        // In words, with what to check; the server's own reply follows as a technical detail.
        #expect(body.contains("ENVOI SUSPENDU : le serveur d'envoi a refus=C3=A9 l'identifiant"), "\(body)")
        #expect(body.contains("authentication refused"))
        #expect(digest.first?.text(1) == "queued")
    }
}
