/// The consolidated orders of a closed window, for the producer and the contract's coordinator.
/// Names only: members' addresses and phones are never in it.
public struct OrderSummary: Sendable, Equatable {
    public struct ProductTotal: Sendable, Equatable {
        public var product: String
        public var quantity: Int64
        public var amount: Money
    }

    public struct MemberOrder: Sendable, Equatable {
        public var name: String
        public var lines: [OrderLine]
        public var total: Money
    }

    public var order: OrderNotice
    public var products: [ProductTotal]
    public var members: [MemberOrder]
    public var total: Money

    /// Totals per product (in first-seen order) and per member (by name), summed exactly in cents.
    public init(order: OrderNotice, lines: [OrderLine], memberNames: [Int64: String]) {
        self.order = order
        var products: [ProductTotal] = []
        var index: [String: Int] = [:]
        for line in lines {
            if let i = index[line.product] {
                products[i].quantity = products[i].quantity.saturatingAdd(line.quantity)
                products[i].amount += line.amount
            } else {
                index[line.product] = products.count
                products.append(ProductTotal(product: line.product, quantity: line.quantity, amount: line.amount))
            }
        }
        self.products = products
        let byMember = Dictionary(grouping: lines, by: \.memberID)
        members = byMember.map { id, lines in
            MemberOrder(
                name: memberNames[id] ?? "membre \(id)", lines: lines,
                total: lines.map(\.amount).sum())
        }.sorted { ($0.name, $0.total.cents) < ($1.name, $1.total.cents) }
        total = lines.map(\.amount).sum()
    }
}
