import Foundation

/// A period during which the subscribers of a contract order for a coming distribution.
public struct OrderWindow: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var contractID: Int64
    public var opensAt: Date
    public var closesAt: Date
    public var distributionID: Int64?
    /// Products not available this time, as the producer wrote them.
    public var unavailable: String?
    public var notes: String?
    /// Whether the balance that decides a debt counts this window's orders: its `closes_at`, as written, sorts at
    /// or before the balance's time. The database tells, with the very comparison the balance makes, so that a
    /// negative balance's mail shows the orders that decided it and no others (see `BalanceQuery`).
    public var countsInBalance = true

    public init(
        id: Int64, contractID: Int64, opensAt: Date, closesAt: Date, distributionID: Int64? = nil,
        unavailable: String? = nil, notes: String? = nil
    ) {
        self.id = id
        self.contractID = contractID
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.distributionID = distributionID
        self.unavailable = unavailable
        self.notes = notes
    }
}

/// One product a member ordered in a window.
public struct OrderLine: Sendable, Equatable {
    public var windowID: Int64
    public var memberID: Int64
    public var product: String
    public var quantity: Int64
    public var unitPrice: Money

    public init(windowID: Int64, memberID: Int64, product: String, quantity: Int64, unitPrice: Money) {
        self.windowID = windowID
        self.memberID = memberID
        self.product = product
        self.quantity = quantity
        self.unitPrice = unitPrice
    }

    /// quantity × unit price, exactly, in cents (the reader keeps both within `PlausibleValues`).
    public var amount: Money { unitPrice.times(quantity) }
}

/// Money a member paid for a contract (negative for a refund).
public struct Payment: Sendable, Equatable {
    public var memberID: Int64
    public var contractID: Int64
    public var amount: Money
    /// Nil when the date written could not be read: the payment still counts, as it does in the balance that
    /// decided, and the row is reported to the coordinators (a member is never chased for money they paid).
    public var receivedOn: LocalDate?
    public var method: String?
    public var reference: String?

    public init(
        memberID: Int64, contractID: Int64, amount: Money, receivedOn: LocalDate?, method: String? = nil,
        reference: String? = nil
    ) {
        self.memberID = memberID
        self.contractID = contractID
        self.amount = amount
        self.receivedOn = receivedOn
        self.method = method
        self.reference = reference
    }
}

/// A row of the `balance` view: paid − ordered for one member and contract.
public struct Balance: Sendable, Equatable {
    public var memberID: Int64
    public var contractID: Int64
    public var paid: Money
    public var ordered: Money

    public init(memberID: Int64, contractID: Int64, paid: Money, ordered: Money) {
        self.memberID = memberID
        self.contractID = contractID
        self.paid = paid
        self.ordered = ordered
    }

    public var balance: Money { paid - ordered }
}

/// A debt in progress: since when a member's balance on a contract has been below the threshold.
public struct Debt: Sendable, Equatable {
    public var memberID: Int64
    public var contractID: Int64
    public var since: Date

    public init(memberID: Int64, contractID: Int64, since: Date) {
        self.memberID = memberID
        self.contractID = contractID
        self.since = since
    }
}
