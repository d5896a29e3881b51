import FacteurStore
import Foundation
import TestSupport
import Testing

/// An empty installation: a config and a freshly initialised database.
final class Installation {
    let dir = TemporaryDirectory()
    var config: String { dir.path("facteur.json") }
    var database: String { dir.path("amap.sqlite") }

    init() throws {
        try """
        { "database": "amap.sqlite", "templates": "\(PackagePaths.templates)",
          "smtp": { "url": "smtp://127.0.0.1:9", "tls": "none" } }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try run("init").status == 0)
    }

    func run(_ arguments: String...) throws -> ProcessOutput { try run(arguments) }

    func run(_ arguments: [String]) throws -> ProcessOutput {
        try ProcessRunner.run(PackagePaths.binary, arguments + ["--config", config])
    }

    /// Imports a small file written here (a test's own CSV), with extra options.
    func importText(_ table: String, _ text: String, _ extra: [String] = []) throws -> ProcessOutput {
        let path = dir.path("\(table).csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try run(["import", table, path] + extra)
    }

    func importFile(_ table: String, _ name: String) throws -> ProcessOutput {
        try run("import", table, ImportTests.fixtures.appendingPathComponent(name + ".csv").path)
    }

    func rows(_ sql: String) throws -> [[String]] {
        try SQLiteConnection(path: database).rows(sql).map { row in
            row.values.map { value in
                switch value {
                case .null: "NULL"
                case .integer(let n): String(n)
                case .real(let d): String(d)
                case .text(let t): t
                case .blob(let b): "\(b.count) bytes"
                }
            }
        }
    }

    /// Every row of every published table, to compare before and after.
    func snapshot() throws -> [[String]] {
        var all: [[String]] = []
        for table in [
            "amap", "member", "producer", "contract", "subscription", "distribution", "delivery", "duty",
            "order_window", "order_line", "payment",
        ] {
            all += try rows("SELECT '\(table)', * FROM \(table) ORDER BY rowid")
        }
        return all
    }
}

extension Installation {
    /// The AMAP of the import fixtures, imported table by table.
    static func withFixtures() throws -> Installation {
        let i = try Installation()
        for (table, file) in ImportTests.inOrder {
            let result = try i.importFile(table, file)
            guard result.status == 0 else { throw HarnessError.failed(result.stdout + result.stderr) }
        }
        return i
    }
}

extension Installation {
    func sql(_ statements: String) throws {
        try SQLiteConnection(path: database).execute(statements)
    }
}
