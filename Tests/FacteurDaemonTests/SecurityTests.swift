import FacteurStore
import Foundation
import TestSupport
import Testing

@Suite struct SecurityTests {
    static let payload = "X\r\nBcc: victim@evil.example\r\nX-Injected: yes\nSubject: forged"

    @Test("CR/LF through every text column adds no header to any message")
    func headerInjection() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedOrders()
        let p = Self.payload.replacingOccurrences(of: "'", with: "''")
        try h.sql(
            """
            UPDATE amap SET name = 'AMAP \(p)', website = 'https://x.example/\(p)';
            UPDATE member SET name = name || '\(p)';
            UPDATE producer SET name = name || '\(p)', farm = 'Ferme \(p)';
            UPDATE contract SET name = name || '\(p)';
            UPDATE distribution SET place = 'Préau \(p)', notes = 'Note \(p)', duty_needed = 3;
            UPDATE delivery SET notes = 'Livraison \(p)';
            INSERT INTO duty VALUES (42, 1, 'rôle \(p)');
            UPDATE order_window SET unavailable = 'Noix \(p)', notes = 'Note \(p)';
            INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES (5, 1, 'Pain \(p)', 1, 100);
            """)
        for t in ["2026-11-23 09:00", "2026-11-24 18:30", "2026-11-25 20:00"] { _ = try h.once(t) }
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        #expect(
            Set(parsed.compactMap { $0.header("X-Facteur-Kind") }).isSuperset(of: [
                "announcement", "duty_call", "order_open", "order_summary",
            ]))
        for m in parsed {
            #expect(m.header("Bcc") == nil && m.header("X-Injected") == nil, "\(m.file)")
            #expect(m.headers["subject"]?.count == 1)
            #expect(m.defects.isEmpty, "\(m.defects)")
        }
        // The header block as sent (a note may say anything in the body, where it is only text).
        let headerBlocks = server.messageFiles.map {
            ((try? String(contentsOf: $0, encoding: .utf8)) ?? "").components(separatedBy: "\r\n\r\n")[0]
        }
        #expect(headerBlocks.allSatisfy { !$0.contains("\r\nBcc:") && !$0.contains("\r\nX-Injected:") })
    }

    @Test("passwords never appear in logs, status, errors or help; a secret file readable by others is flagged")
    func secrets() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url, arguments: ["--auth", "amap:right"])
        let secrets = TemporaryDirectory()
        let smtpFile = secrets.path("smtp")
        let imapFile = secrets.path("imap")
        try "smtp-Secret-91\n".write(toFile: smtpFile, atomically: true, encoding: .utf8)
        try "imap-Secret-37\n".write(toFile: imapFile, atomically: true, encoding: .utf8)
        _ = try ProcessRunner.run("/bin/chmod", ["644", smtpFile])
        let h = try Harness(
            smtpURL: server.url, extraConfig: ", \"username\": \"amap\", \"password_file\": \"\(smtpFile)\"",
            topConfig:
                "\"relay\": {\"imap\": {\"url\": \"imap://127.0.0.1:9/INBOX\", \"tls\": \"none\", \"username\": \"r\", \"password_file\": \"\(imapFile)\"}},"
        )
        var outputs = [
            try h.once("2026-11-24 18:30"), try h.facteur("status", "--now", "2026-11-24 18:31"),
            try h.facteur("status", "--json", "--now", "2026-11-24 18:31"),
            try h.facteur("check", "--now", "2026-11-24 18:31"),
            try h.facteur("send-test", "--to", "a@example.net", "--now", "2026-11-24 18:31"), try h.facteur("--help"),
            try h.facteur("run", "--help"),
        ]
        outputs.append(
            try ProcessRunner.run(PackagePaths.binary, ["once", "--now", "bogus", "--config", h.configPath]))
        for o in outputs {
            for secret in ["smtp-Secret-91", "imap-Secret-37"] {
                #expect(!o.stdout.contains(secret) && !o.stderr.contains(secret))
            }
        }
        let dump = try h.rows("SELECT group_concat(COALESCE(last_error, '')) FROM facteur_outbox").first?.text(0) ?? ""
        #expect(!dump.contains("Secret"))
        let check = try h.facteur("check", "--now", "2026-11-24 18:31")
        #expect(check.stdout.contains("readable by other users"), "\(check.stdout)")
        // 640 root:facteur, as docs/operations.md installs it, is not a leak: no warning about it.
        _ = try ProcessRunner.run("/bin/chmod", ["640", smtpFile])
        let grouped = try h.facteur("check", "--now", "2026-11-24 18:31")
        #expect(!grouped.stdout.contains("smtp.password_file"), "\(grouped.stdout)")
    }
}
