import Foundation

/// `announcement`, `change`, `cancellation` and `duty_call` (DESIGN §2).
extension Planner {
    func planDistribution(
        _ distribution: Distribution, amap: Amap, schedule: Schedule, index: DistributionIndex, memory: PlannerMemory,
        now: Date, into result: inout PlanResult
    ) {
        let facts = DistributionFacts(distribution, amap: amap, schedule: schedule)
        if !distribution.cancelled {
            planAnnouncements(facts, schedule: schedule, memory: memory, now: now, into: &result)
            planDutyCalls(facts, schedule: schedule, index: index, memory: memory, now: now, into: &result)
            planDutyReminders(facts, schedule: schedule, memory: memory, now: now, into: &result)
        }
        planFollowUps(facts, schedule: schedule, index: index, memory: memory, now: now, into: &result)
    }

    private func planAnnouncements(
        _ facts: DistributionFacts, schedule: Schedule, memory: PlannerMemory, now: Date, into result: inout PlanResult
    ) {
        let d = facts.distribution
        let window = Window(
            due: d.startsAt.addingTimeInterval(-settings.announcementLeadHours * 3600),
            lateUntil: d.startsAt.addingTimeInterval(-settings.announcementMinNoticeHours * 3600))
        for (member, lines) in facts.collectors where member.active {
            planMemberNotice(
                .announcement, for: member, lines: lines, window: window, facts: facts, schedule: schedule,
                memory: memory, now: now, into: &result)
        }
    }

    private func planDutyCalls(
        _ facts: DistributionFacts, schedule: Schedule, index: DistributionIndex, memory: PlannerMemory, now: Date,
        into result: inout PlanResult
    ) {
        let d = facts.distribution
        guard facts.dutyMissing > 0 else { return }
        // After a volunteer withdrew, a new round of calls (its own key), until two hours before.
        let withdrew = schedule.dutyWithdrawals[d.id] ?? []
        let round = withdrew.count
        let window = Window(
            due: d.startsAt.addingTimeInterval(-settings.dutyCallLeadHours * 3600),
            lateUntil: d.startsAt.addingTimeInterval(round > 0 ? -2 * 3600 : -24 * 3600))
        // Those who said they cannot come are not asked again.
        for member in index.activeMembersByAmap[facts.amap.id] ?? []
        where !facts.onDuty.contains(member.id) && !withdrew.contains(member.id) {
            planMemberNotice(
                .dutyCall, for: member, lines: facts.allLines, window: window, facts: facts,
                schedule: schedule, memory: memory, now: now, round: round, into: &result)
        }
    }

    /// `duty_reminder`: each member on duty, `duty_reminder.lead_hours` before, until an hour before.
    private func planDutyReminders(
        _ facts: DistributionFacts, schedule: Schedule, memory: PlannerMemory, now: Date, into result: inout PlanResult
    ) {
        let d = facts.distribution
        let window = Window(
            due: d.startsAt.addingTimeInterval(-settings.dutyReminderLeadHours * 3600),
            lateUntil: d.startsAt.addingTimeInterval(-3600))
        for id in facts.onDuty.sorted() {
            guard let member = schedule.members[id], member.active, member.amapID == facts.amap.id else { continue }
            planMemberNotice(
                .dutyReminder, for: member, lines: facts.allLines, window: window, facts: facts, schedule: schedule,
                memory: memory, now: now, into: &result)
        }
    }

    /// One member's announcement or duty call: opt-outs honoured, members without an email reported.
    private func planMemberNotice(
        _ kind: NoticeKind, for member: Member, lines: [DistributionNotice.Line], window: Window,
        facts: DistributionFacts, schedule: Schedule, memory: PlannerMemory, now: Date, round: Int = 0,
        into result: inout PlanResult
    ) {
        guard schedule.accepts(kind, member: member) else { return }
        let d = facts.distribution
        let key = NoticeKey.distribution(kind, distribution: d.id, member: member.id, sequence: round > 0 ? round : nil)
        let verdict = verdict(for: key, window: window, memory: memory, now: now, result: &result)
        guard verdict == .send || verdict == .expired, hasRoom(&result, expired: verdict == .expired) else { return }
        guard let email = member.email, !email.isEmpty else {
            if verdict == .send {
                result.unreachable.append(
                    .init(memberID: member.id, amapID: facts.amap.id, key: key))
            }
            return
        }
        let content = facts.notice(for: member, lines: lines, sequence: 0, previous: nil)
        result.notices.append(
            PlannedNotice(
                key: key, amap: facts.amap,
                recipient: Recipient(memberID: member.id, name: member.name, email: email),
                replyTo: facts.replyTo, dueAt: window.due, lateUntil: window.lateUntil,
                sendAfter: sendAfter(window, now: now, amap: facts.amap), expired: verdict == .expired,
                distributionID: d.id, version: d.version, sequence: 0, content: .distribution(content)))
    }

    /// `change` and `cancellation`: only to those who received the announcement, at once, threaded to it.
    private func planFollowUps(
        _ facts: DistributionFacts, schedule: Schedule, index: DistributionIndex, memory: PlannerMemory, now: Date,
        into result: inout PlanResult
    ) {
        let d = facts.distribution
        let threads = (index.threadsByDistribution[d.id] ?? []).sorted { $0.0.memberID < $1.0.memberID }
        for (id, thread) in threads {
            let kind: NoticeKind
            let key: NoticeKey
            var reinstated = false
            if d.cancelled {
                guard !thread.cancelled else { continue }
                kind = .cancellation
                // The first cancellation keeps its historical key; a later one (after a reinstatement) its own.
                key = .distribution(
                    .cancellation, distribution: d.id, member: id.memberID,
                    sequence: thread.cancellations == 0 ? nil : thread.sequence + 1)
            } else if thread.cancelled {
                // `cancelled` went back to 0: those told of the cancellation are told it is on again.
                kind = .change
                key = .distribution(.change, distribution: d.id, member: id.memberID, sequence: thread.sequence + 1)
                reinstated = true
            } else if thread.version != d.version {
                kind = .change
                key = .distribution(.change, distribution: d.id, member: id.memberID, sequence: thread.sequence + 1)
            } else {
                continue
            }
            let window = Window(due: min(now, d.startsAt), lateUntil: d.startsAt)
            let verdict = verdict(for: key, window: window, memory: memory, now: now, result: &result)
            guard verdict == .send || verdict == .expired, hasRoom(&result, expired: verdict == .expired) else { continue }
            var recipient = thread.recipient
            let member = schedule.members[id.memberID]
            if let member, let email = member.email, !email.isEmpty {
                recipient = Recipient(memberID: member.id, name: member.name, email: email)
            }
            let lines = member.flatMap { facts.collectorLines[$0.id] } ?? facts.allLines
            let sequence = thread.sequence + 1
            var content = facts.notice(
                for: member, lines: lines, sequence: sequence, previous: kind == .change ? thread.version : nil)
            if member == nil { content.recipientIsOnDuty = false }
            content.reinstated = reinstated
            result.notices.append(
                PlannedNotice(
                    key: key, amap: facts.amap, recipient: recipient, replyTo: facts.replyTo,
                    dueAt: window.due, lateUntil: window.lateUntil,
                    sendAfter: sendAfter(window, now: now, amap: facts.amap), expired: verdict == .expired,
                    threadKey: thread.announcementKey, distributionID: d.id, version: d.version, sequence: sequence,
                    content: .distribution(content)))
        }
    }
}
