import Foundation

extension PlanningPass {
    /// The timing window of one notice.
    struct Window {
        var due: Date
        var lateUntil: Date
    }

    enum Verdict {
        case notYet
        case alreadyPlanned
        case send
        case expired
        case forgotten
    }

    /// The common rule of DESIGN §2: not before due, once per key, `expired` after "late until" (recorded
    /// only within the look-back so that a fresh database with years of history stays quiet).
    mutating func verdict(for key: NoticeKey, window: Window) -> Verdict {
        if now < window.due {
            result.noteFuture(window.due)
            return .notYet
        }
        if memory.existingKeys.contains(key) { return .alreadyPlanned }
        if now >= window.lateUntil {
            let lookback = now.addingTimeInterval(-settings.lookbackHours * 3600)
            return window.lateUntil > lookback ? .expired : .forgotten
        }
        return .send
    }

    /// A member's notice: their opt-outs honoured, then `emit`; a member without an email is reported.
    mutating func emit(
        _ key: NoticeKey, window: Window, amap: Amap, member: Member, replyTo: String?,
        details: (inout PlannedNotice) -> Void = { _ in }, content: () -> PlannedNotice.Content
    ) {
        guard schedule.accepts(key.kind, member: member) else { return }
        emit(
            key, window: window, amap: amap,
            recipient: member.email.map { Recipient(memberID: member.id, name: member.name, email: $0) },
            unreachableMember: member.id, replyTo: replyTo, details: details, content: content)
    }

    /// The one path of every planned notice: timing verdict, room in the pass, a missing address reported
    /// (nil recipient), then the notice or its `expired` record. `details` adds what only some kinds carry
    /// (thread, distribution version, SEQUENCE).
    mutating func emit(
        _ key: NoticeKey, window: Window, amap: Amap, recipient: Recipient?, unreachableMember: Int64?,
        replyTo: String?, details: (inout PlannedNotice) -> Void = { _ in }, content: () -> PlannedNotice.Content
    ) {
        let verdict = verdict(for: key, window: window)
        guard verdict == .send || verdict == .expired, hasRoom(expired: verdict == .expired) else { return }
        guard let recipient, !recipient.email.isEmpty else {
            if verdict == .send, let id = unreachableMember {
                result.unreachable.append(.init(memberID: id, amapID: amap.id, key: key))
            }
            return
        }
        var notice = PlannedNotice(
            key: key, amap: amap, recipient: recipient, replyTo: replyTo, dueAt: window.due,
            lateUntil: window.lateUntil,
            sendAfter: settings.quietHours.release(max(window.due, now), in: amap.timeZone),
            expired: verdict == .expired, content: content())
        details(&notice)
        result.notices.append(notice)
    }

    /// False once this pass holds `maximumNoticesPerPass` notices to send, or `maximumExpiredPerPass`
    /// expired ones to record (and says so in the result). Expired records carry no rendered body, so a
    /// start after a long outage records a week of them in a few passes rather than dozens.
    mutating func hasRoom(expired: Bool) -> Bool {
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
