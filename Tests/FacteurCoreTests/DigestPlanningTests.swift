import FacteurCore
import Foundation
import Testing

/// `digest` (DESIGN §2): daily at `digest.at` (08:00 local) to each coordinator with something to report.
/// Jérôme (3) coordinates Légumes, Camille (1) coordinates Œufs.
@Suite struct DigestPlanningTests {
    let planner = Planner.quiet()

    func fixture() -> ScheduleFixture {
        var fixture = ScheduleFixture()
        fixture.schedule.distributions = []
        fixture.addCoordinators()
        return fixture
    }

    func digest(_ result: PlanResult, to member: Int64) throws -> DigestNotice? {
        guard let notice = result.notices(.digest).first(where: { $0.recipient.memberID == member }) else { return nil }
        guard case .digest(let digest) = notice.content else { throw Failure.wrongContent }
        return digest
    }

    @Test("one digest per coordinator per day at 08:00 local; before 08:00 it is the previous day's")
    func onePerCoordinatorPerDay() throws {
        var fixture = fixture()
        fixture.addDebt(member: 2, contract: 1, since: "2026-11-10 09:00", paid: 0, ordered: 1250)
        let early = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 07:59"))
        #expect(early.keys(.digest) == ["digest/g3/2026-11-24"])
        var memory = PlannerMemory()
        let today = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-25 08:00"))
        #expect(today.keys(.digest) == ["digest/g3/2026-11-25"])
        let notice = try #require(today.notices(.digest).first)
        #expect(notice.recipient.email == "jerome@example.net")
        #expect(notice.dueAt == at("2026-11-25 08:00"))
        #expect(notice.lateUntil == at("2026-11-26 08:00"))
        memory.remember(today)
        #expect(planner.plan(fixture.schedule, memory: memory, now: at("2026-11-25 20:00")).keys(.digest).isEmpty)
        let tomorrow = planner.plan(fixture.schedule, memory: memory, now: at("2026-11-26 08:00"))
        #expect(tomorrow.keys(.digest) == ["digest/g3/2026-11-26"])
    }

    @Test("debts go to the coordinator of their contract, with days and 'to call' from the third notice")
    func debts() throws {
        var fixture = fixture()
        fixture.addDebt(member: 2, contract: 1, since: "2026-11-10 09:00", paid: 0, ordered: 1250)
        fixture.addDebt(member: 1, contract: 1, since: "2026-11-20 08:00", paid: 0, ordered: 500)
        fixture.addDebt(member: 3, contract: 2, since: "2026-11-24 12:00", paid: 100, ordered: 400)
        // Seen after the digest's time: tomorrow's news.
        fixture.addDebt(member: 1, contract: 2, since: "2026-11-25 09:00", paid: 0, ordered: 300)
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 10:00"))
        let jerome = try #require(try digest(result, to: 3))
        #expect(
            jerome.debts == [
                .init(member: "Camille", contract: "Légumes", balance: Money(cents: -500), days: 5, persistent: false),
                .init(member: "Hélène", contract: "Légumes", balance: Money(cents: -1250), days: 15, persistent: true),
            ])
        let camille = try #require(try digest(result, to: 1))
        #expect(
            camille.debts == [
                // Seen yesterday at noon: « depuis 1 jour » this morning, though not 24 hours ago.
                .init(member: "Jérôme", contract: "Œufs", balance: Money(cents: -300), days: 1, persistent: false)
            ])
    }

    @Test("sent counts alone are no reason to write; a failure is, with its counts and reason")
    func failures() throws {
        var fixture = fixture()
        fixture.schedule.activity = [
            OutboxActivity(
                amapID: 1, kind: "announcement", state: "sent", recipient: "camille@example.net", code: 250,
                reason: nil, at: at("2026-11-24 18:30"))
        ]
        let now = at("2026-11-25 08:00")
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: now).keys(.digest).isEmpty)
        fixture.schedule.activity += [
            OutboxActivity(
                amapID: 1, kind: "announcement", state: "failed", recipient: "zoe@example.net", code: 550,
                reason: "5.1.1 No such user", at: at("2026-11-24 18:31")),
            // More than 24 hours before the digest: yesterday's digest told it.
            OutboxActivity(
                amapID: 1, kind: "duty_call", state: "failed", recipient: "old@example.net", code: 550,
                reason: "5.1.1", at: at("2026-11-24 07:59")),
        ]
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: now)
        #expect(result.keys(.digest) == ["digest/g1/2026-11-25", "digest/g3/2026-11-25"])
        let digest = try #require(try digest(result, to: 1))
        #expect(digest.sent == [.init(kind: "announcement", count: 1)])
        #expect(digest.failed == [.init(kind: "announcement", count: 1)])
        #expect(
            digest.failures == [
                .init(
                    address: "zoe@example.net", kind: "announcement", state: "failed", reason: "550 5.1.1 No such user")
            ])
    }

    /// Expired notices as the store counts them; `late` nil for those withdrawn, which have no subject either.
    static func expired(
        _ amap: Int64, _ kind: String, at time: String, count: Int, topic: String?,
        late: LateCause? = .notSentInTime
    ) -> OutboxActivity {
        OutboxActivity(
            amapID: amap, kind: kind, state: "expired", recipient: "", code: nil, reason: nil, at: at(time),
            count: count, topic: topic, late: topic == nil ? nil : late)
    }

    @Test("notices given up are named by kind and subject, counted across seconds, and alone worth a digest")
    func givenUp() throws {
        var fixture = ScheduleFixture()
        fixture.addCoordinators()
        let start = try #require(fixture.schedule.distributions.first { $0.id == 42 }?.startsAt)
        fixture.schedule.activity = [
            // Facteur started again after an outage: the announcements of d42 recorded over two seconds.
            Self.expired(1, "announcement", at: "2026-11-24 18:30", count: 30, topic: "d42"),
            Self.expired(1, "announcement", at: "2026-11-24 18:31", count: 18, topic: "d42"),
            Self.expired(1, "order_reminder", at: "2026-11-24 18:30", count: 1, topic: "w999"),
            // Two members' debts on one contract: each its own subject, one line.
            Self.expired(1, "negative_balance", at: "2026-11-24 18:32", count: 1, topic: "b1-1"),
            Self.expired(1, "negative_balance", at: "2026-11-24 18:32", count: 1, topic: "b2-1"),
            // Another AMAP's, and one from before the digest's 24 hours: not this digest's.
            Self.expired(2, "announcement", at: "2026-11-24 18:30", count: 5, topic: "d43"),
            Self.expired(1, "duty_call", at: "2026-11-24 07:00", count: 2, topic: "d42"),
            // Withdrawn with a cancelled distribution: not late, so not named (counted as before).
            Self.expired(1, "duty_call", at: "2026-11-24 19:00", count: 4, topic: nil),
        ]
        let result = planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 08:00"))
        let digest = try #require(try digest(result, to: 3))
        #expect(
            digest.missed == [
                .init(kind: "announcement", count: 48, when: start, place: "Préau"),
                // A window no longer in the schedule: its kind alone.
                .init(kind: "order_reminder", count: 1),
                .init(kind: "negative_balance", count: 2, contract: "Légumes"),
            ])
        #expect(digest.hasSomethingToReport)
        #expect(
            digest.failed == [
                .init(kind: "announcement", count: 48), .init(kind: "duty_call", count: 4),
                .init(kind: "negative_balance", count: 2), .init(kind: "order_reminder", count: 1),
            ])
    }

    @Test("notices the planner saw only too late are listed when a digest is written, and no reason to write one")
    func seenLateAlone() throws {
        var fixture = ScheduleFixture()
        fixture.addCoordinators()
        // A member who joined after the call for volunteers, or Facteur stopped: the planner cannot tell.
        fixture.schedule.activity = [
            Self.expired(1, "duty_call", at: "2026-11-24 18:30", count: 1, topic: "d42", late: .seenLate),
            // A lost digest is not a message to pass on.
            Self.expired(1, "digest", at: "2026-11-24 18:30", count: 1, topic: "g3"),
        ]
        let now = at("2026-11-25 08:00")
        #expect(planner.plan(fixture.schedule, memory: PlannerMemory(), now: now).keys(.digest).isEmpty)
        fixture.schedule.reports = [
            CoordinatorReport(
                .badRow(table: "distribution", rowID: "43"), amapID: 1, detail: "place is empty",
                firstSeen: at("2026-11-24 10:00"), lastSeen: at("2026-11-25 07:00"))
        ]
        let digest = try #require(try digest(planner.plan(fixture.schedule, memory: PlannerMemory(), now: now), to: 3))
        let start = try #require(fixture.schedule.distributions.first { $0.id == 42 }?.startsAt)
        #expect(digest.missed == [.init(kind: "duty_call", count: 1, when: start, place: "Préau", isNews: false)])
    }

    @Test("a member to call is listed the day they are first noticed; a skipped row every day it lasts")
    func toCallOnceSkippedRowsDaily() throws {
        var fixture = fixture()
        fixture.schedule.members[2]!.phone = "06 12 34 56 78"
        fixture.schedule.reports = [
            CoordinatorReport(
                .unreachable(member: 2), amapID: 1, detail: "announcement d42",
                firstSeen: at("2026-11-24 18:30"), lastSeen: at("2026-11-25 07:00")),
            CoordinatorReport(
                .badRow(table: "distribution", rowID: "43"), amapID: 1, detail: "place is empty",
                firstSeen: at("2026-11-20 10:00"), lastSeen: at("2026-11-25 07:00")),
        ]
        let first = try #require(
            try digest(planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 08:00")), to: 3))
        // The kind and the distribution's start travel with it, for the digest to say them in words.
        #expect(
            first.toCall == [
                .init(
                    name: "Hélène", phone: "06 12 34 56 78", about: "announcement d42", kind: .announcement,
                    when: fixture.schedule.distributions.first { $0.id == 42 }?.startsAt)
            ])
        #expect(first.skippedRows == ["distribution/43 — place is empty"])
        for i in fixture.schedule.reports.indices { fixture.schedule.reports[i].lastSeen = at("2026-11-26 07:00") }
        let next = try #require(
            try digest(planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-26 08:00")), to: 3))
        #expect(next.toCall.isEmpty)
        #expect(next.skippedRows == ["distribution/43 — place is empty"])
    }

    @Test("a member to call about a statement or a debt is told the contract and the balance as it is now")
    func toCallAccounts() throws {
        var fixture = fixture()
        fixture.addDebt(member: 2, contract: 1, since: "2026-11-20 09:00", paid: 0, ordered: 1250)
        fixture.schedule.members[2]!.email = nil
        fixture.schedule.reports = [
            CoordinatorReport(
                .unreachable(member: 2), amapID: 1, detail: "statement c1",
                firstSeen: at("2026-11-24 18:30"), lastSeen: at("2026-11-25 07:00")),
            CoordinatorReport(
                .unreachable(member: 2), amapID: 1, detail: "negative_balance b2-1",
                firstSeen: at("2026-11-24 18:31"), lastSeen: at("2026-11-25 07:00")),
            // A contract no longer in the schedule: its kind alone, no balance.
            CoordinatorReport(
                .unreachable(member: 2), amapID: 1, detail: "statement c99",
                firstSeen: at("2026-11-24 18:32"), lastSeen: at("2026-11-25 07:00")),
        ]
        let digest = try #require(
            try digest(planner.plan(fixture.schedule, memory: PlannerMemory(), now: at("2026-11-25 08:00")), to: 3))
        #expect(digest.toCall.map(\.contract) == ["Légumes", "Légumes", nil])
        #expect(digest.toCall.map(\.balance) == [Money(cents: -1250), Money(cents: -1250), nil])
        #expect(digest.toCall.map(\.kind) == [.statement, .negativeBalance, .statement])
    }

    @Test("a held relay message goes to its contract's coordinator only; a sender pause to every coordinator")
    func heldAndPaused() throws {
        var fixture = fixture()
        fixture.schedule.reports = [
            CoordinatorReport(
                .held(contract: 2), amapID: nil, detail: "message de inconnu@example.com",
                firstSeen: at("2026-11-24 15:00"), lastSeen: at("2026-11-24 15:00"))
        ]
        let now = at("2026-11-25 08:00")
        let held = planner.plan(fixture.schedule, memory: PlannerMemory(), now: now)
        #expect(held.keys(.digest) == ["digest/g1/2026-11-25"])
        #expect(try digest(held, to: 1)?.heldRelayMessages == ["message de inconnu@example.com"])
        fixture.schedule.reports = [
            CoordinatorReport(
                .systemic("smtp"), amapID: nil, detail: "authentication refused",
                firstSeen: at("2026-11-24 23:00"), lastSeen: at("2026-11-25 07:30"))
        ]
        let paused = planner.plan(fixture.schedule, memory: PlannerMemory(), now: now)
        #expect(paused.keys(.digest) == ["digest/g1/2026-11-25", "digest/g3/2026-11-25"])
        #expect(try digest(paused, to: 3)?.pauses == ["authentication refused"])
    }
}
