import FacteurCore
import FacteurStore
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import FacteurDaemon

/// The record of the last planning pass and the stopped span a process takes from it (decisions.md, "Given up while
/// Facteur was running…"), inside one process: what a pass cancelled half-way leaves, and what a row written late
/// after the first pass is taken for.
@Suite struct PassRecordTests {
    /// True the first time only.
    final class Armed: Sendable {
        private let state = Mutex(true)
        func fire() -> Bool {
            state.withLock { armed in
                defer { armed = false }
                return armed
            }
        }
    }

    func passRecord(_ h: Harness) throws -> String? {
        try h.rows("SELECT value FROM facteur_meta WHERE key = 'last_planning_pass'").first?.text(0)
    }

    /// A SIGTERM cancels the tick: the groups after the one being written are never planned. Recording that pass
    /// would make the next start take their notices, expired by then, for rows written late while Facteur ran.
    @Test("a pass cancelled after its first group leaves the previous record and the stopped span")
    func cancelledPassLeavesRecord() async throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        // A second AMAP, with its own producer: a group of its own when groups hold one AMAP.
        try h.sql(
            """
            INSERT INTO amap (id, name, email, timezone) VALUES (2, 'AMAP du Canal', 'contact@canal.example.org', 'Europe/Paris');
            INSERT INTO member (id, amap_id, name, email) VALUES (21, 2, 'Inès Morel', 'ines@example.net'),
              (22, 2, 'Paul Lefèvre', 'paul@example.net');
            INSERT INTO producer (id, name, farm) VALUES (4, 'Luc Girard', 'Ferme du Canal');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on) VALUES
              (5, 2, 4, 'Œufs', '2026-09-01', '2027-02-28');
            INSERT INTO subscription VALUES (21, 5), (22, 5);
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (52, 2, '2026-11-26 18:30', '2026-11-26 20:00', 'Halle');
            INSERT INTO delivery (distribution_id, contract_id) VALUES (52, 5);
            """)
        _ = try h.once("2026-11-23 10:00")
        let monday = try passRecord(h)
        #expect(monday != nil)
        let configuration = try Configuration.load(path: h.configPath)
        let now = try ScheduleTime.parse("2026-11-25 10:00", in: configuration.timeZone)
        // The writer logs what it queued in line, from the planning task: the pass is cancelled as its first group's
        // notices are written, as a SIGTERM would cancel it then. Once: the next pass runs to its end.
        let armed = Armed()
        let logger = Logger(sink: { line in
            if line.contains(" queued "), armed.fire() { withUnsafeCurrentTask { $0?.cancel() } }
        })
        let engine = try await Engine.make(configuration: configuration, logger: logger, clock: { now })
        #expect(engine.planning.stopped.current != nil)
        let outcome = try await Task {
            try await engine.planning.plan(
                store: engine.store, reader: engine.reader, now: now, progress: nil, amapsPerGroup: 1)
        }.value
        // The first AMAP's announcements were written; the second's group was never planned.
        #expect(outcome.enqueued == 3, "\(outcome.enqueued)")
        #expect(
            try h.rows("SELECT COUNT(*) FROM facteur_outbox WHERE key LIKE 'announcement/d52/%'").first?.int(0) == 0)
        #expect(try passRecord(h) == monday)
        #expect(engine.planning.stopped.current != nil)
        // The next, whole pass plans the second AMAP, is recorded, and lets the span go.
        let next = try await engine.planning.plan(
            store: engine.store, reader: engine.reader, now: now.addingTimeInterval(60), progress: nil, amapsPerGroup: 1
        )
        #expect(next.enqueued == 2)
        #expect(try passRecord(h) == String(Int64(now.addingTimeInterval(60).timeIntervalSince1970)))
        #expect(engine.planning.stopped.current == nil)
    }

    /// `run` restarted on Thursday 17:00 after a stop since Monday: the announcements it finds expired fell due while
    /// it was stopped. A distribution written in a minute later, whose announcement was also due on Tuesday, was
    /// written late: Facteur was running when it appeared, and no coordinator should be told to check the server.
    @Test("after the first recorded pass, a row written late is written late, not a stop")
    func spanLetGoAfterFirstPass() async throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        _ = try h.once("2026-11-23 10:00")
        let configuration = try Configuration.load(path: h.configPath)
        let start = try ScheduleTime.parse("2026-11-26 17:00", in: configuration.timeZone)
        let engine = try await Engine.make(
            configuration: configuration, logger: Logger(sink: { _ in }), clock: { start })
        _ = try await engine.tick(now: start)
        func reasons(_ distribution: Int) throws -> [String?] {
            try h.rows("SELECT last_error FROM facteur_outbox WHERE key LIKE 'announcement/d\(distribution)/%'").map {
                $0.text(0)
            }
        }
        let stopped = try reasons(42)
        #expect(stopped.count == 3 && stopped.allSatisfy { $0 == LateCause.notRunning.reason }, "\(stopped)")
        try h.sql(
            """
            INSERT INTO distribution (id, amap_id, starts_at, ends_at, place) VALUES
              (43, 1, '2026-11-26 18:00', '2026-11-26 19:00', 'Salle des fêtes');
            INSERT INTO delivery (distribution_id, contract_id) VALUES (43, 1);
            """)
        _ = try await engine.tick(now: start.addingTimeInterval(60))
        let late = try reasons(43)
        #expect(late.count == 2 && late.allSatisfy { $0 == LateCause.seenLate.reason }, "\(late)")
        #expect(server.messageFiles.isEmpty)
    }
}
