import FacteurCore
import Foundation
import TestSupport
import Testing

@testable import FacteurMail

/// A rendering lane's last header values (issue 15): a message composed with them is the bytes composed without.
@Suite struct HeaderMemoTests {
    /// Notices one lane may render one after the other: a name to encode, the same AMAP's name in two Unicode forms
    /// (in From and List-Id), another address, another zone, another instant, another kind. (No shipped subject
    /// holds the AMAP's name: `unicodeForms` gives the subject's memo two forms directly.)
    static func notices() -> [(PlannedNotice, Date)] {
        let date = ComposedNoticeTests.date
        var out: [(PlannedNotice, Date)] = []
        for kind in [NoticeKind.announcement, .orderOpen, .dutyCall] {
            for variant in 0..<7 {
                var notice = SampleNotices.notice(kind)
                notice.unsubscribe = UnsubscribeLinks(
                    address: notice.amap.facteurAddress, token: "u.\(variant)", baseURL: nil)
                var when = date
                switch variant {
                case 1: notice.amap.name = "Les Jardins d'Ève « bio »"
                case 2: notice.amap.name = "AMAP des Lilas e\u{301}"
                case 3: notice.amap.name = "AMAP des Lilas \u{E9}"
                case 4: notice.amap.email = "bonjour@autre.example.org"
                case 5: notice.amap.timeZone = TimeZone(identifier: "America/Cayenne")!
                case 6: when = date.addingTimeInterval(1)
                default: break
                }
                if variant == 2 || variant == 3 { notice.recipient.name = "Le\u{301}a" }
                out.append((notice, when))
            }
        }
        return out
    }

    static func compose(_ items: [(PlannedNotice, Date)], memo: HeaderMemo?) throws -> [[UInt8]] {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        return try items.enumerated().map { index, item in
            let id = "n.\(index).0123456789abcdef@amap-lilas.example.org"
            return try composer.compose(
                item.0, messageID: id, threadMessageID: nil, date: item.1, headers: memo
            ).rendered(seed: id)
        }
    }

    @Test("the same bytes as without the memo, in order, backwards and twice over, whatever changed in between")
    func sameBytes() throws {
        let items = Self.notices()
        let plain = try Self.compose(items, memo: nil)
        let memo = HeaderMemo()
        #expect(try Self.compose(items, memo: memo) == plain)
        #expect(try Self.compose(items.reversed(), memo: memo) == Self.compose(items.reversed(), memo: nil))
        // Each message's id (and so its boundaries) follows its place: the doubled run is compared with itself.
        let doubled = items.flatMap { [$0, $0] }
        #expect(try Self.compose(doubled, memo: memo) == Self.compose(doubled, memo: nil))
    }

    @Test("the two Unicode forms of one name are two headers, not one; so are two zones, two instants, two kinds")
    func unicodeForms() {
        let memo = HeaderMemo()
        var amap = SampleNotices.notice(.announcement).amap
        amap.name = "Le\u{301}a"
        let decomposed = memo.from(amap)
        amap.name = "L\u{E9}a"
        let precomposed = memo.from(amap)
        #expect(!decomposed.utf8.elementsEqual(precomposed.utf8))
        #expect(memo.subject("Le\u{301}a").utf8.elementsEqual(EncodedWord.encodeIfNeeded("Le\u{301}a").utf8))
        #expect(memo.subject("L\u{E9}a").utf8.elementsEqual(EncodedWord.encodeIfNeeded("L\u{E9}a").utf8))
        amap.name = "Le\u{301}a"
        let listDecomposed = memo.listID(amap, kind: .announcement)
        amap.name = "L\u{E9}a"
        #expect(!listDecomposed.utf8.elementsEqual(memo.listID(amap, kind: .announcement).utf8))
        #expect(memo.listID(amap, kind: .announcement) != memo.listID(amap, kind: .orderOpen))
        // The same instant in two zones, and two instants in one.
        let date = ComposedNoticeTests.date
        let paris = memo.date(date, timeZone: TimeZone(identifier: "Europe/Paris")!)
        #expect(paris != memo.date(date, timeZone: TimeZone(identifier: "Indian/Reunion")!))
        #expect(memo.date(date, timeZone: TimeZone(identifier: "Europe/Paris")!) == paris)
        #expect(memo.date(date.addingTimeInterval(1), timeZone: TimeZone(identifier: "Europe/Paris")!) != paris)
    }
}
