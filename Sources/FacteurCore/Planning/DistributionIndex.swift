/// Lookups the distribution rules make for every distribution, built once per pass: filtering every
/// member or every thread per distribution made a network's week quadratic.
struct DistributionIndex {
    var threadsByDistribution: [Int64: [(PlannerMemory.ThreadID, PlannerMemory.Thread)]] = [:]
    var activeMembersByAmap: [Int64: [Member]] = [:]

    init(_ schedule: Schedule, memory: PlannerMemory) {
        for (id, thread) in memory.threads { threadsByDistribution[id.distributionID, default: []].append((id, thread)) }
        for member in schedule.members.values where member.active {
            activeMembersByAmap[member.amapID, default: []].append(member)
        }
        for key in activeMembersByAmap.keys { activeMembersByAmap[key]!.sort { $0.id < $1.id } }
    }
}
