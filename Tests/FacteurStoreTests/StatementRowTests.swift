import Foundation
import TestSupport
import Testing

@testable import FacteurStore

@Suite struct StatementRowTests {
    /// Values another tool may write where Facteur expects something else: text in an integer column, reals,
    /// blobs, NULLs, the extreme integers.
    static let hostileValues = """
        INSERT INTO t (id, v) VALUES
            (1, 42), (2, -9223372036854775808), (3, 9223372036854775807), (4, 'abc'), (5, '17'), (6, 2.5),
            (7, 3.0), (8, 1e300), (9, NULL), (10, x'C3A9'), (11, ''), (12, x''), (13, 'é'), (14, ' 12 ')
        """

    @Test("a row read in place reads every column as the copied row does: integers, reals, text, blobs, NULLs")
    func readsAsTheCopiedRow() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        try await store.write { db in
            try db.connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v)")
            try db.connection.execute(Self.hostileValues)
        }
        try await store.read { db in
            let copied = try db.connection.rows("SELECT id, v FROM t ORDER BY id")
            var inPlace: [(Int64?, Int?, String?, [UInt8]?, SQLValue)] = []
            try db.connection.forEachRow("SELECT id, v FROM t ORDER BY id") { row in
                inPlace.append((row.int64(1), row.int(1), row.text(1), row.blob(1), row[1]))
            }
            #expect(copied.count == 14 && inPlace.count == 14)
            for (row, read) in zip(copied, inPlace) {
                #expect(row.int64(1) == read.0)
                #expect(row.int(1) == read.1)
                #expect(row.text(1) == read.2)
                #expect(row.blob(1) == read.3)
                #expect(row[1] == read.4)
            }
            // What each reads as, so that both could not agree on a wrong reading.
            #expect(inPlace[1].0 == Int64.min && inPlace[2].0 == Int64.max)
            #expect(inPlace[3].0 == nil && inPlace[3].2 == "abc")
            #expect(inPlace[4].0 == 17 && inPlace[5].0 == nil && inPlace[6].0 == 3 && inPlace[7].0 == nil)
            #expect(inPlace[8].0 == nil && inPlace[8].2 == nil && inPlace[8].4 == .null)
            #expect(inPlace[9].2 == "é" && inPlace[12].3 == [0xC3, 0xA9])
            #expect(inPlace[13].0 == nil)
        }
    }
}
