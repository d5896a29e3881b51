import FacteurCore
import FacteurMail
import Foundation
import TestSupport
import Testing

/// Every kind's HTML part, laid out by Chromium at a phone's width: nothing may be wider than the screen.
@Suite struct PhoneLayoutTests {
    func pages(_ language: Language) throws -> [String: String] {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(language))
        var pages: [String: String] = [:]
        for kind in SampleNotices.templatedKinds {
            var notice = SampleNotices.notice(kind)
            // Long names, as real AMAPs have them, in the places a table or a line must hold them.
            notice.amap.name = "AMAP des Jardins partagés du Plateau de Saint-Maur-des-Fossés"
            notice.recipient.name = "Marie-Claire Dupont-Lefèbvre"
            let message = try composer.compose(
                notice, messageID: "p.1@example.org", threadMessageID: nil, date: notice.dueAt)
            func walk(_ part: MIMEPart) {
                switch part {
                case .text(subtype: "html", let content):
                    pages["\(language.rawValue)/\(kind.rawValue)"] = content.string
                case .multipart(_, let parts): parts.forEach(walk)
                default: break
                }
            }
            walk(message.body)
        }
        return pages
    }

    @Test(
        "at 390 and 320 px, no kind's HTML part is wider than the screen, in French and in English",
        arguments: [390, 320])
    func phone(width: Int) throws {
        let dir = TemporaryDirectory()
        var all = try pages(.fr).merging(try pages(.en)) { a, _ in a }
        // The instrument itself: a table that cannot fit must be caught.
        all["control/too-wide"] = "<table style=\"width: 600px\"><tr><td>x</td></tr></table>"
        let measured = try Chromium.measure(all, width: width, in: dir.url)
        #expect(measured.count == all.count)
        #expect(measured["control/too-wide"]?.overflows == true)
        for (name, overflow) in measured.sorted(by: { $0.key < $1.key }) where name != "control/too-wide" {
            #expect(!overflow.overflows, "\(name) at \(width) px: \(overflow)")
        }
        #expect(all.keys.filter { $0.hasPrefix("fr/") }.count == SampleNotices.templatedKinds.count)
    }
}
