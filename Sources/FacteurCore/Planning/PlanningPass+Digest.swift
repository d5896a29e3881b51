import Foundation

/// `digest`: daily at `digest.at` to each coordinator who has something to report (DESIGN §2).
extension PlanningPass {
    mutating func planDigests(balances: BalanceIndex, from first: Int) -> Bool {
        let coordinators = schedule.coordinatorIDs
        guard coordinators.count > first else { return true }
        let index = DigestIndex(schedule, balances: balances)
        return walk(.digests, coordinators, from: first) { pass, coordinatorID in
            pass.planDigest(for: coordinatorID, index: index)
        }
    }

    private mutating func planDigest(for coordinatorID: Int64, index: DigestIndex) {
        guard let coordinator = schedule.members[coordinatorID], let amap = schedule.amaps[coordinator.amapID]
        else { return }
        let minutes = settings.digestAtMinutes
        var day = LocalDate(now, in: amap.timeZone)
        var due = day.at(hour: minutes / 60, minute: minutes % 60, in: amap.timeZone)
        if due > now {
            result.noteFuture(due)
            day = day.adding(days: -1)
            due = day.at(hour: minutes / 60, minute: minutes % 60, in: amap.timeZone)
        } else {
            let tomorrow = day.adding(days: 1)
            result.noteFuture(tomorrow.at(hour: minutes / 60, minute: minutes % 60, in: amap.timeZone))
        }
        let key = NoticeKey(.digest, .coordinator(coordinatorID), [.day(day)])
        guard !memory.existingKeys.contains(key) else { return }
        let digest = digestContent(for: coordinator, amap: amap, day: day, due: due, index: index)
        guard digest.hasSomethingToReport else { return }
        emit(
            key, window: Window(due: due, lateUntil: due.addingTimeInterval(86_400)), amap: amap, member: coordinator,
            replyTo: nil
        ) { .digest(digest) }
    }

    func digestContent(for coordinator: Member, amap: Amap, day: LocalDate, due: Date, index: DigestIndex)
        -> DigestNotice
    {
        let since = due.addingTimeInterval(-86_400)
        let recent = (index.activityByAmap[amap.id] ?? []).filter { $0.at >= since && $0.at < due }
        func counts(_ states: Set<String>) -> [DigestNotice.Count] {
            Dictionary(grouping: recent.filter { states.contains($0.state) }, by: \.kind)
                .map { DigestNotice.Count(kind: $0.key, count: $0.value.reduce(0) { $0 + $1.count }) }
                .sorted { $0.kind < $1.kind }
        }
        let failures = recent.filter { ["failed", "quarantined"].contains($0.state) }.map { failure in
            let detail = Self.detail(failure)
            return DigestNotice.Failure(
                address: failure.recipient, name: failure.recipientName, kind: failure.kind, state: failure.state,
                reason: Self.failureReason(code: failure.code, reason: failure.reason), when: when(of: detail),
                place: place(of: detail), contract: contract(of: detail).flatMap { schedule.contracts[$0]?.name })
        }
        let repeatSeconds = settings.negativeBalanceRepeatDays * 86_400
        let debts = (index.debtsByCoordinator[coordinator.id] ?? []).compactMap { debt -> DigestNotice.DebtLine? in
            guard debt.since < due, let contract = schedule.contracts[debt.contractID],
                let balance = index.balances[debt.memberID, debt.contractID],
                let member = schedule.members[debt.memberID]
            else { return nil }
            let elapsed = max(0, due.timeIntervalSince(debt.since))
            // In calendar days of the AMAP: a debt seen yesterday evening is « depuis 1 jour » this morning, not
            // « depuis aujourd'hui » (noon to noon, so a daylight-saving change counts as a day).
            let first = LocalDate(debt.since, in: amap.timeZone).at(hour: 12, minute: 0, in: amap.timeZone)
            let today = LocalDate(due, in: amap.timeZone).at(hour: 12, minute: 0, in: amap.timeZone)
            return DigestNotice.DebtLine(
                member: member.name, contract: contract.name, balance: balance.balance,
                days: max(0, Int((today.timeIntervalSince(first) / 86_400).rounded())),
                persistent: Int(elapsed / repeatSeconds) + 1 >= 3)
        }.sorted { ($0.member, $0.contract) < ($1.member, $1.contract) }
        // Reports active during the digest's 24 hours (not those that appeared after it was due).
        let reports = ((index.reportsByAmap[amap.id] ?? []) + index.networkReports).filter {
            $0.firstSeen < due && $0.lastSeen >= since
        }
        var toCall: [DigestNotice.ToCall] = []
        // A member to call is told once, the day it is first noticed; skipped rows and pauses are repeated
        // while they last, since someone has to fix them. Each notice a member missed is its own line, in the
        // order they came: a cancellation and the reinstatement after it are both news to pass on.
        for report in reports where report.firstSeen >= since {
            guard case .unreachable(let id) = report.topic, let member = schedule.members[id],
                !toCall.contains(where: { $0.name == member.name && $0.about == report.detail })
            else { continue }
            let contractID = contract(of: report.detail)
            toCall.append(
                .init(
                    name: member.name, phone: member.phone, about: report.detail, kind: Self.kind(of: report.detail),
                    when: when(of: report.detail), place: place(of: report.detail),
                    contract: contractID.flatMap { schedule.contracts[$0]?.name },
                    balance: Self.kind(of: report.detail).flatMap { kind -> Money? in
                        guard kind == .negativeBalance || kind == .statement, let contractID else { return nil }
                        return index.balances[member.id, contractID]?.balance
                    }))
        }
        // The day's answers by mail for this AMAP's distributions (a sign-up or a withdrawal is news to act on).
        let answers = schedule.dutyAnswers.compactMap { record -> DigestNotice.VolunteerAnswer? in
            guard record.at >= since, record.at < due, record.answer != .closed,
                let d = schedule.distributions.first(where: { $0.id == record.distributionID }), d.amapID == amap.id,
                let member = schedule.members[record.memberID]
            else { return nil }
            // The planner calls again after a withdrawal until two hours before (planDutyCalls).
            return .init(
                member: member.name, distribution: d.startsAt, answer: record.answer,
                inTimeForNewCall: record.at < d.startsAt.addingTimeInterval(-2 * 3600))
        }
        var digest = DigestNotice(
            day: day, sent: counts(["sent"]), failed: counts(["failed", "quarantined", "expired"]), failures: failures,
            debts: debts, toCall: toCall,
            skippedRows: reports.compactMap {
                guard case .badRow = $0.topic else { return nil }
                // A dash reads the same in French and English (a colon wants a space before it in French only).
                return "\($0.topic.subject) — \($0.detail)"
            },
            pauses: reports.compactMap {
                guard case .systemic = $0.topic else { return nil }
                return $0.detail
            },
            heldRelayMessages: (index.heldByCoordinator[coordinator.id] ?? []).filter { $0.firstSeen < due }.map(
                \.detail))
        digest.volunteerAnswers = answers
        digest.missed = missed(in: recent)
        digest.facteurWasStopped = recent.contains { $0.late == .notRunning && $0.kind != NoticeKind.digest.rawValue }
        return digest
    }

    /// The notices given up as too late, one line per kind and subject in the order they were given up: after
    /// an outage, « Annonce de distribution du jeudi 10 décembre… : 48 destinataires » says what to pass on by
    /// other means. A lost digest is not among them: there is nothing in it to pass on, and the next one says
    /// what matters.
    func missed(in recent: [OutboxActivity]) -> [DigestNotice.Missed] {
        var lines: [DigestNotice.Missed] = []
        var index: [String: Int] = [:]
        let late = recent.filter { $0.late != nil && $0.kind != NoticeKind.digest.rawValue }.sorted {
            ($0.at, $0.kind, $0.topic ?? "") < ($1.at, $1.kind, $1.topic ?? "")
        }
        for activity in late {
            let detail = Self.detail(activity)
            let line = DigestNotice.Missed(
                kind: activity.kind, count: activity.count, when: when(of: detail), place: place(of: detail),
                contract: contract(of: detail).flatMap { schedule.contracts[$0]?.name },
                isNews: activity.late == .notSentInTime || activity.late == .notRunning)
            // Lines that read the same are one: thirty debts on one contract (each its own subject, `b7-3`) are
            // « Solde négatif, Légumes : 30 destinataires », not thirty identical lines.
            let instant = line.when.map { String($0.timeIntervalSince1970) } ?? ""
            let same = "\(line.kind)|\(instant)|\(line.place ?? "")|\(line.contract ?? "")"
            if let i = index[same] {
                lines[i].count += activity.count
                lines[i].isNews = lines[i].isNews || line.isNews
                continue
            }
            index[same] = lines.count
            lines.append(line)
        }
        return lines
    }

    /// The server's reply as a coordinator reads it: `550 5.1.1 …` once, not `550 550 5.1.1 …` (the reply
    /// already starts with its code), and only what Facteur saw when no server answered.
    static func failureReason(code: Int?, reason: String?) -> String {
        let text = (reason ?? "").trimmingCharacters(in: .whitespaces)
        guard let code, !text.hasPrefix(String(code)) else { return text }
        return text.isEmpty ? String(code) : "\(code) \(text)"
    }

    /// `announcement d42` (an unreachable member's report) → its kind.
    static func kind(of detail: String) -> NoticeKind? {
        detail.split(separator: " ").first.flatMap { NoticeKind(rawValue: String($0)) }
    }

    /// An outbox row's kind and subject as a report's detail reads (`announcement d42`).
    static func detail(_ activity: OutboxActivity) -> String {
        guard let topic = activity.topic, !topic.isEmpty else { return activity.kind }
        return "\(activity.kind) \(topic)"
    }

    /// `announcement d42` → the distribution d42: what a stored detail (« kind topic ») is about.
    static func subject(of detail: String) -> NoticeSubject? {
        detail.split(separator: " ").dropFirst().first.flatMap { NoticeSubject(topic: String($0)) }
    }

    /// `announcement d42` → the distribution's place as it is now (what a member called about a change needs).
    func place(of detail: String) -> String? {
        guard case .distribution(let id)? = Self.subject(of: detail) else { return nil }
        return schedule.distributions.first { $0.id == id }?.place
    }

    /// `order_open w5` → the window's contract; `negative_balance b7-3`, `statement c3` → contract 3.
    func contract(of detail: String) -> Int64? {
        switch Self.subject(of: detail) {
        case .orderWindow(let id)?: return schedule.orderWindows.first { $0.id == id }?.contractID
        case .debt(_, let contract)?, .endedContract(let contract)?: return contract
        default: return nil
        }
    }

    /// `announcement d42` → the distribution's start; `order_open w5` → the window's close.
    func when(of detail: String) -> Date? {
        switch Self.subject(of: detail) {
        case .distribution(let id)?: return schedule.distributions.first { $0.id == id }?.startsAt
        case .orderWindow(let id)?: return schedule.orderWindows.first { $0.id == id }?.closesAt
        default: return nil
        }
    }
}
