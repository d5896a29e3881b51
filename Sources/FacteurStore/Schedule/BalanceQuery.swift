import FacteurCore
import Foundation

/// Facteur's own reading of balances. The published `balance` view sums whatever another tool wrote: one
/// payment of 2⁶³−1 makes its `SUM` fail for the whole network, and `'abc'` counts as 0. Facteur sums only
/// values within `PlausibleValues` and leaves out every (member, contract) pair that has an unusable row,
/// so no balance it mails is wrong, and no single row can stop the others (DESIGN §3).
enum BalanceQuery {
    static let usablePayment = """
        typeof(amount_cents) = 'integer' AND amount_cents BETWEEN \(PlausibleValues.paymentCents.lowerBound) \
        AND \(PlausibleValues.paymentCents.upperBound)
        """

    static let usableLine = """
        typeof(quantity) = 'integer' AND quantity BETWEEN \(PlausibleValues.quantity.lowerBound) \
        AND \(PlausibleValues.quantity.upperBound) AND typeof(unit_price_cents) = 'integer' \
        AND unit_price_cents BETWEEN \(PlausibleValues.unitPriceCents.lowerBound) \
        AND \(PlausibleValues.unitPriceCents.upperBound)
        """

    /// A `WITH` clause defining `facteur_balance(member_id, contract_id, paid_cents, ordered_cents,
    /// balance_cents)` over usable rows, without the pairs that have an unusable one: one pass over payments
    /// and order lines, one grouping (as fast as the published view, which joins three groupings).
    /// Sums use `TOTAL` (a double), never `SUM`, whose overflow error would stop the query for everyone: while
    /// the sum of magnitudes stays under 2⁵³ every partial sum is an integer a double holds exactly, so the
    /// result is exact; a pair beyond that (`exactLimit`) is left out and reported by `inexactPairs`.
    /// Its one parameter (bound first) is the local time `closedBy(_:in:)` gives: orders count once their window
    /// has closed, so a member who has just ordered, and may still change it, is not chased for it.
    /// `CROSS JOIN` keeps the order lines the outer loop, read in their table's order, each window looked up by its
    /// id: left to itself SQLite walked the windows and fetched each one's lines through their index, all across the
    /// table, and with its page cache of 2 MB that was a read of the disk for almost every other line (232,000 on
    /// the 2,000-AMAP network's 520,000; the pass 0.95 s instead of 0.57 s, on the tick's path, issue 15).
    static let with = """
        WITH entries AS (
            SELECT member_id, contract_id, CASE WHEN \(usablePayment) THEN amount_cents END AS paid,
                NULL AS ordered, NOT (\(usablePayment)) AS bad
            FROM payment
            UNION ALL
            SELECT l.member_id, w.contract_id, NULL,
                CASE WHEN \(usableLine) THEN quantity * unit_price_cents END, NOT (\(usableLine))
            FROM order_line l CROSS JOIN order_window w ON w.id = l.order_window_id AND w.closes_at <= ?),
        facteur_balance AS (
            SELECT member_id, contract_id, CAST(TOTAL(paid) AS INTEGER) AS paid_cents,
                CAST(TOTAL(ordered) AS INTEGER) AS ordered_cents,
                CAST(TOTAL(paid) AS INTEGER) - CAST(TOTAL(ordered) AS INTEGER) AS balance_cents
            FROM entries GROUP BY member_id, contract_id
            HAVING MAX(bad) = 0 AND TOTAL(abs(paid)) + TOTAL(abs(ordered)) < \(exactLimit))
        """

    /// `YYYY-MM-DD HH:MM:SS` at `now` in `zone`: windows whose `closes_at` sorts at or before it have closed.
    static func closedBy(_ now: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0)
    }

    /// 2⁵³: below it, every integer is a double.
    static let exactLimit = "9007199254740992.0"

    /// Pairs whose amounts, each plausible, add up beyond what can be counted exactly.
    static let inexactPairs = """
        SELECT l.member_id, w.contract_id FROM order_line l CROSS JOIN order_window w ON w.id = l.order_window_id
        WHERE \(usableLine)
        GROUP BY 1, 2 HAVING TOTAL(abs(quantity * unit_price_cents)) >= \(exactLimit) / 2
        UNION SELECT member_id, contract_id FROM payment WHERE \(usablePayment)
        GROUP BY 1, 2 HAVING TOTAL(abs(amount_cents)) >= \(exactLimit) / 2
        """

    /// Every unusable payment and order line in the database, so each is reported at every tick even when
    /// no notice of this tick reads it. Found through the partial indexes of migration 9, which hold only them.
    static let unusableRows = """
        SELECT 'payment', id, amount_cents, NULL FROM payment WHERE NOT (\(usablePayment))
        UNION ALL
        SELECT 'order_line', id, quantity, unit_price_cents FROM order_line WHERE NOT (\(usableLine))
        """
}
