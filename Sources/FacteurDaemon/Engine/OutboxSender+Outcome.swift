import FacteurCore
import FacteurStore
import FacteurTransport
import Foundation

extension OutboxSender {
    /// Writes one SMTP outcome; returns false when the batch must stop (server unreachable or refusing us).
    func record(
        _ result: SMTPResult, for message: OutboxMessage, store: isolated Store, state: inout SenderState,
        tally: inout Tally
    )
        async throws -> Bool
    {
        let now = clock()
        switch result.outcome {
        case .accepted(let code, let reply):
            try store.write { db in try db.outbox.markSent(message.id, code: code, reply: reply, now: now) }
            logger.info("sent", ["key": message.key.rawValue, "code": "\(code)", "reply": reply])
            tally.sent += 1
            if state.level > 0 || state.connectionFailures > 0 || state.pausedUntil != nil {
                state = SenderState()
                try store.write { [state] db in try db.outbox.saveSenderState(state) }
            }
            return true
        case .temporary(let code, let reply):
            let next = configuration.notices.quietHours.release(
                now.addingTimeInterval(retry.delay(afterAttempt: message.attempts + 1)), in: message.timeZone)
            try store.write { db in
                try db.outbox.reschedule(
                    message.id, state: .queued, next: next, code: code, reason: reply, failed: true, now: now)
            }
            logger.warning(
                "deferred",
                [
                    "key": message.key.rawValue, "code": "\(code)", "reply": reply,
                    "retry_at": ScheduleTime.utcString(next),
                ])
            tally.retried += 1
            return true
        case .permanent(let code, let reply):
            try store.write { db in try db.outbox.markFailed(message.id, code: code, reason: reply, now: now) }
            logger.warning("failed", ["key": message.key.rawValue, "code": "\(code)", "reply": reply])
            tally.failed += 1
            return true
        case .invalidAddress(let which):
            try store.write { db in
                try db.outbox.markFailed(message.id, code: nil, reason: "invalid \(which) address", now: now)
            }
            logger.warning("failed", ["key": message.key.rawValue, "reason": "invalid \(which) address"])
            tally.failed += 1
            return true
        case .uncertain(let detail):
            let next = now.addingTimeInterval(retry.delay(afterAttempt: 1))
            try store.write { db in
                try db.outbox.markUncertain(
                    message.id, next: next, reason: detail, maximumRecoveries: retry.maximumRecoveries, now: now)
            }
            logger.warning("uncertain", ["key": message.key.rawValue, "detail": detail])
            tally.uncertain += 1
            await transport.close()
            return true
        case .unreachable(let detail):
            try store.write { db in try db.outbox.release(message.id, previous: message.state, now: now) }
            state.connectionFailures += 1
            let systemic = state.connectionFailures >= 3
            try await pauseSender(
                &state, reason: "SMTP server unreachable: \(detail)", systemic: systemic, store: store, now: now)
            // Even a short outage is for the coordinators to know (the digest), not only the log.
            if !systemic {
                try store.write { db in
                    try db.reports.recordSystemic(
                        configuration.language == .fr
                            ? "serveur d'envoi injoignable : nouvel essai automatique"
                            : "sending server unreachable: retried automatically",
                        now: now)
                }
            }
            tally.pausedUntil = state.pausedUntil
            await transport.close()
            return false
        case .systemic(_, let detail):
            try store.write { db in try db.outbox.release(message.id, previous: message.state, now: now) }
            try await pauseSender(&state, reason: detail, systemic: true, store: store, now: now)
            tally.pausedUntil = state.pausedUntil
            await transport.close()
            return false
        }
    }

    /// Pauses the whole sender with backoff; members' notices stay queued, untouched.
    private func pauseSender(
        _ state: inout SenderState, reason: String, systemic: Bool, store: isolated Store, now: Date
    )
        async throws
    {
        state.level += 1
        state.pausedUntil = now.addingTimeInterval(retry.delay(afterAttempt: state.level))
        state.reason = reason
        try store.write { [state] db in try db.outbox.saveSenderState(state) }
        let fields: KeyValuePairs<String, String> = [
            "until": ScheduleTime.utcString(state.pausedUntil!), "reason": reason,
        ]
        if systemic {
            logger.log(.alert, "sender-paused", fields)
            // Reported without curl's timing ("after 0 ms", "after 1 ms"): the same cause is one line of the
            // digest, however long each refused connection took.
            let cause = reason.replacingOccurrences(of: " after [0-9]+ ms", with: "", options: .regularExpression)
            try store.write { db in try db.reports.recordSystemic(cause, now: now) }
        } else {
            logger.warning("sender-paused", fields)
        }
    }
}
