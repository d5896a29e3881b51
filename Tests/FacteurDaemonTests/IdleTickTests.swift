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
}
