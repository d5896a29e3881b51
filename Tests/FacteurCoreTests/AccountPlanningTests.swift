import FacteurCore
import Foundation
import Testing

/// `negative_balance` and `statement` (DESIGN §2). Camille (1) owes 12,50 € on Légumes since 10 November
/// at 14:00; Jérôme (3) coordinates Légumes.
@Suite struct AccountPlanningTests {
    let planner = Planner.quiet()

    func fixture(paid: Int64 = 1000, ordered: Int64 = 2250) -> ScheduleFixture {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions = []
        fixture.addCoordinators()
        fixture.addDebt(member: 1, contract: 1, since: "2026-11-10 14:00", paid: paid, ordered: ordered)
        return fixture
    }

    var since: Int64 { epoch(at("2026-11-10 14:00")) }

    @Test("the first negative_balance is due when the debt is first seen, replying to the coordinator")
    func firstNotice() throws {
        let result = planner.plan(fixture().schedule, memory: PlannerMemory(), now: at("2026-11-10 14:00"))
        #expect(result.keys(.negativeBalance) == ["negative_balance/b1-1/e\(since)/n1"])
        let notice = try #require(result.notices.first)
        #expect(notice.recipient.email == "camille@example.net")
        #expect(notice.replyTo == "jerome@example.net")
        #expect(notice.dueAt == at("2026-11-10 14:00"))
        guard case .account(let account) = notice.content else { throw Failure.wrongContent }
        #expect(account.noticeNumber == 1)
        #expect(account.debtSince == at("2026-11-10 14:00"))
        #expect(account.contract == "Légumes")
    }

    @Test("while the debt lasts, the next notice is due every repeat_days, numbered on")
    func repeats() {
        let fixture = fixture()
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-10 14:00")))
        let quiet = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-17 13:59"))
        #expect(quiet.keys(.negativeBalance).isEmpty)
        #expect(quiet.nextDueAt == at("2026-11-17 14:00"))
        let second = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-17 14:00"))
        #expect(second.keys(.negativeBalance) == ["negative_balance/b1-1/e\(since)/n2"])
    }

    @Test("after an outage only the latest notice is sent, not the ones missed")
    func onlyLatestAfterOutage() {
        let result = planner.plan(fixture().schedule, memory: PlannerMemory(), now: at("2026-11-30 09:00"))
        #expect(result.keys(.negativeBalance) == ["negative_balance/b1-1/e\(since)/n3"])
        #expect(result.notices(.negativeBalance).first?.expired == false)
        #expect(result.notices(.negativeBalance).first?.dueAt == at("2026-11-24 14:00"))
    }

    @Test("no notice unless the balance is below −threshold, and none once it is back to zero")
    func threshold() {
        let strict = Planner.quiet { $0.negativeBalanceThresholdCents = 1500 }
        let now = at("2026-11-10 14:00")
        #expect(strict.plan(fixture().schedule, memory: PlannerMemory(), now: now).keys(.negativeBalance).isEmpty)
        #expect(strict.plan(fixture(paid: 0).schedule, memory: PlannerMemory(), now: now).keys(.negativeBalance).count == 1)
        // A stale debt row whose balance is settled sends nothing.
        #expect(planner.plan(fixture(paid: 2250).schedule, memory: PlannerMemory(), now: now).keys(.negativeBalance).isEmpty)
    }

    @Test("a statement goes to each subscriber of an ended contract, days_after_end later at 10:00 local")
    func statement() throws {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions = []
        fixture.addCoordinators()
        fixture.schedule.endedContracts = [2]  // Œufs, ended on 1 March 2027; Camille and Jérôme subscribe
        fixture.schedule.payments[2] = [
            Payment(memberID: 3, contractID: 2, amount: Money(cents: 4000), receivedOn: LocalDate("2026-09-02")!)
        ]
        let early = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2027-03-04 09:59"))
        #expect(early.keys(.statement).isEmpty)
        #expect(early.nextDueAt == at("2027-03-04 10:00"))
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2027-03-04 10:00"))
        #expect(result.keys(.statement) == ["statement/c2/m1", "statement/c2/m3"])
        let statements = result.notices(.statement)
        #expect(statements.allSatisfy { $0.replyTo == "camille@example.net" })
        // 30 days of absolute time: summer time has begun meanwhile, so 11:00 local.
        #expect(statements.allSatisfy { $0.lateUntil == at("2027-04-03 11:00") })
        guard case .account(let jerome) = statements[1].content else { throw Failure.wrongContent }
        #expect(jerome.paid == Money(cents: 4000))
        #expect(jerome.debtSince == nil)
    }

    @Test("a statement seen more than 30 days late is recorded expired, never sent")
    func statementExpires() {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions = []
        fixture.schedule.endedContracts = [2]
        let late = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2027-04-03 11:00"))
        #expect(late.notices.count == 2 && late.notices.allSatisfy { $0.expired })
        let forgotten = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2027-04-10 11:01"))
        #expect(forgotten.notices.isEmpty)
    }
}
