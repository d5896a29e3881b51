import Foundation

/// Decides, from the schedule as it is now and what the outbox already holds, which notices are due.
///
/// Pure: no clock, no database. `now` is an input so tests cover lead times, quiet hours, daylight
/// saving and late starts without sleeping, and `facteur once --now T` replays any instant.
public struct Planner: Sendable {
    public var settings: NoticeSettings

    public init(settings: NoticeSettings) {
        self.settings = settings
    }

    /// Plans what is due at `now`. A pass that fills up (`maximumNoticesPerPass`) says where it stopped
    /// (`result.resumeAt`); the next pass over the same schedule, with the first pass's notices remembered,
    /// resumes there instead of walking the whole network again. Without a cursor, the walk is complete.
    public func plan(_ schedule: Schedule, memory: PlannerMemory, now: Date, resumingAt cursor: PlanCursor? = nil)
        -> PlanResult
    {
        var result = PlanResult()
        result.issues = schedule.issues
        let start = cursor ?? PlanCursor(phase: 0, position: 0)
        /// Where to start in `phase`, or nil when an earlier pass finished it.
        func from(_ phase: Int) -> Int? { phase < start.phase ? nil : phase == start.phase ? start.position : 0 }

        if let first = from(0) {
            let index = DistributionIndex(schedule, memory: memory)
            let distributions = schedule.distributions.sorted(by: { $0.id < $1.id })
            for (position, distribution) in distributions.enumerated() where position >= first {
                guard let amap = schedule.amaps[distribution.amapID] else { continue }
                planDistribution(
                    distribution, amap: amap, schedule: schedule, index: index, memory: memory, now: now,
                    into: &result)
                if result.truncated {
                    result.resumeAt = PlanCursor(phase: 0, position: position)
                    return result
                }
            }
        }
        let balances = BalanceIndex(schedule)
        let phases: [(inout PlanResult, Int) -> Int?] = [
            { planOrders(schedule, memory: memory, now: now, from: $1, into: &$0) },
            { result, _ in
                // Few rounds, not resumable: a pass that fills up plans them again, the memory skipping the done.
                planProducerSheets(schedule, memory: memory, now: now, into: &result)
                return result.truncated ? 0 : nil
            },
            { planNegativeBalances(schedule, balances: balances, memory: memory, now: now, from: $1, into: &$0) },
            { planStatements(schedule, memory: memory, now: now, from: $1, into: &$0) },
            { planDigests(schedule, balances: balances, memory: memory, now: now, from: $1, into: &$0) },
        ]
        for (offset, phase) in phases.enumerated() {
            guard let first = from(offset + 1) else { continue }
            if let stopped = phase(&result, first) {
                result.resumeAt = PlanCursor(phase: offset + 1, position: stopped)
                return result
            }
        }
        return result
    }

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
    func verdict(for key: NoticeKey, window: Window, memory: PlannerMemory, now: Date, result: inout PlanResult)
        -> Verdict
    {
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

    func sendAfter(_ window: Window, now: Date, amap: Amap) -> Date {
        settings.quietHours.release(max(window.due, now), in: amap.timeZone)
    }
}
