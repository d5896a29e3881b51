import FacteurCore
import Foundation
import Testing

@testable import FacteurMail

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

    @Test("encoded words cut by scalars where each scalar is a character: the same words as cut by characters")
    func encodedWordsByScalars() {
        // The claim the shortcut rests on, against Swift's own grapheme breaking: every scalar it accepts is a
        // character of its own, whatever stands next to it.
        var accepted: [Unicode.Scalar] = []
        for value in UInt32(0)...0x20FF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(String.UnicodeScalarView([scalar]))
            if EncodedWord.eachScalarIsACharacter(text) { accepted.append(scalar) }
        }
        #expect(accepted.count == 0x2FF + 0x18 + 0x2F + 1)  // all but CR below U+0300, 24, 47 and €
        let neighbours: [Unicode.Scalar] = ["a", " ", "\n", "\u{0085}", "\u{00AD}", "é", "’", "\u{2028}"]
        for scalar in accepted {
            for other in neighbours {
                let pair = String(String.UnicodeScalarView([other, scalar, other]))
                #expect(pair.count == 3, "U+\(String(scalar.value, radix: 16))")
            }
        }
        // Texts that take the shortcut and texts that do not (combining accents, a family, a flag, CRLF).
        #expect(!EncodedWord.eachScalarIsACharacter("Cafe\u{301}"))
        #expect(!EncodedWord.eachScalarIsACharacter("🇫🇷 👩‍🌾"))
        #expect(!EncodedWord.eachScalarIsACharacter("a\r\nb"))
        let pieces = [
            "a", "Épinards", " ", "  ", "é", "€", "’", "« ", " »", "Œ", "…", "=", "?", "_",
            String(repeating: "x", count: 50), String(repeating: "é", count: 30), "\t",
            "e\u{301}", "🇫🇷", "\u{200D}",  // the last three only in every other text
        ]
        var shortcut = 0
        let texts = HostileTexts.make(
            3_000, of: pieces, maxPieces: 40, seed: 0x2545_F491_4F6C_DD1D,
            choices: { $0.isMultiple(of: 2) ? pieces.count - 3 : pieces.count })
        for text in texts {
            if EncodedWord.eachScalarIsACharacter(text) { shortcut += 1 }
            #expect(EncodedWord.encode(text) == EncodedWord.encode(text, characters: true), "\(text.debugDescription)")
        }
        #expect(shortcut > 1_500)
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

    @Test(
        "quoted-printable of hostile texts (all '=', empty lines only, long lines, CRLF, bytes above 127) decodes back")
    func quotedPrintableRoundTrip() {
        func decode(_ qp: String) -> String {
            var out: [UInt8] = []
            let bytes = Array(qp.utf8)
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 {
                    i += 3  // soft break
                } else if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count,
                    let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                {
                    out.append(v)
                    i += 3
                } else if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                    out.append(10)
                    i += 2
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let texts = [
            String(repeating: "=", count: 10_000), String(repeating: "\n", count: 1_000),
            String(repeating: "é", count: 5_000) + "\n" + String(repeating: " ", count: 300),
            "ligne\r\nautre\r\n\r\n.", String(repeating: "a", count: 76) + "\n." + String(repeating: "\t", count: 80),
            "", ".", " ", String(repeating: "€=.\n", count: 2_000),
        ]
        for text in texts {
            let qp = QuotedPrintable.encode(text)
            #expect(decode(qp) == text.replacingOccurrences(of: "\r\n", with: "\n"), "\(text.prefix(20))")
            #expect(qp.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 && !$0.hasPrefix(".") })
            #expect(qp.utf8.allSatisfy { $0 < 128 })
        }
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

    @Test("a header line of 77, 78, 79 and 80 octets: written as it is up to 78, folded beyond, as `fold` does")
    func headerLineLengths() {
        for name in ["Subject", "To"] {
            for length in 76...81 {
                // Words of four letters, so that a line beyond 78 octets has spaces to fold at.
                let words = String(repeating: "abcd ", count: 20)
                // Never a blank at the end, which `neutralise` would take off.
                let value = String(words.prefix(length - name.utf8.count - 3)) + "x"
                let line = "\(name): \(value)"
                #expect(line.utf8.count == length)
                let message = MailMessage(fields: [.init(name, value)], body: .text(subtype: "plain", content: "x"))
                let text = String(decoding: message.rendered(seed: "s"), as: UTF8.self)
                let head = text.components(separatedBy: "\r\nMIME-Version:")[0]
                #expect(head == MailMessage.fold(line, unstructured: name == "Subject"), "\(name) \(length)")
                #expect((head == line) == (length <= 78), "\(name) \(length)")
            }
        }
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

    @Test("quoted-printable: the runs copied whole give exactly the bytes of the one-byte-at-a-time rule")
    func quotedPrintableRuns() {
        // Hostile lines: dots where a soft break may fall, '=', spaces and tabs before line ends, long runs of
        // plain text crossing column 75, characters of two and three bytes, CR without LF.
        let pieces = [
            "a", "bcdefgh", " ", "\t", ".", "=", "é", "€", "\n", "\r\n", "\r", String(repeating: "x", count: 74), "...",
        ]
        for text in HostileTexts.make(2_000, of: pieces, maxPieces: 60, seed: 0x9E37_79B9_7F4A_7C15) {
            #expect(QuotedPrintable.encode(text) == quotedPrintableByTheRule(text), "\(text.debugDescription)")
        }
    }

    @Test("quoted-printable eight bytes at a time gives the bytes of the rule, whatever byte stands among plain ones")
    func quotedPrintableWords() {
        // Runs longer than a word, spaces before a line's end, DEL and controls beside plain bytes, '=' inside a word.
        let pieces = [
            "bonjour ", String(repeating: "x", count: 70), String(repeating: " ", count: 9), "=3D", "\u{7F}", "\u{1}",
            "~", "!", "AMAP des Lilas", "\t", "é", "\n", "\r\n", ".",
        ]
        for text in HostileTexts.make(2_000, of: pieces, maxPieces: 40, seed: 15) {
            #expect(QuotedPrintable.encode(text) == quotedPrintableByTheRule(text), "\(text.debugDescription)")
        }
        // Every byte value alone among sixteen plain ones, in each place of a word.
        for byte in UInt8(0)...UInt8(255) where byte != 10 && byte != 13 {
            for place in 0..<8 {
                let bytes = Array("abcdefghijklmnop".utf8.prefix(8 + place)) + [byte] + Array("qrstuvwxyz012345".utf8)
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(QuotedPrintable.encode(text) == quotedPrintableByTheRule(text), "byte \(byte) at \(place)")
            }
        }
    }
}

/// Quoted-printable as RFC 2045 §6.7 states it, one byte at a time, as the encoder was before it copied runs and
/// tested words.
private func quotedPrintableByTheRule(_ text: String) -> String {
    var out: [UInt8] = []
    let lines = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false)
    for (n, line) in lines.enumerated() {
        if n > 0 { out += [13, 10] }
        var bytes = Array(line)
        if n < lines.count - 1, bytes.last == 13 { bytes.removeLast() }  // CRLF ends a line like LF
        var width = 0
        for (i, byte) in bytes.enumerated() {
            var escape =
                byte == 61 || (byte < 32 && byte != 9) || byte > 126
                || ((byte == 32 || byte == 9) && i == bytes.count - 1)
            if width == 0 && byte == 46 { escape = true }
            if width + (escape ? 3 : 1) > 75 {
                out += Array("=\r\n".utf8)
                width = 0
                if byte == 46 { escape = true }
            }
            if escape {
                out += Array(String(format: "=%02X", byte).utf8)
                width += 3
            } else {
                out.append(byte)
                width += 1
            }
        }
    }
    return String(decoding: out, as: UTF8.self)
}
