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
        var pass = PlanningPass(settings: settings, schedule: schedule, memory: memory, now: now, start: cursor)
        pass.run()
        return pass.result
    }
}
