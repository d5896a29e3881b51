import FacteurCore
import Foundation
import Testing

@Suite struct FollowUpPlanningTests {
    let planner = Planner(
        settings: {
            var s = NoticeSettings()
            s.quietHours = .none
            return s
        }())

    func announced(_ fixture: ScheduleFixture, at now: Date) -> PlannerMemory {
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: now))
        return memory
    }

    @Test("a start edited after the announcement gives one change per recipient, threaded, SEQUENCE 1")
    func changeAfterEdit() throws {
        var fixture = ScheduleFixture()
        let now = ScheduleFixture.at("2026-11-25 09:00")
        var memory = announced(fixture, at: now)
        fixture.schedule.distributions[0].startsAt = ScheduleFixture.at("2026-11-26 19:00")
        let result = planner.plan(fixture.schedule, memory: memory, now: now.addingTimeInterval(600))
        #expect(result.notices.map(\.key.rawValue) == ["change/d42/m1/s1", "change/d42/m2/s1", "change/d42/m3/s1"])
        let first = result.notices[0]
        #expect(first.threadKey?.rawValue == "announcement/d42/m1")
        #expect(first.sequence == 1)
        guard case .distribution(let content) = first.content else { throw Failure.wrongContent }
        #expect(content.previous?.startsAt == ScheduleFixture.at("2026-11-26 18:30"))
        memory.remember(result)
        #expect(planner.plan(fixture.schedule, memory: memory, now: now.addingTimeInterval(1200)).notices.isEmpty)
        fixture.schedule.distributions[0].place = "Salle des fêtes"
        let again = planner.plan(fixture.schedule, memory: memory, now: now.addingTimeInterval(1800))
        #expect(again.notices.first?.key.rawValue == "change/d42/m1/s2")
        #expect(again.notices.first?.sequence == 2)
    }

    @Test("no change for members who never received the announcement")
    func changeOnlyToRecipients() {
        var fixture = ScheduleFixture()
        fixture.schedule.optOuts[3] = [.announcement]
        let now = ScheduleFixture.at("2026-11-25 09:00")
        let memory = announced(fixture, at: now)
        fixture.schedule.distributions[0].place = "Ailleurs"
        let keys = planner.plan(fixture.schedule, memory: memory, now: now).notices.map(\.key.rawValue)
        #expect(keys == ["change/d42/m1/s1", "change/d42/m2/s1"])
    }

    @Test("cancellation goes once to those announced; nothing before the announcement")
    func cancellation() {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions[0].cancelled = true
        #expect(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-25 09:00")).notices
                .isEmpty)
        fixture.schedule.distributions[0].cancelled = false
        let now = ScheduleFixture.at("2026-11-25 09:00")
        var memory = announced(fixture, at: now)
        fixture.schedule.distributions[0].cancelled = true
        let result = planner.plan(fixture.schedule, memory: memory, now: now)
        #expect(result.notices.map(\.kind) == [.cancellation, .cancellation, .cancellation])
        #expect(result.notices.allSatisfy { $0.threadKey != nil })
        memory.remember(result)
        #expect(planner.plan(fixture.schedule, memory: memory, now: now).notices.isEmpty)
    }

    @Test("duty_call 96 h ahead to active members not on duty, once; expired after starts_at − 24 h")
    func dutyCall() {
        var fixture = ScheduleFixture(dutyNeeded: 2)
        fixture.schedule.duties[42] = [Duty(distributionID: 42, memberID: 2)]
        fixture.schedule.members[4] = Member(id: 4, amapID: 1, name: "Sans contrat", email: "s@example.net")
        let early = planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-22 18:29"))
        #expect(early.notices.isEmpty)
        let due = planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-22 18:30"))
        #expect(due.notices.map(\.key.rawValue) == ["duty_call/d42/m1", "duty_call/d42/m3", "duty_call/d42/m4"])
        let late = planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-25 18:31"))
        #expect(late.notices.filter { $0.kind == .dutyCall }.allSatisfy { $0.expired })
        fixture.schedule.duties[42]!.append(Duty(distributionID: 42, memberID: 1))
        let full = planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-22 18:30"))
        #expect(full.notices.isEmpty)
    }
}
