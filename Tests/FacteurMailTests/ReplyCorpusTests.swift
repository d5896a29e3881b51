import FacteurMail
import Foundation
import TestSupport
import Testing

/// How real mail clients quote: the answer a volunteer or a coordinator typed must be found above (or under)
/// whatever their client adds — Gmail's wrapped attribution, Outlook's header block, Apple's "Envoyé de mon
/// iPhone", HTML-only replies, Latin-1, bottom-posting, a signed name (Tests/Fixtures/reply-corpus).
@Suite struct ReplyCorpusTests {
    static let expected: [String: [String]] = [
        "gmail-fr.eml": ["Oui"],
        "gmail-en.eml": ["Yes!"],
        "gmail-no.eml": ["Non, désolée, je ne peux plus venir jeudi."],
        "outlook-fr.eml": ["Oui, avec plaisir."],
        "outlook-html-only.eml": ["Oui"],
        "thunderbird-fr.eml": ["Oui"],
        "thunderbird-bottom.eml": ["Oui, je viens."],
        "thunderbird-latin1.eml": ["Oui, j'arrive à 18h."],
        "apple-mail-fr.eml": ["Oui"],
        "k9-fr.eml": ["oui"],
    ]

    @Test("each client's reply gives exactly what the person typed", arguments: expected.keys.sorted())
    func written(_ name: String) throws {
        let url = PackagePaths.root.appendingPathComponent("Tests/Fixtures/reply-corpus/\(name)")
        let message = try InboundParser.parse(Array(try Data(contentsOf: url)))
        let lines = ReplyText.withoutSignOff(ReplyText.writtenLines(of: message), senderName: "Camille Dupont")
        #expect(lines == Self.expected[name], "\(name): \(ReplyText.writtenLines(of: message))")
    }

    @Test("the corpus covers every fixture in the folder")
    func complete() throws {
        let folder = PackagePaths.root.appendingPathComponent("Tests/Fixtures/reply-corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
        #expect(Set(files) == Set(Self.expected.keys))
    }

    @Test("a member's caveat that begins « Le 5 … : » is kept, not taken for a wrapped attribution")
    func caveatKept() throws {
        let raw =
            "From: c@example.net\r\nSubject: Re: x\r\n\r\nOui\r\nLe 5 je serai en retard\r\nle 12 à 19h si ça va :\r\n"
        let message = try InboundParser.parse(Array(raw.utf8))
        #expect(ReplyText.writtenLines(of: message).count >= 2, "\(ReplyText.writtenLines(of: message))")
    }

    @Test("a sign-off is no more to say; a real second line is")
    func signOff() {
        #expect(
            ReplyText.withoutSignOff(["Oui", "Bonne journée !", "Camille"], senderName: "Camille Dupont") == ["Oui"])
        #expect(
            ReplyText.withoutSignOff(["Oui", "mais j'arriverai en retard"], senderName: "Camille Dupont")
                == ["Oui", "mais j'arriverai en retard"])
        #expect(ReplyText.withoutSignOff(["Camille"], senderName: "Camille Dupont") == ["Camille"])
    }
}
