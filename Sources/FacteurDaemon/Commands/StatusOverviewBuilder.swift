import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// Gathers the coordinator's overview (`status --html`) from the outbox, the relay inbox and a forecast
/// of the next days.
struct StatusOverviewBuilder {
    var configuration: Configuration
    var logger: Logger
    var days = 14

    func build(store: Store, now: Date) async throws -> StatusOverview {
        let language = configuration.language
        let status = try await store.read { db in try db.outbox.status(limit: 20) }
        let held = try await store.read { try $0.inbox.held() }
        let end = now.addingTimeInterval(Double(days) * 86_400)
        let queued = try await store.read { db in try db.outbox.queuedGroups(before: end) }
        // A group of AMAPs at a time, as the daemon plans, the network's accounts and activity read once: a network's
        // fortnight foreseen whole took 1.2 GB and 41 s (issue 15). Each group's schedule describes its own lines.
        let forecaster = try NoticeForecast(configuration: configuration, logger: logger)
        let network = try await forecaster.network(store: store, start: now)
        var queuedLines = [StatusOverview.Upcoming?](repeating: nil, count: queued.count)
        var foreseen: [StatusOverview.Upcoming] = []
        var balances: [StatusOverview.NegativeBalance] = []
        var skippedRows: [String] = []
        for group in network.groups {
            let forecast = try await forecaster.run(
                store: store, start: now, days: days, group: group, network: network.accounts,
                networkActivity: network.activity)
            let schedule = forecast.schedule
            let about = TopicDescription(schedule: schedule, language: language)
            for (index, line) in queued.enumerated() where queuedLines[index] == nil {
                guard group == .all || line.amapID.map({ schedule.amaps[$0] != nil }) == true else { continue }
                queuedLines[index] = Self.queuedLine(line, schedule: schedule, about: about, language: language)
            }
            foreseen += Self.foreseenLines(forecast.notices, about: about, now: now, language: language)
            let index = BalanceIndex(schedule)
            balances += schedule.debts.compactMap { debt -> StatusOverview.NegativeBalance? in
                guard let member = schedule.members[debt.memberID], let contract = schedule.contracts[debt.contractID],
                    let balance = index[debt.memberID, debt.contractID]
                else { return nil }
                return .init(
                    member: member.name, contract: contract.name, amap: schedule.amaps[contract.amapID]?.name ?? "",
                    balance: balance.balance, days: Int(now.timeIntervalSince(debt.since) / 86_400))
            }
            skippedRows += schedule.issues.map { $0.text(language) }
        }
        // Queued for no AMAP of any group (a row another tool wrote without one): shown as stored.
        let none = Schedule()
        for (index, line) in queued.enumerated() where queuedLines[index] == nil {
            queuedLines[index] = Self.queuedLine(
                line, schedule: none, about: TopicDescription(schedule: none, language: language), language: language)
        }
        var upcoming = queuedLines.compactMap { $0 } + foreseen
        upcoming.sort { $0.at < $1.at }

        let failures = status.recentFailures.map {
            var failure = StatusOverview.Failure(
                at: $0.at, kindName: NoticeKindNames.name(stored: $0.kind, language),
                state: $0.state, recipient: $0.recipient ?? "", code: $0.code, reason: $0.reason ?? "")
            failure.name = $0.recipientName ?? ""
            return failure
        }
        let sender = status.sender
        return StatusOverview(
            generatedAt: now, timeZone: configuration.timeZone, days: days,
            counts: OutboxState.allCases.map { ($0.rawValue, status.counts[$0] ?? 0) },
            pausedUntil: sender.isPaused(at: now) ? sender.pausedUntil : nil,
            pauseReason: sender.isPaused(at: now) ? sender.reason : nil, upcoming: upcoming, failures: failures,
            balances: balances.sorted { $0.balance.cents < $1.balance.cents },
            held: held.map {
                .init(
                    id: $0.id, receivedAt: $0.receivedAt,
                    sender: $0.senderName.isEmpty ? $0.sender : "\($0.senderName) <\($0.sender)>",
                    subject: $0.subject, relayAddress: $0.recipient, reason: $0.reason ?? "")
            },
            // In the order of their text (table, then row), once, whichever groups found them.
            skippedRows: Set(skippedRows).sorted())
    }

    static func queuedLine(_ group: QueuedGroup, schedule: Schedule, about: TopicDescription, language: Language)
        -> StatusOverview.Upcoming
    {
        .init(
            at: group.at, kind: NoticeKind(rawValue: group.kind),
            kindName: NoticeKindNames.name(stored: group.kind, language),
            amap: group.amapID.flatMap { schedule.amaps[$0]?.name } ?? "", about: about.describe(group.topic),
            recipients: group.count, queued: true, retrying: group.retrying)
    }

    /// The forecast, one line per minute, kind and subject rather than per recipient.
    static func foreseenLines(_ notices: [PlannedNotice], about: TopicDescription, now: Date, language: Language)
        -> [StatusOverview.Upcoming]
    {
        var grouped: [String: StatusOverview.Upcoming] = [:]
        var order: [String] = []
        for notice in notices {
            // A digest's content depends on what happens until then: only the next one is foreseeable.
            if notice.kind == .digest && notice.sendAfter > now.addingTimeInterval(86_400) { continue }
            let id =
                "\(Int(notice.sendAfter.timeIntervalSince1970) / 60)|\(notice.kind.rawValue)|\(notice.key.subject.topic)|\(notice.amap.id)"
            if grouped[id] == nil {
                order.append(id)
                grouped[id] = .init(
                    at: notice.sendAfter, kind: notice.kind, kindName: NoticeKindNames.name(notice.kind, language),
                    amap: notice.amap.name, about: about.describe(notice.key.subject), recipients: 0, queued: false)
            }
            grouped[id]?.recipients += 1
        }
        return order.compactMap { grouped[$0] }
    }
}

/// What a notice is about, in words: which distribution, window or contract.
struct TopicDescription {
    var schedule: Schedule
    var language: Language

    /// A stored topic (`d42`, `w5`, `b7-3`, `c3`); shown as stored when it is not in the grammar.
    func describe(_ topic: String) -> String {
        NoticeSubject(topic: topic).map(describe) ?? topic
    }

    func describe(_ subject: NoticeSubject) -> String {
        let fr = language == .fr
        switch subject {
        case .distribution(let id):
            guard let d = schedule.distributions.first(where: { $0.id == id }), let amap = schedule.amaps[d.amapID]
            else { return subject.topic }
            let dates = HumanDates(language: language, timeZone: amap.timeZone)
            return "\(fr ? "distribution du" : "distribution on") \(dates.dateTime(d.startsAt)), \(d.place)"
        case .orderWindow(let id):
            guard let w = schedule.orderWindows.first(where: { $0.id == id }),
                let contract = schedule.contracts[w.contractID]
            else { return subject.topic }
            return "\(fr ? "commandes" : "orders") \(contract.name)"
        case .endedContract(let id), .debt(_, let id):
            return schedule.contracts[id]?.name ?? subject.topic
        case .coordinator(let id):
            return schedule.members[id].map { (fr ? "pour " : "for ") + $0.name } ?? subject.topic
        case .inbound(let id):
            return (fr ? "message reçu n° " : "received message #") + "\(id)"
        case .round(let producer, let date):
            let name = schedule.producers[producer]?.name ?? subject.topic
            return "\(fr ? "tournée de" : "round of") \(name), \(date)"
        case .member(let id):
            return schedule.members[id]?.name ?? subject.topic
        case .sample, .none:
            return subject.topic
        }
    }
}
