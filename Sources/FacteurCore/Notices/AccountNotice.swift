import Foundation

/// A member's account on one contract: orders window by window, payments, balance. The body of
/// `negative_balance` and `statement`.
public struct AccountNotice: Sendable, Equatable {
    public struct WindowOrders: Sendable, Equatable {
        public var window: OrderWindow
        public var lines: [OrderLine]
        public var total: Money
    }

    public var memberID: Int64
    public var contractID: Int64
    public var contract: String
    public var producer: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var windows: [WindowOrders]
    public var payments: [Payment]
    public var paid: Money
    public var ordered: Money
    /// For `negative_balance`: since when the debt runs, and which notice in a row this is.
    public var debtSince: Date?
    public var noticeNumber: Int
    public var orderURL: String?
    /// False when the contract's order history was not read (see `Schedule.accountHistories`): its orders and
    /// balance would be wrong, so it is completed before rendering, or not rendered at all.
    public var isComplete = true
    /// For `negative_balance`: the orders shown are only those the balance that decided counted
    /// (`OrderWindow.countsInBalance`); a statement shows every order.
    public var countedOnly = false
    /// For `negative_balance`: the balance that decided it. A notice whose figures are not it is held
    /// (`PlanResult.holdAccountsOffTheirBalance`).
    public var deciding: Money?

    public var balance: Money { paid - ordered }

    /// `lines` and `payments`: the member's own.
    public init(
        member: Int64, contract: Contract, producer: Producer?, windows: [OrderWindow], lines: [OrderLine],
        payments: [Payment], debtSince: Date? = nil, noticeNumber: Int = 0
    ) {
        memberID = member
        contractID = contract.id
        self.contract = contract.name
        self.producer = producer?.name ?? ""
        startsOn = contract.startsOn
        endsOn = contract.endsOn
        let byWindow = Dictionary(grouping: lines, by: \.windowID)
        self.windows = windows.sorted { $0.closesAt < $1.closesAt }.compactMap { w in
            guard let lines = byWindow[w.id], !lines.isEmpty else { return nil }
            return WindowOrders(window: w, lines: lines, total: lines.map(\.amount).sum())
        }
        // By date, those whose date could not be read last.
        self.payments = payments.enumerated().sorted { a, b in
            switch (a.element.receivedOn, b.element.receivedOn) {
            case (let x?, let y?): return x < y || (x == y && a.offset < b.offset)
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return a.offset < b.offset
            }
        }.map(\.element)
        paid = payments.map(\.amount).sum()
        ordered = lines.map(\.amount).sum()
        self.debtSince = debtSince
        self.noticeNumber = noticeNumber
        orderURL = contract.orderURL
    }
}

extension AccountNotice {
    /// The same contract's account for no one: one order of one product at one cent and one payment of nothing,
    /// on `day`. A body stored against a base rendered from it (`BodyDelta`) finds there the markup of every row a
    /// member's own account has, and the base holds no member's orders, payments or debt.
    public func placeholder(on day: Date) -> AccountNotice {
        var account = self
        account.memberID = 0
        let window = OrderWindow(id: 0, contractID: contractID, opensAt: day, closesAt: day)
        let line = OrderLine(windowID: 0, memberID: 0, product: "Produit", quantity: 1, unitPrice: Money(cents: 1))
        account.windows = [WindowOrders(window: window, lines: [line], total: line.amount)]
        account.payments = [
            Payment(memberID: 0, contractID: contractID, amount: .zero, receivedOn: startsOn, method: "chèque")
        ]
        account.paid = .zero
        account.ordered = line.amount
        account.debtSince = debtSince == nil ? nil : day
        account.noticeNumber = 1
        account.deciding = nil
        return account
    }
}
