/// The planner's walk, in order: each phase goes through its own items (distributions, order windows…),
/// and a pass that fills up resumes at the phase and item where it stopped.
public enum PlanningPhase: Int, Sendable, CaseIterable, Comparable {
    /// announcement, change, cancellation, duty_call, duty_reminder
    case distributions
    /// order_open, order_reminder, order_summary
    case orders
    /// producer_sheet
    case producerSheets
    /// negative_balance
    case negativeBalances
    /// statement
    case statements
    /// digest
    case digests

    public static func < (a: PlanningPhase, b: PlanningPhase) -> Bool { a.rawValue < b.rawValue }
}

/// A position in the planner's walk: the phase and the item within it, in the planner's own order.
public struct PlanCursor: Sendable, Equatable {
    public var phase: PlanningPhase
    public var position: Int

    public init(phase: PlanningPhase, position: Int) {
        self.phase = phase
        self.position = position
    }
}
