import FacteurTransport
import Foundation
import TestSupport
import Testing

/// libcurl speaking IMAP to a real Dovecot on 127.0.0.1.
@Suite struct IMAPMailboxTests {
    static func message(_ n: Int) -> String {
        "From: julie@ferme.example\r\nTo: legumes@lilas.example.org\r\nSubject: n\(n)\r\nMessage-ID: <m\(n)@ferme.example>\r\n\r\nCorps \(n)\r\n.point\r\n"
    }

    @Test("UIDs, BODY.PEEK fetch leaves messages unseen, STORE marks them seen, UIDVALIDITY readable")
    func basics() async throws {
        let server = try DovecotServer()
        for n in 1...3 { try server.deliver(Self.message(n)) }
        let box = IMAPMailbox(
            settings: IMAPSettings(
                url: server.url, security: .none, username: server.user, password: server.password, timeoutSeconds: 5))
        let validity = try await box.uidValidity()
        #expect(validity > 0)
        #expect(try await box.uids(after: 0) == [1, 2, 3])
        #expect(try await box.uids(after: 3) == [])
        let raw = try await box.fetch(uid: 2)
        #expect(String(decoding: raw, as: UTF8.self) == Self.message(2))
        try await box.markSeen(uid: 2)
        let after1 = try await box.uids(after: 1)
        #expect(after1 == [2, 3], "\(after1)")
    }
}
