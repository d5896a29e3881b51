import Foundation

/// `negative_balance` and `statement` (DESIGN §2).
extension Planner {
    func planNegativeBalances(
        _ schedule: Schedule, balances: BalanceIndex, memory: PlannerMemory, now: Date, from start: Int,
        into result: inout PlanResult
    ) -> Int? {
        let repeatSeconds = settings.negativeBalanceRepeatDays * 86_400
        let debts = schedule.debts.sorted(by: { ($0.memberID, $0.contractID) < ($1.memberID, $1.contractID) })
        for (position, debt) in debts.enumerated() where position >= start {
            if result.truncated { return position - 1 }  // the previous one filled the pass
            guard let balance = balances[debt.memberID, debt.contractID],
                balance.balance.cents < -settings.negativeBalanceThresholdCents,
                let member = schedule.members[debt.memberID], let contract = schedule.contracts[debt.contractID],
                let amap = schedule.amaps[contract.amapID]
            else { continue }
            // First when seen, then every repeat_days while it lasts: the n-th notice is due at
            // since + (n − 1) × repeat. After an outage only the latest one is sent.
            let elapsed = max(0, now.timeIntervalSince(debt.since))
            let n = Int(elapsed / repeatSeconds) + 1
            let due = debt.since.addingTimeInterval(Double(n - 1) * repeatSeconds)
            result.noteFuture(due.addingTimeInterval(repeatSeconds))
            let window = Window(due: due, lateUntil: due.addingTimeInterval(repeatSeconds))
            let since = Int64(debt.since.timeIntervalSince1970)
            let key = NoticeKey(
                .negativeBalance, .debt(member: debt.memberID, contract: debt.contractID), [.episode(since), .number(n)])
            let coordinator = contract.coordinatorID.flatMap { schedule.members[$0]?.email }
            emit(
                .negativeBalance, key: key, window: window, amap: amap, member: member,
                replyTo: coordinator ?? amap.replyTo, schedule: schedule, memory: memory, now: now, into: &result
            ) {
                .account(
                    account(member: member.id, contract: contract, schedule: schedule, since: debt.since, number: n))
            }
        }
        return result.truncated ? debts.count - 1 : nil
    }

    func planStatements(
        _ schedule: Schedule, memory: PlannerMemory, now: Date, from start: Int, into result: inout PlanResult
    ) -> Int? {
        let ended = schedule.endedContracts.sorted()
        for (position, contractID) in ended.enumerated() where position >= start {
            if result.truncated { return position - 1 }  // the previous one filled the pass
            guard let contract = schedule.contracts[contractID], let amap = schedule.amaps[contract.amapID] else {
                continue
            }
            let due = contract.endsOn.adding(days: settings.statementDaysAfterEnd)
                .at(hour: 10, minute: 0, in: amap.timeZone)
            let window = Window(due: due, lateUntil: due.addingTimeInterval(30 * 86_400))
            let coordinator = contract.coordinatorID.flatMap { schedule.members[$0]?.email }
            for memberID in schedule.subscribers[contractID] ?? [] {
                guard let member = schedule.members[memberID] else { continue }
                emit(
                    .statement, key: NoticeKey(.statement, .endedContract(contractID), to: .member(memberID)), window: window, amap: amap,
                    member: member, replyTo: coordinator ?? amap.replyTo, schedule: schedule, memory: memory,
                    now: now, into: &result
                ) { .account(account(member: memberID, contract: contract, schedule: schedule, since: nil, number: 0)) }
            }
        }
        return result.truncated ? ended.count - 1 : nil
    }

    func account(member: Int64, contract: Contract, schedule: Schedule, since: Date?, number: Int) -> AccountNotice {
        AccountNotice(
            contract: contract, producer: schedule.producers[contract.producerID],
            windows: schedule.contractWindows[contract.id] ?? [],
            lines: (schedule.contractLines[contract.id] ?? []).filter { $0.memberID == member },
            payments: (schedule.payments[contract.id] ?? []).filter { $0.memberID == member }, debtSince: since,
            noticeNumber: number)
    }
}
