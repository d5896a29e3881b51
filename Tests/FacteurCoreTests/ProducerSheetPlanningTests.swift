import FacteurCore
import Foundation
import Testing

/// `producer_sheet` (DESIGN §2). Julie (producer 1) delivers on 26 November to the AMAP des Lilas (Légumes,
/// 18:30, distribution 42) and to the AMAP du Moulin (Panier légumes, 17:00, distribution 57). The Lilas
/// window closes on the 24th at 20:00, the Moulin one on the 25th at 12:00.
@Suite struct ProducerSheetPlanningTests {
    let planner = Planner.quiet()

    func fixture(moulinCloses: String = "2026-11-25 12:00") -> ScheduleFixture {
        var fixture = ScheduleFixture()
        fixture.addCoordinators()
        let s = ScheduleFixture.self
        fixture.schedule.amaps[2] = Amap(
            id: 2, name: "AMAP du Moulin", email: "contact@moulin.example.org", timeZone: ScheduleFixture.paris)
        fixture.schedule.members[20] = Member(id: 20, amapID: 2, name: "Karim", email: "karim@example.net")
        fixture.schedule.members[21] = Member(id: 21, amapID: 2, name: "Lou", email: "lou@example.net")
        fixture.schedule.contracts[10] = Contract(
            id: 10, amapID: 2, producerID: 1, name: "Panier légumes", startsOn: LocalDate("2026-09-01")!,
            endsOn: LocalDate("2027-03-01")!)
        fixture.schedule.subscribers[10] = [20, 21]
        fixture.schedule.distributions.append(
            Distribution(
                id: 57, amapID: 2, startsAt: s.at("2026-11-26 17:00"), endsAt: s.at("2026-11-26 19:00"),
                place: "Halle du marché"))
        fixture.schedule.deliveries[57] = [Delivery(distributionID: 57, contractID: 10)]
        fixture.addWindow(id: 7, contract: 1, opens: "2026-11-20 09:00", closes: "2026-11-24 20:00", distribution: 42)
        fixture.addWindow(id: 8, contract: 10, opens: "2026-11-20 09:00", closes: moulinCloses, distribution: 57)
        fixture.addOrder(window: 7, member: 1, product: "Courge", quantity: 1, cents: 300)
        fixture.addOrder(window: 8, member: 20, product: "Courge", quantity: 2, cents: 300)
        return fixture
    }

    @Test("a round is one producer at two or more distributions on one local date: one sheet, stops in time order")
    func oneSheetPerRound() throws {
        let result = planner.plan(fixture().schedule, memory: PlannerMemory(), now: at("2026-11-25 12:00"))
        let sheets = result.notices(.producerSheet)
        #expect(sheets.count == 1)
        let notice = try #require(sheets.first)
        #expect(notice.key.rawValue.hasPrefix("producer_sheet/s1-20261126/f"))
        #expect(notice.recipient.email == "julie@ferme-du-pre.example.org")
        #expect(notice.threadKey == nil)
        guard case .producerSheet(let sheet) = notice.content else { throw Failure.wrongContent }
        #expect(sheet.stops.map(\.distributionID) == [57, 42])
        #expect(sheet.stops.map(\.shares) == [[.init(contract: "Panier légumes", count: 2)], [.init(contract: "Légumes", count: 2)]])
        #expect(sheet.totals == [.init(product: "Courge", quantity: 3)])
        #expect(!sheet.isUpdate)
    }

    @Test("no sheet when the other distribution is on another local date or cancelled")
    func noRoundOfOne() {
        var nextDay = fixture()
        nextDay.schedule.distributions[1].startsAt = at("2026-11-27 00:30")
        nextDay.schedule.distributions[1].endsAt = at("2026-11-27 01:30")
        #expect(planner.plan(nextDay.schedule, memory: PlannerMemory(), now: at("2026-11-26 12:00")).keys(.producerSheet).isEmpty)
        var cancelled = fixture()
        cancelled.schedule.distributions[1].cancelled = true
        #expect(planner.plan(cancelled.schedule, memory: PlannerMemory(), now: at("2026-11-26 12:00")).keys(.producerSheet).isEmpty)
    }

    @Test("due when the last feeding window closes, if that is before lead_hours ahead of the first stop")
    func dueAtLastClose() throws {
        let fixture = fixture()
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 11:59")).keys(.producerSheet).isEmpty)
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 12:00"))
        let notice = try #require(result.notices(.producerSheet).first)
        #expect(notice.dueAt == at("2026-11-25 12:00"))
        #expect(notice.lateUntil == at("2026-11-26 17:00"))
    }

    @Test("due lead_hours before the first stop when a window closes later than that")
    func dueAtLead() throws {
        let fixture = fixture(moulinCloses: "2026-11-26 09:00")
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 16:59")).keys(.producerSheet).isEmpty)
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 17:00"))
        #expect(try #require(result.notices(.producerSheet).first).dueAt == at("2026-11-25 17:00"))
    }

    @Test("a changed figure sends an update at once, threaded to the earlier sheet; no change, no update")
    func updateThreadsToEarlierSheet() throws {
        var fixture = fixture()
        var memory = PlannerMemory()
        let first = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-25 12:00"))
        let firstKey = try #require(first.keys(.producerSheet).first)
        memory.remember(first)
        #expect(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-25 13:00")).keys(.producerSheet).isEmpty)
        fixture.addOrder(window: 8, member: 21, product: "Poireaux", quantity: 4, cents: 150)
        let update = try #require(
            planner.plan(fixture.schedule, memory: memory, now: at("2026-11-25 14:00")).notices(.producerSheet).first)
        #expect(update.key.rawValue != firstKey)
        #expect(update.key.rawValue.hasPrefix("producer_sheet/s1-20261126/f"))
        #expect(update.threadKey?.rawValue == firstKey)
        #expect(update.dueAt == at("2026-11-25 14:00"))
        guard case .producerSheet(let sheet) = update.content else { throw Failure.wrongContent }
        #expect(sheet.isUpdate)
        #expect(sheet.totals == [.init(product: "Courge", quantity: 3), .init(product: "Poireaux", quantity: 4)])
    }
}
