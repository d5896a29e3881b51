import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

@testable import FacteurDaemon

/// Planning a network a group of AMAPs at a time (issue 15) must plan exactly what planning it whole does
/// (a producer's sheet across two AMAPs included), and report each unusable row once, whichever group it falls in.
@Suite struct GroupPlanningTests {
    /// Seven AMAPs, three members each with a debt, a contract ending (statement),
    /// a distribution needing a volunteer, an order window closing; plus rows of no AMAP (missing, or text),
    /// a producer whose address is no address (AMAP 5's: in a later group than the first), and a relay address
    /// that AMAP 6's contract shares, in other letters, with AMAP 3's (in another group: contract 3 keeps it).
    static func network(_ i: Installation) throws {
        // AMAPs 1 and 2 share their producer (her sheet covers both distributions); the others have their own.
        var sql = "INSERT INTO producer (id, name, email) VALUES (1, 'Julie', 'julie@ferme.example');\n"
        for a in 1...7 {
            sql += """
                INSERT INTO amap (id, name, email, timezone) VALUES
                  (\(a), 'AMAP \(a)', 'contact@amap\(a).example.org', 'Europe/Paris');
                INSERT INTO member (id, amap_id, name, email) VALUES
                  (\(a * 10 + 1), \(a), 'Camille \(a)', 'camille\(a)@example.net'),
                  (\(a * 10 + 2), \(a), 'Hélène \(a)', 'helene\(a)@example.net'),
                  (\(a * 10 + 3), \(a), 'Jérôme \(a)', 'jerome\(a)@example.net');
                INSERT OR IGNORE INTO producer (id, name, email) VALUES (\(a), 'Producteur \(a)', 'p\(a)@ferme.example');
                INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id) VALUES
                  (\(a), \(a), \(a <= 2 ? 1 : a), 'Légumes', '2026-06-01', '2026-11-28', \(a * 10 + 1));
                INSERT INTO subscription VALUES (\(a * 10 + 1), \(a)), (\(a * 10 + 2), \(a)), (\(a * 10 + 3), \(a));
                INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, duty_needed) VALUES
                  (\(100 + a), \(a), '2026-12-03 18:30', '2026-12-03 20:00', 'Préau', 1);
                INSERT INTO delivery (distribution_id, contract_id) VALUES (\(100 + a), \(a));
                INSERT INTO order_window (id, contract_id, opens_at, closes_at, distribution_id) VALUES
                  (\(200 + a), \(a), '2026-11-20 08:00', '2026-11-30 20:00', \(100 + a));
                INSERT INTO order_line (order_window_id, member_id, product, quantity, unit_price_cents) VALUES
                  (\(200 + a), \(a * 10 + 2), 'Panier', 2, 1500);
                INSERT INTO payment (member_id, contract_id, amount_cents, received_on) VALUES
                  (\(a * 10 + 1), \(a), 1000, '2026-09-01');

                """
        }
        sql += """
            INSERT INTO member (id, amap_id, name, email) VALUES (901, 999, 'Orpheline', 'o@example.net'),
              (903, 'trois', 'Texte', 't@example.net');
            INSERT INTO preference (member_id, kind) VALUES (904, 'pas-un-genre');
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (900, 999, '2026-12-03 18:30', '2026-12-03 20:00', 'Nulle part');
            INSERT INTO order_window (id, contract_id, opens_at, closes_at) VALUES (900, 999, '2026-11-20 08:00', 'bientôt');
            UPDATE producer SET email = 'pas une adresse' WHERE id = 5;
            UPDATE contract SET relay_address = 'legumes@relais.example' WHERE id = 3;
            UPDATE contract SET relay_address = 'Legumes@Relais.example' WHERE id = 6;
            """
        try i.sql(sql)
    }

    /// `facteur` on installation `i`, planning `amapsPerGroup` AMAPs at a time (nil: as configured).
    func facteur(_ i: Installation, _ arguments: [String], amapsPerGroup: Int?) throws -> ProcessOutput {
        var environment = ProcessInfo.processInfo.environment
        if let amapsPerGroup { environment["FACTEUR_TEST_ONLY_AMAPS_PER_GROUP"] = String(amapsPerGroup) }
        return try ProcessRunner.run(PackagePaths.binary, arguments + ["--config", i.config], environment: environment)
    }

    /// What a command printed and wrote for the whole network, once the same listing, skipped rows and files were
    /// expected with groups of one and of three AMAPs.
    func sameByGroups<Files: Equatable>(
        _ run: (Int?) throws -> (listing: [String], skipped: [String], files: Files)
    ) throws -> (listing: [String], skipped: [String], files: Files) {
        let whole = try run(nil)
        for size in [1, 3] {
            let grouped = try run(size)
            #expect(grouped.listing == whole.listing, "groups of \(size)")
            #expect(grouped.skipped == whole.skipped, "groups of \(size)")
            #expect(grouped.files == whole.files, "groups of \(size)")
        }
        return whole
    }

    func plan(amapsPerGroup: Int?) throws -> (keys: [String], log: String, reports: [[String]]) {
        let i = try Installation()
        try Self.network(i)
        var environment = ProcessInfo.processInfo.environment
        if let amapsPerGroup { environment["FACTEUR_TEST_ONLY_AMAPS_PER_GROUP"] = String(amapsPerGroup) }
        // The order window has closed (debts open, statements are due, volunteers are called), then the
        // distribution is announced.
        for now in ["2026-12-01 10:00", "2026-12-02 19:00"] {
            let out = try ProcessRunner.run(
                PackagePaths.binary, ["once", "--config", i.config, "--now", now], environment: environment)
            #expect(out.status == 0, "\(out.stderr)")
        }
        let log = try ProcessRunner.run(
            PackagePaths.binary, ["once", "--config", i.config, "--now", "2026-12-02 19:05"], environment: environment
        ).stderr
        return (
            try i.rows("SELECT key FROM facteur_outbox ORDER BY key").map { $0[0] }, log,
            // The sender's report quotes curl's message, whose "after N ms" varies from run to run: its
            // detail is left out, its category and subject kept.
            try i.rows(
                """
                SELECT category, amap_id, subject, CASE category WHEN 'systemic' THEN '' ELSE detail END
                FROM facteur_report ORDER BY 1, 2, 3, 4
                """)
        )
    }

    @Test("groups of one, two or three AMAPs plan the same notices as the whole network, and report each bad row once")
    func sameAsWhole() throws {
        let whole = try plan(amapsPerGroup: nil)
        #expect(whole.keys.count > 30, "\(whole.keys)")
        for kind in ["announcement/", "duty_call/", "negative_balance/", "statement/", "digest/", "producer_sheet/"] {
            #expect(whole.keys.contains { $0.hasPrefix(kind) }, "\(kind): \(whole.keys)")
        }
        let skipped = whole.log.split(separator: "\n").filter { $0.contains("skipped-row") }

        #expect(skipped.count == 7, "\(whole.log)")
        #expect(skipped.contains { $0.contains("table=producer") && $0.contains("row=5") }, "\(whole.log)")
        #expect(
            skipped.contains { $0.contains("table=contract") && $0.contains("row=6") && $0.contains("contrat 3") },
            "\(whole.log)")
        for size in [1, 2, 3] {
            let grouped = try plan(amapsPerGroup: size)
            #expect(grouped.keys == whole.keys, "groups of \(size)")
            #expect(grouped.reports == whole.reports, "groups of \(size)")
            let groupedSkipped = grouped.log.split(separator: "\n").filter { $0.contains("skipped-row") }

            #expect(
                Set(groupedSkipped.map(Self.withoutTime)) == Set(skipped.map(Self.withoutTime)), "groups of \(size)")
            #expect(groupedSkipped.count == skipped.count, "groups of \(size): each reported once")
        }
    }

    @Test("status foresees the same next notices a group at a time as for the whole network, and writes nothing")
    func statusForeseesByGroups() throws {
        let i = try Installation()
        try Self.network(i)
        func foreseen(_ amapsPerGroup: Int?) throws -> [String] {
            let out = try facteur(i, ["status", "--json", "--now", "2026-11-29 10:00"], amapsPerGroup: amapsPerGroup)
            #expect(out.status == 0, "\(out.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
            return (object?["foreseen"] as? [[String: Any]] ?? []).map {
                "\($0["at"] as? String ?? "?") \($0["key"] as? String ?? "?")"
            }
        }
        let whole = try foreseen(nil)
        // The first ten of the seven AMAPs' notices, in order: the earliest of every group, not the first group's.
        #expect(whole.count == 10, "\(whole)")
        #expect(whole == whole.sorted(), "\(whole)")
        #expect(Set(whole.compactMap { $0.split(separator: "/").dropFirst().first }).count > 2, "\(whole)")
        for size in [1, 3] { #expect(try foreseen(size) == whole, "groups of \(size)") }
        #expect(try i.rows("SELECT COUNT(*) FROM facteur_outbox").first?.first == "0")
    }

    /// `check` reads a network a group at a time too (its memory is a group's): it must warn of the same rows.
    @Test("check warns of the same unusable rows a group at a time as for the whole network")
    func checkByGroups() throws {
        let i = try Installation()
        try Self.network(i)
        // An unusable amount: reported for the network by the first group, found again by its own.
        try i.sql("UPDATE order_line SET quantity = 'deux' WHERE order_window_id = 205")
        func warnings(_ amapsPerGroup: Int?) throws -> [String] {
            let out = try facteur(i, ["check", "--offline", "--now", "2026-12-01 10:00"], amapsPerGroup: amapsPerGroup)
            #expect(out.status == 0, "\(out.stdout)\(out.stderr)")
            return out.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("database: warning:") }
        }
        let whole = try warnings(nil)
        #expect(whole.count >= 7, "\(whole)")
        #expect(whole.contains { $0.contains("producer/5") }, "\(whole)")
        for size in [1, 3] {
            let grouped = try warnings(size)
            #expect(grouped.sorted() == whole.sorted(), "groups of \(size)")
        }
    }

    /// `publish` writes a network a group at a time too: the same folders, files and listing; a name two AMAPs
    /// share is told apart on the later one whichever group each is in.
    @Test("publish writes the same files a group at a time as for the whole network")
    func publishByGroups() throws {
        let i = try Installation()
        try Self.network(i)
        try i.sql(
            """
            UPDATE amap SET name = 'AMAP 1' WHERE id = 6;
            UPDATE order_line SET quantity = 'deux' WHERE order_window_id = 205;
            """)
        func publish(_ amapsPerGroup: Int?) throws -> (listing: [String], skipped: [String], files: [String: Data]) {
            let out = TemporaryDirectory()
            let list = TemporaryDirectory()
            let feeds = list.url.appendingPathComponent("feeds.csv").path
            let result = try facteur(
                i, ["publish", "--now", "2026-11-29 10:00", "--out", out.url.path, "--feeds-list", feeds],
                amapsPerGroup: amapsPerGroup)
            #expect(result.status == 0, "\(result.stderr)")
            var files: [String: Data] = ["(feed list)": FileManager.default.contents(atPath: feeds) ?? Data()]
            for case let path as String in FileManager.default.enumerator(atPath: out.url.path) ?? .init() {
                var isFolder: ObjCBool = false
                let full = out.url.appendingPathComponent(path).path
                if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
                    files[path] = FileManager.default.contents(atPath: full)
                }
            }
            // The feed list's own line names its temporary path.
            let lines = result.stdout.split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("private feed names:")
            }
            return (
                lines.filter { !$0.hasPrefix("skipped:") }, lines.filter { $0.hasPrefix("skipped:") }.sorted(), files
            )
        }
        let whole = try sameByGroups(publish)
        #expect(whole.files.keys.contains("amap-1-6/index.html"), "\(whole.files.keys.sorted())")
        #expect(whole.files.keys.filter { $0.contains("/private/") && $0.hasSuffix(".ics") }.count == 21)
        #expect(whole.skipped.contains { $0.contains("order_line") }, "\(whole.skipped)")
        #expect(whole.listing.first?.hasPrefix("amap-1/") == true, "\(whole.listing)")
        let feedList = String(decoding: whole.files["(feed list)"] ?? Data(), as: UTF8.self)
        #expect(feedList.split(separator: "\r\n").count == 22 && feedList.contains(";amap-1-6;"), "\(feedList)")
    }

    /// Folder names: a name taken gets the AMAP's id, and a number after it when even that is taken; a pasted
    /// paragraph is cut to a name a file system accepts.
    @Test("publish gives each AMAP its own folder, whatever names the AMAPs have")
    func publishFolderNames() {
        let paris = TimeZone(identifier: "Europe/Paris") ?? .gmt
        func amap(_ id: Int64, _ name: String) -> Amap {
            Amap(id: id, name: name, email: "contact@amap\(id).example.org", timeZone: paris)
        }
        let slugs = PublishCommand.slugs([
            amap(1, "Lilas"), amap(2, "Lilas 4"), amap(4, "Lilas"), amap(5, "Lilas 4"), amap(7, "Lilas"),
            amap(8, String(repeating: "Très long nom d’AMAP ", count: 40)), amap(9, "!!!"),
        ])
        #expect(slugs[1] == "lilas" && slugs[2] == "lilas-4" && slugs[4] == "lilas-4-2" && slugs[5] == "lilas-4-5")
        #expect(slugs[7] == "lilas-7" && slugs[9] == "amap")
        #expect(Set(slugs.values).count == slugs.count, "\(slugs)")
        #expect((slugs[8]?.utf8.count ?? 0) <= 50 && slugs[8]?.hasPrefix("tres-long-nom") == true, "\(slugs)")
        #expect(slugs[8]?.hasSuffix("-") == false)
    }

    /// `preview` foresees a network a group at a time too: the same listing in the same order, the same messages.
    @Test("preview lists and renders the same notices a group at a time as for the whole network")
    func previewByGroups() throws {
        let i = try Installation()
        try Self.network(i)
        // An unusable amount: reported for the network by the first group, found again by its own.
        try i.sql("UPDATE order_line SET quantity = 'deux' WHERE order_window_id = 205")
        func preview(_ amapsPerGroup: Int?) throws -> (listing: [String], skipped: [String], files: [String]) {
            let out = TemporaryDirectory()
            let result = try facteur(
                i, ["preview", "--now", "2026-11-29 10:00", "--days", "4", "--out", out.url.path],
                amapsPerGroup: amapsPerGroup)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            return (
                lines.filter { !$0.hasPrefix("skipped:") }, lines.filter { $0.hasPrefix("skipped:") }.sorted(),
                try FileManager.default.contentsOfDirectory(atPath: out.url.path).sorted()
            )
        }
        let whole = try sameByGroups(preview)
        #expect(whole.listing.count > 30, "\(whole.listing)")
        #expect(whole.files.count > 30 && whole.files.allSatisfy { $0.hasSuffix(".eml") && !$0.hasPrefix(".") })
        #expect(whole.skipped.count >= 7, "\(whole.skipped)")
    }

    /// The status page foresees a network a group at a time too: the same page.
    @Test("status --html shows the same fortnight a group at a time as for the whole network")
    func statusPageByGroups() throws {
        let i = try Installation()
        try Self.network(i)
        // A first pass queues what is due, so that the page has queued lines as well as foreseen ones.
        _ = try ProcessRunner.run(PackagePaths.binary, ["once", "--config", i.config, "--now", "2026-12-01 10:00"])
        func page(_ amapsPerGroup: Int?) throws -> String {
            let out = TemporaryDirectory()
            let result = try facteur(
                i, ["status", "--now", "2026-12-01 10:05", "--html", out.path("etat.html")],
                amapsPerGroup: amapsPerGroup)
            #expect(result.status == 0, "\(result.stderr)")
            return (try? String(contentsOfFile: out.path("etat.html"), encoding: .utf8)) ?? ""
        }
        let whole = try page(nil)
        #expect(whole.contains("Préau") && whole.contains("AMAP 7"), "\(whole.prefix(2000))")
        for size in [1, 3] {
            let grouped = try page(size)
            #expect(grouped == whole, "groups of \(size)")
        }
    }

    /// After the announcements, every distribution moves: each member's `change` is threaded to their
    /// announcement. Planned a group at a time, a group's first chunks are rendered while the group before it is
    /// written; each message must still go to its own member, threaded to its own announcement.
    func changes(amapsPerGroup: Int) async throws -> (messages: [String: String], early: Int, enqueued: Int) {
        let i = try Installation()
        try Self.network(i)
        for now in ["2026-12-01 10:00", "2026-12-02 19:00"] {
            #expect(try i.run("once", "--now", now).status == 0)
        }
        try i.sql("UPDATE distribution SET place = 'Grange ' || id")
        let configuration = try Configuration.load(path: i.config)
        let now = try ScheduleTime.parse("2026-12-02 19:05", in: configuration.timeZone)
        let engine = try await Engine.make(configuration: configuration, logger: Logger(sink: { _ in }), clock: { now })
        let outcome = try await engine.planning.plan(
            store: engine.store, reader: engine.reader, now: now, progress: nil, amapsPerGroup: amapsPerGroup)
        let claimed = try await engine.store.write { db in
            try db.outbox.claimDue(asOf: now.addingTimeInterval(30 * 86_400), limit: 10_000)
        }
        let keysByMessageID = Dictionary(
            try i.rows("SELECT message_id, key FROM facteur_outbox").map { ($0[0], $0[1]) },
            uniquingKeysWith: { a, _ in a })
        var messages: [String: String] = [:]
        for message in claimed where message.kind == .change {
            let text = String(decoding: message.body, as: UTF8.self)
            let head = (text.components(separatedBy: "\r\n\r\n").first ?? "").replacingOccurrences(
                of: "\r\n ", with: " ")
            func header(_ name: String) -> String {
                head.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ": ") }.map {
                    String($0.dropFirst(name.count + 2))
                } ?? "-"
            }
            let repliedTo = header("In-Reply-To").trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            messages[message.key.rawValue] =
                "\(message.recipient) \(header("To")) \(header("Subject")) → \(keysByMessageID[repliedTo] ?? repliedTo)"
        }
        return (messages, outcome.chunksStartedEarly, outcome.enqueued)
    }

    @Test(
        "a group's first chunks rendered while the group before it is written: each change to its member, threaded to their announcement"
    )
    func earlyChunksKeepTheirGroup() async throws {
        let whole = try await changes(amapsPerGroup: 100)
        #expect(whole.messages.count == 21, "\(whole.messages)")
        #expect(whole.early == 0)
        for (key, line) in whole.messages {
            // change/d101/m11/s1 → announcement/d101/m11
            let parts = key.split(separator: "/").dropFirst().prefix(2).joined(separator: "/")
            #expect(line.hasSuffix("→ announcement/\(parts)"), "\(key): \(line)")
        }
        var early = 0
        for _ in 0..<3 {
            let grouped = try await changes(amapsPerGroup: 1)
            #expect(grouped.messages == whole.messages)
            // A chunk written twice would be hidden by the keys' uniqueness, not by the count of rows written.
            #expect(grouped.enqueued == whole.enqueued)
            early += grouped.early
        }
        // Each AMAP's change is one chunk: a group after the first finds its chunk started, unless the writer
        // finished the group before it first, every time, in all three runs.
        #expect(early > 0)
    }

    static func withoutTime(_ line: Substring) -> String {
        line.split(separator: " ").filter { !$0.hasPrefix("20") }.joined(separator: " ")
    }
}
