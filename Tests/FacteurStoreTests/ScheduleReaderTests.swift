import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

@Suite struct ScheduleReaderTests {
    @Test("bad rows are skipped and named by table and id; good rows are read")
    func badRows() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let db = try SQLiteConnection(path: path)
        try db.execute(
            """
            INSERT INTO amap (id, name, email, timezone) VALUES (1, 'A', 'a@x.org', 'Europe/Paris'),
              (2, 'B', 'b@x.org', 'Mars/Olympus');
            INSERT INTO producer (id, name) VALUES (1, 'P');
            INSERT INTO member (id, amap_id, name, email) VALUES (1, 1, 'Ok', 'ok@x.org'), (2, 1, 'Bad', 'bad@@x'),
              (3, 7, 'Orphan', 'o@x.org');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (1, 1, 1, 'C', '2026-01-01', '2026-12-31'), (2, 1, 99, 'Orphan', '2026-01-01', '2026-12-31');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, relay_address) VALUES
              (5, 1, 1, 'Légumes', '2026-01-01', '2026-12-31', 'legumes@x.org'),
              (6, 1, 1, 'Légumes bis', '2026-01-01', '2026-12-31', 'Legumes@X.org');
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place, notes) VALUES
              (1, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'P', NULL),
              (2, 1, 'jeudi', '2026-11-26 20:00', 'P', NULL),
              (3, 1, '2026-11-26 18:30', '2026-11-26 20:00', '', NULL),
              (4, 1, '2026-11-26 18:30', '2026-11-26 20:00', 'P', ?);
            """.replacingOccurrences(of: "?", with: "'" + String(repeating: "x", count: 100_000) + "'"))
        let schedule = try await store.read { db in
            try db.readSchedule(
                from: Date(timeIntervalSince1970: 1_795_000_000), to: Date(timeIntervalSince1970: 1_796_000_000),
                defaultTimeZone: TimeZone(identifier: "Europe/Paris")!)
        }
        #expect(schedule.distributions.map(\.id) == [1])
        // A member with an unusable address stays a member (their duties count) and gets no mail.
        #expect(Set(schedule.members.keys) == [1, 2])
        #expect(schedule.members[2]?.email == nil)
        #expect(Set(schedule.contracts.keys) == [1, 5, 6])
        #expect(schedule.contracts[6]?.relayAddress == nil && schedule.contracts[5]?.relayAddress == "legumes@x.org")
        let named = Set(schedule.issues.map { "\($0.table)/\($0.rowID)" })
        #expect(
            named == [
                "amap/2", "member/2", "member/3", "contract/2", "contract/6", "distribution/2", "distribution/3",
                "distribution/4",
            ])
        #expect(schedule.issues.first { $0.table == "amap" }?.problem.contains("Mars/Olympus") == true)
    }
}
