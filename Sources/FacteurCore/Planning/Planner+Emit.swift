import Foundation

extension Planner {
    /// The common path of every member notice: opt-out, timing verdict, missing address reported,
    /// then the notice (or its `expired` record) appended.
    func emit(
        _ kind: NoticeKind, key: NoticeKey, window: Window, amap: Amap, member: Member, replyTo: String?,
        schedule: Schedule, memory: PlannerMemory, now: Date, into result: inout PlanResult,
        content: () -> PlannedNotice.Content
    ) {
        guard schedule.accepts(kind, member: member) else { return }
        emit(
            kind, key: key, window: window, amap: amap,
            recipient: member.email.map {
                Recipient(memberID: member.id, name: member.name, email: $0)
            }, unreachableMember: member.id, replyTo: replyTo, memory: memory, now: now, into: &result,
            content: content)
    }

    /// The same for any recipient (a producer has no member id); nil recipient means no address.
    func emit(
        _ kind: NoticeKind, key: NoticeKey, window: Window, amap: Amap, recipient: Recipient?,
        unreachableMember: Int64?, replyTo: String?, memory: PlannerMemory, now: Date, into result: inout PlanResult,
        content: () -> PlannedNotice.Content
    ) {
        let verdict = verdict(for: key, window: window, memory: memory, now: now, result: &result)
        guard verdict == .send || verdict == .expired, hasRoom(&result, expired: verdict == .expired) else { return }
        guard let recipient, !recipient.email.isEmpty else {
            if verdict == .send, let id = unreachableMember {
                result.unreachable.append(.init(memberID: id, amapID: amap.id, key: key))
            }
            return
        }
        result.notices.append(
            PlannedNotice(
                key: key, amap: amap, recipient: recipient, replyTo: replyTo, dueAt: window.due,
                lateUntil: window.lateUntil, sendAfter: sendAfter(window, now: now, amap: amap),
                expired: verdict == .expired, content: content()))
    }

    /// False once this pass holds `maximumNoticesPerPass` notices to send, or `maximumExpiredPerPass`
    /// expired ones to record (and says so in the result). Expired records carry no rendered body, so a
    /// start after a long outage records a week of them in a few passes rather than dozens.
    func hasRoom(_ result: inout PlanResult, expired: Bool) -> Bool {
        let full =
            expired
            ? result.expiredTaken >= settings.maximumExpiredPerPass
            : result.sendTaken >= settings.maximumNoticesPerPass
        if full {
            result.truncated = true
            return false
        }
        if expired { result.expiredTaken += 1 } else { result.sendTaken += 1 }
        return true
    }
}
