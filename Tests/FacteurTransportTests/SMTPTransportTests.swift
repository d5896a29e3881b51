import FacteurTransport
import Foundation
import TestSupport
import Testing

/// libcurl speaking real SMTP to aiosmtpd on 127.0.0.1.
@Suite struct SMTPTransportTests {
    static let message = Array(
        "From: <a@lilas.example.org>\r\nTo: <c@example.net>\r\nSubject: t\r\n\r\n.ligne\r\n..deux\r\n".utf8)

    func settings(_ url: String, security: SMTPSettings.Security = .none) -> SMTPSettings {
        SMTPSettings(url: url, security: security, timeoutSeconds: 5, heloDomain: "lilas.example.org")
    }

    @Test("accepted messages arrive intact over one reused connection, with the server's reply kept")
    func accepted() async throws {
        let dir = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: dir.url)
        let transport = SMTPTransport(settings: settings(server.url))
        for _ in 0..<3 {
            let result = await transport.send(from: "a@lilas.example.org", to: "c@example.net", message: Self.message)
            guard case .accepted(let code, let reply) = result.outcome else {
                Issue.record("not accepted: \(result)")
                return
            }
            #expect(code == 250 && reply.hasPrefix("250 2.0.0 OK"))
            #expect(result.replies.contains { $0.hasPrefix("250") })
        }
        await transport.close()
        #expect(server.messageFiles.count == 3)
        let body = try Data(contentsOf: server.messageFiles[0])
        #expect(String(decoding: body, as: UTF8.self).contains("\r\n.ligne\r\n..deux\r\n"))
    }

    @Test("4xx is temporary, 5xx permanent, both with the reply line that carries the code")
    func classification() async throws {
        let dir = TemporaryDirectory()
        let server = try SMTPCaptureServer(
            directory: dir.url,
            arguments: [
                "--reply", "busy@example.net=451 4.2.1 Try later", "--reply", "gone@example.net=550 5.1.1 No such user",
                "--reply", "policy@example.net=550 5.7.1 Sender not authorised",
            ])
        let transport = SMTPTransport(settings: settings(server.url))
        let busy = await transport.send(from: "a@lilas.example.org", to: "busy@example.net", message: Self.message)
        #expect(busy.outcome == .temporary(code: 451, reply: "451 4.2.1 Try later"))
        let gone = await transport.send(from: "a@lilas.example.org", to: "gone@example.net", message: Self.message)
        #expect(gone.outcome == .permanent(code: 550, reply: "550 5.1.1 No such user"))
        let policy = await transport.send(from: "a@lilas.example.org", to: "policy@example.net", message: Self.message)
        guard case .systemic(550, _) = policy.outcome else {
            Issue.record("5.7.1 should be systemic: \(policy.outcome)")
            return
        }
        let ok = await transport.send(from: "a@lilas.example.org", to: "c@example.net", message: Self.message)
        #expect(ok.outcome == .accepted(code: 250, reply: "250 2.0.0 OK: queued as 0001"))
    }

    @Test("a connection dropped after the final dot is uncertain; refused connections are unreachable")
    func ambiguousAndRefused() async throws {
        let dir = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: dir.url, arguments: ["--drop-after-data", "1"])
        let transport = SMTPTransport(settings: settings(server.url))
        let dropped = await transport.send(from: "a@lilas.example.org", to: "c@example.net", message: Self.message)
        guard case .uncertain = dropped.outcome else {
            Issue.record("expected uncertain, got \(dropped.outcome)")
            return
        }
        let port = server.port
        server.stop()
        let refused = await SMTPTransport(settings: settings("smtp://127.0.0.1:\(port)"))
            .send(from: "a@lilas.example.org", to: "c@example.net", message: Self.message)
        guard case .unreachable = refused.outcome else {
            Issue.record("expected unreachable, got \(refused.outcome)")
            return
        }
    }

    @Test("STARTTLS required but not offered fails closed, before any message")
    func starttlsFailsClosed() async throws {
        let dir = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: dir.url)
        let result = await SMTPTransport(settings: settings(server.url, security: .starttls))
            .send(from: "a@lilas.example.org", to: "c@example.net", message: Self.message)
        guard case .systemic(_, let detail) = result.outcome else {
            Issue.record("expected systemic, got \(result.outcome)")
            return
        }
        #expect(detail.contains("TLS"))
        #expect(server.messageFiles.isEmpty)
    }

    @Test("CR/LF in an envelope address is refused before any SMTP")
    func envelopeInjection() async {
        let transport = SMTPTransport(settings: settings("smtp://127.0.0.1:9"))
        let result = await transport.send(
            from: "a@lilas.example.org", to: "c@example.net>\r\nRCPT TO:<x@evil.example", message: Self.message)
        #expect(result.outcome == .invalidAddress("recipient"))
    }
}
