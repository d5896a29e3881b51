import Foundation

/// `order_open`, `order_reminder` and `order_summary` (DESIGN §2).
extension PlanningPass {
    mutating func planOrders(from first: Int) -> Bool {
        // Looked up once per pass: a window per contract per week makes per-window scans quadratic.
        let distributions = Dictionary(schedule.distributions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            .merging(schedule.windowDistributions, uniquingKeysWith: { a, _ in a })
        return walk(.orders, schedule.orderWindows.sorted(by: { $0.id < $1.id }), from: first) { pass, window in
            pass.planWindow(window, distribution: window.distributionID.flatMap { distributions[$0] })
        }
    }

    private mutating func planWindow(_ window: OrderWindow, distribution: Distribution?) {
        guard let contract = schedule.contracts[window.contractID], let amap = schedule.amaps[contract.amapID]
        else { return }
        let schedule = self.schedule
        let producer = schedule.producers[contract.producerID]
        let order = OrderNotice(
            window: window, contract: contract.name, producer: producer?.name ?? "", farm: producer?.farm,
            orderURL: contract.orderURL, distribution: distribution)
        let coordinator = contract.coordinatorID.flatMap { schedule.members[$0] }
        let replyTo = coordinator?.email ?? amap.replyTo
        let subscribers = (schedule.subscribers[contract.id] ?? []).compactMap { schedule.members[$0] }
            .filter(\.active)
        let lines = schedule.orderLines[window.id] ?? []
        let ordered = Set(lines.map(\.memberID))
        let close = Int64(window.closesAt.timeIntervalSince1970)

        let open = Window(due: window.opensAt, lateUntil: window.closesAt.addingTimeInterval(-3600))
        for member in subscribers {
            emit(
                NoticeKey(.orderOpen, .orderWindow(window.id), to: .member(member.id)), window: open, amap: amap,
                member: member, replyTo: replyTo
            ) { .order(order) }
        }

        // The close time is part of the key: moving closes_at re-arms the reminder and the summary
        // for the new time, and the same close time never yields a second one.
        let reminderDue = window.closesAt.addingTimeInterval(-settings.orderReminderHoursBeforeClose * 3600)
        if reminderDue >= window.opensAt {
            let reminder = Window(due: reminderDue, lateUntil: window.closesAt)
            for member in subscribers where !ordered.contains(member.id) {
                emit(
                    NoticeKey(.orderReminder, .orderWindow(window.id), to: .member(member.id), [.closing(close)]),
                    window: reminder, amap: amap, member: member, replyTo: replyTo
                ) { .order(order) }
            }
        }

        let summaryWindow = Window(due: window.closesAt, lateUntil: window.closesAt.addingTimeInterval(7 * 86_400))
        // Built only when a summary is emitted, with the names of those who ordered (not every member).
        let summary = {
            OrderSummary(
                order: order, lines: lines,
                memberNames: Dictionary(
                    lines.map { ($0.memberID, schedule.members[$0.memberID]?.name ?? "") },
                    uniquingKeysWith: { a, _ in a }))
        }
        emit(
            NoticeKey(.orderSummary, .orderWindow(window.id), to: .contractProducer, [.closing(close)]),
            window: summaryWindow, amap: amap,
            recipient: producer?.email.map { Recipient(memberID: nil, name: producer?.name ?? "", email: $0) },
            unreachableMember: nil, replyTo: replyTo
        ) { .orderSummary(summary()) }
        if let coordinator {
            emit(
                NoticeKey(.orderSummary, .orderWindow(window.id), to: .contractCoordinator, [.closing(close)]),
                window: summaryWindow, amap: amap,
                recipient: coordinator.email.map {
                    Recipient(memberID: coordinator.id, name: coordinator.name, email: $0)
                },
                unreachableMember: coordinator.id, replyTo: amap.replyTo
            ) { .orderSummary(summary()) }
        }
    }
}
