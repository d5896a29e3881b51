import Foundation

/// A pick-up session where contracts deliver and members on duty ("permanence") help.
public struct Distribution: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var amapID: Int64
    public var startsAt: Date
    public var endsAt: Date
    public var place: String
    public var notes: String?
    public var cancelled: Bool
    public var dutyNeeded: Int

    public init(
        id: Int64, amapID: Int64, startsAt: Date, endsAt: Date, place: String, notes: String? = nil,
        cancelled: Bool = false, dutyNeeded: Int = 0
    ) {
        self.id = id
        self.amapID = amapID
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.notes = notes
        self.cancelled = cancelled
        self.dutyNeeded = dutyNeeded
    }

    /// What members were told: a change to any of these after the announcement warrants a `change` notice.
    public var version: DistributionVersion {
        DistributionVersion(startsAt: startsAt, endsAt: endsAt, place: place)
    }
}

/// A contract delivering at a distribution.
public struct Delivery: Sendable, Equatable {
    public var distributionID: Int64
    public var contractID: Int64
    public var notes: String?

    public init(distributionID: Int64, contractID: Int64, notes: String? = nil) {
        self.distributionID = distributionID
        self.contractID = contractID
        self.notes = notes
    }
}

/// A member on duty at a distribution.
public struct Duty: Sendable, Equatable {
    public var distributionID: Int64
    public var memberID: Int64
    public var role: String?

    public init(distributionID: Int64, memberID: Int64, role: String? = nil) {
        self.distributionID = distributionID
        self.memberID = memberID
        self.role = role
    }
}
