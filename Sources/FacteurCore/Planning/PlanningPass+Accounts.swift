import Foundation

/// `negative_balance` and `statement` (DESIGN §2).
extension PlanningPass {
    mutating func planNegativeBalances(balances: BalanceIndex, from first: Int) -> Bool {
        let debts = schedule.debts.sorted(by: { ($0.memberID, $0.contractID) < ($1.memberID, $1.contractID) })
        return walk(.negativeBalances, debts, from: first) { pass, debt in
            pass.planDebt(debt, balances: balances)
        }
    }

    private mutating func planDebt(_ debt: Debt, balances: BalanceIndex) {
        let repeatSeconds = settings.negativeBalanceRepeatDays * 86_400
        guard let balance = balances[debt.memberID, debt.contractID],
            balance.balance.cents < -settings.negativeBalanceThresholdCents,
            let member = schedule.members[debt.memberID], let contract = schedule.contracts[debt.contractID],
            let amap = schedule.amaps[contract.amapID]
        else { return }
        // First when seen, then every repeat_days while it lasts: the n-th notice is due at
        // since + (n − 1) × repeat. After an outage only the latest one is sent.
        let elapsed = max(0, now.timeIntervalSince(debt.since))
        let n = Int(elapsed / repeatSeconds) + 1
        let due = debt.since.addingTimeInterval(Double(n - 1) * repeatSeconds)
        result.noteFuture(due.addingTimeInterval(repeatSeconds))
        let since = Int64(debt.since.timeIntervalSince1970)
        let coordinator = contract.coordinatorID.flatMap { schedule.members[$0]?.email }
        emit(
            NoticeKey(
                .negativeBalance, .debt(member: debt.memberID, contract: debt.contractID),
                [.episode(since), .number(n)]),
            window: Window(due: due, lateUntil: due.addingTimeInterval(repeatSeconds)), amap: amap, member: member,
            replyTo: coordinator ?? amap.replyTo
        ) {
            [schedule] in
            // The orders the balance counted (`OrderWindow.countsInBalance`): an order in a window still open may
            // change, and the figures the member reads are the ones that decided.
            .account(
                Self.account(
                    member: member.id, contract: contract, since: debt.since, number: n, countedOnly: true,
                    deciding: balance.balance, in: schedule))
        }
    }

    mutating func planStatements(from first: Int) -> Bool {
        walk(.statements, schedule.endedContracts.sorted(), from: first) { pass, contractID in
            pass.planStatements(of: contractID)
        }
    }

    private mutating func planStatements(of contractID: Int64) {
        guard let contract = schedule.contracts[contractID], let amap = schedule.amaps[contract.amapID] else { return }
        let due = contract.endsOn.adding(days: settings.statementDaysAfterEnd).at(
            hour: 10, minute: 0, in: amap.timeZone)
        let window = Window(due: due, lateUntil: due.addingTimeInterval(30 * 86_400))
        let coordinator = contract.coordinatorID.flatMap { schedule.members[$0]?.email }
        for memberID in schedule.subscribers[contractID] ?? [] {
            guard let member = schedule.members[memberID] else { continue }
            emit(
                NoticeKey(.statement, .endedContract(contractID), to: .member(memberID)), window: window, amap: amap,
                member: member, replyTo: coordinator ?? amap.replyTo
            ) { [schedule] in
                .account(Self.account(member: memberID, contract: contract, since: nil, number: 0, in: schedule))
            }
        }
    }

    /// `countedOnly`: only the orders of the windows the deciding balance counted (`OrderWindow.countsInBalance`,
    /// which the database marks with the balance's own comparison); otherwise every order, as a statement after the
    /// contract's end shows them.
    static func account(
        member: Int64, contract: Contract, since: Date?, number: Int, countedOnly: Bool = false,
        deciding: Money? = nil, in schedule: Schedule
    ) -> AccountNotice {
        var windows = schedule.contractWindows[contract.id] ?? []
        var lines = (schedule.contractLines[contract.id] ?? []).filter { $0.memberID == member }
        if countedOnly {
            windows = windows.filter(\.countsInBalance)
            let counted = Set(windows.map(\.id))
            lines = lines.filter { counted.contains($0.windowID) }
        }
        var account = AccountNotice(
            member: member, contract: contract, producer: schedule.producers[contract.producerID], windows: windows,
            lines: lines, payments: (schedule.payments[contract.id] ?? []).filter { $0.memberID == member },
            debtSince: since, noticeNumber: number)
        account.isComplete = schedule.accountHistories?.contains(contract.id) ?? true
        account.countedOnly = countedOnly
        account.deciding = deciding
        return account
    }
}
