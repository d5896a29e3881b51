import Foundation

/// Account notices (`negative_balance`, `statement`) list a member's every order on the contract. A tick reads those
/// histories only for the notices it finds due (see `Schedule.accountHistories`): the planner builds them
/// incomplete, the daemon reads the contracts named here, then completes them before rendering.
extension PlanResult {
    /// The contracts of the account notices to send that were built without their order history.
    public var incompleteAccountContracts: Set<Int64> {
        var contracts = Set<Int64>()
        for notice in notices where !notice.expired {
            if case .account(let account) = notice.content, !account.isComplete { contracts.insert(account.contractID) }
        }
        return contracts
    }

    /// Builds again, from `schedule` (which now holds their histories), the account notices built without them, the
    /// way the planner builds them. One whose history `schedule` still lacks stays incomplete, and is not rendered.
    public mutating func completeAccounts(from schedule: Schedule) {
        for index in notices.indices {
            guard case .account(let account) = notices[index].content, !account.isComplete,
                let contract = schedule.contracts[account.contractID]
            else { continue }
            notices[index].content = .account(
                PlanningPass.account(
                    member: account.memberID, contract: contract, since: account.debtSince,
                    number: account.noticeNumber, countedOnly: account.countedOnly, deciding: account.deciding,
                    in: schedule))
        }
    }

    /// Takes out the negative-balance notices whose figures, complete, are not the balance that decided them, and
    /// names each for the coordinators. The balance counts every order line of a closed window, and every payment;
    /// the mail shows what the planner could read, from a later read: a window it skips (a date that is no date),
    /// or a payment recorded between the two reads, would have the member read « il manque 0,00 € » under a
    /// debt. Held, it is planned again at the next tick, and sent once the rows agree.
    public mutating func holdAccountsOffTheirBalance() -> [ScheduleIssue] {
        var issues: [ScheduleIssue] = []
        notices.removeAll { notice in
            guard !notice.expired, case .account(let account) = notice.content, account.isComplete,
                let deciding = account.deciding, account.balance != deciding
            else { return false }
            issues.append(
                ScheduleIssue(
                    table: "balance", rowID: "\(account.memberID)/\(account.contractID)", amapID: notice.amap.id,
                    problem: .init(
                        fr: "les commandes et paiements lisibles du membre \(account.memberID) sur le contrat "
                            + "\(account.contractID) ne font pas son solde (une commande dont la date est illisible, ou "
                            + "une saisie entre deux lectures) ; ce solde n'est pas envoyé",
                        en: "the readable orders and payments of member \(account.memberID) on contract "
                            + "\(account.contractID) do not make their balance (an order whose date cannot be read, or "
                            + "an entry between two reads); this balance is not mailed")))
            return true
        }
        return issues
    }
}
