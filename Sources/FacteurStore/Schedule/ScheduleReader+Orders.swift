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
        try db.forEachRow(
            """
            SELECT id, contract_id, opens_at, closes_at, distribution_id, unavailable, notes FROM order_window
            WHERE (closes_at >= ? AND closes_at < ? AND opens_at < ?) OR (closes_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND opens_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*') = 0
            ORDER BY id
            """, [closedAfter, closesBefore, opensBefore]
        ) { row in
            if let window = try orderWindow(row, schedule: &s) { s.orderWindows.append(window) }
        }
        let ids = s.orderWindows.map(\.id)
        for line in try orderLines(db, windows: ids, schedule: &s) {
            s.orderLines[line.windowID, default: []].append(line)
        }
    }

    /// One `order_window` row, or nil (with an issue) when it cannot be used.
    func orderWindow(_ row: Row, schedule s: inout Schedule) throws -> OrderWindow? {
        let id = row.int64(0) ?? 0
        let contractID = row.int64(1) ?? 0
        guard let contract = s.contracts[contractID], let amap = s.amaps[contract.amapID] else {
            s.issues.append(
                .init(
                    table: "order_window", rowID: "\(id)",
                    problem: "contract \(contractID) does not exist or is unusable"))
            return nil
        }
        do {
            let opens = try ScheduleTime.parse(row.text(2) ?? "", in: amap.timeZone)
            let closes = try ScheduleTime.parse(row.text(3) ?? "", in: amap.timeZone)
            guard closes > opens else {
                s.issues.append(
                    .init(
                        table: "order_window", rowID: "\(id)", amapID: amap.id,
                        problem: "closes_at is not after opens_at"))
                return nil
            }
            return OrderWindow(
                id: id, contractID: contractID, opensAt: opens, closesAt: closes, distributionID: row.int64(4),
                unavailable: row.text(5).flatMap { $0.isEmpty ? nil : $0 },
                notes: row.text(6).flatMap { $0.isEmpty ? nil : $0 })
        } catch {
            s.issues.append(.init(table: "order_window", rowID: "\(id)", amapID: amap.id, problem: "\(error)"))
            return nil
        }
    }

    func orderLines(_ db: SQLiteConnection, windows: [Int64], schedule s: inout Schedule) throws -> [OrderLine] {
        guard !windows.isEmpty else { return [] }
        var lines: [OrderLine] = []
        let list = "[" + windows.map(String.init).joined(separator: ",") + "]"
        try db.forEachRow(
            """
            SELECT id, order_window_id, member_id, product, quantity, unit_price_cents FROM order_line
            WHERE order_window_id IN (SELECT value FROM json_each(?)) ORDER BY id
            """, [list]
        ) { row in
            let id = row.int64(0) ?? 0
            guard case .integer(let quantity) = row[4], case .integer(let price) = row[5] else {
                s.issues.append(
                    .init(
                        table: "order_line", rowID: "\(id)", problem: "quantity and unit_price_cents must be integers"))
                return
            }
            guard let member = row.int64(2), s.members[member] != nil else {
                s.issues.append(
                    .init(
                        table: "order_line", rowID: "\(id)",
                        problem: "member \(row.text(2) ?? "NULL") does not exist or is unusable"))
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
