import FacteurCore
import Foundation
import Testing

@Suite struct AnnouncementPlanningTests {
    let planner = Planner(
        settings: {
            var s = NoticeSettings()
            s.quietHours = .none
            return s
        }())

    @Test("nothing is planned before starts_at − 48 h, and the next due time is reported")
    func notBeforeLead() {
        let fixture = ScheduleFixture()
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-24 18:29"))
        #expect(result.notices.isEmpty)
        #expect(result.nextDueAt == ScheduleFixture.at("2026-11-24 18:30"))
    }

    @Test("one announcement per member per distribution, listing all their deliveries")
    func onePerMember() throws {
        let fixture = ScheduleFixture()
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-24 18:30"))
        let keys = result.notices.map(\.key.rawValue)
        #expect(keys == ["announcement/d42/m1", "announcement/d42/m2", "announcement/d42/m3"])
        guard case .distribution(let camille) = result.notices[0].content else { throw Failure.wrongContent }
        #expect(camille.deliveries.map(\.contract) == ["Légumes", "Œufs"])
        guard case .distribution(let helene) = result.notices[1].content else { throw Failure.wrongContent }
        #expect(helene.deliveries.map(\.contract) == ["Légumes"])
        #expect(result.notices.allSatisfy { !$0.expired })
    }

    @Test("a pass plans at most maximumNoticesPerPass notices and says more is due")
    func boundedPass() {
        var settings = NoticeSettings()
        settings.quietHours = .none
        settings.maximumNoticesPerPass = 2
        let fixture = ScheduleFixture()
        let now = ScheduleFixture.at("2026-11-25 09:00")
        let first = Planner(settings: settings).plan(fixture.schedule, memory: PlannerMemory(), now: now)
        #expect(first.notices.count == 2 && first.truncated)
        var memory = PlannerMemory()
        memory.remember(first)
        let second = Planner(settings: settings).plan(fixture.schedule, memory: memory, now: now)
        #expect(second.notices.map(\.key.rawValue) == ["announcement/d42/m3"] && !second.truncated)
    }

    @Test("passes resumed from their cursor plan exactly what one unbounded walk plans, and stop")
    func resumedPasses() {
        var settings = NoticeSettings()
        settings.quietHours = .none
        let fixture = ScheduleFixture()
        let now = ScheduleFixture.at("2026-11-25 09:00")
        let whole = Planner(settings: settings).plan(fixture.schedule, memory: PlannerMemory(), now: now)
        settings.maximumNoticesPerPass = 1
        let planner = Planner(settings: settings)
        var memory = PlannerMemory()
        var cursor: PlanCursor?
        var keys: [String] = []
        var passes = 0
        repeat {
            let pass = planner.plan(fixture.schedule, memory: memory, now: now, resumingAt: cursor)
            memory.remember(pass)
            keys += pass.notices.map(\.key.rawValue)
            cursor = pass.resumeAt
            passes += 1
            #expect(pass.truncated == (pass.resumeAt != nil))
        } while cursor != nil && passes < 10
        #expect(keys.sorted() == whole.notices.map(\.key.rawValue).sorted())
        #expect(passes <= whole.notices.count + 1)
    }

    @Test("expired records have their own, larger budget: a late start records them in few passes")
    func expiredBudget() {
        var settings = NoticeSettings()
        settings.quietHours = .none
        settings.maximumNoticesPerPass = 1
        settings.maximumExpiredPerPass = 3
        let fixture = ScheduleFixture()
        // After the start: every announcement is past its late-until and only recorded as expired.
        let late = ScheduleFixture.at("2026-11-26 19:00")
        let pass = Planner(settings: settings).plan(fixture.schedule, memory: PlannerMemory(), now: late)
        #expect(pass.notices.count == 3 && pass.notices.allSatisfy(\.expired) && !pass.truncated)
        settings.maximumExpiredPerPass = 2
        let bounded = Planner(settings: settings).plan(fixture.schedule, memory: PlannerMemory(), now: late)
        #expect(bounded.notices.count == 2 && bounded.truncated)
    }

    @Test("a key already in the outbox is never planned again")
    func nothingTwice() {
        let fixture = ScheduleFixture()
        let now = ScheduleFixture.at("2026-11-25 09:00")
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: now))
        #expect(planner.plan(fixture.schedule, memory: memory, now: now).notices.isEmpty)
    }

    @Test("a member subscribed after the announcement gets it on the next tick")
    func lateSubscriber() {
        var fixture = ScheduleFixture()
        let now = ScheduleFixture.at("2026-11-25 09:00")
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: now))
        fixture.schedule.members[4] = Member(id: 4, amapID: 1, name: "Zoé", email: "zoe@example.net")
        fixture.schedule.subscribers[2]!.append(4)
        let later = planner.plan(fixture.schedule, memory: memory, now: now.addingTimeInterval(60))
        #expect(later.notices.map(\.key.rawValue) == ["announcement/d42/m4"])
    }

    @Test("inactive, opted-out and email-less members get nothing; the email-less one is to be called")
    func skippedMembers() {
        var fixture = ScheduleFixture()
        fixture.schedule.members[1]!.active = false
        fixture.schedule.members[2]!.email = nil
        fixture.schedule.optOuts[3] = [.announcement]
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-25 09:00"))
        #expect(result.notices.isEmpty)
        #expect(result.unreachable.map(\.memberID) == [2])
    }

    @Test("after starts_at − 2 h the announcement is recorded as expired, never sent")
    func lateStartExpires() {
        let fixture = ScheduleFixture()
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-26 16:31"))
        #expect(result.notices.count == 3)
        #expect(result.notices.allSatisfy { $0.expired })
        let justInTime = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-26 16:29"))
        #expect(justInTime.notices.allSatisfy { !$0.expired })
    }

    @Test("old history beyond the look-back is ignored, not recorded")
    func oldHistoryIgnored() {
        let fixture = ScheduleFixture()
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-12-20 09:00"))
        #expect(result.notices.isEmpty)
    }

    @Test("a cancelled distribution is not announced")
    func cancelledNotAnnounced() {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions[0].cancelled = true
        #expect(
            planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-25 09:00")).notices
                .isEmpty)
    }

    @Test("the member on duty is told so, and everyone sees who is on duty")
    func onDuty() throws {
        var fixture = ScheduleFixture(dutyNeeded: 2)
        fixture.schedule.duties[42] = [Duty(distributionID: 42, memberID: 2, role: "accueil")]
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-25 09:00"))
        let announcements = result.notices.filter { $0.kind == .announcement }
        guard case .distribution(let helene) = announcements[1].content,
            case .distribution(let camille) = announcements[0].content
        else { throw Failure.wrongContent }
        #expect(helene.recipientIsOnDuty)
        #expect(!camille.recipientIsOnDuty)
        #expect(camille.volunteers == [.init(name: "Hélène", role: "accueil")])
        #expect(camille.dutyMissing == 1)
    }
}

enum Failure: Error { case wrongContent }
