import Foundation

/// `producer_sheet` (DESIGN §2): one message for a producer who delivers to two or more distributions on one
/// date, with, per distribution, the shares and ordered quantities of their contracts, and the totals across
/// all of them. A farmer reads it on a phone at the farm: totals first.
public struct ProducerSheet: Sendable, Equatable {
    public struct Quantity: Sendable, Equatable {
        public var product: String
        public var quantity: Int64
        public init(product: String, quantity: Int64) {
            self.product = product
            self.quantity = quantity
        }
    }

    public struct Share: Sendable, Equatable {
        public var contract: String
        /// Active subscribers: the number of baskets of a fixed-basket contract.
        public var count: Int
        public init(contract: String, count: Int) {
            self.contract = contract
            self.count = count
        }
    }

    /// One distribution of the round.
    public struct Stop: Sendable, Equatable {
        public var distributionID: Int64
        public var amapID: Int64
        public var amap: String
        public var place: String
        public var startsAt: Date
        public var timeZone: TimeZone
        public var shares: [Share]
        public var ordered: [Quantity]

        public init(
            distributionID: Int64, amapID: Int64, amap: String, place: String, startsAt: Date, timeZone: TimeZone,
            shares: [Share], ordered: [Quantity]
        ) {
            self.distributionID = distributionID
            self.amapID = amapID
            self.amap = amap
            self.place = place
            self.startsAt = startsAt
            self.timeZone = timeZone
            self.shares = shares
            self.ordered = ordered
        }
    }

    public var producer: String
    public var date: LocalDate
    public var stops: [Stop]
    /// This sheet replaces an earlier one whose figures have changed.
    public var isUpdate = false
    /// What changed since the sheet the producer already has (empty for the first one).
    public var changes: [Change] = []

    public init(producer: String, date: LocalDate, stops: [Stop], isUpdate: Bool = false) {
        self.producer = producer
        self.date = date
        self.stops = stops
        self.isUpdate = isUpdate
    }

    public var totalShares: Int { stops.flatMap(\.shares).reduce(0) { $0 + $1.count } }

    /// Ordered quantities summed across the round, by product, in first-seen order.
    public var totals: [Quantity] { Self.merged(stops.flatMap(\.ordered)) }

    /// Quantities summed by product, in first-seen order (one stop's lines, or the whole round's).
    public static func merged(_ quantities: [Quantity]) -> [Quantity] {
        var result: [Quantity] = []
        var index: [String: Int] = [:]
        for q in quantities {
            if let i = index[q.product] {
                result[i].quantity = result[i].quantity.saturatingAdd(q.quantity)
            } else {
                index[q.product] = result.count
                result.append(q)
            }
        }
        return result
    }

    /// A short digest of every figure: a sheet is sent again (threaded) only when this changes.
    /// The fingerprint with each stop's place too: the key of a sheet sent again because only a place changed
    /// (the plain fingerprint, unchanged, is the key of the sheet the producer already has).
    public var fingerprintWithPlaces: String {
        Self.fnv(fingerprint + stops.map { "|\($0.distributionID)@\($0.place)" }.joined())
    }

    public var fingerprint: String {
        var text = "\(date)"
        for s in stops {
            text += "|\(s.distributionID)@\(Int64(s.startsAt.timeIntervalSince1970))"
            for share in s.shares { text += ";\(share.contract)=\(share.count)" }
            for q in s.ordered { text += ";\(q.product)×\(q.quantity)" }
        }
        return Self.fnv(text)
    }

    /// FNV-1a, 64 bits: stable across runs and machines (Hasher is seeded per process).
    static func fnv(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
