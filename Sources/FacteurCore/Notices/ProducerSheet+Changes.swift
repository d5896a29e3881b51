import Foundation

/// What an updated sheet says changed since the one the producer already has: the figures of each sheet sent
/// are kept with its outbox row (`SheetFigures`, as JSON), and the next sheet is compared with them.
extension ProducerSheet {
    /// The figures a producer acts on: the round's stops, the baskets, the total of each product.
    public struct Figures: Sendable, Equatable, Codable {
        public var stops: [String]
        public var shares: Int
        public var totals: [String: Int64]

        public init(stops: [String], shares: Int, totals: [String: Int64]) {
            self.stops = stops
            self.shares = shares
            self.totals = totals
        }

        public var encoded: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        public init?(encoded: String) {
            guard let value = try? JSONDecoder().decode(Figures.self, from: Data(encoded.utf8)) else { return nil }
            self = value
        }
    }

    public enum Change: Sendable, Equatable {
        case stopAdded(String)
        case stopRemoved(String)
        case shares(from: Int, to: Int)
        case quantity(product: String, from: Int64, to: Int64)
    }

    public var figures: Figures {
        Figures(
            stops: stops.map { "\($0.amap), \($0.place)" }, shares: totalShares,
            totals: Dictionary(totals.map { ($0.product, $0.quantity) }, uniquingKeysWith: { a, _ in a }))
    }

    /// From the earlier sheet's figures to this one's, in the sheet's own order.
    public static func changes(from old: Figures, to new: Figures) -> [Change] {
        var changes: [Change] = []
        for stop in new.stops where !old.stops.contains(stop) { changes.append(.stopAdded(stop)) }
        for stop in old.stops where !new.stops.contains(stop) { changes.append(.stopRemoved(stop)) }
        if old.shares != new.shares { changes.append(.shares(from: old.shares, to: new.shares)) }
        for product in (Set(old.totals.keys).union(new.totals.keys)).sorted() {
            let from = old.totals[product] ?? 0
            let to = new.totals[product] ?? 0
            if from != to { changes.append(.quantity(product: product, from: from, to: to)) }
        }
        return changes
    }
}
