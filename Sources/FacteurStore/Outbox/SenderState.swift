import Foundation

/// Whether the whole sender is paused after a systemic failure (authentication or TLS refused, policy
/// rejection, repeated connection failures), and how long the next pause will be.
public struct SenderState: Sendable, Equatable {
    public var pausedUntil: Date?
    public var reason: String?
    /// Consecutive systemic failures: the pause doubles with each one.
    public var level: Int
    public var connectionFailures: Int

    public init(pausedUntil: Date? = nil, reason: String? = nil, level: Int = 0, connectionFailures: Int = 0) {
        self.pausedUntil = pausedUntil
        self.reason = reason
        self.level = level
        self.connectionFailures = connectionFailures
    }

    public func isPaused(at now: Date) -> Bool { pausedUntil.map { now < $0 } ?? false }
}

extension Outbox {
    public func senderState() throws -> SenderState {
        guard
            let row = try db.firstRow(
                "SELECT paused_until, pause_reason, pause_level, connection_failures FROM facteur_sender WHERE id = 1")
        else { return SenderState() }
        return SenderState(
            pausedUntil: row.int64(0).map { Self.date($0) }, reason: row.text(1), level: row.int(2) ?? 0,
            connectionFailures: row.int(3) ?? 0)
    }

    public func saveSenderState(_ state: SenderState) throws {
        try db.run(
            """
            INSERT INTO facteur_sender (id, paused_until, pause_reason, pause_level, connection_failures)
            VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET paused_until = excluded.paused_until,
            pause_reason = excluded.pause_reason, pause_level = excluded.pause_level,
            connection_failures = excluded.connection_failures
            """,
            [state.pausedUntil.map { Self.seconds($0) }, state.reason, state.level, state.connectionFailures])
    }
}
