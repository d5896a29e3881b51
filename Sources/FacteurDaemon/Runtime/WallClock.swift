import Foundation

/// The one place Facteur reads the wall clock.
///
/// Tests must pass on any date, and libfaketime cannot shift a Swift binary here (under its
/// `LD_PRELOAD` the program sees no arguments), so the test harness moves this clock instead with
/// `FACTEUR_TEST_ONLY_CLOCK_OFFSET_SECONDS`. The name says it is not a setting; every command logs a
/// warning while it is set.
public enum WallClock {
    public static let offsetVariable = "FACTEUR_TEST_ONLY_CLOCK_OFFSET_SECONDS"

    /// Seconds added to the system clock (0 unless the test variable holds a number).
    public static let offset: TimeInterval = {
        guard let text = ProcessInfo.processInfo.environment[offsetVariable],
            let seconds = TimeInterval(text.trimmingCharacters(in: .whitespaces)), seconds.isFinite
        else { return 0 }
        return seconds
    }()

    /// Whether the variable is present at all (set but unreadable is worth a warning too).
    public static var isShifted: Bool { ProcessInfo.processInfo.environment[offsetVariable] != nil }

    public static func now() -> Date { Date().addingTimeInterval(offset) }
}
