import FacteurCore
import Foundation
import Testing

/// `duty_call` after a withdrawal, and `duty_reminder` (DESIGN §2). The first round of `duty_call` (96 h
/// ahead, to members not on duty, expired after starts_at − 24 h) is in FollowUpPlanningTests.
@Suite struct DutyPlanningTests {
    let planner = Planner.quiet()

    /// Two volunteers wanted on 26 November at 18:30, Hélène (2) on duty; Zoé (4) subscribes to nothing.
    func fixture() -> ScheduleFixture {
        var fixture = ScheduleFixture(dutyNeeded: 2)
        fixture.schedule.duties[42] = [Duty(distributionID: 42, memberID: 2, role: "accueil")]
        fixture.schedule.members[4] = Member(id: 4, amapID: 1, name: "Zoé", email: "zoe@example.net")
        return fixture
    }

    @Test("each withdrawal opens a new round of calls under its own key, not to who withdrew nor who is on duty")
    func newRoundAfterWithdrawal() throws {
        var fixture = fixture()
        var memory = PlannerMemory()
        let first = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-22 18:30"))
        #expect(first.keys(.dutyCall) == ["duty_call/d42/m1", "duty_call/d42/m3", "duty_call/d42/m4"])
        memory.remember(first)
        // Camille answered yes, then withdrew: the distribution is short again and called for again.
        fixture.schedule.dutyWithdrawals[42] = [1]
        let second = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-24 12:00"))
        #expect(second.keys(.dutyCall) == ["duty_call/d42/m3/s1", "duty_call/d42/m4/s1"])
        let call = try #require(second.notices(.dutyCall).first)
        #expect(!call.expired)
        #expect(call.dueAt == at("2026-11-22 18:30"))
        memory.remember(second)
        #expect(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-24 12:05")).keys(.dutyCall).isEmpty)
        fixture.schedule.dutyWithdrawals[42] = [1, 3]
        let third = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-24 13:00"))
        #expect(third.keys(.dutyCall) == ["duty_call/d42/m4/s2"])
    }

    @Test("duty_reminder goes starts_at − 24 h to each member on duty, naming who else comes, until starts_at − 1 h")
    func reminder() throws {
        var fixture = fixture()
        fixture.schedule.duties[42]!.append(Duty(distributionID: 42, memberID: 3))
        let before = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 18:29"))
        #expect(before.keys(.dutyReminder).isEmpty)
        let due = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 18:30"))
        #expect(due.keys(.dutyReminder) == ["duty_reminder/d42/m2", "duty_reminder/d42/m3"])
        #expect(due.keys(.dutyCall).isEmpty)
        let notice = try #require(due.notices(.dutyReminder).first)
        #expect(notice.lateUntil == at("2026-11-26 17:30"))
        guard case .distribution(let content) = notice.content else { throw Failure.wrongContent }
        #expect(content.recipientIsOnDuty)
        #expect(content.volunteers == [.init(name: "Hélène", role: "accueil"), .init(name: "Jérôme")])
        let late = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-26 17:30"))
        #expect(late.notices(.dutyReminder).count == 2 && late.notices(.dutyReminder).allSatisfy { $0.expired })
    }

    @Test("no duty_reminder for a cancelled distribution, an inactive member, or one who opted out")
    func reminderSkipped() {
        var fixture = fixture()
        fixture.schedule.duties[42]! += [Duty(distributionID: 42, memberID: 3), Duty(distributionID: 42, memberID: 4)]
        fixture.schedule.members[3]!.active = false
        fixture.schedule.optOuts[4] = [.dutyReminder]
        let now = at("2026-11-25 18:30")
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: now).keys(.dutyReminder) == [
            "duty_reminder/d42/m2"
        ])
        fixture.schedule.distributions[0].cancelled = true
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: now).keys(.dutyReminder).isEmpty)
    }
}
