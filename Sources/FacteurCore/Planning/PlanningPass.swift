import Foundation

/// One walk over the schedule at one instant: what every phase reads, and the result they fill. The phases
/// (`Planner+Distributions`, `+Orders`…) are its methods, so none hands `schedule, memory, now, result` on.
struct PlanningPass {
    let settings: NoticeSettings
    let schedule: Schedule
    let memory: PlannerMemory
    let now: Date
    /// Where an earlier pass over the same schedule stopped; nil for a complete walk.
    let start: PlanCursor?
    var result = PlanResult()

    init(settings: NoticeSettings, schedule: Schedule, memory: PlannerMemory, now: Date, start: PlanCursor?) {
        self.settings = settings
        self.schedule = schedule
        self.memory = memory
        self.now = now
        self.start = start
        result.issues = schedule.issues
        // Room for a full pass made once: grown by doubling, the notices were copied into ever larger buffers,
        // each one fresh pages to fault in (issue 15: a third of a cold start's page faults). Pages are touched
        // only as notices fill them, so a pass with little to do costs no memory for it.
        let (room, overflow) = settings.maximumNoticesPerPass.addingReportingOverflow(settings.maximumExpiredPerPass)
        result.notices.reserveCapacity(overflow ? 0 : min(max(0, room), 100_000))
    }

    mutating func run() {
        var balances: BalanceIndex?
        for phase in PlanningPhase.allCases {
            guard let first = firstPosition(in: phase) else { continue }
            if phase >= .negativeBalances && balances == nil { balances = BalanceIndex(schedule) }
            let finished: Bool
            switch phase {
            case .distributions: finished = planDistributions(from: first)
            case .orders: finished = planOrders(from: first)
            case .producerSheets: finished = planProducerSheets(from: first)
            case .negativeBalances: finished = planNegativeBalances(balances: balances!, from: first)
            case .statements: finished = planStatements(from: first)
            case .digests: finished = planDigests(balances: balances!, from: first)
            }
            if !finished { return }
        }
    }

    /// Where to start in `phase`, or nil when an earlier pass finished it.
    func firstPosition(in phase: PlanningPhase) -> Int? {
        guard let start else { return 0 }
        return phase < start.phase ? nil : phase == start.phase ? start.position : 0
    }

    /// Plans each item from `first` on; false when the pass filled up, the cursor then pointing at the item
    /// that filled it (planning it again skips what it already planned).
    mutating func walk<Item>(
        _ phase: PlanningPhase, _ items: [Item], from first: Int, _ body: (inout Self, Item) -> Void
    )
        -> Bool
    {
        for (position, item) in items.enumerated() where position >= first {
            body(&self, item)
            if result.truncated {
                result.resumeAt = PlanCursor(phase: phase, position: position)
                return false
            }
        }
        return true
    }
}
