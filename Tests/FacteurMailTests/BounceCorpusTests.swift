import FacteurMail
import Foundation
import Testing

/// Bounces as Postfix, Exim (both forms), Sendmail, Exchange, Gmail, Yahoo and qmail write them, one of each in
/// Tests/Fixtures/bounce-corpus (see its README for where each form comes from), with what each must yield.
@Suite struct BounceCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bounce-corpus")

    struct Expected: Decodable {
        var messageID: String
        var recipient: String?
        var status: String?
        var failure: Bool
    }

    static let expected: [String: Expected] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
            let decoded = try? JSONDecoder().decode([String: Expected].self, from: data)
        else { return [:] }
        return decoded
    }()

    @Test("the corpus is all there")
    func corpus() {
        #expect(Self.expected.count >= 10)
        for name in ["postfix", "exim", "exim-dsn", "sendmail", "exchange", "gmail", "yahoo", "qmail", "base64-part"] {
            #expect(Self.expected["\(name).eml"] != nil, "\(name)")
        }
    }

    @Test(
        "each bounce is recognised and names the notice, the address and the status", arguments: expected.keys.sorted())
    func bounce(file: String) throws {
        let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(file)))
        let message = try InboundParser.parse(bytes)
        let expected = try #require(Self.expected[file])
        #expect(AutomaticMail.isDeliveryReport(message), "\(file)")
        let report = DeliveryReport(message)
        let id = String(expected.messageID.dropFirst().dropLast())
        #expect(report.originalMessageIDs.contains(id), "\(file): \(report.originalMessageIDs)")
        #expect(report.recipient == expected.recipient, "\(file)")
        #expect(report.status == expected.status, "\(file): \(String(describing: report.diagnostic))")
        #expect(report.isFailure == expected.failure, "\(file)")
    }

    @Test("a person's message is not a bounce, even one that says « failure »")
    func notABounce() throws {
        let message = try InboundParser.parse(
            Array(
                "From: Camille <camille@example.net>\r\nSubject: Failure of the leek crop\r\nMessage-ID: <x@example.net>\r\n\r\nHello\r\n"
                    .utf8))
        #expect(!AutomaticMail.isDeliveryReport(message))
    }

    @Test("a read receipt (RFC 8098) is no failure: the message it names arrived")
    func readReceipt() throws {
        let receipt = """
            From: Camille <camille@example.net>\r
            To: contact+facteur@amap-lilas.example.org\r
            Subject: Lu : Distribution du jeudi\r
            Message-ID: <mdn.1@example.net>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            Le message a été affiché.\r
            --b1\r
            Content-Type: message/disposition-notification\r
            \r
            Reporting-UA: Thunderbird\r
            Final-Recipient: rfc822;camille@example.net\r
            Original-Message-ID: <relay.i1.m2.abc@amap-lilas.example.org>\r
            Disposition: manual-action/MDN-sent-manually; displayed\r
            --b1\r
            Content-Type: text/rfc822-headers\r
            \r
            Message-ID: <relay.i1.m2.abc@amap-lilas.example.org>\r
            Subject: Distribution du jeudi\r
            --b1--\r

            """
        let message = try InboundParser.parse(Array(receipt.utf8))
        let report = DeliveryReport(message)
        #expect(report.isReadReceipt)
        #expect(!report.isFailure)
    }

    @Test("a prose bounce: a version number is no status; a delay warning is no failure")
    func proseDetails() throws {
        func bounce(_ subject: String, _ body: String) throws -> DeliveryReport {
            DeliveryReport(
                try InboundParser.parse(
                    Array(
                        "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.net\r\nSubject: \(subject)\r\n\r\n\(body)"
                            .utf8)))
        }
        let version = try bounce(
            "failure notice", "Postfix 2.11.3 could not deliver to:\r\n\r\n<a@example.net>:\r\nno mailbox here\r\n")
        #expect(version.status == nil)
        #expect(version.recipient == "a@example.net")
        #expect(version.isFailure)
        let delayed = try bounce(
            "Warning: message delayed", "Your message to <b@example.net> has not yet been delivered.\r\n")
        #expect(!delayed.isFailure)
        let temporary = try bounce("failure notice", "<c@example.net>:\r\nRemote host said: 452 4.2.2 Mailbox full\r\n")
        #expect(temporary.status == "4.2.2")
        #expect(!temporary.isFailure)
    }
}
