import FacteurCore
import Foundation

/// Duties by reply (DESIGN §2 "Volunteers answer by mail"): Facteur writes `duty` rows as the management tool
/// does, and only for the member and distribution a token names.
extension Inbox {
    /// A distribution as a volunteer's answer needs it, or nil when it is gone or its times cannot be read.
    public func distribution(_ id: Int64, amap: Amap) throws -> Distribution? {
        guard
            let r = try db.firstRow(
                "SELECT id, amap_id, starts_at, ends_at, place, notes, cancelled, duty_needed FROM distribution WHERE id = ?",
                [id]),
            r.int64(1) == amap.id,
            let start = try? ScheduleTime.parse(r.text(2) ?? "", in: amap.timeZone),
            let end = try? ScheduleTime.parse(r.text(3) ?? "", in: amap.timeZone)
        else { return nil }
        var needed = 0
        if case .integer(let n) = r[7], (0...1_000).contains(n) { needed = Int(n) }
        var cancelled = true
        if case .integer(let c) = r[6], c == 0 || c == 1 { cancelled = c == 1 }
        return Distribution(
            id: id, amapID: amap.id, startsAt: start, endsAt: end, place: r.text(4) ?? "", notes: r.text(5),
            cancelled: cancelled, dutyNeeded: needed)
    }

    /// The contracts delivering there, for the calendar event a confirmation carries (an event without them
    /// would replace the announced one and wipe its description).
    public func deliveries(at distribution: Int64) throws -> [DistributionNotice.Line] {
        try db.rows(
            """
            SELECT c.name, COALESCE(p.name, ''), p.farm, d.notes FROM delivery d JOIN contract c ON c.id = d.contract_id
                LEFT JOIN producer p ON p.id = c.producer_id
            WHERE d.distribution_id = ? ORDER BY c.name
            """, [distribution]
        ).map { .init(contract: $0.text(0) ?? "", producer: $0.text(1) ?? "", farm: $0.text(2), notes: $0.text(3)) }
    }

    /// Who is on duty there: (member id, name, role), by name.
    public func duties(at distribution: Int64) throws -> [(member: Int64, name: String, role: String?)] {
        try db.rows(
            """
            SELECT d.member_id, COALESCE(m.name, ''), d.role FROM duty d LEFT JOIN member m ON m.id = d.member_id
            WHERE d.distribution_id = ? ORDER BY m.name
            """, [distribution]
        ).map { ($0.int64(0) ?? 0, $0.text(1) ?? "", $0.text(2).flatMap { $0.isEmpty ? nil : $0 }) }
    }

    public func addDuty(distribution: Int64, member: Int64) throws {
        try db.run(
            "INSERT OR IGNORE INTO duty (distribution_id, member_id, role) VALUES (?, ?, '')", [distribution, member])
    }

    /// Takes the member off duty and records the withdrawal: the distribution, short again, is called for again.
    public func removeDuty(distribution: Int64, member: Int64, now: Date) throws {
        try db.run("DELETE FROM duty WHERE distribution_id = ? AND member_id = ?", [distribution, member])
        try db.run(
            "INSERT INTO facteur_duty_withdrawal (distribution_id, member_id, at) VALUES (?, ?, ?)",
            [distribution, member, Outbox.seconds(now)])
    }

    /// The latest calendar SEQUENCE mail gave this distribution.
    public func calendarSequence(of distribution: Int64) throws -> Int {
        try db.firstRow("SELECT MAX(sequence) FROM facteur_outbox WHERE distribution_id = ?", [distribution])?.int(0)
            ?? 0
    }

    /// Records a volunteer's answer by mail, for the coordinator's digest.
    public func recordAnswer(
        _ answer: DistributionNotice.DutyAnswer, distribution: Int64, member: Int64, now: Date
    ) throws {
        try db.run(
            "INSERT INTO facteur_duty_answer (distribution_id, member_id, answer, answered_at) VALUES (?, ?, ?, ?)",
            [distribution, member, answer.rawValue, Outbox.seconds(now)])
    }
}
