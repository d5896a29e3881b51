/// What a distribution notice tells one member: plain values, ready to render.
public struct DistributionNotice: Sendable, Equatable {
    /// One contract delivering at the distribution.
    public struct Line: Sendable, Equatable {
        public var contract: String
        public var producer: String
        public var farm: String?
        public var notes: String?

        public init(contract: String, producer: String, farm: String? = nil, notes: String? = nil) {
            self.contract = contract
            self.producer = producer
            self.farm = farm
            self.notes = notes
        }
    }

    /// A member on duty ("permanence").
    public struct Volunteer: Sendable, Equatable {
        public var name: String
        public var role: String?

        public init(name: String, role: String? = nil) {
            self.name = name
            self.role = role
        }
    }

    public var distribution: Distribution
    /// The recipient's deliveries (announcement), or every delivery (other kinds).
    public var deliveries: [Line]
    public var volunteers: [Volunteer]
    public var recipientIsOnDuty: Bool
    /// Volunteers still wanted.
    public var dutyMissing: Int
    /// iCalendar SEQUENCE: 0 for the announcement, raised by each change.
    public var sequence: Int
    /// What the announcement (or the previous change) said, for a `change`.
    public var previous: DistributionVersion?
    /// For a `change`: the distribution had been cancelled and is on again.
    public var reinstated = false
    /// For a `duty_confirmation`: what the volunteer's answer did.
    public var dutyAnswer: DutyAnswer?

    public enum DutyAnswer: String, Sendable, Equatable {
        /// Signed up (a `duty` row was added).
        case joined
        /// Already on duty: nothing to add.
        case already
        /// The distribution already has every volunteer it needs: thanked, nothing added.
        case full
        /// Withdrew: the `duty` row was removed.
        case withdrawn
        /// The distribution is cancelled or over: nothing changed, and the member is told so.
        case closed
    }

    public init(
        distribution: Distribution, deliveries: [Line], volunteers: [Volunteer], recipientIsOnDuty: Bool,
        dutyMissing: Int, sequence: Int, previous: DistributionVersion? = nil
    ) {
        self.distribution = distribution
        self.deliveries = deliveries
        self.volunteers = volunteers
        self.recipientIsOnDuty = recipientIsOnDuty
        self.dutyMissing = dutyMissing
        self.sequence = sequence
        self.previous = previous
    }
}
