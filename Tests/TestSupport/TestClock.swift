import Foundation

/// The clock `facteur` reads, as tests must see it: the system clock moved by the same
/// `FACTEUR_TEST_ONLY_CLOCK_OFFSET_SECONDS` that spawned processes inherit (Scripts/test runs the suite
/// again with the clock years ahead). Mirrors `WallClock` in FacteurDaemon, which TestSupport does not import.
public enum TestClock {
    public static let offsetVariable = "FACTEUR_TEST_ONLY_CLOCK_OFFSET_SECONDS"

    public static var offset: TimeInterval {
        ProcessInfo.processInfo.environment[offsetVariable].flatMap { TimeInterval($0) } ?? 0
    }

    public static func now() -> Date { Date().addingTimeInterval(offset) }

    /// `YYYY-MM-DD HH:MM:SS` in UTC, `interval` seconds from the shifted now, for SQL fixtures.
    public static func utc(_ interval: TimeInterval) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: now().addingTimeInterval(interval))
    }
}
