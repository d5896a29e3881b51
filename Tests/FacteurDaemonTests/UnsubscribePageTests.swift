import Foundation
import TestSupport
import Testing

/// `facteur cgi` under Debian's lighttpd (mod_cgi) on 127.0.0.1, driven with curl as a mail provider's
/// one-click and a member's browser would (DESIGN §4, RFC 8058, RFC 3875).
@Suite(.enabled(if: LighttpdServer.isInstalled)) struct UnsubscribePageTests {
    func setUp() throws -> (Harness, SMTPCaptureServer, LighttpdServer, String, TemporaryDirectory, TemporaryDirectory) {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let web = TemporaryDirectory()
        let lighttpd = try LighttpdServer(directory: web.url)
        let h = try Harness(
            smtpURL: server.url,
            topConfig: Quiet.off + "\"unsubscribe\": {\"url\": \"\(lighttpd.url("facteur.cgi"))\"},")
        try lighttpd.install(
            "facteur.cgi",
            script: "#!/bin/sh\nexec \(PackagePaths.binary) cgi --config \(h.configPath) --now '2026-11-24 19:00'\n")
        #expect(try h.once("2026-11-24 18:30").status == 0)
        let announcement = try #require(
            try received(server, kind: "announcement").first { $0.header("To")?.contains("camille") == true })
        let links = try #require(announcement.header("List-Unsubscribe"))
        #expect(announcement.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        let start = try #require(links.range(of: "<http"))
        let url = String(links[links.index(after: start.lowerBound)...].prefix { $0 != ">" })
        return (h, server, lighttpd, url, mail, web)
    }

    func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let out = try ProcessRunner.run("/usr/bin/curl", ["-s", "-w", "\n%{http_code}"] + arguments)
        let lines = out.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    @Test("one-click POST opts out at once with a 200 and no page; the member is told by mail")
    func oneClick() throws {
        // Every part stays bound: a discarded TemporaryDirectory deletes its folder at once.
        let (h, server, lighttpd, url, mail, web) = try setUp()
        defer { withExtendedLifetime((lighttpd, mail, web)) {} }
        // A GET (a mail scanner following the link) changes nothing.
        let look = try curl([url])
        #expect(look.status == 200)
        #expect(look.body.contains("Confirmer la désinscription"))
        #expect(try h.rows("SELECT COUNT(*) FROM preference")[0].int(0) == 0)
        let click = try curl(["-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded",
                              "--data", "List-Unsubscribe=One-Click", url])
        #expect(click.status == 200, "\(click.body)")
        #expect(try h.rows("SELECT member_id, kind FROM preference").map { "\($0.int64(0) ?? 0) \($0.text(1) ?? "")" } == ["1 announcement"])
        _ = try h.once("2026-11-24 19:05")
        #expect(try received(server, kind: "subscription_change").first?.header("To") == "Camille Dupont <camille@example.net>")
    }

    @Test("the page confirms with a button and saves preferences, in French; a tampered link changes nothing")
    func pageAndPreferences() throws {
        let (h, server, lighttpd, url, mail, web) = try setUp()
        defer { withExtendedLifetime((server, mail, web)) {} }
        let token = String(url.split(separator: "=").last ?? "")
        let confirm = try curl(["--data", "t=\(token)&action=stop", lighttpd.url("facteur.cgi")])
        #expect(confirm.status == 200)
        #expect(confirm.body.contains("Vous ne recevrez plus les annonces de distribution"), "\(confirm.body)")
        // Uncheck the order reminders, check the announcements back.
        let save = try curl(["--data", "t=\(token)&action=save&receive=announcement&receive=duty_call&receive=duty_reminder&receive=order_open", lighttpd.url("facteur.cgi")])
        #expect(save.body.contains("Préférences enregistrées"))
        #expect(try h.rows("SELECT kind FROM preference WHERE member_id = 1").compactMap { $0.text(0) } == ["order_reminder"])
        let tampered = String(url.dropLast()) + (url.hasSuffix("0") ? "1" : "0")
        let bad = try curl([tampered])
        #expect(bad.status == 400)
        #expect(bad.body.contains("Lien non valable"))
        let forged = try curl(["--data", "List-Unsubscribe=One-Click", lighttpd.url("facteur.cgi?t=u.2.announcement.00000000000000000000000000000000")])
        #expect(forged.status == 400)
        #expect(try h.rows("SELECT kind FROM preference WHERE member_id = 2").isEmpty)
        // Save the page for a look (Scripts/screenshots renders it at 390 and 1280 px).
        if let out = ProcessInfo.processInfo.environment["FACTEUR_SAVE_PAGES"] {
            try confirm.body.write(toFile: out + "/unsubscribe-done.html", atomically: true, encoding: .utf8)
            try (try curl([url])).body.write(toFile: out + "/unsubscribe.html", atomically: true, encoding: .utf8)
        }
    }

    @Test("one-click on a relayed message's link stops that contract's relay only")
    func relayOneClick() throws {
        let (h, server, lighttpd, _, mail, web) = try setUp()
        defer { withExtendedLifetime((lighttpd, mail, web)) {} }
        try h.seedRelay()
        _ = try h.relayReceive(RelayFixtures.producerNews(), now: "2026-11-24 18:40")
        _ = try h.once("2026-11-24 18:45")
        let relayed = try #require(try received(server, kind: "relay").first { $0.header("To")?.contains("camille") == true })
        let links = try #require(relayed.header("List-Unsubscribe"))
        let start = try #require(links.range(of: "<http"))
        let url = String(links[links.index(after: start.lowerBound)...].prefix { $0 != ">" })
        #expect(url.contains("t=r.1.1."), "\(url)")
        let click = try curl(["--data", "List-Unsubscribe=One-Click", url])
        #expect(click.status == 200, "\(click.body)")
        #expect(try h.rows("SELECT member_id, contract_id FROM facteur_relay_optout").map { "\($0.int64(0) ?? 0)/\($0.int64(1) ?? 0)" } == ["1/1"])
        #expect(try h.rows("SELECT COUNT(*) FROM preference")[0].int(0) == 0)
    }
}
