import FacteurCore
import FacteurMail
import Foundation
import TestSupport
import Testing

@Suite struct HeaderAndAttachmentTests {
    func message(subject: String, attachment: MIMEPart? = nil) -> MailMessage {
        let body = MIMEPart.multipart(
            subtype: "mixed", parts: [.text(subtype: "plain", content: "Bonjour")] + (attachment.map { [$0] } ?? []))
        return MailMessage(
            fields: [
                .init("From", "AMAP <contact@amap-lilas.example.org>"), .init("To", "m@example.net"),
                .init("Subject", EncodedWord.encodeIfNeeded(subject)), .init("Date", "Thu, 26 Nov 2026 10:00:00 +0100"),
                .init("Message-ID", "<h.1@amap-lilas.example.org>"),
            ], body: body)
    }

    @Test("a long French subject is cut into encoded words only after a space: Python's parser reads it whole")
    func encodedWordsAtSpaces() throws {
        let subject =
            "Les Jardins de Cocagne : récapitulatif des commandes Œufs & volailles pour la distribution du jeudi 17 décembre"
        let encoded = EncodedWord.encode(subject)
        let words = encoded.split(separator: " ").map(String.init)
        #expect(words.count >= 3)
        // Every word but the last ends with an encoded space: no word is cut inside ("Jar|dins").
        for word in words.dropLast() { #expect(word.hasSuffix("_?="), "\(word)") }
        #expect(words.allSatisfy { $0.count <= 75 })
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: message(subject: subject).rendered(seed: "s"), in: dir)
        #expect(parsed.header("Subject") == subject)
        #expect(parsed.defects.isEmpty && parsed.errors.isEmpty)
    }

    @Test("a word longer than one encoded word is still cut, between characters, and read back whole")
    func longWord() throws {
        let subject = "Réservation " + String(repeating: "é", count: 60)
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: message(subject: subject).rendered(seed: "s"), in: dir)
        #expect(parsed.header("Subject") == subject)
    }

    @Test("an attachment named « commandes-Œufs & volailles » keeps its real name (RFC 2231) and a readable ASCII one")
    func attachmentName() throws {
        let csv = "Produit;Quantité\r\nŒufs;12\r\n"
        let part = MIMEPart.attachment(
            contentType: "text/csv; charset=UTF-8; header=present", filename: "commandes-Œufs & volailles-2026-11-20.csv",
            data: Array(csv.utf8))
        let bytes = message(subject: "Commandes", attachment: part).rendered(seed: "s")
        let raw = String(decoding: bytes, as: UTF8.self)
        #expect(raw.contains("name=\"commandes-oeufs-volailles-2026-11-20.csv\""))
        #expect(raw.contains("filename*=UTF-8''commandes-%C5%92ufs%20%26%20volailles-2026-11-20.csv"))
        // Attached text is quoted-printable, not base64 (rspamd's MIME_BASE64_TEXT).
        #expect(raw.contains("Content-Transfer-Encoding: quoted-printable\r\nContent-Disposition: attachment"))
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: bytes, in: dir)
        #expect(parsed.defects.isEmpty && parsed.errors.isEmpty, "\(parsed.defects) \(parsed.errors)")
        #expect(parsed.attachments == ["commandes-Œufs & volailles-2026-11-20.csv"])
        #expect(parsed.attachment_texts?.first?.replacingOccurrences(of: "\r\n", with: "\n") == csv.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    @Test("a plain ASCII name stays a plain filename; binary data stays base64")
    func plainName() {
        var out = ""
        let part = MIMEPart.attachment(contentType: "application/pdf", filename: "bon.pdf", data: [0, 1, 2, 255])
        let text = String(decoding: MailMessage(fields: [], body: part).rendered(seed: "s"), as: UTF8.self)
        out = text
        #expect(out.contains("Content-Disposition: attachment; filename=\"bon.pdf\""))
        #expect(out.contains("Content-Transfer-Encoding: base64"))
        #expect(!out.contains("filename*"))
    }
}
