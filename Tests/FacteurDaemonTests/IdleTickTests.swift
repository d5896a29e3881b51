import FacteurCore
import FacteurDaemon
import FacteurStore
import Foundation
import TestSupport
import Testing

@Suite struct IdleTickTests {
    @Test("an idle tick skips planning until another writer commits or something falls due")
    func skipsWhenNothingChanged() async throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let configuration = try Configuration.load(path: h.configPath)
        let now = try ScheduleTime.parse("2026-11-23 10:00", in: configuration.timeZone)
        let engine = try await Engine.make(configuration: configuration, logger: Logger(sink: { _ in }), clock: { now })
        var memo: Engine.PlanningMemo?
        #expect(try await engine.tick(now: now, memo: &memo).didPlan)
        let idle = try await engine.tick(now: now.addingTimeInterval(60), memo: &memo)
        #expect(!idle.didPlan)
        #expect(idle.wakeAt == (try ScheduleTime.parse("2026-11-24 18:30", in: configuration.timeZone)))
        try h.sql("UPDATE distribution SET place = 'Salle des fêtes' WHERE id = 42")
        #expect(try await engine.tick(now: now.addingTimeInterval(120), memo: &memo).didPlan)
        #expect(!(try await engine.tick(now: now.addingTimeInterval(180), memo: &memo).didPlan))
        let due = try ScheduleTime.parse("2026-11-24 18:30", in: configuration.timeZone)
        let dueTick = try await engine.tick(now: due, memo: &memo)
        #expect(dueTick.didPlan && dueTick.planned.enqueued == 3)
    }

    final class Once: @unchecked Sendable {
        // Safe because: set under the lock, from the logger's sink.
        let lock = NSLock()
        var done = false
        func first() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if done { return false }
            done = true
            return true
        }
    }

    @Test("a commit by another writer while a tick plans is planned by the next tick, not taken for seen")
    func commitDuringPlanning() async throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let configuration = try Configuration.load(path: h.configPath)
        let due = try ScheduleTime.parse("2026-11-24 18:30", in: configuration.timeZone)
        let database = configuration.database
        let once = Once()
        // The management tool adds a member to Légumes while the announcements are being queued.
        let logger = Logger(sink: { line in
            guard line.contains(" queued "), once.first() else { return }
            try? SQLiteConnection(path: database).execute(
                """
                INSERT INTO member (id, amap_id, name, email) VALUES (300, 1, 'Membre 300', 'm300@example.net');
                INSERT INTO subscription VALUES (300, 1);
                """)
        })
        let engine = try await Engine.make(configuration: configuration, logger: logger, clock: { due })
        var memo: Engine.PlanningMemo?
        let first = try await engine.tick(now: due, memo: &memo)
        #expect(first.didPlan && first.planned.enqueued == 3)
        #expect(once.done)
        let next = try await engine.tick(now: due.addingTimeInterval(60), memo: &memo)
        #expect(next.didPlan && next.planned.enqueued == 1)
    }

    @Test("a commit by another writer while an idle tick sends is planned by the next tick")
    func commitDuringIdleTick() async throws {
        // The server is down: the due tick pauses the sender, and each idle tick after it says so in the log.
        let h = try Harness(smtpURL: "smtp://127.0.0.1:9")
        let configuration = try Configuration.load(path: h.configPath)
        let due = try ScheduleTime.parse("2026-11-24 18:30", in: configuration.timeZone)
        let database = configuration.database
        let armed = Once()
        let once = Once()
        // The management tool moves a distribution while the idle tick looks at the outbox.
        let logger = Logger(sink: { line in
            guard line.contains("sender-paused"), armed.done, once.first() else { return }
            do {
                try SQLiteConnection(path: database).execute(
                    "UPDATE distribution SET place = 'Salle des fêtes' WHERE id = 42")
            } catch { Issue.record("the other writer's UPDATE failed: \(error)") }
        })
        let engine = try await Engine.make(configuration: configuration, logger: logger, clock: { due })
        var memo: Engine.PlanningMemo?
        #expect(try await engine.tick(now: due, memo: &memo).didPlan)
        _ = armed.first()
        let idle = try await engine.tick(now: due.addingTimeInterval(60), memo: &memo)
        #expect(!idle.didPlan && once.done)
        #expect(try await engine.tick(now: due.addingTimeInterval(120), memo: &memo).didPlan)
        #expect(!(try await engine.tick(now: due.addingTimeInterval(180), memo: &memo).didPlan))
    }
}
