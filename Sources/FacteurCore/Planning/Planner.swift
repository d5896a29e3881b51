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

    public func plan(_ schedule: Schedule, memory: PlannerMemory, now: Date) -> PlanResult {
        var result = PlanResult()
        result.issues = schedule.issues
        let index = DistributionIndex(schedule, memory: memory)
        for distribution in schedule.distributions.sorted(by: { $0.id < $1.id }) {
            guard let amap = schedule.amaps[distribution.amapID] else { continue }
            planDistribution(
                distribution, amap: amap, schedule: schedule, index: index, memory: memory, now: now, into: &result)
        }
        planOrders(schedule, memory: memory, now: now, into: &result)
        planNegativeBalances(schedule, memory: memory, now: now, into: &result)
        planStatements(schedule, memory: memory, now: now, into: &result)
        planDigests(schedule, memory: memory, now: now, into: &result)
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
