import FacteurCore
import FacteurMail
import Foundation
import TestSupport
import Testing

/// Parsing and rewriting real-world inbound mail.
@Suite struct InboundTests {
    func envelope(_ kind: String = "relay") -> RelayRewriter.Envelope {
        RelayRewriter.Envelope(
            relayAddress: "legumes@lilas.example.org", contractName: "Légumes", amapName: "AMAP des Lilas",
            senderName: "Julie", replyTo: "julie@ferme.example",
            to: Mailbox(name: "Camille", address: "camille@example.net"),
            messageID: "relay.i1.m1.abc@lilas.example.org", kind: kind, date: "Mon, 23 Nov 2026 10:00:00 +0100",
            footer: "—\nPour vous désinscrire, écrivez « désinscription ».")
    }

    func rewritten(_ raw: String) throws -> (InboundMessage, [UInt8]) {
        let message = try InboundParser.parse(Array(raw.utf8))
        return (message, try RelayRewriter().rewrite(message, for: envelope()))
    }

    @Test("folded, encoded, duplicate and missing headers; LF line ends")
    func headers() throws {
        let raw =
            "From: =?ISO-8859-1?Q?Jos=E9_Pr=E9?= <Jose@Ferme.Example>\nSubject: Une longue\n\tligne =?UTF-8?B?w6l0w6k=?=\nSubject: second\n\nCorps\n"
        let m = try InboundParser.parse(Array(raw.utf8))
        #expect(m.decoded("Subject") == "Une longue ligne été")
        #expect(m.value("From").flatMap(AddressList.displayName(in:)) == "José Pré")
        #expect(AutomaticMail.sender(m) == "Jose@ferme.example")
        #expect(m.messageID == nil && m.value("Date") == nil)
        #expect(m.body == Array("Corps\r\n".utf8))
        let (_, out) = try rewritten(raw)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("Date: Mon, 23 Nov 2026 10:00:00 +0100\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("the subject is prefixed once, never doubled on replies")
    func subjectPrefix() throws {
        let message = try InboundParser.parse(Array("Subject: Re: [légumes] courges\r\n\r\nx\r\n".utf8))
        #expect(RelayRewriter().subject(message, contract: "Légumes") == "Re: [légumes] courges")
        let fresh = try InboundParser.parse(Array("Subject: courges\r\n\r\nx\r\n".utf8))
        #expect(RelayRewriter().subject(fresh, contract: "Légumes") == "[Légumes] courges")
    }

    @Test("8-bit garbage and control characters never crash and never add a header")
    func garbage() throws {
        var bytes =
            Array("From: a@b.example\r\nSubject: x\u{1}y\r\nX-Bad: ".utf8) + [0xFF, 0xFE, 0x80] + Array("\r\n\r\n".utf8)
        bytes += [0xC3, 0x28, 0x0D, 0x0A, 0x00, 0x41]
        let message = try InboundParser.parse(bytes)
        let out = try RelayRewriter().rewrite(message, for: envelope())
        #expect(!String(decoding: out, as: UTF8.self).contains("X-Bad"))
        #expect(throws: InboundParser.ParseError.self) { try InboundParser.parse([]) }
        #expect(throws: InboundParser.ParseError.self) { try InboundParser.parse(Array(" no header\r\n".utf8)) }
    }

    @Test("a plain quoted-printable body gets the footer appended; Python reads it with no defect")
    func footerAppended() throws {
        let raw =
            "From: a@b.example\r\nSubject: s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBonjour =C3=A0 tous\r\n"
        let (_, out) = try rewritten(raw)
        let parsed = try EmailChecker.parse(bytes: out, in: TemporaryDirectory())
        #expect(parsed.defects.isEmpty && parsed.errors.isEmpty, "\(parsed.defects) \(parsed.errors)")
        #expect(parsed.text?.hasPrefix("Bonjour à tous") == true, "\(parsed.text ?? "")")
        #expect(
            parsed.text?.contains("Pour vous désinscrire, écrivez « désinscription ».") == true, "\(parsed.text ?? "")")
        #expect(parsed.header("From") == "Julie via AMAP des Lilas <legumes@lilas.example.org>")
    }

    @Test("a long 8-bit plain line is re-encoded, not broken: every output line within 998 octets")
    func longPlainLine() throws {
        let long = String(repeating: "é", count: 1500)
        let raw =
            "From: a@b.example\r\nSubject: s\r\nContent-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\(long)\r\n"
        let (_, out) = try rewritten(raw)
        let parsed = try EmailChecker.parse(bytes: out, in: TemporaryDirectory())
        #expect(parsed.longest_line <= 998)
        #expect(parsed.text?.hasPrefix(long) == true)
        #expect(!parsed.eight_bit)
    }

    @Test("a long line inside a multipart cannot be carried safely and is refused")
    func longMultipartLine() throws {
        let raw =
            "From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n\(String(repeating: "x", count: 2000))\r\n--b--\r\n"
        let message = try InboundParser.parse(Array(raw.utf8))
        #expect(throws: RelayRewriter.RewriteError.lineTooLong) {
            try RelayRewriter().rewrite(message, for: envelope())
        }
    }

    @Test("an HTML newsletter with inline images is wrapped; images and HTML arrive byte for byte")
    func newsletter() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<500).map { UInt8(($0 * 7) % 256) }
        let b64 = Data(png).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let raw = """
            From: Julie <julie@ferme.example>\r
            Subject: Lettre de novembre\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="ALT"\r
            \r
            --ALT\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            Lettre de novembre\r
            --ALT\r
            Content-Type: multipart/related; boundary="REL"\r
            \r
            --REL\r
            Content-Type: text/html; charset=UTF-8\r
            \r
            <html><body><p>Les courges</p><img src="cid:courge@ferme"></body></html>\r
            --REL\r
            Content-Type: image/png\r
            Content-Transfer-Encoding: base64\r
            Content-ID: <courge@ferme>\r
            Content-Disposition: inline; filename="courge.png"\r
            \r
            \(b64)\r
            --REL--\r
            --ALT--\r

            """
        let (message, out) = try rewritten(raw)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.contains("Content-Type: multipart/mixed;"))
        #expect(out.contains(message.body))
        let dir = TemporaryDirectory()
        let file = dir.url.appendingPathComponent("n.eml")
        try Data(out).write(to: file)
        #expect(try AttachmentExtractor.attachment(from: file.path, filename: "*image") == png)
        let parsed = try EmailChecker.parse(files: [file])[0]
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.html?.contains("cid:courge@ferme") == true)
    }

    @Test("delivery reports and Authentication-Results are read leniently")
    func reportsAndAuthentication() throws {
        let dsn = try InboundParser.parse(
            Array(
                "From: MAILER-DAEMON@x.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n--B\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; zoe@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <a.b@lilas.example.org>\r\n--B--\r\n"
                    .utf8))
        #expect(AutomaticMail.isDeliveryReport(dsn))
        let report = DeliveryReport(dsn)
        #expect(report.originalMessageIDs == ["a.b@lilas.example.org"])
        #expect(report.recipient == "zoe@example.net" && report.status == "5.1.1" && report.isFailure)
        // The returned header block folds a long Message-ID onto a continuation line (Postfix, Python), LF-only.
        let folded = try InboundParser.parse(
            Array(
                "From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=B\n\n--B\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; zoe@example.net\nAction: failed\nStatus: 5.1.1\n--B\nContent-Type: text/rfc822-headers\n\nSubject: Distribution\nMessage-ID:\n <announcement.d42.m7.0123456789abcdef0123456789abcdef@amap-lilas.example.org>\nX-Facteur-Kind: announcement\n--B--\n"
                    .utf8))
        #expect(
            DeliveryReport(folded).originalMessageIDs == [
                "announcement.d42.m7.0123456789abcdef0123456789abcdef@amap-lilas.example.org"
            ])
        let signed = try InboundParser.parse(
            Array(
                "Authentication-Results: mx.lilas.example.org;\r\n\tdkim=pass header.d=ferme.example header.s=s1;\r\n\tdmarc=fail header.from=ferme.example\r\nFrom: julie@ferme.example\r\n\r\nx\r\n"
                    .utf8))
        #expect(AuthenticationResults.passes(signed, authservID: "mx.lilas.example.org", senderDomain: "ferme.example"))
        #expect(!AuthenticationResults.passes(signed, authservID: "other.example", senderDomain: "ferme.example"))
        #expect(!AuthenticationResults.passes(signed, authservID: "mx.lilas.example.org", senderDomain: "evil.example"))
    }
}
