import FacteurStore
import Foundation
import TestSupport

/// A temporary Facteur installation: a config file, a database with a sample AMAP, and the built
/// `facteur` binary run as a user would run it.
final class Harness {
    let dir = TemporaryDirectory()
    var smtpURL: String
    var extraConfig: String
    var topConfig: String

    init(smtpURL: String, extraConfig: String = "", topConfig: String = "") throws {
        self.smtpURL = smtpURL
        self.extraConfig = extraConfig
        self.topConfig = topConfig
        try writeConfig()
        let result = try facteur("init")
        guard result.status == 0 else { throw HarnessError.failed(result.stderr) }
        try seed()
    }

    var configPath: String { dir.path("facteur.json") }
    var databasePath: String { dir.path("amap.sqlite") }

    func writeConfig(smtpURL: String? = nil) throws {
        if let smtpURL { self.smtpURL = smtpURL }
        let json = """
            {
              "database": "amap.sqlite",
              "templates": "\(PackagePaths.templates)",
              "timezone": "Europe/Paris", \(topConfig)
              "smtp": { "url": "\(self.smtpURL)", "tls": "none", "envelope_from": "bounces@lilas.example.org",
                        "max_per_minute": 0, "timeout_seconds": 5 \(extraConfig) }
            }
            """
        try json.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    @discardableResult
    func facteur(_ arguments: String..., stdin: Data? = nil) throws -> ProcessOutput {
        try ProcessRunner.run(PackagePaths.binary, arguments + ["--config", configPath], stdin: stdin)
    }

    /// For `facteur run`, which reads the wall clock: the distribution moves to 24 h from that clock's now
    /// (`TestClock`, shifted like the spawned process's), in UTC, with quiet hours off, so its announcement
    /// is due at once whatever the date and hour of the test.
    func dueNowForRealClock() throws {
        try sql(
            """
            UPDATE distribution SET starts_at = '\(TestClock.utc(24 * 3600))', ends_at = '\(TestClock.utc(26 * 3600))';
            UPDATE contract SET starts_on = substr('\(TestClock.utc(-30 * 86400))', 1, 10),
                ends_on = substr('\(TestClock.utc(90 * 86400))', 1, 10);
            UPDATE amap SET timezone = 'UTC';
            """)
        let text = try String(contentsOfFile: configPath, encoding: .utf8)
            .replacingOccurrences(
                of: "\"timezone\": \"Europe/Paris\",",
                with: "\"timezone\": \"UTC\", \"quiet_hours\": {\"start\": \"00:00\", \"end\": \"00:00\"},")
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `facteur run`; its stderr goes to a file (a pipe nobody reads would fill up and block the
    /// daemon mid-send), read back with `DaemonLog.text`.
    func startDaemon() throws -> (Subprocess, DaemonLog) {
        let log = DaemonLog(path: dir.path("daemon-\(UUID().uuidString).log"))
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        guard let file = FileHandle(forWritingAtPath: log.path) else { throw CocoaError(.fileWriteUnknown) }
        let process = try Subprocess(PackagePaths.binary, ["run", "--config", configPath], stderr: .handle(file))
        return (process, log)
    }

    func once(_ now: String) throws -> ProcessOutput {
        try facteur("once", "--now", now)
    }

    func sql(_ statements: String) throws {
        let db = try SQLiteConnection(path: databasePath)
        try db.execute(statements)
    }

    func rows(_ query: String) throws -> [Row] {
        try SQLiteConnection(path: databasePath).rows(query)
    }

    /// The rows reported as unusable, « subject: detail », as the digest lists them.
    func badRowReports() throws -> [String] {
        try rows("SELECT subject || ': ' || detail FROM facteur_report WHERE category = 'bad_row'").compactMap {
            $0.text(0)
        }
    }

    func states() throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try rows("SELECT key, state FROM facteur_outbox") { result[row.text(0)!] = row.text(1)! }
        return result
    }

    /// AMAP des Lilas: distribution 42 on Thursday 26 November 2026 at 18:30 (announced from Tuesday 18:30),
    /// contracts Légumes (members 1, 2) and Œufs (members 1, 3).
    func seed() throws {
        try sql(
            """
            INSERT INTO amap (id, name, email, timezone) VALUES (1, 'AMAP des Lilas', 'contact@lilas.example.org', 'Europe/Paris');
            INSERT INTO producer (id, name, farm) VALUES (1, 'Julie Martin', 'Ferme du Pré'), (2, 'Éric', NULL);
            INSERT INTO member (id, amap_id, name, email) VALUES
              (1, 1, 'Camille Dupont', 'camille@example.net'), (2, 1, 'Hélène Bérard', 'helene@example.net'),
              (3, 1, 'Jérôme Nguyen', 'jerome@example.net');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (1, 1, 1, 'Légumes', '2026-09-01', '2027-02-28'), (2, 1, 2, 'Œufs', '2026-09-01', '2027-02-28');
            INSERT INTO subscription VALUES (1, 1), (2, 1), (1, 2), (3, 2);
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (42, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'Préau de l''école');
            INSERT INTO delivery (distribution_id, contract_id) VALUES (42, 1), (42, 2);
            """)
    }
}

enum HarnessError: Error { case failed(String) }

/// A daemon's stderr, as written so far.
struct DaemonLog {
    var path: String
    var text: String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
}
