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
                    number: account.noticeNumber, countedOnly: account.countedOnly, in: schedule))
        }
    }
}
