import FacteurCore
import Foundation

/// Writes an `ImportSheet` into the published schema in one transaction: every row is matched to an
/// existing one by its natural key (a member's email within the AMAP, a contract's name…) and written
/// only when something differs, so importing the same file twice changes nothing. Any problem — a
/// cell, a reference to nothing, a row repeated — rolls the whole file back.
public struct Importer {
    let db: SQLiteConnection
    let sheet: ImportSheet
    /// `--amap`: the AMAP rows belong to when the file has no `amap` column.
    let defaultAmap: String?
    /// `--window`: the closing day of the order window lines belong to when the file names none (CAMAP).
    public var defaultWindow: String?

    var problems: [ImportProblem] = []
    var report: ImportReport
    /// Natural key → the line that wrote it, to refuse a row repeated in the same file.
    var seen: [String: Int] = [:]
    /// Checks everything, then rolls back.
    public var dryRun = false
    /// `--sync`: the file is the whole list for its AMAP: members absent from it become inactive, subscriptions
    /// absent from it (for the contracts it names) are removed. Nothing with history is deleted.
    public var sync = false
    /// Rows the file matched or wrote, by table, and the AMAPs and contracts it spoke for (for `--sync`).
    var touched: [String: Set<Int64>] = [:]
    var syncedAmaps: Set<Int64> = []
    var syncedContracts: Set<Int64> = []
    /// The members looked up by this import, read once per AMAP.
    var members = ImportMemberDirectory()
    /// AMAPs by the name a row gives (a network's file names one of thousands on every row).
    var amapLookups: [String: [Row]] = [:]
    /// Producers by folded name and by folded farm, once read (`producersNamed`).
    var producerFolds: (names: [String: Set<Int64>], farms: [String: Set<Int64>])?
    /// The line that wrote each member, to refuse a second line naming the same member another way.
    var memberLines: [Int64: Int] = [:]
    /// The file's distributions per AMAP and day, to tell a corrected time from a second distribution.
    var distributionDays: [String: Int] = [:]

    public init(db: SQLiteConnection, sheet: ImportSheet, defaultAmap: String?) {
        self.db = db
        self.sheet = sheet
        self.defaultAmap = defaultAmap
        report = ImportReport(table: sheet.table.schemaTable)
    }

    enum Change { case added, updated, unchanged }

    /// Thrown inside the transaction so that it rolls back.
    struct Refused: Error { var problems: [ImportProblem] }

    public mutating func run() throws -> ImportReport {
        if sheet.headerIsUnusable { throw ImportFailure(problems: sheet.problems) }
        problems = sheet.problems
        do {
            try db.writeTransaction {
                // Rows with an unreadable cell are skipped, so that one pass reports every problem.
                for record in sheet.records where !sheet.badLines.contains(record.line) { try importRow(record) }
                if sync && problems.isEmpty { try synchronise() }
                if !problems.isEmpty || dryRun { throw Refused(problems: problems) }
            }
        } catch let refused as Refused {
            if refused.problems.isEmpty { return report }
            throw ImportFailure(
                problems: refused.problems.sorted { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) })
        }
        return report
    }

    private mutating func importRow(_ r: ImportRecord) throws {
        switch sheet.table {
        case .amaps: try importAmap(r)
        case .members: try importMember(r)
        case .producers: try importProducer(r)
        case .contracts: try importContract(r)
        case .subscriptions: try importSubscription(r)
        case .distributions: try importDistribution(r)
        case .deliveries: try importDelivery(r)
        case .duties: try importDuty(r)
        case .orderWindows: try importOrderWindow(r)
        case .orderLines: try importOrderLine(r)
        case .payments: try importPayment(r)
        }
    }

    mutating func fail(_ r: ImportRecord, _ column: String?, _ message: BilingualText) {
        problems.append(sheet.problem(r, column, message))
    }

    /// False (and a problem) when the same natural key was already written by an earlier line.
    mutating func firstTime(_ r: ImportRecord, key: String, what: BilingualText) -> Bool {
        if let earlier = seen[key] {
            fail(
                r, nil,
                .init(fr: "répète la ligne \(earlier) (\(what.fr))", en: "repeats line \(earlier) (same \(what.en))"))
            return false
        }
        seen[key] = r.line
        return true
    }

    /// The values of the columns the file has: a column absent from the file is left as it is.
    func present(_ r: ImportRecord, _ columns: [String]) -> [(String, SQLValue)] {
        columns.compactMap { column in
            guard sheet.presentColumns.contains(column), let value = r.values[column] else { return nil }
            return (column, Self.sql(value))
        }
    }

    static func sql(_ value: ImportValue) -> SQLValue {
        switch value {
        case .text(let t): .text(t)
        case .integer(let n): .integer(n)
        case .null: .null
        }
    }

    /// Inserts, or updates the row `rowid` when one of `values` differs from what it holds.
    @discardableResult
    mutating func write(_ table: String, rowid: Int64?, values: [(String, SQLValue)]) throws -> Change {
        let change: Change
        if let rowid {
            let columns = values.map(\.0)
            let current =
                columns.isEmpty
                ? nil
                : try db.firstRow("SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE rowid = ?", [rowid])
            let differs = current.map { row in values.enumerated().contains { i, v in row[i] != v.1 } } ?? false
            if differs {
                let sets = columns.map { "\($0) = ?" }.joined(separator: ", ")
                try db.run("UPDATE \(table) SET \(sets) WHERE rowid = ?", values.map(\.1) + [SQLValue.integer(rowid)])
                change = .updated
            } else {
                change = .unchanged
            }
        } else {
            let columns = values.map(\.0)
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try db.run(
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))", values.map(\.1))
            change = .added
        }
        let written = rowid ?? db.lastInsertRowID
        touched[table, default: []].insert(written)
        if table == "member" && change != .unchanged { try members.refresh(written, db: db) }
        // (A renamed producer stays findable under its old name too: it is still the same producer.)
        if table == "producer" && change != .unchanged, producerFolds != nil,
            let row = try db.firstRow("SELECT name, farm FROM producer WHERE id = ?", [written])
        {
            producerFolds?.names[NameFold.name(row.text(0) ?? ""), default: []].insert(written)
            if let farm = row.text(1) { producerFolds?.farms[NameFold.name(farm), default: []].insert(written) }
        }
        switch change {
        case .added: report.added += 1
        case .updated: report.updated += 1
        case .unchanged: report.unchanged += 1
        }
        return change
    }

    func rowid(_ sql: String, _ values: [SQLBindable]) throws -> Int64? {
        try db.firstRow(sql, values)?.int64(0)
    }
}
