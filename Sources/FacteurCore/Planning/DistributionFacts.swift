/// One distribution joined with its deliveries, subscribers and volunteers, computed once per tick.
struct DistributionFacts {
    let distribution: Distribution
    let amap: Amap
    /// Every contract delivering, in contract order.
    let allLines: [DistributionNotice.Line]
    /// Members collecting something, each with their own deliveries, in member order.
    let collectors: [(Member, [DistributionNotice.Line])]
    let collectorLines: [Int64: [DistributionNotice.Line]]
    let volunteers: [DistributionNotice.Volunteer]
    let onDuty: Set<Int64>
    let dutyMissing: Int
    /// `amap.reply_to`, else the coordinator when a single contract delivers.
    let replyTo: String?

    init(_ distribution: Distribution, amap: Amap, schedule: Schedule) {
        self.distribution = distribution
        self.amap = amap
        let deliveries = (schedule.deliveries[distribution.id] ?? []).sorted { $0.contractID < $1.contractID }
        var lines: [DistributionNotice.Line] = []
        var perMember: [Int64: [DistributionNotice.Line]] = [:]
        var coordinators: Set<String> = []
        for delivery in deliveries {
            guard let contract = schedule.contracts[delivery.contractID], contract.amapID == amap.id else { continue }
            let producer = schedule.producers[contract.producerID]
            let line = DistributionNotice.Line(
                contract: contract.name, producer: producer?.name ?? "", farm: producer?.farm, notes: delivery.notes)
            lines.append(line)
            if let c = contract.coordinatorID, let email = schedule.members[c]?.email, !email.isEmpty {
                coordinators.insert(email)
            }
            for memberID in schedule.subscribers[contract.id] ?? [] {
                perMember[memberID, default: []].append(line)
            }
        }
        allLines = lines
        collectorLines = perMember
        collectors = perMember.keys.sorted().compactMap { id in
            guard let member = schedule.members[id], member.amapID == amap.id else { return nil }
            return (member, perMember[id]!)
        }
        let duties = (schedule.duties[distribution.id] ?? []).sorted { $0.memberID < $1.memberID }
        volunteers = duties.compactMap { duty in
            schedule.members[duty.memberID].map { DistributionNotice.Volunteer(name: $0.name, role: duty.role) }
        }
        onDuty = Set(duties.map(\.memberID))
        dutyMissing = max(0, distribution.dutyNeeded - duties.count)
        replyTo = amap.replyTo ?? (coordinators.count == 1 ? coordinators.first : nil)
    }

    func notice(for member: Member?, lines: [DistributionNotice.Line], sequence: Int, previous: DistributionVersion?)
        -> DistributionNotice
    {
        DistributionNotice(
            distribution: distribution, deliveries: lines, volunteers: volunteers,
            recipientIsOnDuty: member.map { onDuty.contains($0.id) } ?? false, dutyMissing: dutyMissing,
            sequence: sequence, previous: previous)
    }
}
