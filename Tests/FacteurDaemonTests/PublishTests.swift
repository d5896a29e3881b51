import Foundation
import TestSupport
import Testing

/// `facteur publish`: files parsed back with Python's icalendar, searched for personal data.
@Suite struct PublishTests {
    func publish(_ i: Installation, _ out: String, feeds: String) throws -> ProcessOutput {
        try i.run("publish", "--out", out, "--now", "2026-11-20 12:00", "--feeds-list", feeds)
    }

    /// member id → feed file, from the list written for coordinators.
    func feeds(_ file: String) throws -> [String: String] {
        var map: [String: String] = [:]
        for line in try String(contentsOfFile: file, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ";", omittingEmptySubsequences: false)
            map[String(cells[0])] = String(cells[4])
        }
        return map
    }

    @Test("the public feed and page list the AMAP's distributions and carry no member's name or address")
    func publicFeed() throws {
        let i = try Installation.withFixtures()
        let out = i.dir.path("www")
        let result = try publish(i, out, feeds: i.dir.path("feeds.csv"))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let calendar = try ParsedCalendar.read(out + "/amap-des-lilas/distributions.ics")
        #expect(calendar.name == "AMAP des Lilas")
        #expect(calendar.events.map(\.uid) == (1...3).map { "distribution-\($0)@lilas.example.org" })
        #expect(calendar.events[0].start == "2026-11-26T17:30:00+00:00")
        #expect(calendar.events[0].location == "Préau de l'école, 3 rue des Lilas")
        #expect(calendar.events[0].description.contains("Légumes (Julie Martin), Œufs (Éric Lefèvre)"))
        #expect(calendar.events[0].description.contains("Il manque 1 bénévole"))
        #expect(calendar.events[2].status == "CANCELLED")
        let page = try String(contentsOfFile: out + "/amap-des-lilas/index.html", encoding: .utf8)
        #expect(page.contains("Jeudi 26 novembre 2026"))
        #expect(page.contains("Il manque 2 bénévoles pour la permanence"))
        #expect(page.contains("href=\"distributions.ics\""))
        for file in ["/amap-des-lilas/distributions.ics", "/amap-des-lilas/index.html", "/index.html"] {
            let text = try String(contentsOfFile: out + file, encoding: .utf8)
            for personal in ["Camille", "Dupont", "camille@", "Hélène", "Helene@", "Lucie", "06 12 34", "Jérôme"] {
                #expect(!text.contains(personal), "\(personal) in \(file)")
            }
        }
    }

    @Test("each member's private feed holds their own distributions and duties, under a name that stays put")
    func privateFeeds() throws {
        let i = try Installation.withFixtures()
        let out = i.dir.path("www")
        #expect(try publish(i, out, feeds: i.dir.path("feeds.csv")).status == 0)
        let names = try feeds(i.dir.path("feeds.csv"))
        #expect(names.keys.sorted() == ["1", "2", "4"])  // Jérôme (3) is inactive
        for name in names.values {
            let token = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            #expect(token.count == 26 && token.allSatisfy { $0.isLowercase || $0.isNumber })
        }
        // The web server opens a feed by its name; no local account may list the folder to learn the names.
        let folder = URL(fileURLWithPath: out + "/" + names["1"]!).deletingLastPathComponent().path
        let mode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
        #expect(mode == 0o711, "\(String(mode ?? 0, radix: 8))")
        let camille = try ParsedCalendar.read(out + "/" + names["1"]!)
        #expect(camille.events.map(\.uid) == ["distribution-1@lilas.example.org", "distribution-2@lilas.example.org"])
        #expect(camille.events[0].description.contains("Vous recevez : Légumes, Œufs"))
        let helene = try ParsedCalendar.read(out + "/" + names["2"]!)
        #expect(helene.events[0].summary == "Distribution AMAP des Lilas (permanence)")
        #expect(helene.events[0].description.contains("Vous êtes de permanence (ouverture)"))
        // Published again: the same names; a member made inactive loses their feed.
        try i.sql("UPDATE member SET active = 0 WHERE id = 4")
        #expect(try publish(i, out, feeds: i.dir.path("feeds2.csv")).status == 0)
        let again = try feeds(i.dir.path("feeds2.csv"))
        #expect(again["1"] == names["1"] && again["2"] == names["2"] && again["4"] == nil)
        #expect(!FileManager.default.fileExists(atPath: out + "/" + names["4"]!))
        #expect(FileManager.default.fileExists(atPath: out + "/" + names["1"]!))
    }

    @Test("the public feed raises SEQUENCE with the mail: a cancelled distribution is not left at SEQUENCE:0")
    func sequenceFollowsMail() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        try h.sql("UPDATE distribution SET cancelled = 1 WHERE id = 42")
        _ = try h.once("2026-11-25 09:00")
        let out = h.dir.path("www")
        #expect(try h.facteur("publish", "--out", out, "--now", "2026-11-25 09:05").status == 0)
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: out).first { !$0.hasSuffix(".html") })
        let ics = try String(contentsOfFile: out + "/" + folder + "/distributions.ics", encoding: .utf8)
        #expect(ics.contains("STATUS:CANCELLED"))
        #expect(ics.contains("SEQUENCE:1"), "\(ics)")
    }
}
