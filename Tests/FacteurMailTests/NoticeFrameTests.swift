import FacteurCore
import Foundation
import TestSupport
import Testing

@testable import FacteurMail

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

    /// Laid out before filling: holes in text and in a link's attributes.
    static let laidOutFirst: [(html: String, first: Bool)] = [
        (
            "<p>Bonjour {{member.name}},</p>\n<table><tr><td>{{member.name}}</td><td class=\"x\">y</td></tr></table><p>.</p>",
            true
        ),
        (
            "<html><head><title>{{member.name}}</title></head><body>\n<p><a href=\"{{unsubscribe.href}}\" "
                + "title=\"{{member.name}}\">x</a> {{member.name}}</p>\n</body></html>", true
        ),
    ]
    /// Not laid out before: a cell's attributes in capitals, a `<` inside a tag, a closing tag's attributes.
    static let laidOutAfter: [(html: String, first: Bool)] = [
        ("<table><tr><TD title=\"{{member.name}}\">c</TD></tr></table>", false),
        ("<p title=\"<td {{member.name}}\">x</p><table><tr><td>c</td></tr></table>", false),
        ("<p>x</p></body {{member.name}}><p>y</p>", false),
    ]

    @Test("which hostile templates' frames are laid out before their holes are filled")
    func hostileLaidOut() throws {
        for (html, first) in Self.laidOutFirst + Self.laidOutAfter {
            let templates = try Self.templates(.announcement, [.subject: "Distribution", .txt: "x", .html: html])
            let trio = try #require(templates.templates(for: .announcement))
            var notice = SampleNotices.notice(.announcement)
            notice.recipient.name = "Zoé"
            notice.unsubscribe = UnsubscribeLinks(address: notice.amap.facteurAddress, token: "u.1", baseURL: nil)
            #expect(NoticeFrame(notice, trio: trio, language: .fr).htmlIsLaidOut == first, "\(html)")
        }
    }

    @Test("with the shipped templates, a frame's HTML is laid out once, before its holes are filled")
    func shippedFramesLaidOut() throws {
        for language in [Language.fr, .en] {
            let templates = try ShippedTemplates.load(language)
            for kind in Self.kinds {
                let trio = try #require(templates.templates(for: kind))
                for notice in Self.notices(kind) {
                    let frame = NoticeFrame(notice, trio: trio, language: language)
                    #expect(frame.htmlIsLaidOut, "\(kind) \(language)")
                }
            }
        }
        // What decides it, on its own.
        #expect(MailLayout.laysOutTheSameFilled(Array("<p>a \u{FF}".utf8) + [0xFF, 1, 0] + Array("</p>".utf8)))
        #expect(!MailLayout.laysOutTheSameFilled([0xFF, 1, 0] + Array("<p>a</p>".utf8)))
        #expect(!MailLayout.laysOutTheSameFilled(Array("<p>a</p>".utf8) + [0xFF, 1, 0]))
        #expect(!MailLayout.laysOutTheSameFilled(Array("<p>".utf8) + [0xFF, 0, 0] + Array("</p>".utf8)))
        #expect(!MailLayout.laysOutTheSameFilled(Array("<p><td ".utf8) + [0xFF, 1, 0] + Array(">a</p>".utf8)))
        #expect(!MailLayout.laysOutTheSameFilled(Array("<p><bod".utf8) + [0xFF, 1, 0] + Array(">a</p>".utf8)))
        #expect(
            MailLayout.laysOutTheSameFilled(Array("<p><a href=\"".utf8) + [0xFF, 1, 0] + Array("\">a</a></p>".utf8)))
    }

    @Test(
        "a volunteer's template using the name raw, in sections, in the title and inside a tag still gets the same bytes"
    )
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

    /// Templates printing every variable a distribution or an order notice offers, so that any difference in any
    /// of them shows in the bytes.
    static func everything(_ kind: NoticeKind) -> [TemplateSet.Part: String] {
        let common = """
            {{amap.name}}|{{amap.email}}|{{amap.website}}|{{amap.of}}|{{amap.the}}|{{member.name}}|\
            {{#unsubscribe}}{{what}}|{{address}}|{{subject}}|{{url}}|{{href}}|{{^href}}sans lien{{/href}}{{#url}}page{{/url}}{{/unsubscribe}}
            """
        let own =
            kind == .orderOpen
            ? """
            {{contract.name}}|{{producer.name}}|{{producer.farm}}|{{window.opens}}|{{window.closes}}|\
            {{window.unavailable}}|{{window.notes}}|{{order_url}}|{{distribution.date}}|{{distribution.when}}|\
            {{distribution.place}}
            """
            : """
            {{distribution.date}}|{{distribution.start}}|{{distribution.end}}|{{distribution.when}}|\
            {{distribution.place}}|{{distribution.notes}}|{{#deliveries}}{{contract}}/{{producer}}/{{farm}}/{{notes}};\
            {{/deliveries}}|{{#volunteers}}{{name}}/{{role}};{{/volunteers}}|{{on_duty}}|{{reinstated}}|{{moved}}|\
            {{duty_missing}}|{{duty_missing_words}}|{{answer.joined}}{{answer.already}}{{answer.full}}\
            {{answer.withdrawn}}{{answer.closed}}|{{previous.date}}|{{previous.start}}|{{previous.end}}|\
            {{previous.when}}|{{previous.place}}|{{changed.time}}|{{changed.place}}
            """
        return [
            .subject: "{{member.name}} {{amap.name}}", .txt: common + "\n" + own, .html: "<p>" + common + own + "</p>",
        ]
    }

    static func templates(_ kind: NoticeKind, _ custom: [TemplateSet.Part: String]) throws -> TemplateSet {
        let folder = URL(fileURLWithPath: PackagePaths.templates).appendingPathComponent("fr")
        return try TemplateSet(language: .fr, kinds: SampleNotices.templatedKinds) { k, part in
            if k == kind, let text = custom[part] { return ("\(kind.rawValue).\(part.rawValue)", text) }
            let url = folder.appendingPathComponent("\(k.rawValue).\(part.rawValue)")
            return (url.path, try? String(contentsOf: url, encoding: .utf8))
        }
    }

    /// One change to a notice: every value its words are made of, a text changed only in its Unicode form.
    typealias Change = (String, @Sendable (inout PlannedNotice) -> Void)

    static func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

    static let distributionChanges: [Change] = [
        ("place's form", { n in Self.distribution(&n) { $0.distribution.place = "Pr\u{E9}au" } }),
        ("place", { n in Self.distribution(&n) { $0.distribution.place = "Salle" } }),
        ("notes' form", { n in Self.distribution(&n) { $0.distribution.notes = "Apportez vos sacs, \u{E9}t\u{E9}" } }),
        ("start", { n in Self.distribution(&n) { $0.distribution.startsAt += 3600 } }),
        ("end", { n in Self.distribution(&n) { $0.distribution.endsAt += 60 } }),
        ("producer's form", { n in Self.distribution(&n) { $0.deliveries[0].producer = "J\u{E9}r\u{F4}me" } }),
        ("farm's form", { n in Self.distribution(&n) { $0.deliveries[0].farm = "Ferme du Pr\u{E9}" } }),
        ("delivery notes", { n in Self.distribution(&n) { $0.deliveries[0].notes = nil } }),
        (
            "volunteer's form",
            { n in Self.distribution(&n) { $0.volunteers = [.init(name: "Lo\u{EF}c", role: "caisse")] } }
        ),
        (
            "volunteer's role",
            { n in Self.distribution(&n) { $0.volunteers = [.init(name: Self.nfd("Loïc"), role: nil)] } }
        ),
        ("volunteers missing", { n in Self.distribution(&n) { $0.dutyMissing += 1 } }),
        ("answer", { n in Self.distribution(&n) { $0.dutyAnswer = .full } }),
        ("reinstated", { n in Self.distribution(&n) { $0.reinstated.toggle() } }),
        (
            "previous",
            {
                n in
                Self.distribution(&n) {
                    $0.previous = .init(
                        startsAt: $0.distribution.startsAt, endsAt: $0.distribution.endsAt, place: "Pr\u{E9}au")
                }
            }
        ),
        ("amap's name form", { n in n.amap.name = "AMAP des Lilas \u{E9}t\u{E9}" }),
        ("amap's website", { n in n.amap.website = "https://lilas.example.org/\u{E9}" }),
        ("amap's time zone", { n in n.amap.timeZone = TimeZone(identifier: "America/Cayenne")! }),
    ]

    static let orderChanges: [Change] = [
        ("contract's form", { n in Self.order(&n) { $0.contract = "L\u{E9}gumes d'\u{E9}t\u{E9}" } }),
        ("producer's form", { n in Self.order(&n) { $0.producer = "J\u{E9}r\u{F4}me" } }),
        ("farm", { n in Self.order(&n) { $0.farm = nil } }),
        ("order page's form", { n in Self.order(&n) { $0.orderURL = "https://lilas.example.org/\u{E9}" } }),
        ("unavailable", { n in Self.order(&n) { $0.window.unavailable = "Pain d'\u{E9}pices" } }),
        ("window notes", { n in Self.order(&n) { $0.window.notes = "\u{C9}t\u{E9}" } }),
        ("closes", { n in Self.order(&n) { $0.window.closesAt += 3600 } }),
        ("opens", { n in Self.order(&n) { $0.window.opensAt -= 3600 } }),
        ("distribution", { n in Self.order(&n) { $0.distribution?.place = "Pr\u{E9}au" } }),
    ]

    static func distribution(_ notice: inout PlannedNotice, _ change: (inout DistributionNotice) -> Void) {
        guard case .distribution(var content) = notice.content else { return }
        change(&content)
        notice.content = .distribution(content)
    }

    static func order(_ notice: inout PlannedNotice, _ change: (inout OrderNotice) -> Void) {
        guard case .order(var content) = notice.content else { return }
        change(&content)
        notice.content = .order(content)
    }

    @Test(
        "a notice differing in any one value its words are made of, even only in a text's Unicode form, gets its own words",
        arguments: [NoticeKind.announcement, .orderOpen])
    func everyValue(kind: NoticeKind) throws {
        let composer = NoticeComposer(templates: try Self.templates(kind, Self.everything(kind)))
        var base = SampleNotices.notice(kind)
        // Every text starts in its composed form; each change writes one of them decomposed, or another value.
        Self.distribution(&base) {
            $0.distribution.place = Self.nfd("Préau")
            $0.distribution.notes = Self.nfd("Apportez vos sacs, été")
            $0.deliveries[0].producer = Self.nfd("Jérôme")
            $0.deliveries[0].farm = Self.nfd("Ferme du Pré")
            $0.volunteers = [.init(name: Self.nfd("Loïc"), role: "caisse")]
        }
        Self.order(&base) {
            $0.contract = Self.nfd("Légumes d'été")
            $0.producer = Self.nfd("Jérôme")
            $0.orderURL = "https://lilas.example.org/" + Self.nfd("é")
            $0.window.unavailable = Self.nfd("Pain d'épices")
            $0.window.notes = Self.nfd("Été")
            $0.distribution?.place = Self.nfd("Préau")
        }
        base.amap.name = Self.nfd("AMAP des Lilas été")
        base.amap.website = "https://lilas.example.org/" + Self.nfd("é")
        let changes = kind == .orderOpen ? Self.orderChanges : Self.distributionChanges
        let unchanged = try Self.compose([(0, base)], composer, frames: nil)
        for (name, change) in changes {
            var changed = base
            change(&changed)
            let shown = try Self.compose([(0, changed)], composer, frames: nil)
            #expect(shown[0] != unchanged[0], "\(name): the template shows it")
            changed.recipient.name = "Autre membre"
            let pair = [(0, base), (1, changed)]
            let plain = try Self.compose(pair, composer, frames: nil)
            for order in [pair, pair.reversed()] {
                let frames = NoticeFrameCache()
                #expect(Self.differences(try Self.compose(order, composer, frames: frames), plain) == [], "\(name)")
            }
        }
    }

    @Test("a link whose page address was emptied by hand, and templates read anew, never reuse another notice's words")
    func emptiedLinkAndNewTemplates() throws {
        let composer = NoticeComposer(templates: try Self.templates(.announcement, Self.everything(.announcement)))
        var mailOnly = SampleNotices.notice(.announcement)
        mailOnly.unsubscribe = UnsubscribeLinks(address: mailOnly.amap.facteurAddress, token: "u.1.ab", baseURL: nil)
        var emptied = mailOnly
        emptied.unsubscribe?.url = ""
        let pair = [(0, mailOnly), (1, emptied)]
        let plain = try Self.compose(pair, composer, frames: nil)
        for order in [pair, pair.reversed()] {
            #expect(Self.differences(try Self.compose(order, composer, frames: NoticeFrameCache()), plain) == [])
        }
        let frames = NoticeFrameCache()
        #expect(Self.differences(try Self.compose(pair, composer, frames: frames), plain) == [])
        // The same cache, another reading of the templates (a reload): the new words, not the lane's old ones.
        let reloaded = NoticeComposer(templates: try ShippedTemplates.load(.fr))
        let fresh = try Self.compose(pair, reloaded, frames: nil)
        #expect(fresh != plain)
        #expect(Self.differences(try Self.compose(pair, reloaded, frames: frames), fresh) == [])
    }

    @Test(
        "HTML templates with a name at the content's edge, within a tag's name, inside a cell's tag: the bytes composed alone",
        arguments: [
            "{{member.name}}<p>Bonjour</p>{{member.name}}",
            "<html><head><title>{{member.name}}</title></head><bod{{member.name}}><p>x</p></body></html>",
            "<p><t{{member.name}} class=\"a\">x</p><table><tr><td title=\"x<a {{member.name}}\">c</td></tr></table>",
            "<table><tr><td {{member.name}}\"\">d</td><th>{{member.name}}</th></tr></table><p>{{member.name}}</p>",
            "<p>Bonjour {{member.name}},</p>\n<p><a href=\"{{unsubscribe.href}}\">{{unsubscribe.subject}}</a></p>",
        ] + Self.laidOutFirst.map(\.html) + Self.laidOutAfter.map(\.html))
    func hostileHTML(html: String) throws {
        let composer = NoticeComposer(
            templates: try Self.templates(
                .announcement, [.subject: "Distribution", .txt: "{{member.name}}", .html: html]))
        let names = [
            "Zoé", "y", "d", "style=", "   ", "ody", "d x", "\t", "a\nb", "x>", "<td ", "", " style=\"", "<body>",
            "</body>", "title>",
        ]
        let notices = names.enumerated().map { index, name in
            var notice = SampleNotices.notice(.announcement)
            notice.recipient.name = name
            notice.unsubscribe = UnsubscribeLinks(
                address: notice.amap.facteurAddress, token: "u.\(index)", baseURL: nil)
            return (index, notice)
        }
        let plain = try Self.compose(notices, composer, frames: nil)
        let frames = NoticeFrameCache()
        #expect(Self.differences(try Self.compose(notices, composer, frames: frames), plain) == [])
        #expect(frames.made < notices.count)
    }

    @Test(
        "line ends of every kind, in the template and in the names, and a line starting with a dot: the bytes composed alone"
    )
    func lineEnds() throws {
        // Line ends of every kind in the template and in the names, a line starting with a dot, long lines.
        let text = "Bonjour {{member.name}},\r\n.\r\n" + String(repeating: "é", count: 60) + " {{member.name}}\r\nfin\r"
        let composer = NoticeComposer(templates: try Self.templates(.announcement, [.txt: text]))
        let names = ["Zoé", "a\r\nb", "x\r", "\r", ".point", String(repeating: "=", count: 90), "fin \t", ""]
        let notices = names.enumerated().map { index, name in
            var notice = SampleNotices.notice(.announcement)
            notice.recipient.name = name
            return (index, notice)
        }
        let plain = try Self.compose(notices, composer, frames: nil)
        #expect(Self.differences(try Self.compose(notices, composer, frames: NoticeFrameCache()), plain) == [])
    }
}
