import FacteurCore
import Foundation
import Testing

/// `order_open`, `order_reminder` and `order_summary` (DESIGN §2). The window on Légumes opens on
/// 16 November at 09:00 and closes on 22 November at 20:00; Camille (1) and Hélène (2) subscribe to it.
@Suite struct OrderPlanningTests {
    let planner = Planner.quiet()

    func fixture() -> ScheduleFixture {
        var fixture = ScheduleFixture()
        fixture.addCoordinators()
        fixture.addWindow()
        return fixture
    }

    @Test("order_open goes to each subscriber at opens_at, not a minute before, until closes_at − 1 h")
    func openAtOpening() throws {
        let fixture = fixture()
        let early = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-16 08:59"))
        #expect(early.notices.isEmpty)
        #expect(early.nextDueAt == at("2026-11-16 09:00"))
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-16 09:00"))
        #expect(result.keys(.orderOpen) == ["order_open/w5/m1", "order_open/w5/m2"])
        let first = try #require(result.notices(.orderOpen).first)
        #expect(first.dueAt == at("2026-11-16 09:00"))
        #expect(first.lateUntil == at("2026-11-22 19:00"))
        #expect(first.replyTo == "jerome@example.net")
        guard case .order(let order) = first.content else { throw Failure.wrongContent }
        #expect(order.contract == "Légumes")
        #expect(order.distribution?.place == "Préau")
    }

    @Test("order_reminder goes closes_at − 24 h, only to subscribers with no order line in the window")
    func reminderToThoseWhoHaveNotOrdered() {
        var fixture = fixture()
        fixture.addOrder(member: 2, product: "Courge", quantity: 1, cents: 300)
        let close = epoch(at("2026-11-22 20:00"))
        let before = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-21 19:59"))
        #expect(before.keys(.orderReminder).isEmpty)
        let due = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-21 20:00"))
        #expect(due.keys(.orderReminder) == ["order_reminder/w5/m1/c\(close)"])
        #expect(due.notices(.orderReminder).first?.lateUntil == at("2026-11-22 20:00"))
    }

    @Test("moving closes_at re-arms the reminder under a key naming the new close; the same close never twice")
    func movedCloseRearmsReminder() {
        var fixture = fixture()
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-21 20:00")))
        #expect(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-21 21:00")).keys(.orderReminder).isEmpty)
        fixture.schedule.orderWindows[0].closesAt = at("2026-11-23 20:00")
        let moved = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-22 20:00"))
        let close = epoch(at("2026-11-23 20:00"))
        #expect(
            moved.keys(.orderReminder) == ["order_reminder/w5/m1/c\(close)", "order_reminder/w5/m2/c\(close)"])
    }

    @Test("order_summary goes at closes_at to the producer and the coordinator, with totals of those who ordered")
    func summaryAtClose() throws {
        var fixture = fixture()
        fixture.addOrder(member: 1, product: "Courge", quantity: 2, cents: 300)
        fixture.addOrder(member: 2, product: "Courge", quantity: 1, cents: 300)
        fixture.addOrder(member: 2, product: "Poireaux", quantity: 3, cents: 150)
        let close = epoch(at("2026-11-22 20:00"))
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-22 19:59")).keys(.orderSummary).isEmpty)
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-22 20:00"))
        #expect(
            result.keys(.orderSummary) == [
                "order_summary/w5/producer/c\(close)", "order_summary/w5/coordinator/c\(close)",
            ])
        let summaries = result.notices(.orderSummary)
        #expect(summaries.map(\.recipient.email) == ["julie@ferme-du-pre.example.org", "jerome@example.net"])
        #expect(summaries.allSatisfy { $0.lateUntil == at("2026-11-29 20:00") && !$0.expired })
        guard case .orderSummary(let summary) = summaries[0].content else { throw Failure.wrongContent }
        #expect(summary.products.map(\.product) == ["Courge", "Poireaux"])
        #expect(summary.products.map(\.quantity) == [3, 3])
        #expect(summary.members.map(\.name) == ["Camille", "Hélène"])
        #expect(summary.total == Money(cents: 1350))
    }

    @Test("moving closes_at after the summary went re-arms the summary for the new close")
    func movedCloseRearmsSummary() {
        var fixture = fixture()
        var memory = PlannerMemory()
        memory.remember(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-22 20:00")))
        fixture.schedule.orderWindows[0].closesAt = at("2026-11-23 12:00")
        #expect(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-23 11:59")).keys(.orderSummary).isEmpty)
        let close = epoch(at("2026-11-23 12:00"))
        let again = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-23 12:00"))
        #expect(
            again.keys(.orderSummary) == [
                "order_summary/w5/producer/c\(close)", "order_summary/w5/coordinator/c\(close)",
            ])
    }

    @Test("a window shorter than the reminder lead gets no reminder at all")
    func noReminderBeforeOpening() {
        var fixture = ScheduleFixture()
        fixture.addCoordinators()
        fixture.addWindow(opens: "2026-11-22 08:00", closes: "2026-11-22 20:00")
        for time in ["2026-11-22 08:00", "2026-11-22 12:00", "2026-11-22 19:59"] {
            let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at(time))
            #expect(result.keys(.orderReminder).isEmpty, "\(time)")
            #expect(result.keys(.orderOpen).count == 2, "\(time)")
        }
    }

    @Test("seen late, a notice is recorded expired; beyond the look-back it is not recorded at all")
    func expiredAndForgotten() {
        var fixture = fixture()
        fixture.schedule.distributions = []
        let late = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-22 19:30"))
        #expect(late.notices(.orderOpen).count == 2 && late.notices(.orderOpen).allSatisfy { $0.expired })
        #expect(late.notices(.orderReminder).count == 2 && late.notices(.orderReminder).allSatisfy { !$0.expired })
        // Eight days after the close: open and reminder fell out of the 7-day look-back, the summary
        // (late until close + 7 days) is still within it and recorded as expired.
        let week = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-30 20:00"))
        #expect(week.notices.map(\.kind) == [.orderSummary, .orderSummary])
        #expect(week.notices.allSatisfy { $0.expired })
    }

    @Test("a window names its distribution however far away, and an opt-out of reminders is honoured")
    func farDistributionAndOptOut() throws {
        var fixture = ScheduleFixture()
        fixture.addWindow(distribution: 99)
        fixture.schedule.windowDistributions[99] = Distribution(
            id: 99, amapID: 1, startsAt: at("2027-01-14 18:30"), endsAt: at("2027-01-14 20:00"), place: "Halle")
        fixture.schedule.optOuts[1] = [.orderReminder]
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-21 20:00"))
        #expect(result.keys(.orderReminder) == ["order_reminder/w5/m2/c\(epoch(at("2026-11-22 20:00")))"])
        guard case .order(let order) = result.notices(.orderReminder)[0].content else { throw Failure.wrongContent }
        #expect(order.distribution?.place == "Halle")
        #expect(order.distribution?.startsAt == at("2027-01-14 18:30"))
    }
}
