import Foundation

/// `announcement`, `change`, `cancellation`, `duty_call` and `duty_reminder` (DESIGN §2).
extension PlanningPass {
    mutating func planDistributions(from first: Int) -> Bool {
        let index = DistributionIndex(schedule, memory: memory)
        return walk(.distributions, schedule.distributions.sorted(by: { $0.id < $1.id }), from: first) { pass, d in
            guard let amap = pass.schedule.amaps[d.amapID] else { return }
            let facts = DistributionFacts(d, amap: amap, schedule: pass.schedule)
            if !d.cancelled {
                pass.planAnnouncements(facts)
                pass.planDutyCalls(facts, index: index)
                pass.planDutyReminders(facts, index: index)
            }
            pass.planFollowUps(facts, index: index)
        }
    }

    private mutating func planAnnouncements(_ facts: DistributionFacts) {
        let d = facts.distribution
        let window = Window(
            due: d.startsAt.addingTimeInterval(-settings.announcementLeadHours * 3600),
            lateUntil: d.startsAt.addingTimeInterval(-settings.announcementMinNoticeHours * 3600))
        for (member, lines) in facts.collectors where member.active {
            planMemberNotice(.announcement, for: member, lines: lines, window: window, facts: facts)
        }
    }

    private mutating func planDutyCalls(_ facts: DistributionFacts, index: DistributionIndex) {
        let d = facts.distribution
        guard facts.dutyMissing > 0 else { return }
        // After a volunteer withdrew, a new round of calls (its own key), until two hours before.
        let withdrew = schedule.dutyWithdrawals[d.id] ?? []
        let round = withdrew.count
        let window = Window(
            due: d.startsAt.addingTimeInterval(-settings.dutyCallLeadHours * 3600),
            lateUntil: d.startsAt.addingTimeInterval(round > 0 ? -2 * 3600 : -24 * 3600))
        let sequence = index.calendarSequence(of: d.id)
        // Those who said they cannot come are not asked again.
        for member in index.activeMembersByAmap[facts.amap.id] ?? []
        where !facts.onDuty.contains(member.id) && !withdrew.contains(member.id) {
            planMemberNotice(
                .dutyCall, for: member, lines: facts.allLines, window: window, facts: facts, round: round,
                sequence: sequence)
        }
    }

    /// `duty_reminder`: each member on duty, `duty_reminder.lead_hours` before, until an hour before.
    private mutating func planDutyReminders(_ facts: DistributionFacts, index: DistributionIndex) {
        let d = facts.distribution
        let window = Window(
            due: d.startsAt.addingTimeInterval(-settings.dutyReminderLeadHours * 3600),
            lateUntil: d.startsAt.addingTimeInterval(-3600))
        let sequence = index.calendarSequence(of: d.id)
        for id in facts.onDuty.sorted() {
            guard let member = schedule.members[id], member.active, member.amapID == facts.amap.id else { continue }
            planMemberNotice(
                .dutyReminder, for: member, lines: facts.allLines, window: window, facts: facts,
                sequence: sequence)
        }
    }

    /// One member's announcement, duty call or reminder, carrying the facts it announces. `sequence` is its
    /// calendar event's: a call or a reminder sent after a change carries the change's, or calendars would take
    /// it for an older version of the event and drop it.
    private mutating func planMemberNotice(
        _ kind: NoticeKind, for member: Member, lines: [DistributionNotice.Line], window: Window,
        facts: DistributionFacts, round: Int = 0, sequence: Int = 0
    ) {
        let d = facts.distribution
        emit(
            .distribution(kind, distribution: d.id, member: member.id, sequence: round > 0 ? round : nil),
            window: window, amap: facts.amap, member: member, replyTo: facts.replyTo,
            details: {
                $0.distributionID = d.id
                $0.version = d.version
            }
        ) { .distribution(facts.notice(for: member, lines: lines, sequence: sequence, previous: nil)) }
    }

    /// `change` and `cancellation`: only to those who received the announcement, at once, threaded to it.
    private mutating func planFollowUps(_ facts: DistributionFacts, index: DistributionIndex) {
        let d = facts.distribution
        let threads = (index.threadsByDistribution[d.id] ?? []).sorted { $0.0.memberID < $1.0.memberID }
        // What this pass tells those announced (a change or a cancellation), for those who could not be.
        var told: NoticeKind?
        for (id, thread) in threads {
            let key: NoticeKey
            var reinstated = false
            let next = thread.sequence + 1
            if d.cancelled {
                guard !thread.cancelled else { continue }
                // The first cancellation keeps its historical key; a later one (after a reinstatement) its own.
                key = .distribution(
                    .cancellation, distribution: d.id, member: id.memberID,
                    sequence: thread.cancellations == 0 ? nil : next)
            } else if thread.cancelled {
                // `cancelled` went back to 0: those told of the cancellation are told it is on again.
                key = .distribution(.change, distribution: d.id, member: id.memberID, sequence: next)
                reinstated = true
            } else if thread.version != d.version {
                key = .distribution(.change, distribution: d.id, member: id.memberID, sequence: next)
            } else {
                continue
            }
            // The member's address as it is now: one whose email was removed since gets nothing and is counted
            // in the digest ("call them", DESIGN §2). A member whose row is gone is told at the address the
            // announcement went to: they still expect the distribution.
            let member = schedule.members[id.memberID]
            var recipient: Recipient? = thread.recipient
            if let member {
                recipient = member.email.flatMap {
                    $0.isEmpty ? nil : Recipient(memberID: member.id, name: member.name, email: $0)
                }
            }
            if now < d.startsAt, told == nil { told = key.kind }
            emit(
                key, window: Window(due: min(now, d.startsAt), lateUntil: d.startsAt), amap: facts.amap,
                recipient: recipient, unreachableMember: member?.id, replyTo: facts.replyTo,
                details: {
                    $0.threadKey = thread.announcementKey
                    $0.distributionID = d.id
                    $0.version = d.version
                    $0.sequence = next
                }
            ) {
                let lines = member.flatMap { facts.collectorLines[$0.id] } ?? facts.allLines
                var content = facts.notice(
                    for: member, lines: lines, sequence: next, previous: key.kind == .change ? thread.version : nil)
                if member == nil { content.recipientIsOnDuty = false }
                content.reinstated = reinstated
                return .distribution(content)
            }
        }
        // Members without an address were on the digest's list to call about the announcement: they are on it
        // again for the change or cancellation, or they would come for nothing (DESIGN §2 "call them").
        guard let told else { return }
        let announced = Set(threads.map(\.0.memberID))
        // Those the announcement's list named: active, not opted out, and the announcement already due.
        guard d.startsAt.addingTimeInterval(-settings.announcementLeadHours * 3600) <= now else { return }
        for (member, _) in facts.collectors
        where member.active && (member.email ?? "").isEmpty && !announced.contains(member.id)
            && schedule.accepts(.announcement, member: member)
        {
            result.unreachable.append(
                .init(
                    memberID: member.id, amapID: facts.amap.id,
                    key: .distribution(told, distribution: d.id, member: member.id)))
        }
    }
}
