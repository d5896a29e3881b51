import FacteurCore
import Foundation

/// Order windows near now and their lines.
extension ScheduleReader {
    func readOrderWindows(_ db: SQLiteConnection, from: Date, to: Date, into s: inout Schedule) throws {
        let utc = TimeZone(identifier: "UTC")!
        // Windows still open or closed within the summary's 7-day grace, and those opening soon.
        let closedAfter = LocalDate(from, in: utc).adding(days: -9).description
        let opensBefore = LocalDate(to, in: utc).adding(days: 2).description
        // Windows are days long: one closing two months after the horizon cannot concern this tick.
        let closesBefore = LocalDate(to, in: utc).adding(days: 60).description
        // Plus, through a partial index, those whose times cannot be times at all (reported at every tick).
        let columns = "id, contract_id, opens_at, closes_at, distribution_id, unavailable, notes"
        // The group's contracts' windows; the first group also reads those of no contract, to report them.
        let inGroup = group.condition("amap_id")
        func ofGroup(_ column: String) -> String {
            group == .all
                ? "1"
                : "(\(column) IN (SELECT id FROM contract WHERE \(inGroup.sql))"
                    + (group.isFirst ? " OR contract_id IS NULL OR contract_id NOT IN (SELECT id FROM contract))" : ")")
        }
        let values: [SQLBindable] = group == .all ? [] : inGroup.values
        // The implausible ones are found through their partial index: `+contract_id` keeps SQLite from choosing
        // the index by contract instead, which reads every window of the group's whole history (issue 15).
        try db.forEachRow(
            """
            SELECT \(columns) FROM order_window
            WHERE closes_at >= ? AND closes_at < ? AND opens_at < ? AND \(ofGroup("contract_id"))
            UNION SELECT \(columns) FROM order_window WHERE (\(ImplausibleTime.orderWindow)) AND \(ofGroup("+contract_id"))
            ORDER BY id
            """, [closedAfter, closesBefore, opensBefore] + values + values
        ) { row in
            if let window = try orderWindow(row, schedule: &s) { s.orderWindows.append(window) }
        }
        s.orderWindows = firstOfEachID(s.orderWindows, schedule: &s)
        try readWindowDistributions(db, into: &s)
        let ids = s.orderWindows.map(\.id)
        for line in try orderLines(db, windows: ids, schedule: &s) {
            s.orderLines[line.windowID, default: []].append(line)
        }
    }

    /// A table another tool created without `id` as its key may repeat one. The first row is kept and the others
    /// are reported: read twice, a window's notices would be planned twice and a statement would list its lines twice.
    func firstOfEachID(_ windows: [OrderWindow], schedule s: inout Schedule) -> [OrderWindow] {
        var seen = Set<Int64>()
        return windows.filter { w in
            if seen.insert(w.id).inserted { return true }
            s.issues.append(
                .init(
                    table: "order_window", rowID: "\(w.id)", amapID: s.contracts[w.contractID]?.amapID,
                    problem: .init(
                        fr: "cet id est aussi celui d'une autre ligne de la table ; seule la première est lue",
                        en: "this id is also another row's of the table; only the first is read")))
            return false
        }
    }

    /// The distributions the windows name that the time span did not bring (through the primary key).
    func readWindowDistributions(_ db: SQLiteConnection, into s: inout Schedule) throws {
        let loaded = Set(s.distributions.map(\.id))
        let wanted = Set(s.orderWindows.compactMap(\.distributionID)).subtracting(loaded)
        guard !wanted.isEmpty else { return }
        let list = JSONList.integers(wanted.sorted())
        try db.forEachRow(
            """
            SELECT id, amap_id, starts_at, ends_at, place, cancelled FROM distribution
            WHERE id IN (SELECT value FROM json_each(?))
            """, [list]
        ) { row in
            guard let id = row.int64(0), let amap = row.int64(1).flatMap({ s.amaps[$0] }),
                let start = try? ScheduleTime.parse(row.text(2) ?? "", in: amap.timeZone),
                let end = try? ScheduleTime.parse(row.text(3) ?? "", in: amap.timeZone)
            else { return }
            s.windowDistributions[id] = Distribution(
                id: id, amapID: amap.id, startsAt: start, endsAt: end, place: row.text(4) ?? "", notes: nil,
                cancelled: ScheduleReader.flag(row[5]) ?? false, dutyNeeded: 0)
        }
    }

    /// One `order_window` row, or nil (with an issue) when it cannot be used.
    func orderWindow(_ row: borrowing some ColumnReading & ~Copyable, schedule s: inout Schedule) throws -> OrderWindow?
    {
        let id = row.int64(0) ?? 0
        let contractID = row.int64(1) ?? 0
        guard let contract = s.contracts[contractID], let amap = s.amaps[contract.amapID] else {
            s.issues.append(
                .init(
                    table: "order_window", rowID: "\(id)",
                    problem: .init(
                        fr: "le contrat \(contractID) n'existe pas ou est inutilisable",
                        en: "contract \(contractID) does not exist or is unusable")))
            return nil
        }
        func skip(_ problem: BilingualText) -> OrderWindow? {
            s.issues.append(.init(table: "order_window", rowID: "\(id)", amapID: amap.id, problem: problem))
            return nil
        }
        let opens: Date
        do { opens = try ScheduleTime.parse(row.text(2) ?? "", in: amap.timeZone) } catch {
            return skip(ScheduleReader.notATime("opens_at", row.text(2), error))
        }
        let closes: Date
        do { closes = try ScheduleTime.parse(row.text(3) ?? "", in: amap.timeZone) } catch {
            return skip(ScheduleReader.notATime("closes_at", row.text(3), error))
        }
        guard closes > opens else {
            return skip(.init(fr: "closes_at n'est pas après opens_at", en: "closes_at is not after opens_at"))
        }
        return OrderWindow(
            id: id, contractID: contractID, opensAt: opens, closesAt: closes, distributionID: row.int64(4),
            unavailable: row.text(5).flatMap { $0.isEmpty ? nil : $0 },
            notes: row.text(6).flatMap { $0.isEmpty ? nil : $0 })
    }

    func orderLines(_ db: SQLiteConnection, windows: [Int64], schedule s: inout Schedule) throws -> [OrderLine] {
        guard !windows.isEmpty else { return [] }
        var lines: [OrderLine] = []
        let list = JSONList.integers(windows)
        try db.forEachRow(
            """
            SELECT id, order_window_id, member_id, product, quantity, unit_price_cents FROM order_line
            WHERE order_window_id IN (SELECT value FROM json_each(?)) ORDER BY id
            """, [list]
        ) { row in
            let id = row.int64(0) ?? 0
            guard let quantity = ScheduleReader.integer(row[4], in: PlausibleValues.quantity) else {
                s.issues.append(ScheduleReader.quantityIssue(id: id, quantity: row.text(4)))
                return
            }
            guard let price = ScheduleReader.integer(row[5], in: PlausibleValues.unitPriceCents) else {
                s.issues.append(ScheduleReader.priceIssue(id: id, price: row.text(5)))
                return
            }
            guard let member = row.int64(2), s.members[member] != nil else {
                s.issues.append(
                    .init(
                        table: "order_line", rowID: "\(id)",
                        problem: .init(
                            fr: "le membre \(row.text(2) ?? "NULL") n'existe pas ou est inutilisable",
                            en: "member \(row.text(2) ?? "NULL") does not exist or is unusable")))
                return
            }
            lines.append(
                OrderLine(
                    windowID: row.int64(1) ?? 0, memberID: member, product: row.text(3) ?? "", quantity: quantity,
                    unitPrice: Money(cents: price)))
        }
        return lines
    }
}
