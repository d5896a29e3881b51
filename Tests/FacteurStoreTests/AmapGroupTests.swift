import FacteurStore
import Foundation
import TestSupport
import Testing

/// How a network is cut into groups planned one after the other (issue 15).
@Suite struct AmapGroupTests {
    /// Twelve AMAPs; producer 1 delivers to AMAPs 2 and 9, so they are planned together.
    func network() async throws -> (TemporaryDirectory, Store) {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        try await store.migrate()
        let db = try SQLiteConnection(path: dir.path("db.sqlite"))
        var sql = "INSERT INTO producer (id, name) VALUES (1, 'Fournil'), (2, 'Ferme');"
        for id in 1...12 { sql += "INSERT INTO amap (id, name, email) VALUES (\(id), 'A\(id)', 'a\(id)@x.org');" }
        sql += """
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (1, 2, 1, 'Pain', '2026-01-01', '2026-12-31'), (2, 9, 1, 'Pain', '2026-01-01', '2026-12-31'),
              (3, 3, 2, 'Légumes', '2026-01-01', '2026-12-31'), (4, 'x', 1, 'Pain', '2026-01-01', '2026-12-31');
            """
        try db.execute(sql)
        return (dir, store)
    }

    @Test("the first group is the smaller one asked for; each AMAP in one group; a producer's AMAPs together")
    func firstGroupSmaller() async throws {
        let (_, store) = try await network()
        let groups = try await store.read { db in try db.amapGroups(size: 5, first: 2) }
        #expect(groups.map { $0.ids ?? [] } == [[1, 2, 9], [3, 4, 5, 6, 7], [8, 10, 11, 12]])
        #expect(groups.map(\.isFirst) == [true, false, false])
        // Without `first`, as before: groups of at least five.
        let even = try await store.read { db in try db.amapGroups(size: 5) }
        #expect(even.map { $0.ids ?? [] } == [[1, 2, 9, 3, 4], [5, 6, 7, 8, 10], [11, 12]])
        // A `first` larger than the groups changes nothing; a network no larger than a group is one group.
        #expect(try await store.read { db in try db.amapGroups(size: 5, first: 50) } == even)
        #expect(try await store.read { db in try db.amapGroups(size: 12, first: 2) } == [.all])
    }
}
