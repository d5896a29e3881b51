import FacteurCore
import Foundation
import Testing

/// Edits after the announcement that FollowUpPlanningTests does not cover: an end time moved, notes edited,
/// a reinstatement, a second cancellation, an edit seen too late (DESIGN §2, `change` and `cancellation`).
@Suite struct EditPlanningTests {
    let planner = Planner.quiet()
    let now = at("2026-11-25 09:00")

    func announced(_ fixture: ScheduleFixture) -> PlannerMemory {
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: now))
        return memory
    }

    @Test("a moved end time is a change, due at once; edited notes are not")
    func endTimeButNotNotes() throws {
        var fixture = ScheduleFixture()
        let memory = announced(fixture)
        fixture.schedule.distributions[0].notes = "Apportez vos sacs."
        #expect(planner.plan(fixture.schedule, memory: memory, now: now).notices.isEmpty)
        fixture.schedule.distributions[0].endsAt = at("2026-11-26 20:30")
        let later = now.addingTimeInterval(3600)
        let result = planner.plan(fixture.schedule, memory: memory, now: later)
        #expect(result.keys(.change) == ["change/d42/m1/s1", "change/d42/m2/s1", "change/d42/m3/s1"])
        let change = try #require(result.notices.first)
        #expect(change.dueAt == later)
        #expect(change.lateUntil == at("2026-11-26 18:30"))
        guard case .distribution(let content) = change.content else { throw Failure.wrongContent }
        #expect(content.previous?.endsAt == at("2026-11-26 20:00"))
        #expect(content.distribution.endsAt == at("2026-11-26 20:30"))
    }

    @Test("cancelled then reinstated: a change saying so, SEQUENCE 2, threaded to the announcement")
    func reinstated() throws {
        var fixture = ScheduleFixture()
        var memory = announced(fixture)
        fixture.schedule.distributions[0].cancelled = true
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: now))
        fixture.schedule.distributions[0].cancelled = false
        let result = planner.plan(fixture.schedule, memory: memory, now: now.addingTimeInterval(600))
        #expect(result.keys(.change) == ["change/d42/m1/s2", "change/d42/m2/s2", "change/d42/m3/s2"])
        #expect(result.keys(.announcement).isEmpty)
        let change = try #require(result.notices.first)
        #expect(change.sequence == 2)
        #expect(change.threadKey?.rawValue == "announcement/d42/m1")
        guard case .distribution(let content) = change.content else { throw Failure.wrongContent }
        #expect(content.reinstated)
    }

    @Test("cancelled again after a reinstatement: a second cancellation under a key of its own")
    func cancelledTwice() {
        var fixture = ScheduleFixture()
        var memory = announced(fixture)
        for cancelled in [true, false] {
            fixture.schedule.distributions[0].cancelled = cancelled
            memory.remember(planner.plan(fixture.schedule, memory: memory, now: now))
        }
        fixture.schedule.distributions[0].cancelled = true
        let result = planner.plan(fixture.schedule, memory: memory, now: now)
        #expect(
            result.keys(.cancellation) == [
                "cancellation/d42/m1/s3", "cancellation/d42/m2/s3", "cancellation/d42/m3/s3",
            ])
        #expect(result.notices.allSatisfy { $0.sequence == 3 && $0.threadKey?.rawValue.hasPrefix("announcement/") == true })
    }

    @Test("an edit seen only after starts_at is recorded expired, never sent")
    func editAfterStart() {
        var fixture = ScheduleFixture()
        let memory = announced(fixture)
        fixture.schedule.distributions[0].place = "Salle des fêtes"
        let result = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-26 18:45"))
        #expect(result.keys(.change).count == 3)
        #expect(result.notices(.change).allSatisfy { $0.expired })
    }
}
