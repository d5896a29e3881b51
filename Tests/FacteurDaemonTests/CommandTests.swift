import FacteurStore
import Foundation
import TestSupport
import Testing

@Suite struct CommandTests {
    func sha(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test("init is idempotent, creates the published schema in WAL mode, and refuses a newer database")
    func initIdempotent() throws {
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        let again = try h.facteur("init")
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 migration(s) applied"))
        #expect(try h.rows("PRAGMA journal_mode")[0].text(0) == "wal")
        let names = try h.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").compactMap {
            $0.text(0)
        }
        for table in [
            "amap", "member", "producer", "contract", "subscription", "distribution", "delivery", "duty",
            "order_window", "order_line", "payment", "preference", "balance", "facteur_outbox", "facteur_meta",
        ] {
            #expect(names.contains(table), "\(table) missing")
        }
        try h.sql("UPDATE facteur_meta SET value = '999' WHERE key = 'schema_version'")
        let newer = try h.facteur("once", "--now", "2026-11-24 18:30")
        #expect(newer.status == 65)
        #expect(newer.stderr.contains("schema version 999 is newer"))
    }

    @Test("once says in its exit code that planning failed (65), and that the database's folder is missing (66)")
    func onceExitCodes() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        // A message queued before the published schema lost a column is still sent by the tick that cannot plan.
        #expect(try h.once("2026-11-24 18:30").status == 0)
        try h.sql("UPDATE facteur_outbox SET state = 'queued', next_attempt_at = 0 WHERE key = 'announcement/d42/m1'")
        try h.sql("ALTER TABLE member DROP COLUMN phone")
        let broken = try h.once("2026-11-25 10:00")
        #expect(broken.status == 65, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stderr.contains("planning-failed") && broken.stderr.contains("phone"), "\(broken.stderr)")
        #expect(broken.stdout.contains("sent 1"), "\(broken.stdout)")
        // A database in a folder that does not exist is no input, not a wait: nothing will create the folder.
        let elsewhere = TemporaryDirectory()
        try """
            {"database": "\(elsewhere.path("absent/amap.sqlite"))", "templates": "\(PackagePaths.templates)",
             "smtp": {"url": "smtp://127.0.0.1:9", "tls": "none"}}
            """.write(toFile: elsewhere.path("facteur.json"), atomically: true, encoding: .utf8)
        for command in [["once"], ["status"]] {
            let missing = try ProcessRunner.run(
                PackagePaths.binary, command + ["--config", elsewhere.path("facteur.json")])
            #expect(missing.status == 66, "\(command): \(missing.status) \(missing.stderr)")
            #expect(missing.stderr.contains("absent"), "\(command): \(missing.stderr)")
        }
    }

    @Test("status names the next notices foreseen as well as those queued, and still answers without templates")
    func statusForeseen() throws {
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        // Two days before the announcements are due: nothing is queued, three are foreseen, nothing is written.
        let before = try sha(h.databasePath)
        let early = try h.facteur("status", "--now", "2026-11-23 09:00")
        #expect(early.status == 0, "\(early.stderr)")
        let foreseen = early.stdout.components(separatedBy: "foreseen (not queued yet")
        #expect(foreseen.count == 2, "\(early.stdout)")
        #expect(foreseen.last?.contains("2026-11-24T17:30:00Z  announcement/d42/m1") == true, "\(early.stdout)")
        let json = try h.facteur("status", "--json", "--now", "2026-11-23 09:00")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        let lines = try #require(object["foreseen"] as? [[String: Any]])
        #expect(
            lines.compactMap { $0["key"] as? String } == [
                "announcement/d42/m1", "announcement/d42/m2", "announcement/d42/m3",
            ])
        #expect(lines.first?["kind"] as? String == "announcement")
        #expect(lines.first?["at"] as? String == "2026-11-24T17:30:00Z")
        #expect((object["next"] as? [Any])?.isEmpty == true)
        #expect(try sha(h.databasePath) == before)
        // Queued (the server down): they move to "next", and are no longer foreseen.
        _ = try h.once("2026-11-24 18:30")
        let queued = try h.facteur("status", "--json", "--now", "2026-11-24 18:31")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(queued.stdout.utf8)) as? [String: Any])
        #expect((after["next"] as? [[String: Any]])?.count == 3)
        let still = (after["foreseen"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        #expect(!still.contains { $0.hasPrefix("announcement/") }, "\(still)")
        // A template broken by hand: the forecast is said unavailable, and the rest of status is still there.
        let broken = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: PackagePaths.templates, toPath: broken.path("t"))
        try "{{#oops}}".write(toFile: broken.path("t/fr/announcement.txt"), atomically: true, encoding: .utf8)
        let config = try String(contentsOfFile: h.configPath, encoding: .utf8)
            .replacingOccurrences(of: PackagePaths.templates, with: broken.path("t"))
        try config.write(toFile: h.configPath, atomically: true, encoding: .utf8)
        let without = try h.facteur("status", "--now", "2026-11-24 18:31")
        #expect(without.status == 0, "\(without.stderr)")
        #expect(without.stdout.contains("foreseen: unavailable ("), "\(without.stdout)")
        #expect(without.stdout.contains("queued  announcement/d42/m1"), "\(without.stdout)")
    }

    @Test("preview lists and renders what is due, leaving the database byte-for-byte unchanged")
    func previewWritesNothing() throws {
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        let before = try sha(h.databasePath)
        let wal = FileManager.default.contents(atPath: h.databasePath + "-wal")
        let out = TemporaryDirectory()
        let result = try h.facteur("preview", "--now", "2026-11-23 09:00", "--days", "4", "--out", out.url.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("announcement/d42/m1"))
        #expect(result.stdout.contains("2026-11-24T17:30:00Z"))
        // The rendered messages name members and their addresses: the owner's only.
        for file in try FileManager.default.contentsOfDirectory(atPath: out.url.path) where file.hasSuffix(".eml") {
            let mode = try FileManager.default.attributesOfItem(atPath: out.path(file))[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file): \(String(mode ?? 0, radix: 8))")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: out.url.path).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 3)
        #expect(try sha(h.databasePath) == before)
        #expect((FileManager.default.contents(atPath: h.databasePath + "-wal") ?? Data()) == (wal ?? Data()))
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_outbox")[0].int(0) == 0)
    }

    @Test("run sends what is due and stops cleanly on SIGTERM with exit 0")
    func runStopsOnSIGTERM() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.dueNowForRealClock()
        let (process, err) = try h.startDaemon()
        let deadline = Date().addingTimeInterval(20)
        while server.messageFiles.count < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        let log = err.text
        #expect(server.messageFiles.count == 3, "\(log)")
        #expect(process.terminationStatus == 0)
        #expect(process.terminationReason == .exit)
        #expect(log.contains("stopping signal=SIGTERM"))
        #expect(log.contains("info stopped"))
    }

    /// Each edit by the management tool makes `run` plan again. Each planning pass's side reader stayed open once
    /// (a statement kept its connection alive): a descriptor and about a mebibyte a pass, until a daemon that runs
    /// for months met the limit of open files.
    @Test("run plans again after each edit without keeping a file open per pass")
    func runKeepsNoFilePerPass() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: "\"poll_seconds\": 1,")
        try h.dueNowForRealClock()
        let (process, err) = try h.startDaemon()
        defer { process.stop() }
        let deadline = Date().addingTimeInterval(20)
        while server.messageFiles.count < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(server.messageFiles.count == 3, "\(err.text)")
        func descriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? 0
        }
        let before = descriptors()
        for i in 0..<8 {
            try h.sql("UPDATE member SET phone = '06 00 00 00 0\(i)' WHERE id = 1")
            Thread.sleep(forTimeInterval: 1.3)
        }
        let after = descriptors()
        #expect(before > 0 && after <= before + 1, "descriptors: \(before) before eight passes, \(after) after")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // Stopped: the writer emptied the log as it closed.
        let log = (try? FileManager.default.attributesOfItem(atPath: h.databasePath + "-wal"))?[.size] as? Int
        #expect((log ?? 0) == 0, "\(log ?? -1) bytes left in the log")
    }

    @Test("init creates the database's missing folder, private (a fresh /var/lib/facteur)")
    func initCreatesFolder() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("c.json")
        try #"{"database": "var/lib/facteur/amap.sqlite", "templates": "\#(PackagePaths.templates)"}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run(PackagePaths.binary, ["init", "--config", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("var/lib/facteur: created (mode 750)"), "\(result.stdout)")
        let mode =
            try FileManager.default.attributesOfItem(atPath: dir.path("var/lib/facteur"))[.posixPermissions] as? Int
        #expect(mode == 0o750)
        #expect(FileManager.default.fileExists(atPath: dir.path("var/lib/facteur/amap.sqlite")))
    }

    @Test("init adopts a database another tool created with an older schema: missing columns added, the view created")
    func initAdoptsOlderSchema() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("c.json")
        try #"{"database": "amap.sqlite", "templates": "\#(PackagePaths.templates)"}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let tool = try SQLiteConnection(path: dir.path("amap.sqlite"))
        try tool.execute(
            """
            CREATE TABLE amap (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL);
            CREATE TABLE member (id INTEGER PRIMARY KEY, amap_id INTEGER NOT NULL, Name TEXT NOT NULL, Email TEXT);
            CREATE TABLE distribution (id INTEGER PRIMARY KEY, amap_id INTEGER NOT NULL, starts_at TEXT NOT NULL,
                ends_at TEXT NOT NULL, place TEXT NOT NULL, notes TEXT, cancelled INTEGER NOT NULL DEFAULT 0);
            INSERT INTO amap VALUES (1, 'AMAP des Lilas', 'contact@lilas.example.org');
            INSERT INTO distribution VALUES (42, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'Préau', NULL, 0);
            """)
        let result = try ProcessRunner.run(PackagePaths.binary, ["init", "--config", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("column distribution.duty_needed added"), "\(result.stdout)")
        #expect(result.stdout.contains("column amap.reply_to added"))
        // Column names ignore case, as SQLite's do: `Email` is `email`, and only what is missing is added.
        #expect(result.stdout.contains("column member.active added") && !result.stdout.contains("member.email"))
        let db = try SQLiteConnection(path: dir.path("amap.sqlite"))
        #expect(try db.firstRow("SELECT duty_needed FROM distribution WHERE id = 42")?.int(0) == 0)
        #expect(try db.firstRow("SELECT COUNT(*) FROM balance")?.int(0) == 0)
        // Again: nothing more to adopt.
        let again = try ProcessRunner.run(PackagePaths.binary, ["init", "--config", path])
        #expect(!again.stdout.contains("added"), "\(again.stdout)")
        let check = try ProcessRunner.run(PackagePaths.binary, ["check", "--offline", "--config", path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("configuration errors name the file and key and exit 78; unknown keys are reported")
    func configErrors() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("bad.json")
        try #"{"database": "x.sqlite", "smtp": {"url": "http://x", "tls": "none"}}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let bad = try ProcessRunner.run(PackagePaths.binary, ["check", "--config", path])
        #expect(bad.status == 78)
        #expect(bad.stderr.contains("bad.json: smtp.url: must start with smtp:// or smtps://"))
        try #"{"database": "x.sqlite", "poll_secnds": 5, "templates": "\#(PackagePaths.templates)"}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let unknown = try ProcessRunner.run(PackagePaths.binary, ["check", "--offline", "--config", path])
        #expect(unknown.stdout.contains("unknown key poll_secnds (did you mean poll_seconds?)"), "\(unknown.stdout)")
        // The example configuration's placeholders, copied as they are, are pointed out; an AMAP's own are not.
        try #"""
            {"database": "x.sqlite", "templates": "\#(PackagePaths.templates)",
             "relay": {"authserv_id": "mx.example.org"},
             "unsubscribe": {"url": "https://amap.example.org/facteur/desabonnement.cgi"}}
            """#.write(toFile: path, atomically: true, encoding: .utf8)
        let copied = try ProcessRunner.run(PackagePaths.binary, ["check", "--offline", "--config", path])
        #expect(copied.stdout.contains("relay.authserv_id “mx.example.org” is the example's placeholder"), "\(copied.stdout)")
        #expect(copied.stdout.contains("unsubscribe.url “https://amap.example.org/"), "\(copied.stdout)")
        try #"""
            {"database": "x.sqlite", "templates": "\#(PackagePaths.templates)",
             "relay": {"authserv_id": "mx.lilas-example.fr"},
             "unsubscribe": {"url": "https://amap-lilas.fr/facteur?from=example.org.fr"}}
            """#.write(toFile: path, atomically: true, encoding: .utf8)
        let own = try ProcessRunner.run(PackagePaths.binary, ["check", "--offline", "--config", path])
        #expect(!own.stdout.contains("placeholder"), "\(own.stdout)")
        // A templates key naming no folder is said once, with the key to fix, not once per missing file.
        try #"{"database": "x.sqlite", "templates": "Modeles"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let noTemplates = try ProcessRunner.run(PackagePaths.binary, ["check", "--offline", "--config", path])
        #expect(noTemplates.status == 78, "\(noTemplates.stderr)")
        #expect(noTemplates.stderr.contains("Modeles/fr: templates folder missing or unreadable"), "\(noTemplates.stderr)")
        #expect(noTemplates.stderr.contains("templates key"), "\(noTemplates.stderr)")
        #expect(!noTemplates.stderr.contains("template file is missing"), "\(noTemplates.stderr)")
        // A syntax error is placed by line and column, as an editor shows them.
        try "{\n  \"database\": \"x\",\n  \"smtp\": { \"url\": \"smtp://a\"\n  \"b\": 1 }\n}\n".write(
            toFile: dir.path("syntax.json"), atomically: true, encoding: .utf8)
        let syntax = try ProcessRunner.run(PackagePaths.binary, ["check", "--config", dir.path("syntax.json")])
        #expect(syntax.status == 78)
        #expect(syntax.stderr.contains("is not valid JSON at line 4, column"), "\(syntax.stderr)")
        let usage = try ProcessRunner.run(PackagePaths.binary, ["once", "--bogus", "--config", path])
        #expect(usage.status == 64)
        let help = try ProcessRunner.run(PackagePaths.binary, ["--help"])
        #expect(help.status == 0 && help.stdout.contains("preview"))
        let version = try ProcessRunner.run(PackagePaths.binary, ["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("facteur "), "\(version.stdout)")
    }

    @Test("facteur --help lists every command, and each command's --help has its usage and an example")
    func helpEverywhere() throws {
        let help = try ProcessRunner.run(PackagePaths.binary, ["--help"])
        #expect(help.status == 0)
        let commands = [
            "init", "run", "once", "preview", "status", "check", "relay", "send-test", "import", "publish", "forget",
        ]
        for command in commands {
            #expect(help.stdout.contains("\n  \(command) "), "\(command) missing from facteur --help")
            let own = try ProcessRunner.run(PackagePaths.binary, [command, "--help"])
            #expect(own.status == 0)
            #expect(own.stdout.hasPrefix("usage: facteur \(command)"), "\(command)")
            #expect(own.stdout.contains("example: facteur \(command)"), "\(command) --help has no example")
        }
    }

    @Test("a template naming an unknown variable is refused at start-up with file and line")
    func badTemplate() throws {
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        let templates = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: PackagePaths.templates + "/fr", toPath: templates.path("fr"))
        try "Bonjour {{member.name}}\n{{distribution.lieu}}\n".write(
            toFile: templates.path("fr/announcement.txt"), atomically: true, encoding: .utf8)
        try "Commandes {{#contract.name}}\n".write(
            toFile: templates.path("fr/order_open.subject"), atomically: true, encoding: .utf8)
        let text = try String(contentsOfFile: h.configPath, encoding: .utf8)
            .replacingOccurrences(of: PackagePaths.templates, with: templates.url.path)
        try text.write(toFile: h.configPath, atomically: true, encoding: .utf8)
        let result = try h.facteur("check", "--offline")
        #expect(result.status == 78)
        #expect(result.stderr.contains("fr/announcement.txt:2:1: unknown variable “distribution.lieu”"))
        // Every broken template is reported in one run, not only the first.
        #expect(result.stderr.contains("fr/order_open.subject:1:"), "\(result.stderr)")
    }
}

extension CommandTests {
    @Test("publish into a folder that cannot be made names it and says what to do, exit 73")
    func publishUnwritable() throws {
        let i = try Installation()
        let blocker = i.dir.path("fichier")
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let out = try i.run("publish", "--out", blocker + "/web", "--now", "2026-11-26 10:00")
        #expect(out.status == 73, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.contains("\(blocker)/web : impossible d'y écrire (Not a directory)"), "\(out.stderr)")
        #expect(out.stderr.contains("install -d -o facteur -g facteur -m 755 \(blocker)/web\n"), "\(out.stderr)")
        #expect(!out.stderr.contains("NSCocoaErrorDomain"))
        // For a file, the folder to hand over is the one that holds it.
        let page = try i.run("status", "--html", blocker + "/bureau/etat.html", "--now", "2026-11-26 10:00")
        #expect(page.status == 73, "\(page.stdout)\(page.stderr)")
        #expect(page.stderr.contains("-m 755 \(blocker)/bureau\n"), "\(page.stderr)")
    }

    @Test("--now with a day alone is that day's first instant, even where the clocks skip midnight (Santiago)")
    func dayAloneWhereMidnightIsSkipped() throws {
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        let config = h.dir.path("santiago.json")
        try """
            {"database": "\(h.databasePath)", "templates": "\(PackagePaths.templates)", "timezone": "America/Santiago",
             "smtp": {"url": "smtp://127.0.0.1:9", "tls": "none"}}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        // Chile skips 00:00–00:59 on 6 September 2026.
        let status = try ProcessRunner.run(PackagePaths.binary, ["status", "--now", "2026-09-06", "--config", config])
        #expect(status.status == 0, "\(status.stderr)")
        let preview = try ProcessRunner.run(
            PackagePaths.binary, ["preview", "--now", "2026-09-06", "--days", "1", "--config", config])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("from 2026-09-06T04:00:00Z"), "\(preview.stdout)")
    }

    @Test("send-test right after init, with no AMAP yet, says to add one or give --from (64), and sends with --from")
    func sendTestWithoutAmap() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.sql("DELETE FROM amap")
        // As installed: no smtp.envelope_from, which would otherwise sign the test.
        let config = h.dir.path("plain.json")
        try """
            {"database": "\(h.databasePath)", "templates": "\(PackagePaths.templates)",
             "smtp": {"url": "\(server.url)", "tls": "none", "max_per_minute": 0}}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        func sendTest(_ arguments: String...) throws -> ProcessOutput {
            try ProcessRunner.run(PackagePaths.binary, ["send-test"] + arguments + ["--config", config])
        }
        let none = try sendTest("--to", "moi@example.net")
        #expect(none.status == 64, "\(none.stdout)\(none.stderr)")
        #expect(none.stderr.contains("aucune AMAP dans la base") && none.stderr.contains("--from"), "\(none.stderr)")
        #expect(server.messageFiles.isEmpty)
        let given = try sendTest("--to", "moi@example.net", "--from", "bureau@amap-lilas.fr")
        #expect(given.status == 0, "\(given.stdout)\(given.stderr)")
        #expect(server.messageFiles.count == 1)
    }
}
