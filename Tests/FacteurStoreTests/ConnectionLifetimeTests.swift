import Foundation
import TestSupport
import Testing

@testable import FacteurStore

/// A connection let go closes: its statements kept it alive once (a cycle), so each planning pass's side reader
/// kept its files open until the process ended, and no process ever closed the database (its log stayed behind).
@Suite struct ConnectionLifetimeTests {
    func openDescriptors() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }

    @Test("connections and stores that ran statements close when let go: no descriptor kept, the log removed")
    func closesWhenLetGo() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        do {
            let store = try Store(path: path)
            try await store.migrate()
            try await store.checkpointInBackground()
            try await store.write { db in _ = try db.connection.run("INSERT INTO facteur_meta VALUES ('probe', ?)", [0]) }
        }
        let before = openDescriptors()
        for i in 0..<50 {
            do {
                let reader = try Store(path: path, mode: .readOnly)
                let value = try await reader.read { db in
                    try db.connection.firstRow("SELECT value FROM facteur_meta WHERE key = ?", ["probe"])?.int(0)
                }
                #expect(value == Int(i))
            }
            do {
                let connection = try SQLiteConnection(path: path)
                _ = try connection.run("UPDATE facteur_meta SET value = ? WHERE key = 'probe'", [i + 1])
            }
        }
        #expect(openDescriptors() <= before + 2, "descriptors: \(before) before, \(openDescriptors()) after")
        // The last connection closed: SQLite copied its log into the database and removed it.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
