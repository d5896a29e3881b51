import Foundation
import TestSupport
import Testing

@testable import FacteurStore

@Suite struct BackgroundCheckpointTests {
    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// About 2,000 pages in 200 commits: twice what starts a checkpoint, far below what makes the writer checkpoint
    /// itself.
    func writeRows(_ store: Store, from first: Int) async throws {
        for batch in 0..<200 {
            try await store.write { db in
                for i in 0..<10 {
                    _ = try db.connection.run(
                        "INSERT INTO filler (id, data) VALUES (?, zeroblob(4000))", [first + batch * 10 + i])
                }
            }
        }
    }

    @Test(
        "the writer's log is copied into the database by a thread of its own while it writes; another connection and a reopening see every row; the writer is told of no change"
    )
    func checkpointsInBackground() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        var store: Store? = try Store(path: path)
        try await store!.checkpointInBackground()
        try await store!.write { db in
            try db.connection.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        }
        let sizeBefore = fileSize(path)
        let versionBefore = try await store!.dataVersion()
        try await writeRows(store!, from: 0)
        // SQLite's own automatic checkpoint is off on this connection: only the background one copies pages back.
        var copied = false
        for _ in 0..<200 where !copied {
            copied = fileSize(path) > sizeBefore + 4_000_000
            if !copied { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(copied, "the database file stayed at \(fileSize(path)) bytes; the log is \(fileSize(path + "-wal"))")
        #expect(try await store!.write { db in db.connection.backgroundCheckpoints } > 0)
        #expect(try await store!.dataVersion() == versionBefore)
        let other = try Store(path: path, mode: .readOnly)
        #expect(
            try await other.read { db in try db.connection.firstRow("SELECT count(*) FROM filler")?.int(0) } == 2_000)
        // More writes after a checkpoint: the log starts again from its beginning rather than growing, and a
        // checkpoint starts for each thousand pages written since the last, not for every commit after it.
        try await writeRows(store!, from: 2_000)
        #expect(fileSize(path + "-wal") < 40_000_000)
        let checkpoints = try await store!.write { db in db.connection.backgroundCheckpoints }
        #expect(checkpoints <= 8, "\(checkpoints) checkpoints for 4,000 pages in 400 commits")
        store = nil
        let reopened = try Store(path: path)
        #expect(
            try await reopened.read { db in
                try db.connection.firstRow("SELECT count(*), sum(length(data)) FROM filler").map {
                    [$0.int(0), $0.int(1)]
                }
            } == [4_000, 16_000_000])
        #expect(try await reopened.read { db in try db.connection.firstRow("PRAGMA integrity_check")?.text(0) } == "ok")
    }
}
