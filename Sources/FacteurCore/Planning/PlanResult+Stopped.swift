import Foundation

/// A notice the planner sees only after its late-until was either written too late or missed while Facteur was not
/// running; only the second is news for the coordinators' digest (see `LateCause.seen`).
extension PlanResult {
    /// Marks the expired notices that fell due in `stopped`, when no Facteur is known to have run.
    public mutating func noteStopped(_ stopped: Range<Date>?) {
        guard let stopped else { return }
        for i in notices.indices where notices[i].expired {
            notices[i].lateCause = LateCause.seen(dueAt: notices[i].dueAt, stopped: stopped)
        }
    }
}
