import FacteurCore
import Foundation

/// Debts in progress and contracts whose statement is near, with every order and payment behind them.
extension ScheduleReader {
    func readAccounts(_ db: SQLiteConnection, from: Date, to: Date, into s: inout Schedule) throws {
        let accounts = try network ?? networkAccounts(db)
        // Network-wide findings are reported once, by the first group.
        if group.isFirst { s.issues += accounts.issues }
        for debt in accounts.debts where s.members[debt.memberID] != nil && s.contracts[debt.contractID] != nil {
            s.debts.append(Debt(memberID: debt.memberID, contractID: debt.contractID, since: debt.since))
            s.balances.append(
                Balance(
                    memberID: debt.memberID, contractID: debt.contractID, paid: Money(cents: debt.paidCents),
                    ordered: Money(cents: debt.orderedCents)))
        }
        let utc = TimeZone(identifier: "UTC")!
        let earliest = LocalDate(from, in: utc).adding(days: -32)
        let latest = LocalDate(to, in: utc).adding(days: 1)
        s.endedContracts = s.contracts.values.filter { contract in
            let due = contract.endsOn.adding(days: statementDaysAfterEnd)
            return due >= earliest && due <= latest
        }.map(\.id).sorted()
        let accountContracts = Set(s.endedContracts + s.debts.map(\.contractID))
        if defersAccountHistories { s.accountHistories = [] }
        guard !accountContracts.isEmpty else { return }
        if defersAccountHistories {
            // Their payments are still read: a payment whose date is no date is reported at every tick.
            try readPayments(db, contracts: accountContracts, into: &s)
        } else {
            try readAccountHistories(db, contracts: accountContracts, into: &s)
        }
    }

    /// The payments of `contracts`, in place of any read before: an account lists the orders and payments of one
    /// read, so that its balance is one that existed.
    func readPayments(_ db: SQLiteConnection, contracts: Set<Int64>, into s: inout Schedule) throws {
        for c in contracts { s.payments[c] = nil }
        let list = JSONList.integers(contracts.sorted())
        try db.forEachRow(
            """
            SELECT id, member_id, contract_id, amount_cents, received_on, method, reference FROM payment
            WHERE contract_id IN (SELECT value FROM json_each(?)) ORDER BY received_on, id
            """, [list]
        ) { row in
            let id = row.int64(0) ?? 0
            guard let cents = ScheduleReader.integer(row[3], in: PlausibleValues.paymentCents) else {
                s.issues.append(Self.paymentIssue(id: id, amount: row.text(3)))
                return
            }
            // Reported to the contract's AMAP alone: a member's name is not news for every coordinator of a network.
            let c = row.int64(2) ?? 0
            let amap = s.contracts[c]?.amapID
            guard let m = row.int64(1) else {
                s.issues.append(
                    .init(
                        table: "payment", rowID: "\(id)", amapID: amap,
                        problem: .init(
                            fr: "member_id \(PlausibleValues.shown(row.text(1), .fr)) : aucun membre utilisable ; "
                                + "ce paiement n'est compté pour personne",
                            en: "member_id \(PlausibleValues.shown(row.text(1))) is no usable member; this payment "
                                + "counts for no one")))
                return
            }
            // A date that cannot be read is reported; the payment still counts, as in the balance (`BalanceQuery`).
            let day = row.text(4).flatMap { LocalDate(String($0.prefix(10))) }
            if day == nil {
                s.issues.append(
                    .init(
                        table: "payment", rowID: "\(id)", amapID: amap,
                        problem: ScheduleReader.notADate("received_on", row.text(4))))
            }
            s.payments[c, default: []].append(
                Payment(
                    memberID: m, contractID: c, amount: Money(cents: cents), receivedOn: day, method: row.text(5),
                    reference: row.text(6)))
        }
    }
}

extension ScheduleReader {
    /// Every order window of `contracts`, every line ordered in them and every payment (read again): what a statement
    /// or a debt's notice lists. Five years of a network's orders, so a tick reads them only for the account notices
    /// it finds due (`defersAccountHistories`, then `Database.readAccountHistories`), in one read transaction.
    func readAccountHistories(_ db: SQLiteConnection, contracts: Set<Int64>, into s: inout Schedule) throws {
        let wanted = contracts.subtracting(s.accountHistories ?? [])
        s.accountHistories?.formUnion(contracts)
        guard !wanted.isEmpty else { return }
        let list = JSONList.integers(wanted.sorted())
        var windows: [OrderWindow] = []
        // Marked with the balance's own comparison (`BalanceQuery.with`), not judged again here.
        try db.forEachRow(
            """
            SELECT id, contract_id, opens_at, closes_at, distribution_id, unavailable, notes, closes_at <= ?
            FROM order_window WHERE contract_id IN (SELECT value FROM json_each(?)) ORDER BY id
            """, [balanceClosedBy, list]
        ) { row in
            if var w = try orderWindow(row, schedule: &s) {
                w.countsInBalance = row.int64(7) != 0
                windows.append(w)
            }
        }
        windows = firstOfEachID(windows, schedule: &s)
        let windowContract = Dictionary(uniqueKeysWithValues: windows.map { ($0.id, $0.contractID) })
        for w in windows { s.contractWindows[w.contractID, default: []].append(w) }
        for line in try orderLines(db, windows: windows.map(\.id), schedule: &s) {
            if let c = windowContract[line.windowID] { s.contractLines[c, default: []].append(line) }
        }
        try readPayments(db, contracts: wanted, into: &s)
    }
}

/// What the accounts of the whole network give, read once per planning pass whatever the number of groups:
/// the balances of open debts (one grouping over every payment and order line) and the unusable rows.
public struct NetworkAccounts: Sendable {
    public struct DebtBalance: Sendable {
        var memberID: Int64
        var contractID: Int64
        var since: Date
        var paidCents: Int64
        var orderedCents: Int64
    }

    var debts: [DebtBalance]
    var issues: [ScheduleIssue]

    /// `debts`: the balances of the open debts, as `Database.applyDebts` returned them; `issues`: the unusable
    /// account rows, as `Database.accountIssues` read them.
    public init(debts: [DebtBalance] = [], issues: [ScheduleIssue] = []) {
        self.debts = debts
        self.issues = issues
    }
}

extension ScheduleReader {
    /// Reads the network's debt balances and unusable account rows, when the tick's debt refresh could not give
    /// the balances (see `NoticePlanning.plan`). The sums cannot fail on one row's values
    /// (see `BalanceQuery`); should they fail anyway, account notices wait and everything else is planned.
    public func networkAccounts(_ db: SQLiteConnection) throws -> NetworkAccounts {
        var accounts = NetworkAccounts(issues: try Self.unusableAccountRows(db))
        switch try debtBalances(db) {
        case .success(let rows):
            for row in rows {
                guard let m = row.int64(0), let c = row.int64(1) else { continue }
                accounts.debts.append(
                    .init(
                        memberID: m, contractID: c, since: Date(timeIntervalSince1970: TimeInterval(row.int64(2) ?? 0)),
                        paidCents: row.int64(3) ?? 0, orderedCents: row.int64(4) ?? 0))
            }
        case .failure(let error):
            accounts.issues.append(
                .init(
                    table: "balance", rowID: "*",
                    problem: .init(
                        fr: "les soldes n'ont pas pu être calculés (\(error.message))",
                        en: "balances could not be computed (\(error.message))")))
        }
        return accounts
    }

    /// The local time the balances are computed at, as `BalanceQuery` binds it: every window counts when no time is
    /// given.
    var balanceClosedBy: String { BalanceQuery.closedBy(balancesAt ?? .distantFuture, in: defaultTimeZone) }

    /// The balances of open debts. A failure other than a busy database is returned, not thrown: account
    /// notices then wait and everything else is planned.
    func debtBalances(_ db: SQLiteConnection) throws -> Result<[Row], SQLiteError> {
        do {
            return .success(
                try db.rows(
                    BalanceQuery.with + """
                        SELECT d.member_id, d.contract_id, d.since, b.paid_cents, b.ordered_cents
                        FROM facteur_debt d JOIN facteur_balance b
                            ON b.member_id = d.member_id AND b.contract_id = d.contract_id
                        ORDER BY d.member_id, d.contract_id
                        """, [balanceClosedBy]))
        } catch {
            if error.isBusy { throw error }
            return .failure(error)
        }
    }

    /// Payments and order lines whose amounts Facteur cannot use, wherever they are: the pairs they belong
    /// to get no balance notice until they are corrected.
    static func unusableAccountRows(_ db: SQLiteConnection) throws -> [ScheduleIssue] {
        var issues: [ScheduleIssue] = []
        try db.forEachRow(BalanceQuery.inexactPairs) { row in
            issues.append(
                .init(
                    table: "balance", rowID: "\(row.int64(0) ?? 0)/\(row.int64(1) ?? 0)",
                    problem: .init(
                        fr: "les paiements ou les commandes du membre \(row.int64(0) ?? 0) sur le contrat "
                            + "\(row.int64(1) ?? 0) dépassent ce qui se compte exactement ; ce solde n'est pas envoyé",
                        en: "payments or orders of member \(row.int64(0) ?? 0) on contract \(row.int64(1) ?? 0) add up "
                            + "beyond what can be counted exactly; this balance is not mailed")))
        }
        try db.forEachRow(BalanceQuery.unusableRows) { row in
            let id = row.int64(1) ?? 0
            if row.text(0) == "payment" {
                issues.append(Self.paymentIssue(id: id, amount: row.text(2)))
            } else if ScheduleReader.integer(row[2], in: PlausibleValues.quantity) == nil {
                issues.append(Self.quantityIssue(id: id, quantity: row.text(2)))
            } else {
                issues.append(Self.priceIssue(id: id, price: row.text(3)))
            }
        }
        return issues
    }

    static func paymentIssue(id: Int64, amount: String?) -> ScheduleIssue {
        .init(
            table: "payment", rowID: "\(id)",
            problem: notANumber(
                "amount_cents", amount, PlausibleValues.paymentCents,
                what: .init(fr: "un montant en centimes", en: "an amount in cents"),
                so: .init(fr: "ce solde n'est pas envoyé", en: "this balance is not mailed")))
    }

    static func quantityIssue(id: Int64, quantity: String?) -> ScheduleIssue {
        .init(
            table: "order_line", rowID: "\(id)",
            problem: notANumber(
                "quantity", quantity, PlausibleValues.quantity,
                what: .init(fr: "un nombre entier", en: "a whole number"), so: nil))
    }

    static func priceIssue(id: Int64, price: String?) -> ScheduleIssue {
        .init(
            table: "order_line", rowID: "\(id)",
            problem: notANumber(
                "unit_price_cents", price, PlausibleValues.unitPriceCents,
                what: .init(fr: "un prix en centimes", en: "a price in cents"), so: nil))
    }
}

/// Keeps `facteur_debt` in step with the `balance` view: a debt starts when a balance first falls below
/// the threshold and ends when it is back to or above it. Reads first; writes only what changed.
public enum DebtLedger {
    /// Member and contract → (paid, ordered) cents, for the pairs in debt.
    public typealias NegativeBalances = [[Int64]: (paid: Int64, ordered: Int64)]

    @discardableResult
    public static func refresh(
        _ db: SQLiteConnection, thresholdCents: Int64, now: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) throws -> (opened: Int, closed: Int) {
        let refreshed = try refreshAndRead(db, thresholdCents: thresholdCents, now: now, timeZone: timeZone)
        return (refreshed.opened, refreshed.closed)
    }

    /// Opens and closes debts from one computation of the balances, and returns the balances of the debts
    /// open afterwards (the negative pairs themselves): the pass's accounts then need not compute every
    /// balance of the network a second time (issue 15).
    static func refreshAndRead(
        _ db: SQLiteConnection, thresholdCents: Int64, now: Date, timeZone: TimeZone
    ) throws -> (opened: Int, closed: Int, debts: [NetworkAccounts.DebtBalance]) {
        try apply(negativeBalances(db, thresholdCents: thresholdCents, now: now, timeZone: timeZone), db, now: now)
    }

    /// The pairs whose balance is below `−thresholdCents`, with what was paid and ordered: one grouping over every
    /// payment and order line of the network, a read that needs no write lock (planning runs it on its reader
    /// while the writer expires what is late, issue 15).
    public static func negativeBalances(
        _ db: SQLiteConnection, thresholdCents: Int64, now: Date, timeZone: TimeZone
    ) throws -> NegativeBalances {
        var negative: NegativeBalances = [:]
        try db.readTransaction {
            try db.forEachRow(
                BalanceQuery.with
                    + " SELECT member_id, contract_id, paid_cents, ordered_cents FROM facteur_balance WHERE balance_cents < ?",
                [BalanceQuery.closedBy(now, in: timeZone), -thresholdCents]
            ) {
                if let m = $0.int64(0), let c = $0.int64(1) { negative[[m, c]] = ($0.int64(2) ?? 0, $0.int64(3) ?? 0) }
            }
        }
        return negative
    }

    /// Opens the debts of `negative` not yet open and closes those no longer in it, in one write transaction.
    static func apply(_ negative: NegativeBalances, _ db: SQLiteConnection, now: Date) throws
        -> (opened: Int, closed: Int, debts: [NetworkAccounts.DebtBalance])
    {
        var open: [[Int64]: Int64] = [:]
        try db.forEachRow("SELECT member_id, contract_id, since FROM facteur_debt") {
            if let m = $0.int64(0), let c = $0.int64(1) { open[[m, c]] = $0.int64(2) ?? 0 }
        }
        let toOpen = Set(negative.keys).subtracting(open.keys)
        let toClose = Set(open.keys).subtracting(negative.keys)
        if !toOpen.isEmpty || !toClose.isEmpty {
            try db.writeTransaction {
                for pair in toOpen {
                    try db.run(
                        "INSERT OR IGNORE INTO facteur_debt (member_id, contract_id, since) VALUES (?, ?, ?)",
                        [pair[0], pair[1], Outbox.seconds(now)])
                }
                for pair in toClose {
                    try db.run("DELETE FROM facteur_debt WHERE member_id = ? AND contract_id = ?", [pair[0], pair[1]])
                }
            }
        }
        let debts = negative.map { pair, cents in
            NetworkAccounts.DebtBalance(
                memberID: pair[0], contractID: pair[1], since: Outbox.date(open[pair] ?? Outbox.seconds(now)),
                paidCents: cents.paid, orderedCents: cents.ordered)
        }.sorted { ($0.memberID, $0.contractID) < ($1.memberID, $1.contractID) }
        return (toOpen.count, toClose.count, debts)
    }
}
