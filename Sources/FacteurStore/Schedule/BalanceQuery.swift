import FacteurCore

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
        typeof(l.quantity) = 'integer' AND l.quantity BETWEEN \(PlausibleValues.quantity.lowerBound) \
        AND \(PlausibleValues.quantity.upperBound) AND typeof(l.unit_price_cents) = 'integer' \
        AND l.unit_price_cents BETWEEN \(PlausibleValues.unitPriceCents.lowerBound) \
        AND \(PlausibleValues.unitPriceCents.upperBound)
        """

    /// A `WITH` clause defining `facteur_balance(member_id, contract_id, paid_cents, ordered_cents,
    /// balance_cents)` over usable rows, without the pairs that have an unusable one.
    static let with = """
        WITH paid AS (
            SELECT member_id, contract_id, SUM(CASE WHEN \(usablePayment) THEN amount_cents END) AS cents,
                SUM(NOT (\(usablePayment))) AS bad
            FROM payment GROUP BY 1, 2),
        ordered AS (
            SELECT l.member_id, w.contract_id,
                SUM(CASE WHEN \(usableLine) THEN l.quantity * l.unit_price_cents END) AS cents,
                SUM(NOT (\(usableLine))) AS bad
            FROM order_line l JOIN order_window w ON w.id = l.order_window_id GROUP BY 1, 2),
        pairs AS (SELECT member_id, contract_id FROM paid UNION SELECT member_id, contract_id FROM ordered),
        facteur_balance AS (
            SELECT p.member_id, p.contract_id, COALESCE(paid.cents, 0) AS paid_cents,
                COALESCE(ordered.cents, 0) AS ordered_cents,
                COALESCE(paid.cents, 0) - COALESCE(ordered.cents, 0) AS balance_cents
            FROM pairs p
            LEFT JOIN paid ON paid.member_id = p.member_id AND paid.contract_id = p.contract_id
            LEFT JOIN ordered ON ordered.member_id = p.member_id AND ordered.contract_id = p.contract_id
            WHERE COALESCE(paid.bad, 0) = 0 AND COALESCE(ordered.bad, 0) = 0)
        """

    /// Every unusable payment and order line in the database, so each is reported at every tick even when
    /// no notice of this tick reads it.
    static let unusableRows = """
        SELECT 'payment', id, amount_cents, NULL FROM payment WHERE NOT (\(usablePayment))
        UNION ALL
        SELECT 'order_line', l.id, l.quantity, l.unit_price_cents FROM order_line l WHERE NOT (\(usableLine))
        """
}
