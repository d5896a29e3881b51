import Foundation

/// Exponential backoff for retries and for sender pauses: 1 minute, doubling, capped
/// (`retry.max_backoff_minutes`, 60), given up after `retry.max_age_hours` (48).
public struct RetryPolicy: Sendable, Equatable {
    public var maxBackoffMinutes: Double = 60
    public var maxAgeHours: Double = 48
    /// Uncertain outcomes tolerated before a message is set aside for a person.
    public var maximumRecoveries = 3

    public init(maxBackoffMinutes: Double = 60, maxAgeHours: Double = 48) {
        self.maxBackoffMinutes = maxBackoffMinutes
        self.maxAgeHours = maxAgeHours
    }

    /// The wait after the `attempt`-th failure (1-based): 1, 2, 4, 8… minutes, capped.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        return min(60 * pow(2, exponent), maxBackoffMinutes * 60)
    }

    /// Counted from the first failed attempt: time when the daemon was not running is not an attempt.
    public func hasGivenUp(firstFailedAt: Date?, now: Date) -> Bool {
        guard let firstFailedAt else { return false }
        return now >= firstFailedAt.addingTimeInterval(maxAgeHours * 3600)
    }
}
