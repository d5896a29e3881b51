import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

@Suite struct PublishedRowsTests {
    @Test("the relay and the planner read a hostile row the same way: active = 'abc' is inactive for both")
    func oneMeaning() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path)
        try await store.migrate()
        let db = try SQLiteConnection(path: path)
        try db.execute(
            """
            INSERT INTO amap (id, name, email, timezone) VALUES (1, 'A', 'a@x.org', 'Europe/Paris');
            INSERT INTO producer (id, name, email) VALUES (1, 'P', 'not an address');
            INSERT INTO member (id, amap_id, name, email, active) VALUES (1, 1, 'Ok', 'ok@x.org', 1),
              (2, 1, 'Typo', 'typo@x.org', 'abc'), (3, 1, 'Half', 'half@x.org', 0.5), (4, 1, 'Bad', 'bad@@x', 1);
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id, relay_address)
              VALUES (1, 1, 1, 'Légumes', '2026-01-01', '2026-12-31', 2, 'legumes@x.org'),
                     (2, 1, 1, 'Dates', '2026-13-01', '2026-12-31', 1, 'dates@x.org');
            INSERT INTO subscription (member_id, contract_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1);
            """)
        let paris = TimeZone(identifier: "Europe/Paris")!
        let (schedule, route, unusable) = try await store.read { db in
            (
                try db.readSchedule(
                    from: Date(timeIntervalSince1970: 1_795_000_000), to: Date(timeIntervalSince1970: 1_796_000_000),
                    defaultTimeZone: paris),
                try db.inbox.route(forAddress: "LEGUMES@x.org", defaultTimeZone: paris),
                try db.inbox.route(forAddress: "dates@x.org", defaultTimeZone: paris)
            )
        }
        let relay = try #require(route)
        #expect(relay.subscribers.map(\.id) == [1])
        #expect(schedule.members.values.filter(\.active).map(\.id).sorted() == [1, 4])
        #expect(relay.coordinator?.active == false && schedule.members[2]?.active == false)
        // An unusable address is no address, to both.
        #expect(relay.producer?.email == nil && schedule.producers[1]?.email == nil)
        // A contract the planner skips (its dates are no dates) still routes its relay address: mail people write
        // is never lost over a row a coordinator must fix; its members are still read strictly.
        #expect(schedule.contracts[2] == nil)
        #expect(unusable?.contract.id == 2 && unusable?.subscribers.isEmpty == true)
    }
}
