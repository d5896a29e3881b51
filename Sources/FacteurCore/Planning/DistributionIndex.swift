/// Lookups the distribution rules make for every distribution, built once per pass: filtering every
/// member or every thread per distribution made a network's week quadratic.
struct DistributionIndex {
    var threadsByDistribution: [Int64: [(PlannerMemory.ThreadID, PlannerMemory.Thread)]] = [:]
    var activeMembersByAmap: [Int64: [Member]] = [:]

    init(_ schedule: Schedule, memory: PlannerMemory) {
        for (id, thread) in memory.threads {
            threadsByDistribution[id.distributionID, default: []].append((id, thread))
        }
        for member in schedule.members.values where member.active {
            activeMembersByAmap[member.amapID, default: []].append(member)
        }
        for key in activeMembersByAmap.keys { activeMembersByAmap[key]!.sort { $0.id < $1.id } }
    }

    /// The highest calendar SEQUENCE any member was given for this distribution (its announcement's 0, raised by
    /// each change): what a later call or reminder carries, so no calendar takes it for an older version.
    func calendarSequence(of distribution: Int64) -> Int {
        threadsByDistribution[distribution]?.map(\.1.sequence).max() ?? 0
    }
}
