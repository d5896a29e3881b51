import FacteurCore
import FacteurMail
import Foundation
import TestSupport
import Testing

/// Every kind of notice, rendered from the shipped templates, read back by Python's email package.
@Suite struct ComposedNoticeTests {
    static let date = Date(timeIntervalSince1970: 1_795_600_000)

    func render(
        _ kind: NoticeKind, language: Language = .fr, tweak: (inout PlannedNotice) -> Void = { _ in }
    ) throws -> [UInt8] {
        var notice = SampleNotices.notice(kind)
        tweak(&notice)
        let composer = NoticeComposer(templates: try ShippedTemplates.load(language))
        let id = MessageHeaders.messageID(for: notice.key, domain: notice.amap.domain, token: "0123456789abcdef")
        let thread = notice.threadKey.map {
            MessageHeaders.messageID(for: $0, domain: notice.amap.domain, token: "feed")
        }
        return try composer.compose(notice, messageID: id, threadMessageID: thread, date: Self.date).rendered(seed: id)
    }

    @Test("the Message-ID a notice is sent with leads a bounce back to its key, for every kind")
    func messageIDLeadsBackToKey() throws {
        for kind in NoticeKind.allCases {
            let key = SampleNotices.notice(kind).key
            for token in ["0123456789abcdef", "v.7.42.c0ffee"] {
                let id = MessageHeaders.messageID(for: key, domain: "amap-lilas.example.org", token: token)
                let span = try #require(NoticeKey.span(ofMessageID: id))
                let raw = Array(key.rawValue.utf8)
                #expect(
                    raw == Array(span.exactly.utf8)
                        || (!raw.lexicographicallyPrecedes(span.from.utf8)
                            && raw.lexicographicallyPrecedes(span.before.utf8)),
                    "\(id)")
            }
        }
    }

    @Test(
        "each distribution kind parses with no defects and carries the headers of DESIGN §4",
        arguments: [
            NoticeKind.announcement, .change, .cancellation, .dutyCall,
        ])
    func parses(kind: NoticeKind) throws {
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: try render(kind), in: dir)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.errors.isEmpty, "\(parsed.errors)")
        #expect(!parsed.bare_lf && !parsed.bare_cr && !parsed.eight_bit)
        #expect(parsed.longest_line <= 78)
        #expect(parsed.date_parses)
        #expect(parsed.header("X-Facteur-Kind") == kind.rawValue)
        #expect(parsed.header("Auto-Submitted") == "auto-generated")
        #expect(parsed.header("From") == "AMAP des Lilas <contact@amap-lilas.example.org>")
        #expect(parsed.header("To") == "Camille Dupont <camille@example.net>")
        #expect(parsed.header("Reply-To") == "bureau@amap-lilas.example.org")
        #expect(parsed.header("Message-ID")?.hasSuffix("@amap-lilas.example.org>") == true)
        #expect(parsed.text?.contains("jeudi 26 novembre 2026 à 18h30") == true)
        #expect(parsed.html?.contains("Préau de l&#39;école") == true)
        if kind.isOptional {
            #expect(parsed.header("List-Id")?.contains("<") == true)
            let links = parsed.header("List-Unsubscribe") ?? ""
            #expect(links.contains("<mailto:contact+facteur@amap-lilas.example.org?subject=unsubscribe%20u.7."))
            #expect(links.contains("<https://amap-lilas.example.org/facteur?t=u.7."))
            #expect(parsed.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        } else {
            #expect(parsed.header("List-Id") == nil)
        }
        if kind.isAboutDistribution {
            #expect(parsed.calendar_method == "PUBLISH")
            #expect(parsed.calendar?.contains("UID:distribution-42@amap-lilas.example.org") == true)
        }
    }

    @Test(
        "order, account and digest kinds parse with no defects, CRLF only, 7-bit",
        arguments: [
            NoticeKind.orderOpen, .orderReminder, .orderSummary, .negativeBalance, .statement, .digest,
        ])
    func otherKindsParse(kind: NoticeKind) throws {
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: try render(kind), in: dir)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(parsed.errors.isEmpty, "\(parsed.errors)")
        #expect(!parsed.bare_lf && !parsed.bare_cr && !parsed.eight_bit)
        #expect(parsed.longest_line <= 78)
        #expect(parsed.header("X-Facteur-Kind") == kind.rawValue)
        #expect(parsed.header("Auto-Submitted") == "auto-generated")
        #expect((parsed.header("List-Id") != nil) == kind.isOptional)
        #expect(parsed.text?.isEmpty == false && parsed.html?.isEmpty == false)
    }

    @Test(
        "English templates: every kind parses with no defects and speaks English dates and money",
        arguments: SampleNotices.templatedKinds.filter { $0 != .test })
    func english(kind: NoticeKind) throws {
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: try render(kind, language: .en), in: dir)
        #expect(parsed.defects.isEmpty, "\(parsed.defects)")
        #expect(!parsed.bare_lf && !parsed.bare_cr && !parsed.eight_bit)
        #expect(parsed.header("X-Facteur-Kind") == kind.rawValue)
        let text = parsed.text ?? ""
        #expect(text.hasPrefix("Hello"), "\(text.prefix(40))")
        for french in ["Bonjour", "Merci", "jeudi", "novembre", " € "] { #expect(!text.contains(french), "\(french)") }
        if kind.isAboutDistribution { #expect(text.contains("Thursday 26 November 2026 at 18:30")) }
        if kind == .announcement {
            #expect(parsed.header("Subject") == "Distribution on Thursday 26 November 2026 at 18:30 – Préau de l'école")
        }
    }

    @Test("the announcement names the member on duty; a change and a cancellation thread to it")
    func contentAndThreading() throws {
        let dir = TemporaryDirectory()
        let announcement = try EmailChecker.parse(bytes: try render(.announcement), in: dir, name: "a.eml")
        #expect(announcement.text?.contains("Vous êtes de permanence") == true)
        #expect(announcement.calendar?.contains("SEQUENCE:0") == true)
        #expect(announcement.calendar?.contains("STATUS:CONFIRMED") == true)
        #expect(announcement.header("Subject") == "Distribution du jeudi 26 novembre 2026 à 18h30 – Préau de l'école")
        let change = try EmailChecker.parse(bytes: try render(.change), in: dir, name: "c.eml")
        #expect(change.header("In-Reply-To") == "<announcement.d42.m7.feed@amap-lilas.example.org>")
        #expect(change.header("References") == "<announcement.d42.m7.feed@amap-lilas.example.org>")
        #expect(change.calendar?.contains("SEQUENCE:1") == true)
        #expect(change.text?.contains("Nouveau lieu") == true)
        let cancellation = try EmailChecker.parse(bytes: try render(.cancellation), in: dir, name: "x.eml")
        #expect(cancellation.calendar?.contains("STATUS:CANCELLED") == true)
        #expect(cancellation.header("In-Reply-To") != nil)
    }

    @Test("CR/LF in a member's name, a place or a note adds no header")
    func injection() throws {
        let bytes = try render(.announcement) { notice in
            notice.recipient.name = "Camille\r\nBcc: victim@example.net"
            guard case .distribution(var content) = notice.content else { return }
            content.distribution.place = "Préau\r\nX-Injected: yes"
            content.distribution.notes = "note\r\n\r\nBcc: other@example.net"
            notice.content = .distribution(content)
        }
        let dir = TemporaryDirectory()
        let parsed = try EmailChecker.parse(bytes: bytes, in: dir)
        #expect(parsed.header("Bcc") == nil)
        #expect(parsed.header("X-Injected") == nil)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.header("Subject")?.contains("Préau X-Injected: yes") == true)
    }

    @Test("rendering is deterministic and matches the golden file")
    func golden() throws {
        let bytes = try render(.announcement)
        #expect(bytes == (try render(.announcement)))
        let url = PackagePaths.root.appendingPathComponent("Tests/FacteurMailTests/Golden/announcement.eml")
        if ProcessInfo.processInfo.environment["FACTEUR_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let golden = try [UInt8](Data(contentsOf: url))
        #expect(bytes == golden, "rerun with FACTEUR_UPDATE_GOLDEN=1 after an intended change, and review the diff")
    }
}

/// The rendering lanes' shortcuts (issue 15) write exactly the bytes of the plain way.
@Suite struct RenderingShortcutTests {
    @Test("a lane's calendar cache gives each member the bytes composing without it gives, whatever their deliveries")
    func calendarCache() throws {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        let cache = CalendarCache()
        var seen = Set<[UInt8]>()
        // Members alternating between two baskets, then the distribution moved (a new event): the cache must
        // never hand one member's calendar to another.
        for (index, start) in [0, 1, 2, 3, 4, 5].map({ ($0, $0 < 4 ? 0.0 : 3600.0) }) {
            var notice = SampleNotices.notice(.announcement)
            if case .distribution(var content) = notice.content {
                if index % 2 == 1 { content.deliveries.removeLast() }
                content.distribution.startsAt += start
                notice.content = .distribution(content)
            }
            notice.recipient.name = "Membre \(index)"
            let id = "announcement.d42.m\(index).0123456789abcdef@amap-lilas.example.org"
            let date = ComposedNoticeTests.date
            let plain = try composer.compose(notice, messageID: id, threadMessageID: nil, date: date)
            let cached = try composer.compose(notice, messageID: id, threadMessageID: nil, date: date, calendars: cache)
            #expect(cached.rendered(seed: id) == plain.rendered(seed: id), "member \(index)")
            if case .multipart(_, let parts) = cached.body, case .attachment(_, _, let ics)? = parts.last {
                seen.insert(ics)
            }
        }
        #expect(seen.count == 4, "two baskets, two times: four calendars")
    }

    @Test("members whose deliveries are the same letters in two Unicode forms each get their own calendar's bytes")
    func calendarCacheBytes() throws {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        let cache = CalendarCache()
        // "Légumes" with é as one character, then as "e" and a combining accent: equal as Swift strings.
        for (index, name) in ["L\u{E9}gumes", "Le\u{301}gumes", "L\u{E9}gumes"].enumerated() {
            var notice = SampleNotices.notice(.announcement)
            if case .distribution(var content) = notice.content {
                content.deliveries[0].contract = name
                notice.content = .distribution(content)
            }
            let id = "announcement.d42.m\(index).0123456789abcdef@amap-lilas.example.org"
            let date = ComposedNoticeTests.date
            let plain = try composer.compose(notice, messageID: id, threadMessageID: nil, date: date)
            let cached = try composer.compose(notice, messageID: id, threadMessageID: nil, date: date, calendars: cache)
            #expect(cached.rendered(seed: id) == plain.rendered(seed: id), "member \(index)")
        }
    }

    @Test("an account whose orders were not read is never composed: its balance would be wrong")
    func incompleteAccount() throws {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        for kind in [NoticeKind.negativeBalance, .statement] {
            var notice = SampleNotices.notice(kind)
            guard case .account(var account) = notice.content else {
                Issue.record("\(kind): no account")
                continue
            }
            #expect(throws: Never.self) {
                try composer.compose(notice, messageID: "x@y.org", threadMessageID: nil, date: ComposedNoticeTests.date)
            }
            account.isComplete = false
            notice.content = .account(account)
            #expect(throws: NoticeComposer.ComposeError.self) {
                try composer.compose(notice, messageID: "x@y.org", threadMessageID: nil, date: ComposedNoticeTests.date)
            }
        }
    }

    @Test("quoted-printable appended to a message's bytes is the same as the string encoder's")
    func quotedPrintableInto() {
        let texts = [
            "", "a", ".", "a=b \n.\n", String(repeating: "é", count: 100), "ligne\r\nsuivante \t\n",
            String(repeating: "x", count: 74) + "= fin", "\u{1F955} carottes\n\n\n",
        ]
        for text in texts {
            var out: [UInt8] = Array("prefix:".utf8)
            QuotedPrintable.encode(text, into: &out)
            #expect(out == Array(("prefix:" + QuotedPrintable.encode(text)).utf8), "\(text.debugDescription)")
        }
    }
}

@Suite struct DigestLayoutTests {
    @Test("each digest section's heading is written once, above all its items, in the text part too")
    func headingsOnce() throws {
        for language in [Language.fr, .en] {
            var notice = SampleNotices.notice(.digest)
            if case .digest(var digest) = notice.content {
                digest.failures = [
                    .init(address: "a@example.net", kind: "announcement", state: "failed", reason: "550 5.1.1"),
                    .init(address: "b@example.net", kind: "announcement", state: "failed", reason: "550 5.1.1"),
                    .init(address: "c@example.net", kind: "duty_call", state: "failed", reason: "550 5.1.1"),
                ]
                notice.content = .digest(digest)
            }
            let composer = NoticeComposer(templates: try ShippedTemplates.load(language))
            let message = try composer.compose(notice, messageID: "d.1@x.org", threadMessageID: nil, date: notice.dueAt)
            let dir = TemporaryDirectory()
            let parsed = try EmailChecker.parse(bytes: message.rendered(seed: "d.1@x.org"), in: dir)
            let text = try #require(parsed.text)
            let heading = language == .fr ? "Adresses en échec" : "Failed addresses"
            #expect(text.components(separatedBy: heading).count == 2, "\(language): \(text)")
            #expect(text.contains("c@example.net"))
        }
    }
}

@Suite struct FrenchTextTests {
    @Test("announcements say « de l'AMAP des Lilas » and « 2 bénévoles », never « de AMAP » or « bénévole(s) »")
    func elisionAndPlurals() throws {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        var notice = SampleNotices.notice(.announcement)
        if case .distribution(var content) = notice.content {
            content.recipientIsOnDuty = false
            notice.content = .distribution(content)
        }
        let message = try composer.compose(notice, messageID: "a.1@x.org", threadMessageID: nil, date: notice.dueAt)
        let dir = TemporaryDirectory()
        let text = try #require(try EmailChecker.parse(bytes: message.rendered(seed: "a.1@x.org"), in: dir).text)
        #expect(text.contains("La prochaine distribution de l'AMAP des Lilas"), "\(text)")
        #expect(text.contains("Il manque encore 2 bénévoles : répondez « oui » à ce message pour venir aider."))
        #expect(!text.contains("(s)") && !text.contains("de AMAP"))
        // A member already on duty is told volunteers are missing, not asked to reply « oui » (their announcement
        // carries no volunteer token: DESIGN §2).
        if case .distribution(var content) = notice.content {
            content.recipientIsOnDuty = true
            notice.content = .distribution(content)
        }
        let onDuty = try composer.compose(notice, messageID: "a.2@x.org", threadMessageID: nil, date: notice.dueAt)
        let parsed = try EmailChecker.parse(bytes: onDuty.rendered(seed: "a.2@x.org"), in: dir)
        #expect(parsed.text?.contains("Il manque encore 2 bénévoles.") == true, "\(parsed.text ?? "")")
        #expect(parsed.text?.contains("« oui »") == false && parsed.html?.contains("«&nbsp;oui&nbsp;»") == false)
    }

    @Test("a producer's sheet counts « 1 panier », « 24 paniers »; in English « 1 share », its CSV named in English")
    func sheetPlurals() throws {
        for language in [Language.fr, .en] {
            let composer = NoticeComposer(templates: try ShippedTemplates.load(language))
            var notice = SampleNotices.notice(.producerSheet)
            if case .producerSheet(var sheet) = notice.content {
                sheet.stops[0].shares = [.init(contract: "Légumes", count: 1)]
                notice.content = .producerSheet(sheet)
            }
            let message = try composer.compose(notice, messageID: "p.1@x.org", threadMessageID: nil, date: notice.dueAt)
            let dir = TemporaryDirectory()
            let bytes = message.rendered(seed: "p.1@x.org")
            let parsed = try EmailChecker.parse(bytes: bytes, in: dir)
            let text = try #require(parsed.text)
            let html = try #require(parsed.html)
            // The attachment is named in the AMAP's language too.
            let raw = String(decoding: bytes, as: UTF8.self)
            #expect(raw.contains(language == .fr ? "filename=\"tournee-" : "filename=\"round-"), "\(language)")
            // The totals, each stop and the closing words are paragraphs of their own, as a producer reads them
            // on a phone in the van.
            let paragraphs = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            guard case .producerSheet(let sheet) = notice.content else { throw OutputFailure.wrongContent }
            #expect(
                paragraphs.filter { $0.first?.isNumber == true && $0.contains(" – ") }.count == sheet.stops.count,
                "\(text)")
            #expect(paragraphs.contains { $0.hasPrefix(language == .fr ? "EN TOUT\n" : "IN ALL\n") }, "\(text)")
            #expect(
                paragraphs.contains { $0.hasPrefix(language == .fr ? "Le tableau ci-joint" : "The attached") },
                "\(text)")
            if language == .fr {
                #expect(text.contains("Légumes : 1 panier") && text.contains("24 paniers"), "\(text)")
                #expect(html.contains(">1 panier<") && !text.contains("1 paniers"), "\(html)")
            } else {
                #expect(
                    text.contains("Légumes: 1 share") && !text.contains("1 shares") && text.contains("24 shares"),
                    "\(text)")
            }
        }
    }

    @Test(
        "no French template writes « de » before a vowel, « (e) », « (s) » or « 0 jours », whatever the names",
        arguments: SampleNotices.templatedKinds)
    func everyKind(_ kind: NoticeKind) throws {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        var notice = SampleNotices.notice(kind)
        // Names that begin with a vowel, a mute h or « AMAP », where « de » must elide.
        notice.amap.name = "AMAP des Lilas"
        notice.recipient.name = "Éloïse Hardy"
        if case .relay(var relay) = notice.content {
            relay.senderName = "Éloïse Hardy"
            notice.content = .relay(relay)
        }
        let message = try composer.compose(notice, messageID: "f.1@x.org", threadMessageID: nil, date: notice.dueAt)
        let text = message.value(of: "Subject").map(EncodedWordDecoder.decode) ?? ""
        var body = ""
        func walk(_ part: MIMEPart) {
            switch part {
            case .text(subtype: "plain", let content): body = content.string
            case .multipart(_, let parts): parts.forEach(walk)
            default: break
            }
        }
        walk(message.body)
        for written in [text, body] {
            #expect(
                written.range(of: #"\b[dD]e [AEIOUYÉÈÊÀHaeiouyéèêàh]"#, options: .regularExpression) == nil,
                "\(kind): \(written)")
            #expect(!written.contains("(e)") && !written.contains("(s)") && !written.contains("(es)"), "\(kind)")
            #expect(!written.contains(" 0 jours") && !written.contains(" 1 jours"), "\(kind)")
        }
    }
}
