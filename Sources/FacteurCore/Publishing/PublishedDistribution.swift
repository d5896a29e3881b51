import Foundation

/// A distribution as the public sees it: when, where, which contracts deliver, how many volunteers are
/// still needed. Nothing about members beyond a count.
public struct PublishedDistribution: Sendable, Equatable {
    public struct DeliveredContract: Sendable, Equatable {
        public var contractID: Int64
        public var contract: String
        public var producer: String
        public var farm: String?
        public var notes: String?
    }

    public var distribution: Distribution
    public var contracts: [DeliveredContract]
    public var volunteers: Int
    public var volunteersMissing: Int { max(0, distribution.dutyNeeded - volunteers) }
}

/// One member's view of a distribution, for their private feed: what they collect, whether they are on duty.
public struct MemberDistribution: Sendable, Equatable {
    public var published: PublishedDistribution
    /// The contracts among `published.contracts` this member subscribes to.
    public var collecting: [PublishedDistribution.DeliveredContract]
    public var duty: Duty?
}

extension Schedule {
    /// The AMAP's distributions starting in [from, to), in order.
    public func published(amap amapID: Int64, from: Date, to: Date) -> [PublishedDistribution] {
        distributions
            .filter { $0.amapID == amapID && $0.startsAt >= from && $0.startsAt < to }
            .sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
            .map { d in
                let delivered = (deliveries[d.id] ?? []).compactMap {
                    delivery -> PublishedDistribution.DeliveredContract? in
                    guard let contract = self.contracts[delivery.contractID] else { return nil }
                    let producer = producers[contract.producerID]
                    return .init(
                        contractID: contract.id, contract: contract.name, producer: producer?.name ?? "",
                        farm: producer?.farm, notes: delivery.notes)
                }
                return PublishedDistribution(
                    distribution: d, contracts: delivered, volunteers: duties[d.id]?.count ?? 0)
            }
    }

    /// The distributions that concern an active member: those where a contract they subscribe to delivers, and those
    /// where they are on duty. From their AMAP's distributions already `published` and the contracts they subscribe
    /// to (`contractsByMember`): `publish` writes a network's hundred thousand private feeds, and looking both up
    /// again for each member made its time grow with the square of the network (issue 15: 80 s of CPU for 2,000
    /// AMAPs).
    public func distributions(of member: Member, subscribed: Set<Int64>, in published: [PublishedDistribution])
        -> [MemberDistribution]
    {
        published.compactMap { p in
            let collecting = p.contracts.filter { subscribed.contains($0.contractID) }
            let duty = duties[p.distribution.id]?.first { $0.memberID == member.id }
            guard !collecting.isEmpty || duty != nil else { return nil }
            return MemberDistribution(published: p, collecting: collecting, duty: duty)
        }
    }

    /// Each member's subscribed contracts.
    public var contractsByMember: [Int64: Set<Int64>] {
        var contracts: [Int64: Set<Int64>] = [:]
        for (contract, members) in subscribers {
            for member in members { contracts[member, default: []].insert(contract) }
        }
        return contracts
    }
}
