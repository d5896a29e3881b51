import FacteurCore
import Foundation

extension Database {
    /// The published schedule from `from` to `to`, as the planner needs it (see `ScheduleReader`).
    public func readSchedule(
        from: Date, to: Date, defaultTimeZone: TimeZone, statementDaysAfterEnd: Int = 3, activitySince: Date? = nil,
        balancesAt: Date? = nil, group: AmapGroup = .all, network: NetworkAccounts? = nil,
        networkActivity: NetworkActivity? = nil, defersAccountHistories: Bool = false
    ) throws -> Schedule {
        var reader = ScheduleReader(defaultTimeZone: defaultTimeZone)
        reader.statementDaysAfterEnd = statementDaysAfterEnd
        reader.activitySince = activitySince
        reader.balancesAt = balancesAt
        reader.group = group
        reader.network = network
        reader.networkActivity = networkActivity
        reader.defersAccountHistories = defersAccountHistories
        return try reader.read(connection, from: from, to: to)
    }

    /// The network's usable AMAPs (see `ScheduleReader.amaps`).
    public func amaps(defaultTimeZone: TimeZone) throws -> [Int64: Amap] {
        try ScheduleReader(defaultTimeZone: defaultTimeZone).amaps(connection)
    }

    /// `schedule` with the order histories of `contracts` read into it (see `Schedule.accountHistories`); rows that
    /// cannot be used are reported in its issues, as the schedule's own. `balancesAt`: the time the pass's balances
    /// were computed at, which tells the windows they count (`OrderWindow.countsInBalance`).
    public func readAccountHistories(
        contracts: Set<Int64>, into schedule: Schedule, balancesAt: Date, defaultTimeZone: TimeZone
    ) throws -> Schedule {
        var schedule = schedule
        var reader = ScheduleReader(defaultTimeZone: defaultTimeZone)
        reader.balancesAt = balancesAt
        try connection.readTransaction {
            try reader.readAccountHistories(connection, contracts: contracts, into: &schedule)
        }
        schedule.issues = ScheduleReader.reportedOnce(schedule.issues)
        return schedule
    }

    /// The network's debt balances and unusable account rows, to share between the groups of one pass, when the
    /// debt refresh could not give the balances (else `NetworkAccounts(debts:issues:)` with `accountIssues`).
    public func networkAccounts(balancesAt: Date, defaultTimeZone: TimeZone) throws -> NetworkAccounts {
        var reader = ScheduleReader(defaultTimeZone: defaultTimeZone)
        reader.balancesAt = balancesAt
        return try connection.readTransaction { try reader.networkAccounts(connection) }
    }

    /// The payments and order lines, anywhere in the network, whose amounts Facteur cannot use (reported at every
    /// tick; see `ScheduleReader.unusableAccountRows`).
    public func accountIssues() throws -> [ScheduleIssue] {
        try connection.readTransaction { try ScheduleReader.unusableAccountRows(connection) }
    }

    /// The network's activity since `since`, to share between the groups of one pass.
    public func networkActivity(since: Date) throws -> NetworkActivity {
        try connection.readTransaction {
            NetworkActivity(byAmap: try ScheduleReader.activity(connection, since: since, condition: ("1", [])))
        }
    }

    /// The balances in debt, computed without the write lock (see `DebtLedger.negativeBalances`).
    public func negativeBalances(thresholdCents: Int64, now: Date, timeZone: TimeZone) throws
        -> DebtLedger.NegativeBalances
    {
        try DebtLedger.negativeBalances(connection, thresholdCents: thresholdCents, now: now, timeZone: timeZone)
    }

    /// Opens and closes debts from balances `negativeBalances` computed, and returns the balances of those open
    /// afterwards for the pass's accounts.
    public func applyDebts(_ negative: DebtLedger.NegativeBalances, now: Date) throws -> [NetworkAccounts.DebtBalance] {
        try connection.writeTransaction { try DebtLedger.apply(negative, connection, now: now).debts }
    }

    /// Opens and closes debts from the `balance` view (negative_balance).
    @discardableResult
    public func refreshDebts(thresholdCents: Int64, now: Date, timeZone: TimeZone) throws -> (opened: Int, closed: Int)
    {
        try DebtLedger.refresh(connection, thresholdCents: thresholdCents, now: now, timeZone: timeZone)
    }

    /// The member's own row in the published schema, when it still exists: (name, email).
    public func member(_ id: Int64) throws -> (name: String, email: String?)? {
        guard let row = try connection.firstRow("SELECT name, email FROM member WHERE id = ?", [id]) else {
            return nil
        }
        return (row.text(0) ?? "", row.text(1))
    }

    /// `facteur import`: one file into one table, all or nothing (see `Importer`).
    public func importSheet(
        _ sheet: ImportSheet, defaultAmap: String?, defaultWindow: String? = nil, dryRun: Bool = false,
        sync: Bool = false
    ) throws -> ImportReport {
        var importer = Importer(db: connection, sheet: sheet, defaultAmap: defaultAmap)
        importer.dryRun = dryRun
        importer.defaultWindow = defaultWindow
        importer.sync = sync
        return try importer.run()
    }
}
