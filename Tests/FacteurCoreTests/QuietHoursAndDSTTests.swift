import FacteurCore
import Foundation
import Testing

/// Quiet hours (21:00–08:00 in the AMAP's own time zone) and the 2026 daylight-saving changes in Paris
/// (29 March 02:00 → 03:00, 25 October 03:00 → 02:00). Lead times count absolute hours; the statement and
/// the digest keep their local clock time (DESIGN §2).
@Suite struct QuietHoursAndDSTTests {
    let quiet = Planner.quiet()

    @Test("sendAfter is moved past quiet hours in the AMAP's own time zone")
    func quietHoursPerAmap() throws {
        var fixture = ScheduleFixture()
        fixture.addWindow(opens: "2026-11-20 06:00", closes: "2026-11-22 20:00")
        let planner = Planner(settings: NoticeSettings())
        let paris = try #require(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-20 06:00")).notices(.orderOpen).first)
        #expect(paris.sendAfter == at("2026-11-20 08:00"))
        // The same instant is 09:00 in Réunion: out of quiet hours, it leaves at once.
        fixture.schedule.amaps[1]!.timeZone = TimeZone(identifier: "Indian/Reunion")!
        let reunion = try #require(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-20 06:00")).notices(.orderOpen).first)
        #expect(reunion.sendAfter == reunion.dueAt)
        #expect(reunion.dueAt == at("2026-11-20 06:00"))
    }

    @Test("a notice planned late is held from now: until 08:00 at night, not at all in the morning")
    func quietHoursFromNow() throws {
        let fixture = ScheduleFixture()
        let planner = Planner(settings: NoticeSettings())
        let night = try #require(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-24 23:00")).notices.first)
        #expect(night.dueAt == at("2026-11-24 18:30"))
        #expect(night.sendAfter == at("2026-11-25 08:00"))
        let morning = try #require(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 09:15")).notices.first)
        #expect(morning.sendAfter == at("2026-11-25 09:15"))
    }

    @Test("quiet hours end at 08:00 summer time on the night the clocks go forward")
    func quietHoursAcrossSpringChange() throws {
        // 30 March 22:30 CEST − 48 h = 28 March 21:30 CET: within quiet hours.
        let fixture = ScheduleFixture(start: "2026-03-30 22:30", end: "2026-03-30 23:30")
        let planner = Planner(settings: NoticeSettings())
        let notice = try #require(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-03-28 21:30")).notices.first)
        #expect(notice.dueAt == at("2026-03-28T20:30:00Z"))
        #expect(notice.sendAfter == at("2026-03-29T06:00:00Z"))
    }

    @Test("order_reminder lead counts absolute hours across the October change: 19:00 summer time for 18:00 winter")
    func reminderAcrossAutumnChange() throws {
        var fixture = ScheduleFixture()
        fixture.addWindow(opens: "2026-10-19 09:00", closes: "2026-10-25 18:00")
        #expect(quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-24 18:59")).keys(.orderReminder).isEmpty)
        let due = quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-24 19:00"))
        #expect(due.keys(.orderReminder).count == 2)
        #expect(due.notices(.orderReminder).first?.dueAt == at("2026-10-24T17:00:00Z"))
    }

    @Test("duty_call lead counts absolute hours across the October change: 96 h before 18:30 is 19:30 summer time")
    func dutyCallAcrossAutumnChange() {
        let fixture = ScheduleFixture(start: "2026-10-28 18:30", end: "2026-10-28 20:00", dutyNeeded: 1)
        #expect(quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-24 19:29")).keys(.dutyCall).isEmpty)
        let due = quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-24 19:30"))
        #expect(due.keys(.dutyCall) == ["duty_call/d42/m1", "duty_call/d42/m2", "duty_call/d42/m3"])
        #expect(due.notices(.dutyCall).first?.dueAt == at("2026-10-24T17:30:00Z"))
    }

    @Test("the statement keeps 10:00 local whatever the offset, even on the day the clocks change")
    func statementAtLocalTen() {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions = []
        fixture.schedule.contracts[1]!.endsOn = LocalDate("2026-03-26")!
        fixture.schedule.contracts[2]!.endsOn = LocalDate("2026-10-22")!
        fixture.schedule.endedContracts = [1, 2]
        let spring = quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-03-29 10:00"))
        #expect(spring.notices(.statement).map(\.dueAt) == [at("2026-03-29T08:00:00Z"), at("2026-03-29T08:00:00Z")])
        let autumn = quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-25 10:00"))
        #expect(autumn.keys(.statement) == ["statement/c2/m1", "statement/c2/m3"])
        #expect(autumn.notices(.statement).first?.dueAt == at("2026-10-25T09:00:00Z"))
    }

    @Test("the digest keeps 08:00 local on both sides of the October change")
    func digestAtLocalEight() {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions = []
        fixture.addCoordinators()
        fixture.addDebt(member: 2, contract: 1, since: "2026-10-20 09:00", paid: 0, ordered: 500)
        let saturday = quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-24 08:00"))
        #expect(saturday.notices(.digest).map(\.dueAt) == [at("2026-10-24T06:00:00Z")])
        let sunday = quiet.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-10-25 08:00"))
        #expect(sunday.keys(.digest) == ["digest/g3/2026-10-25"])
        #expect(sunday.notices(.digest).map(\.dueAt) == [at("2026-10-25T07:00:00Z")])
    }
}
