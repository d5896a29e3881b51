import Foundation
import TestSupport
import Testing

/// DESIGN §3: downtime is not an attempt, a late delivery carries the Date of its attempt, and nothing is
/// logged as done before it is committed.
@Suite struct LateMailTests {
    @Test("a relay received while the daemon was stopped for 50 hours is still relayed, not failed")
    func downtimeIsNotAnAttempt() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: Quiet.off)
        try h.seedRelay()
        #expect(try h.relayReceive(RelayFixtures.producerNews(), now: "2026-11-20 10:00").status == 0)
        // The daemon was down: the next tick runs 50 hours later (retry.max_age_hours is 48).
        let result = try h.once("2026-11-22 12:00")
        #expect(result.status == 0, "\(result.stderr)")
        let relays = try h.rows("SELECT state, attempts FROM facteur_outbox WHERE kind = 'relay'")
        #expect(relays.count == 2)
        #expect(relays.allSatisfy { $0.text(0) == "sent" }, "\(relays.map { $0.text(0) ?? "" })")
    }

    @Test(
        "after an outage, rows already too late are expired a commit at a time, each logged; another tool's is set aside"
    )
    func lateRowsInBulk() throws {
        // Queued on Tuesday 18:30 while the server is unreachable (the sender pauses; nothing is attempted).
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        _ = try h.once("2026-11-24 18:30")
        let queued = try h.rows("SELECT key FROM facteur_outbox WHERE state = 'queued' AND kind = 'announcement'")
            .compactMap { $0.text(0) }
        #expect(queued.count == 3, "\(queued)")
        // A row another tool wrote, late too, whose key is outside Facteur's grammar, due after the announcements:
        // with one row a commit, the bulk expiry reaches it only at its fourth commit (the claim would set it aside
        // too, but silently: the `set-aside` line shows the loop went on while each commit came back full).
        try h.sql(
            """
            INSERT INTO facteur_outbox (key, kind, recipient, message_id, state, timezone, due_at, late_until,
                next_attempt_at, created_at, updated_at)
            VALUES ('fait main', 'announcement', 'x@example.net', 'x@example.net', 'queued', 'Europe/Paris', 0, 0,
                (SELECT MAX(next_attempt_at) + 60 FROM facteur_outbox), 0, 0)
            """)
        // Thursday 17:00: past the announcements' late-until (18:30 − 2 h); one row a commit.
        var environment = ProcessInfo.processInfo.environment
        environment["FACTEUR_TEST_ONLY_LATE_ROWS_PER_COMMIT"] = "1"
        let out = try ProcessRunner.run(
            PackagePaths.binary, ["once", "--now", "2026-11-26 17:00", "--config", h.configPath],
            environment: environment)
        #expect(out.status == 0, "\(out.stderr)")
        let states = try h.states()
        for key in queued {
            #expect(states[key] == "expired")
            #expect(out.stderr.contains(" expired key=\(key)"), "\(out.stderr)")
        }
        #expect(states["fait main"] == "quarantined")
        #expect(!out.stderr.contains("key=fait") && out.stderr.contains("set-aside count=1"), "\(out.stderr)")
        let reason = try h.rows("SELECT last_error FROM facteur_outbox WHERE key = '\(queued[0])'")[0].text(0)
        #expect(reason == "its late-until time passed before it could be sent")
    }

    @Test("a notice sent hours after it was written carries the Date of the attempt, same Message-ID")
    func dateOfTheAttempt() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        // Written at 18:30 while the server is unreachable (the sender pauses; nothing is attempted).
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        _ = try h.once("2026-11-24 18:30")
        let stored = try h.rows("SELECT message_id FROM facteur_outbox WHERE key = 'announcement/d42/m1'")[0].text(0)
        try h.writeConfig(smtpURL: server.url)
        let later = try h.once("2026-11-24 20:45")
        #expect(later.status == 0, "\(later.stderr)")
        let sent = try #require(
            try EmailChecker.parse(files: server.messageFiles).first { $0.header("To")?.contains("camille") == true })
        #expect(sent.header("Date") == "Tue, 24 Nov 2026 20:45:00 +0100")
        #expect(sent.header("Message-ID") == stored.map { "<\($0)>" } ?? "")
        #expect(sent.defects.isEmpty)
    }

    @Test("a relay whose COMMIT fails exits 75 and logs nothing as relayed")
    func loggedOnlyOnceCommitted() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedRelay()
        // A deferred foreign key that can never be satisfied: every write goes through until COMMIT fails,
        // as it does on a full disk.
        try h.sql(
            """
            CREATE TABLE commit_trap (x INTEGER REFERENCES nowhere_table(id) DEFERRABLE INITIALLY DEFERRED);
            CREATE TABLE nowhere_table (id INTEGER PRIMARY KEY);
            CREATE TRIGGER commit_trap_inbound AFTER INSERT ON facteur_inbound BEGIN INSERT INTO commit_trap VALUES (1); END;
            """)
        let result = try h.relayReceive(RelayFixtures.producerNews())
        #expect(result.status == 75, "\(result.stdout)\(result.stderr)")
        #expect(!result.stderr.contains("relay-relayed"), "\(result.stderr)")
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_inbound")[0].int(0) == 0)
    }

    @Test("the database, its -wal and -shm, the status page and the feeds list are not readable by others")
    func personalDataFiles() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-24 18:30")
        func mode(_ path: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        for suffix in ["", "-wal", "-shm"] {
            let m = try mode(h.databasePath + suffix)
            #expect(m & 0o077 == 0, "\(suffix): \(String(m, radix: 8))")
        }
        let page = h.dir.path("etat.html")
        #expect(try h.facteur("status", "--html", page, "--now", "2026-11-24 18:35").status == 0)
        #expect(try mode(page) & 0o007 == 0)
        let feeds = h.dir.path("feeds.csv")
        let out = TemporaryDirectory()
        #expect(
            try h.facteur("publish", "--out", out.url.path, "--feeds-list", feeds, "--now", "2026-11-24 18:35").status
                == 0)
        #expect(try mode(feeds) & 0o077 == 0)
        // A database left readable by an older install is pointed out.
        _ = try ProcessRunner.run("/bin/chmod", ["644", h.databasePath])
        let check = try h.facteur("check", "--offline", "--now", "2026-11-24 18:35")
        #expect(check.stdout.contains("is readable by other users"), "\(check.stdout)")
    }
}
