import Foundation

/// When Facteur last planned: what tells a notice missed while no Facteur was running from one written too late
/// (see `LateCause.seen`).
extension Database {
    /// The `now` of the last planning pass whose notices were written, if any was recorded.
    public func lastPlanningPass() throws -> Date? {
        guard
            let text = try connection.firstRow("SELECT value FROM facteur_meta WHERE key = 'last_planning_pass'")?
                .text(0), let seconds = Int64(text)
        else { return nil }
        return Outbox.date(seconds)
    }

    /// Records `now` as the last planning pass, once the pass's notices are written. Only forward: a `once --now`
    /// replaying an earlier time must not make the next start take a week Facteur ran for one it was stopped.
    public func recordPlanningPass(at now: Date) throws {
        if let last = try lastPlanningPass(), last >= now { return }
        try connection.run(
            """
            INSERT INTO facteur_meta (key, value) VALUES ('last_planning_pass', ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [String(Outbox.seconds(now))])
    }

    /// The span from the last planning pass recorded to `start`, when one is recorded before it (see
    /// `NoticePlanning.stopped`).
    public func stoppedSpan(until start: Date) throws -> Range<Date>? {
        guard let last = try lastPlanningPass(), last < start else { return nil }
        return last..<start
    }
}
