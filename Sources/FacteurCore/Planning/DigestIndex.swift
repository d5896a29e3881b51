import Foundation

/// What every coordinator's digest looks up, grouped once per pass: without it each digest scanned the
/// whole network's activity, debts, balances and reports (quadratic on a network of 2,000 AMAPs).
struct DigestIndex {
    var activityByAmap: [Int64: [OutboxActivity]] = [:]
    var debtsByCoordinator: [Int64: [Debt]] = [:]
    var balances: BalanceIndex
    /// Reports of each AMAP; those with no AMAP (sender pauses) are in `networkReports`.
    var reportsByAmap: [Int64: [CoordinatorReport]] = [:]
    var networkReports: [CoordinatorReport] = []
    var heldByCoordinator: [Int64: [CoordinatorReport]] = [:]

    init(_ schedule: Schedule, balances: BalanceIndex) {
        self.balances = balances
        for a in schedule.activity {
            if let amap = a.amapID { activityByAmap[amap, default: []].append(a) }
        }
        for debt in schedule.debts {
            if let coordinator = schedule.contracts[debt.contractID]?.coordinatorID {
                debtsByCoordinator[coordinator, default: []].append(debt)
            }
        }
        for r in schedule.reports {
            if let amap = r.amapID { reportsByAmap[amap, default: []].append(r) } else { networkReports.append(r) }
            if case .held(let contract) = r.topic,
                let coordinator = schedule.contracts[contract]?.coordinatorID
            {
                heldByCoordinator[coordinator, default: []].append(r)
            }
        }
    }
}
