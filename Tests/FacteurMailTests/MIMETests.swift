import FacteurCore
import FacteurMail
import Foundation
import Testing

@Suite struct MIMETests {
    @Test("RFC 2047 words stay within 75 characters and never split a character")
    func encodedWords() {
        let encoded = EncodedWord.encode(String(repeating: "Épinards à l'œuf ", count: 6))
        let words = encoded.split(separator: " ")
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?Q?") && $0.hasSuffix("?=") })
        #expect(!encoded.contains("=C3?= =?UTF-8?Q?=A9"))
        #expect(EncodedWord.encodeIfNeeded("Plain subject") == "Plain subject")
    }

    @Test("quoted-printable: CRLF only, lines ≤ 76, '=' and trailing spaces encoded, no lone dot")
    func quotedPrintable() {
        let qp = QuotedPrintable.encode("a=b \n.\n" + String(repeating: "é", count: 100))
        let lines = qp.components(separatedBy: "\r\n")
        #expect(lines[0] == "a=3Db=20")
        #expect(lines[1] == "=2E")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(!qp.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test("CR/LF in a display name or subject cannot start a new header")
    func headerInjection() {
        let mailbox = Mailbox(name: "Camille\r\nBcc: victim@example.net", address: "c@example.net")
        #expect(!mailbox.headerValue.contains("\r") && !mailbox.headerValue.contains("\n"))
        let message = MailMessage(
            fields: [.init("Subject", "Hello\r\nBcc: victim@example.net"), .init("To", mailbox.headerValue)],
            body: .text(subtype: "plain", content: "x"))
        let text = String(decoding: message.rendered(seed: "s"), as: UTF8.self)
        #expect(!text.contains("\r\nBcc:"))
    }

    @Test("Date is RFC 5322 with English names")
    func date() {
        let zone = TimeZone(identifier: "Europe/Paris")!
        let date = Date(timeIntervalSince1970: 1_795_714_200)  // 2026-11-26T17:30:00Z
        #expect(RFC5322Date.string(date, timeZone: zone) == "Thu, 26 Nov 2026 18:30:00 +0100")
    }

    @Test("iCalendar lines are folded at 75 octets and text is escaped")
    func calendar() {
        let event = CalendarEvent(
            uid: "distribution-1@x.org", sequence: 2, start: Date(timeIntervalSince1970: 0),
            end: Date(timeIntervalSince1970: 3600), summary: "Distribution", location: "Préau; cour, fond",
            description: String(repeating: "Légumes ", count: 20), organizer: Mailbox(name: "AMAP", address: "a@x.org"),
            cancelled: true, stamp: Date(timeIntervalSince1970: 0))
        let ics = ICalendar.publish([event])
        #expect(ics.contains("LOCATION:Préau\\; cour\\, fond"))
        #expect(ics.contains("STATUS:CANCELLED") && ics.contains("SEQUENCE:2") && ics.contains("METHOD:PUBLISH"))
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    }
}
