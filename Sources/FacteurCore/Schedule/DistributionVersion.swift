import Foundation

/// The announced facts of a distribution (times and place), stored with each notice sent about it.
public struct DistributionVersion: Sendable, Equatable, Hashable {
    public var startsAt: Date
    public var endsAt: Date
    public var place: String

    public init(startsAt: Date, endsAt: Date, place: String) {
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
    }

    /// A stable text form for storage: `<start unix>|<end unix>|<place>`.
    public var encoded: String {
        "\(Int64(startsAt.timeIntervalSince1970))|\(Int64(endsAt.timeIntervalSince1970))|\(place)"
    }

    public init?(encoded: String) {
        let parts = encoded.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let start = Int64(parts[0]), let end = Int64(parts[1]) else { return nil }
        self.init(
            startsAt: Date(timeIntervalSince1970: TimeInterval(start)),
            endsAt: Date(timeIntervalSince1970: TimeInterval(end)), place: String(parts[2]))
    }
}
