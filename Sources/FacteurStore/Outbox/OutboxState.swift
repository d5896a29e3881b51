import FacteurCore

/// Where a message stands (DESIGN §3). Stored as text in `facteur_outbox.state`.
public enum OutboxState: String, Sendable, CaseIterable, Codable {
    /// Waiting for its time (or its next retry).
    case queued
    /// Claimed by the sender for its batch, or handed to SMTP: the sender's journal tells which. After a crash
    /// the next start puts the untried back and makes the one in flight `uncertain`.
    case sending
    /// The server accepted it.
    case sent
    /// It may or may not have been accepted (crash, or no reply to the final dot): sent again, same Message-ID.
    case uncertain
    /// Refused for good (5xx), or retried past `retry.max_age_hours`.
    case failed
    /// Its "late until" passed before it could leave.
    case expired
    /// Uncertain three times: set aside for a person rather than risking more duplicates.
    case quarantined

    /// States the sender still works on.
    public var isPending: Bool { self == .queued || self == .uncertain }
}

/// Bound as a parameter, never spelt in SQL: one encoder (`rawValue`), one decoder (`init(rawValue:)`).
extension OutboxState: SQLBindable {
    public var sqlValue: SQLValue { .text(rawValue) }
}

extension InboundState: SQLBindable {
    public var sqlValue: SQLValue { .text(rawValue) }
}

extension NoticeKind: SQLBindable {
    public var sqlValue: SQLValue { .text(rawValue) }
}

extension NoticeKey: SQLBindable {
    public var sqlValue: SQLValue { .text(rawValue) }
}
