/// The tables other tools write (DESIGN §1). `CREATE … IF NOT EXISTS` so that a database the
/// management tool already created is left as it is. No foreign-key clauses: rows written by other
/// tools that point at a missing parent are reported and skipped by the schedule reader instead.
enum PublishedSchema {
    static let sql = """
        CREATE TABLE IF NOT EXISTS amap (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, reply_to TEXT, timezone TEXT,
            website TEXT);
        CREATE TABLE IF NOT EXISTS member (
            id INTEGER PRIMARY KEY, amap_id INTEGER NOT NULL, name TEXT NOT NULL, email TEXT, phone TEXT,
            active INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE IF NOT EXISTS producer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, farm TEXT, email TEXT);
        CREATE TABLE IF NOT EXISTS contract (
            id INTEGER PRIMARY KEY, amap_id INTEGER NOT NULL, producer_id INTEGER NOT NULL, name TEXT NOT NULL,
            starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, coordinator_id INTEGER, relay_address TEXT UNIQUE,
            order_url TEXT);
        CREATE TABLE IF NOT EXISTS subscription (
            member_id INTEGER, contract_id INTEGER, PRIMARY KEY (member_id, contract_id));
        CREATE TABLE IF NOT EXISTS distribution (
            id INTEGER PRIMARY KEY, amap_id INTEGER NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
            place TEXT NOT NULL, notes TEXT, cancelled INTEGER NOT NULL DEFAULT 0,
            duty_needed INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS delivery (
            distribution_id INTEGER, contract_id INTEGER, notes TEXT, PRIMARY KEY (distribution_id, contract_id));
        CREATE TABLE IF NOT EXISTS duty (
            distribution_id INTEGER, member_id INTEGER, role TEXT, PRIMARY KEY (distribution_id, member_id));
        CREATE TABLE IF NOT EXISTS order_window (
            id INTEGER PRIMARY KEY, contract_id INTEGER NOT NULL, opens_at TEXT NOT NULL, closes_at TEXT NOT NULL,
            distribution_id INTEGER, unavailable TEXT, notes TEXT);
        CREATE TABLE IF NOT EXISTS order_line (
            id INTEGER PRIMARY KEY, order_window_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
            product TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price_cents INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS payment (
            id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, contract_id INTEGER NOT NULL,
            amount_cents INTEGER NOT NULL, received_on TEXT NOT NULL, method TEXT, reference TEXT);
        CREATE TABLE IF NOT EXISTS preference (member_id INTEGER, kind TEXT, PRIMARY KEY (member_id, kind));
        CREATE VIEW IF NOT EXISTS balance AS
            WITH pairs AS (
                SELECT member_id, contract_id FROM subscription
                UNION SELECT member_id, contract_id FROM payment
                UNION SELECT l.member_id, w.contract_id FROM order_line l JOIN order_window w ON w.id = l.order_window_id
            ),
            paid AS (SELECT member_id, contract_id, SUM(amount_cents) AS cents FROM payment GROUP BY 1, 2),
            ordered AS (
                SELECT l.member_id, w.contract_id, SUM(l.quantity * l.unit_price_cents) AS cents
                FROM order_line l JOIN order_window w ON w.id = l.order_window_id GROUP BY 1, 2)
            SELECT p.member_id, p.contract_id,
                COALESCE(paid.cents, 0) AS paid_cents,
                COALESCE(ordered.cents, 0) AS ordered_cents,
                COALESCE(paid.cents, 0) - COALESCE(ordered.cents, 0) AS balance_cents
            FROM pairs p
            LEFT JOIN paid ON paid.member_id = p.member_id AND paid.contract_id = p.contract_id
            LEFT JOIN ordered ON ordered.member_id = p.member_id AND ordered.contract_id = p.contract_id;
        CREATE INDEX IF NOT EXISTS distribution_amap_start ON distribution (amap_id, starts_at);
        CREATE INDEX IF NOT EXISTS subscription_contract ON subscription (contract_id);
        CREATE INDEX IF NOT EXISTS member_amap ON member (amap_id);
        CREATE INDEX IF NOT EXISTS order_line_window ON order_line (order_window_id, member_id);
        CREATE INDEX IF NOT EXISTS payment_member_contract ON payment (member_id, contract_id);
        """
}
