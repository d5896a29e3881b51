import Foundation

/// When Facteur last planned: what tells a notice missed while no Facteur was running from one written too late
/// (see `LateCause.seen`).
extension Database {
    /// The `now` of the last planning pass that started, if any did.
    public func lastPlanningPass() throws -> Date? {
        guard
            let text = try connection.firstRow("SELECT value FROM facteur_meta WHERE key = 'last_planning_pass'")?
                .text(0), let seconds = Int64(text)
        else { return nil }
        return Outbox.date(seconds)
    }

    /// Records `now` as the last planning pass, as a pass starts.
    public func recordPlanningPass(at now: Date) throws {
        try connection.run(
            """
            INSERT INTO facteur_meta (key, value) VALUES ('last_planning_pass', ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, [String(Outbox.seconds(now))])
    }
}
