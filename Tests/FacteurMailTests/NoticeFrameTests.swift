import FacteurCore
import FacteurMail
import Foundation
import TestSupport
import Testing

/// A rendering lane's frames (issue 15): the words a distribution's or a window's recipients share, rendered once
/// with holes for each one's own values, give every recipient exactly the bytes composing for them alone gives.
@Suite struct NoticeFrameTests {
    static let kinds: [NoticeKind] = [
        .announcement, .change, .cancellation, .dutyCall, .dutyReminder, .dutyConfirmation, .orderOpen, .orderReminder,
    ]

    /// Names a careless or hostile row may hold: empty, markup, a template's own syntax, a header's line break,
    /// the same letters in two Unicode forms, a noncharacter, a long run of accents.
    static let names = [
        "Zoé Martin", "", "<b>Léa</b> & \"Jo\" l'ami", "{{member.name}} {{{member.name}}}", "Ligne\r\nBcc: x@y.org",
        "Le\u{301}a", "Membre \u{E000}\u{FFFD}", String(repeating: "é", count: 120), "<td style=\"x\">",
    ]

    /// One kind's notices to every such name, with no unsubscribe link, a mail link, or a web page too, with
    /// one basket or two, on duty or not, and a contract written in either Unicode form.
    static func notices(_ kind: NoticeKind) -> [PlannedNotice] {
        var out: [PlannedNotice] = []
        for (index, name) in names.enumerated() {
            for links in 0..<3 {
                var notice = SampleNotices.notice(kind)
                notice.recipient.name = name
                notice.recipient.email = "m\(index)@example.net"
                let address = notice.amap.facteurAddress
                switch links {
                case 0: notice.unsubscribe = nil
                case 1: notice.unsubscribe = UnsubscribeLinks(address: address, token: "u.\(index).a1b2", baseURL: nil)
                default:
                    notice.unsubscribe = UnsubscribeLinks(
                        address: address, token: "u.\(index).<&>\"'", baseURL: "https://amap.example.org/f?x=1")
                }
                let contract = index % 3 == 0 ? "Le\u{301}gumes" : "L\u{E9}gumes"
                if case .distribution(var content) = notice.content {
                    content.deliveries[0].contract = contract
                    if index % 2 == 0 { content.deliveries.append(.init(contract: "Pain", producer: "Fournil")) }
                    content.recipientIsOnDuty = index == 3
                    notice.content = .distribution(content)
                }
                if case .order(var order) = notice.content {
                    order.contract = contract
                    notice.content = .order(order)
                }
                out.append(notice)
            }
        }
        return out
    }

    /// Each notice's message, keyed by its place in `notices(_:)` (its Message-ID and MIME boundaries follow it).
    static func compose(
        _ notices: [(Int, PlannedNotice)], _ composer: NoticeComposer, frames: NoticeFrameCache?
    ) throws -> [Int: [UInt8]] {
        var out: [Int: [UInt8]] = [:]
        for (index, notice) in notices {
            let id = "\(notice.kind.rawValue).\(index).0123456789abcdef@amap-lilas.example.org"
            let message = try composer.compose(
                notice, messageID: id, threadMessageID: nil, date: ComposedNoticeTests.date, frames: frames)
            out[index] = message.rendered(seed: id)
        }
        return out
    }

    /// The places where two compositions differ (an empty list when every message is the same bytes).
    static func differences(_ a: [Int: [UInt8]], _ b: [Int: [UInt8]]) -> [Int] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test("with the shipped templates, in both languages, each recipient gets the bytes composed for them alone")
    func shipped() throws {
        for language in [Language.fr, .en] {
            let composer = NoticeComposer(templates: try ShippedTemplates.load(language))
            let frames = NoticeFrameCache()
            var count = 0
            for kind in Self.kinds {
                let notices = Array(Self.notices(kind).enumerated())
                let plain = try Self.compose(notices, composer, frames: nil)
                // Twice through the same lane, the second time backwards: frames are found again, not only the last.
                let framed = try Self.compose(notices, composer, frames: frames)
                #expect(Self.differences(framed, plain) == [], "\(kind) \(language)")
                let backwards = try Self.compose(notices.reversed(), composer, frames: frames)
                #expect(Self.differences(backwards, plain) == [], "\(kind) \(language), backwards")
                count += 2 * notices.count
            }
            #expect(frames.made > Self.kinds.count, "recipients differing in their words get frames of their own")
            #expect(frames.made * 3 < count, "most notices reused a frame: \(frames.made) of \(count)")
        }
    }

    @Test("a volunteer's template using the name raw, in sections, in the title and inside a tag still gets the same bytes")
    func customTemplates() throws {
        let custom: [TemplateSet.Part: String] = [
            .subject: "{{#member.name}}Pour {{member.name}} : {{/member.name}}Distribution du {{distribution.date}}",
            .txt: """
                {{^member.name}}Bonjour,{{/member.name}}{{#member.name}}Bonjour {{.}}, {{{member.name}}}{{/member.name}}
                {{#unsubscribe}}{{subject}} / {{unsubscribe.url}} / {{href}}{{/unsubscribe}}{{^unsubscribe}}-{{/unsubscribe}}
                """,
            .html: """
                <html><head><title>{{member.name}} – {{amap.name}}</title></head><body>
                <p>{{{member.name}}}</p><table><tr><td title="{{member.name}}">{{member.name}}</td><{{{member.name}}}></tr>
                </table>{{#unsubscribe.url}}<a href="{{unsubscribe.href}}">{{{unsubscribe.url}}}</a>{{/unsubscribe.url}}
                </body></html>
                """,
        ]
        let folder = URL(fileURLWithPath: PackagePaths.templates).appendingPathComponent("fr")
        let templates = try TemplateSet(language: .fr, kinds: SampleNotices.templatedKinds) { kind, part in
            if kind == .announcement, let text = custom[part] { return ("announcement.\(part.rawValue)", text) }
            let url = folder.appendingPathComponent("\(kind.rawValue).\(part.rawValue)")
            return (url.path, try? String(contentsOf: url, encoding: .utf8))
        }
        let composer = NoticeComposer(templates: templates)
        let notices = Array(Self.notices(.announcement).enumerated())
        let frames = NoticeFrameCache()
        let plain = try Self.compose(notices, composer, frames: nil)
        #expect(Self.differences(try Self.compose(notices, composer, frames: frames), plain) == [])
        #expect(frames.made < notices.count)
    }

    @Test("accounts, digests and order summaries are one recipient's own: no frame is made for them")
    func ownNotices() throws {
        let composer = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        let frames = NoticeFrameCache()
        for kind in [NoticeKind.negativeBalance, .statement, .digest, .orderSummary, .producerSheet] {
            let notice = [(0, SampleNotices.notice(kind))]
            let plain = try Self.compose(notice, composer, frames: nil)
            #expect(Self.differences(try Self.compose(notice, composer, frames: frames), plain) == [], "\(kind)")
        }
        #expect(frames.made == 0)
    }
}
