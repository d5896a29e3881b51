import FacteurCore
import Testing

@Suite struct NoticeKeyTests {
    /// Keys as earlier versions wrote them into `facteur_outbox.key`: they must read back to the same value,
    /// or planning again would send a second copy.
    static let published = [
        "announcement/d42/m7", "change/d42/m7/s2", "cancellation/d42/m7", "cancellation/d42/m7/s3",
        "duty_call/d42/m7", "duty_call/d42/m7/s1", "duty_reminder/d42/m7", "order_open/w5/m7",
        "order_reminder/w5/m7/c1795700000", "order_summary/w5/producer/c1795700000",
        "order_summary/w5/coordinator/c1795700000", "negative_balance/b7-3/e1795600000/n2", "statement/c3/m7",
        "digest/g12/2026-11-26", "producer_sheet/s4-20261126/f0123abcd", "relay/i9/m7", "relay_to_producer/i9/p4",
        "moderation/i9", "relay_refused/i9", "moderation_decision/i9", "forwarded/i9",
        "duty_confirmation/d42/m7/i9", "subscription_change/m7/u.7.announcement/stop/1795600000",
        "subscription_change/m7/r.7.3/resume/1795600000", "announcement/sample/m7", "test",
        "announcement/d-5/m7", "negative_balance/b-7-3/e-100/n1",
    ]

    @Test("every key form ever published reads back to itself", arguments: published)
    func roundTrip(_ text: String) throws {
        let key = try #require(NoticeKey(rawValue: text))
        #expect(key.rawValue == text)
    }

    @Test("the parts are typed: kind, subject, audience, qualifiers")
    func parts() throws {
        let reminder = try #require(NoticeKey(rawValue: "order_reminder/w5/m7/c1795700000"))
        #expect(reminder.kind == .orderReminder)
        #expect(reminder.subject == .orderWindow(5))
        #expect(reminder.audience == .member(7))
        #expect(reminder.qualifiers == [.closing(1_795_700_000)])
        #expect(reminder.memberID == 7)
        let sheet = try #require(NoticeKey(rawValue: "producer_sheet/s4-20261126/fab12"))
        #expect(sheet.subject == .round(producer: 4, date: LocalDate(year: 2026, month: 11, day: 26)))
        #expect(sheet.subject.topic == "s4-20261126")
        let debt = try #require(NoticeKey(rawValue: "negative_balance/b-7-3/e5/n1"))
        #expect(debt.subject == .debt(member: -7, contract: 3))
    }

    @Test(
        "text outside the grammar is refused, so a stored oddity can never equal a planned key",
        arguments: [
            "", "announce/d42/m7", "announcement/d42/m07", "announcement/x42/m7",
            "announcement/d42/m7/", "announcement//m7", "change/d42/m7/s02", "digest/g12/2026-02-30",
            "negative_balance/b7/e1/n1", "producer_sheet/s4-2026112/f1", "producer_sheet/s4-20261126/f",
            "relay/i9/m7/zz", "subscription_change/m7/u.7.nope/stop/1", "order_open/w5/m+7",
            "announcement/d99999999999999999999/m7", "announcement/d042/m7", "announcement/d+42/m7",
            "order_reminder/w5/m7/c01795700000", "order_summary/w5/p07/c1", "announcement/d42/m7/s1/",
            "duty_call/d42/m-0", "digest/g12/2026-1-26", "negative_balance/b7-03/e1/n1", "relay/i9/m7/f",
        ])
    func refused(_ text: String) {
        #expect(NoticeKey(rawValue: text) == nil)
    }

    @Test("a Message-ID's key lies in the span read from it, whatever the token's dots", arguments: published)
    func messageIDSpan(_ text: String) throws {
        let key = try #require(NoticeKey(rawValue: text))
        for token in ["3f9a0c1d", "v.7.42.c0ffee", ""] {
            let id = "\(key.messageIDStem).\(token)@amap.example.org"
            let span = try #require(NoticeKey.span(ofMessageID: id))
            let raw = Array(text.utf8)
            #expect(
                raw == Array(span.exactly.utf8)
                    || (!raw.lexicographicallyPrecedes(span.from.utf8)
                        && raw.lexicographicallyPrecedes(span.before.utf8)),
                "\(id) \(span)")
        }
        #expect(!key.messageIDStem.utf8.contains(UInt8(ascii: "/")))
    }

    @Test("a Message-ID's span holds one subject's keys, not its neighbours' nor the kind's")
    func messageIDSpanIsTight() throws {
        let span = try #require(NoticeKey.span(ofMessageID: "announcement.d42.m7.3f9a0c1d@amap.example.org"))
        func inside(_ key: String) -> Bool {
            let raw = Array(key.utf8)
            return raw == Array(span.exactly.utf8)
                || (!raw.lexicographicallyPrecedes(span.from.utf8) && raw.lexicographicallyPrecedes(span.before.utf8))
        }
        #expect(inside("announcement/d42/m7") && inside("announcement/d42/m70") && inside("announcement/d42"))
        for outside in [
            "announcement/d4/m7", "announcement/d420/m7", "announcement/d43/m7", "announcement/d41/m7",
            "announcement/c42/m7", "change/d42/m7", "announcemen/d42/m7",
        ] {
            #expect(!inside(outside), "\(outside)")
        }
    }

    @Test(
        "a text no key of Facteur's can have made has no span",
        arguments: ["", "no-at-sign", "@x.org", ".d42.m7.t@x.org", "a/b.c.d@x.org"])
    func noSpan(_ id: String) {
        #expect(NoticeKey.span(ofMessageID: id) == nil)
    }

    @Test("a topic read back names the same subject")
    func topics() {
        let subjects: [NoticeSubject] = [
            .distribution(42), .orderWindow(5), .debt(member: 7, contract: 3), .endedContract(3), .coordinator(12),
            .round(producer: 4, date: LocalDate(year: 2027, month: 1, day: 5)), .inbound(9), .member(7), .sample,
        ]
        for s in subjects { #expect(NoticeSubject(topic: s.topic) == s) }
        #expect(NoticeSubject(topic: "q1") == nil)
    }
}
