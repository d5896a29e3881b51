import FacteurCore
import FacteurMail
import Foundation
import Testing

/// What a reader sees: the subject, text and HTML parts of a notice composed the way the daemon composes it.
struct RenderedNotice {
    var subject: String
    var text: String
    var html: String

    static let french = Result { try ShippedTemplates.load(.fr) }

    init(_ notice: PlannedNotice) throws {
        let composer = NoticeComposer(templates: try Self.french.get())
        let message = try composer.compose(
            notice, messageID: "t.1@amap-lilas.example.org", threadMessageID: nil, date: notice.dueAt)
        subject = EncodedWordDecoder.decode(message.value(of: "Subject") ?? "")
        var text = ""
        var html = ""
        func walk(_ part: MIMEPart) {
            switch part {
            case .text(subtype: "plain", let content): text = content.string
            case .text(subtype: "html", let content): html = content.string
            case .multipart(_, let parts): parts.forEach(walk)
            default: break
            }
        }
        walk(message.body)
        self.text = text
        self.html = html
    }
}

/// The engine on small templates: exactly what comes out (TemplateTests covers the basics and errors).
@Suite struct TemplateEngineOutputTests {
    func render(_ source: String, _ context: TemplateValue, _ escaping: Template.Escaping = .none) throws -> String {
        try Template(source: source, file: "t").render(context, escaping: escaping)
    }

    @Test("HTML escaping covers & \" ' < >; {{& }} and {{{ }}} stay raw; text templates escape nothing")
    func escaping() throws {
        let value: TemplateValue = ["v": "Tom & \"Jerry\" <b>'s"]
        #expect(
            try render("{{v}}|{{& v}}|{{{v}}}", value, .html)
                == "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s|Tom & \"Jerry\" <b>'s|Tom & \"Jerry\" <b>'s")
        #expect(try render("{{v}}", value, .none) == "Tom & \"Jerry\" <b>'s")
    }

    @Test("a list of objects renders each item in order; a name missing from the item is taken from outside")
    func listOfObjects() throws {
        let context: TemplateValue = [
            "amap": ["name": "Lilas"],
            "people": [["name": "Ana"], ["name": "Bo", "amap": ["name": "Moulin"]]],
        ]
        #expect(try render("{{#people}}{{name}} ({{amap.name}}) {{/people}}", context) == "Ana (Lilas) Bo (Moulin) ")
    }

    @Test("nested sections: an inner item sees the fields of the outer item")
    func nestedLists() throws {
        let context: TemplateValue = [
            "windows": [
                ["closes": "lun.", "lines": [["product": "Pain"], ["product": "Brioche"]]],
                ["closes": "mar.", "lines": .list([])],
            ]
        ]
        #expect(
            try render("{{#windows}}{{closes}}:{{#lines}} {{product}}@{{closes}}{{/lines}};{{/windows}}", context)
                == "lun.: Pain@lun. Brioche@lun.;mar.:;")
    }

    @Test(
        "a section over an object opens its scope, over true renders once, over a string shows it; false and \"\" hide")
    func sectionsOverValues() throws {
        let context: TemplateValue = [
            "member": ["name": "Zoé"], "yes": true, "no": false, "empty": "", "phone": "01 23",
        ]
        #expect(
            try render(
                "{{#member}}{{name}}{{/member}}|{{#yes}}Y{{/yes}}|{{#no}}N{{/no}}|{{#empty}}E{{/empty}}|{{#phone}}({{.}}){{/phone}}",
                context) == "Zoé|Y|||(01 23)")
    }

    @Test("inverted sections show for a missing name, false, \"\" and an empty list, and hide for a value")
    func invertedSections() throws {
        let context: TemplateValue = ["no": false, "empty": "", "list": .list([]), "text": "x", "items": ["a"]]
        #expect(
            try render(
                "{{^missing}}a{{/missing}}{{^no}}b{{/no}}{{^empty}}c{{/empty}}{{^list}}d{{/list}}{{^text}}e{{/text}}{{^items}}f{{/items}}",
                context) == "abcd")
    }

    @Test("missing values, and lists or objects used as text, render as nothing")
    func missingValues() throws {
        let context: TemplateValue = ["member": ["name": "Zoé"], "items": ["a"]]
        #expect(
            try render(
                "[{{nope}}][{{member.nope}}][{{nope.deeper}}][{{member}}][{{items}}][{{#nope}}x{{/nope}}]", context)
                == "[][][][][][]")
    }

    @Test(
        "standalone inverted, closing and comment tags, indented or with CRLF, leave no line; inline tags keep theirs")
    func standaloneLines() throws {
        let source = "A\n  {{^list}}\n  none\n  {{/list}}\n{{! a comment }}\nB {{#yes}}on{{/yes}}\nC\n"
        #expect(try render(source, ["list": .list([]), "yes": true]) == "A\n  none\nB on\nC\n")
        #expect(try render("A\r\n{{#x}}\r\nB\r\n{{/x}}\r\nC", ["x": true]) == "A\r\nB\r\nC")
        #expect(try render("A\r\n{{#x}}\r\nB\r\n{{/x}}\r\nC", ["x": false]) == "A\r\nC")
    }
}

/// The shipped French templates, composed as the daemon composes them, read as a member reads them.
@Suite struct ShippedFrenchOutputTests {
    let minus4 = "\u{2212}4,00\u{00A0}€"

    @Test("the digest: subject, headings above their items, French money and accents")
    func digest() throws {
        let r = try RenderedNotice(SampleNotices.notice(.digest))
        #expect(r.subject == "Facteur, AMAP des Lilas : le point du mardi 24 novembre 2026")
        #expect(r.text.hasPrefix("Bonjour Camille Dupont,\n"))
        #expect(r.text.contains("pour l'AMAP des Lilas pendant"))
        #expect(
            r.text.contains("ENVOI SUSPENDU : le serveur d'envoi a refusé l'identifiant ou le mot de passe de Facteur"))
        #expect(r.text.contains("Détail technique : authentication refused: 535 5.7.8"))
        #expect(r.text.contains("Messages envoyés :\n  - Annonce de distribution : 12\n"))
        #expect(
            r.text.contains(
                "  - Zoé Martin <zoe@example.net>, Annonce de distribution : 550 5.1.1 No such user\n    → cette adresse n'existe pas"
            ))
        #expect(
            r.text.contains(
                "Soldes négatifs sur vos contrats :\n  - Jérôme, Pain : \u{2212}12,50\u{00A0}€ depuis 15 jours (3e rappel ou plus : à appeler)\n"
            ))
        #expect(
            r.text.contains(
                "Membres sans adresse à prévenir par téléphone :\n  - André Petit (01 23 45 67 89) : Annonce de distribution du jeudi 26 novembre 2026 à 18h30\n"
            ))
        #expect(!r.text.contains("announcement"))
        #expect(r.html.contains("<title>Le point du mardi 24 novembre 2026</title>"))
        #expect(r.html.contains("<strong>Envoi suspendu&nbsp;:</strong> le serveur d&#39;envoi a refusé"))
    }

    @Test("a quiet digest: 'aucun.' for no sends, and no heading for an empty section in the text part")
    func quietDigest() throws {
        var notice = SampleNotices.notice(.digest)
        notice.content = .digest(
            DigestNotice(
                day: LocalDate(year: 2026, month: 11, day: 24), sent: [], failed: [], failures: [], debts: [],
                toCall: [], skippedRows: [], pauses: [], heldRelayMessages: ["message de inconnu@example.com"]))
        let r = try RenderedNotice(notice)
        #expect(r.text.contains("Messages envoyés :\n  aucun.\n"))
        #expect(r.text.contains("Messages en attente de modération :\n  - message de inconnu@example.com\n"))
        for heading in ["Adresses en échec", "Soldes négatifs", "ENVOI SUSPENDU", "Messages non distribués"] {
            #expect(!r.text.contains(heading), "\(heading)")
        }
    }

    @Test("notices given up after an outage: what they were about, when and where, and how many, with plurals")
    func givenUpDigest() throws {
        var notice = SampleNotices.notice(.digest)
        var digest = DigestNotice(
            day: LocalDate(year: 2026, month: 11, day: 24), sent: [], failed: [.init(kind: "announcement", count: 49)],
            failures: [], debts: [], toCall: [], skippedRows: [], pauses: [], heldRelayMessages: [])
        let thursday = LocalDate(year: 2026, month: 11, day: 26).at(hour: 18, minute: 30, in: notice.amap.timeZone)
        digest.missed = [
            .init(kind: "announcement", count: 48, when: thursday, place: "Préau de l'école"),
            .init(kind: "order_reminder", count: 1, when: thursday),
            .init(kind: "digest", count: 1),
            // Another tool's kind, with a line break meant to add a line of its own.
            .init(kind: "autre\n  - Faux : 999 destinataires", count: 1),
        ]
        notice.content = .digest(digest)
        let r = try RenderedNotice(notice)
        #expect(
            r.text.contains(
                """
                Messages abandonnés, trop tard pour être envoyés :
                  - Annonce de distribution du jeudi 26 novembre 2026 à 18h30, Préau de l'école : 48 destinataires
                  - Rappel de commande (clôture le jeudi 26 novembre 2026 à 18h30) : 1 destinataire
                  - Point quotidien : 1 destinataire
                  - autre   - Faux : 999 destinataires : 1 destinataire

                """), "\(r.text)")
        #expect(
            r.html.contains(
                "<li>Annonce de distribution du jeudi 26 novembre 2026 à 18h30, Préau de l&#39;école&nbsp;: 48 destinataires</li>"
            ))
        digest.missed = []
        notice.content = .digest(digest)
        let quiet = try RenderedNotice(notice)
        #expect(!quiet.text.contains("abandonnés"))
        #expect(!quiet.html.contains("abandonnés"))
    }

    @Test("a member to call about an account hears which contract and the balance; an order window, its contract")
    func toCallAccountWords() throws {
        var notice = SampleNotices.notice(.digest)
        let close = LocalDate(year: 2026, month: 11, day: 26).at(hour: 20, minute: 0, in: notice.amap.timeZone)
        notice.content = .digest(
            DigestNotice(
                day: LocalDate(year: 2026, month: 11, day: 24), sent: [], failed: [], failures: [], debts: [],
                toCall: [
                    .init(
                        name: "André Petit", phone: nil, about: "statement c3", kind: .statement, contract: "Pain",
                        balance: Money(cents: -1250)),
                    .init(
                        name: "André Petit", phone: nil, about: "order_open w5", kind: .orderOpen, when: close,
                        contract: "Pain"),
                ], skippedRows: [], pauses: [], heldRelayMessages: []))
        let r = try RenderedNotice(notice)
        #expect(
            r.text.contains("  - André Petit : Relevé de fin de contrat, Pain (solde : \u{2212}12,50\u{00A0}€)\n"),
            "\(r.text)")
        #expect(
            r.text.contains(
                "  - André Petit : Ouverture des commandes, Pain (clôture le jeudi 26 novembre 2026 à 20h00)\n"),
            "\(r.text)")
    }

    @Test("a call for one volunteer says « 1 bénévole », and « personne pour l'instant » when nobody signed up")
    func dutyCallSingular() throws {
        var notice = SampleNotices.notice(.dutyCall)
        guard case .distribution(var content) = notice.content else { throw OutputFailure.wrongContent }
        content.dutyMissing = 1
        content.volunteers = []
        notice.content = .distribution(content)
        let r = try RenderedNotice(notice)
        #expect(r.subject == "Permanence du jeudi 26 novembre 2026 : appel aux bénévoles")
        #expect(
            r.text.contains(
                "Il manque 1 bénévole pour tenir la permanence de la distribution du jeudi 26 novembre 2026 à 18h30, jusqu'à 20h30 (lieu : Préau de l'école)."
            ))
        #expect(r.text.contains("personne pour l'instant."))
        #expect(r.html.contains("<strong>1 bénévole</strong>"))
    }

    @Test("a change of place alone says the new place and not a new time; a reinstatement says it is on")
    func changeWording() throws {
        var notice = SampleNotices.notice(.change)
        guard case .distribution(var content) = notice.content else { throw OutputFailure.wrongContent }
        let d = content.distribution
        content.previous = DistributionVersion(startsAt: d.startsAt, endsAt: d.endsAt, place: "Salle des fêtes")
        notice.content = .distribution(content)
        let moved = try RenderedNotice(notice)
        #expect(moved.subject == "Changement : distribution du jeudi 26 novembre 2026 à 18h30")
        #expect(moved.text.contains("Nouveau lieu : Préau de l'école"))
        #expect(!moved.text.contains("Nouvel horaire"))
        content.reinstated = true
        notice.content = .distribution(content)
        let reinstated = try RenderedNotice(notice)
        #expect(reinstated.subject == "Maintenue finalement : distribution du jeudi 26 novembre 2026 à 18h30")
        #expect(reinstated.text.contains("n'est finalement pas annulée, elle a bien lieu."))
        #expect(!reinstated.text.contains("a changé"))
    }

    @Test("negative_balance: balance and amount due in French money; a name with markup is escaped in HTML only")
    func negativeBalance() throws {
        var notice = SampleNotices.notice(.negativeBalance)
        notice.recipient.name = "Zoé <& Co>"
        let r = try RenderedNotice(notice)
        #expect(r.subject == "Votre solde du contrat Pain est négatif")
        #expect(r.text.contains("est de \(minus4) : il manque 4,00\u{00A0}€."))
        #expect(r.text.contains("Ce solde est négatif depuis le mardi 17 novembre 2026 (9 jours)."))
        #expect(r.text.contains("Bonjour Zoé <& Co>,"))
        #expect(r.html.contains("Bonjour Zoé &lt;&amp; Co&gt;,"))
        #expect(!r.html.contains("<& Co>"))
    }

    @Test("order_reminder names the close and the missing products; without an order URL, « répondez à ce message »")
    func orderReminder() throws {
        var notice = SampleNotices.notice(.orderReminder)
        let r = try RenderedNotice(notice)
        #expect(r.subject == "Rappel : commandes Pain jusqu'au mardi 24 novembre 2026 à 18h30")
        #expect(r.text.contains("Pas disponible cette fois : Pain aux noix"))
        #expect(r.text.contains("Pour commander : https://amap-lilas.example.org/pain"))
        guard case .order(var order) = notice.content else { throw OutputFailure.wrongContent }
        order.orderURL = nil
        order.window.unavailable = nil
        notice.content = .order(order)
        let plain = try RenderedNotice(notice)
        #expect(plain.text.contains("Pour commander, répondez à ce message."))
        #expect(!plain.text.contains("Pas disponible"))
        #expect(!plain.text.contains("Pour commander :"))
    }
}

enum OutputFailure: Error { case wrongContent }
