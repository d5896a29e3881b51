/// Sums, differences and products of database values never trap (DESIGN §3 "Arithmetic on database values
/// never traps"). The schedule reader already refuses amounts outside `PlausibleValues`, which keeps every
/// real sum exact; these operations only decide what happens beyond 64 bits, where no AMAP's accounts go:
/// the result stops at the nearest bound instead of crashing the daemon for every AMAP.
extension Money {
    public static func + (a: Money, b: Money) -> Money {
        let (sum, overflow) = a.cents.addingReportingOverflow(b.cents)
        return Money(cents: overflow ? (b.cents > 0 ? .max : .min) : sum)
    }

    public static func - (a: Money, b: Money) -> Money {
        let (difference, overflow) = a.cents.subtractingReportingOverflow(b.cents)
        return Money(cents: overflow ? (b.cents < 0 ? .max : .min) : difference)
    }

    public static func += (a: inout Money, b: Money) { a = a + b }

    public static let zero = Money(cents: 0)

    /// `quantity` units at this price.
    public func times(_ quantity: Int64) -> Money {
        let (product, overflow) = cents.multipliedReportingOverflow(by: quantity)
        guard overflow else { return Money(cents: product) }
        return Money(cents: (cents < 0) == (quantity < 0) ? .max : .min)
    }

    /// What is owed when the balance is negative (0 otherwise), and the credit when positive.
    public var due: Money { cents < 0 ? Money.zero - self : .zero }
    public var credit: Money { cents > 0 ? self : .zero }
}

extension Sequence where Element == Money {
    public func sum() -> Money { reduce(.zero, +) }
}

/// Integer counts that come from rows (quantities per product): added without trapping.
extension Int64 {
    public func saturatingAdd(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
