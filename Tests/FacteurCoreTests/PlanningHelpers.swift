import FacteurCore
import Foundation

/// Small helpers shared by the planning specifications: a planner without quiet hours, keys as strings,
/// a memory fed with what a pass planned, and the pieces of schedule the order, account and digest rules read.
extension Planner {
    /// A planner with quiet hours off (so `sendAfter` is not in the way), other settings as `tweak` says.
    static func quiet(_ tweak: (inout NoticeSettings) -> Void = { _ in }) -> Planner {
        var settings = NoticeSettings()
        settings.quietHours = .none
        tweak(&settings)
        return Planner(settings: settings)
    }
}

extension PlanResult {
    /// The keys of the notices of one kind, in planning order.
    func keys(_ kind: NoticeKind) -> [String] { notices.filter { $0.kind == kind }.map(\.key.rawValue) }

    func notices(_ kind: NoticeKind) -> [PlannedNotice] { notices.filter { $0.kind == kind } }
}

extension PlannerMemory {
    /// Everything a pass planned, as the outbox would hold it afterwards.
    mutating func remember(_ result: PlanResult) { remember(result.notices) }
}

/// Seconds since 1970, as order and debt keys carry them.
func epoch(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970) }

func at(_ text: String) -> Date { ScheduleFixture.at(text) }

extension ScheduleFixture {
    /// Jérôme (3) coordinates Légumes (contract 1), Camille (1) coordinates Œufs (contract 2), and Julie, who
    /// grows the vegetables, has an address.
    mutating func addCoordinators() {
        schedule.contracts[1]!.coordinatorID = 3
        schedule.contracts[2]!.coordinatorID = 1
        schedule.producers[1]!.email = "julie@ferme-du-pre.example.org"
    }

    /// An order window on Légumes (subscribers: Camille and Hélène) for distribution 42.
    mutating func addWindow(
        id: Int64 = 5, contract: Int64 = 1, opens: String = "2026-11-16 09:00", closes: String = "2026-11-22 20:00",
        distribution: Int64? = 42
    ) {
        schedule.orderWindows.append(
            OrderWindow(
                id: id, contractID: contract, opensAt: Self.at(opens), closesAt: Self.at(closes), distributionID: distribution))
    }

    mutating func addOrder(window: Int64 = 5, member: Int64, product: String, quantity: Int64, cents: Int64) {
        schedule.orderLines[window, default: []].append(
            OrderLine(
                windowID: window, memberID: member, product: product, quantity: quantity,
                unitPrice: Money(cents: cents)))
    }

    /// A debt on a contract, with the balance behind it.
    mutating func addDebt(member: Int64, contract: Int64, since: String, paid: Int64, ordered: Int64) {
        schedule.debts.append(Debt(memberID: member, contractID: contract, since: Self.at(since)))
        schedule.balances.append(
            Balance(memberID: member, contractID: contract, paid: Money(cents: paid), ordered: Money(cents: ordered)))
    }
}
