import FacteurCore
import Foundation

/// Reads the published tables into a `Schedule`, one row at a time: a row that cannot be used (bad
/// time, unknown time zone, invalid address, missing parent…) becomes a `ScheduleIssue` and is
/// skipped, and everyone else's notices go on.
public struct ScheduleReader {
    public var defaultTimeZone: TimeZone
    /// The longest note accepted, in characters: anything longer is a mistake (a pasted file).
    public var maximumNoteLength = 10_000
    /// `notices.statement.days_after_end`: which ended contracts are near their statement.
    public var statementDaysAfterEnd = 3
    /// Orders count in balances once their window has closed by then (nil: every order).
    public var balancesAt: Date?
    /// When set, outbox activity and coordinator reports since then are read too (for the digest).
    public var activitySince: Date?
    /// Which AMAPs to read: the whole network by default.
    public var group: AmapGroup = .all
    /// The network's debt balances and unusable account rows, read once for all groups (nil: read here).
    public var network: NetworkAccounts?
    /// The network's recent activity, read once for all groups (nil: read here).
    public var networkActivity: NetworkActivity?
    /// Leaves the account contracts' order histories unread (see `Schedule.accountHistories`).
    public var defersAccountHistories = false

    public init(defaultTimeZone: TimeZone) {
        self.defaultTimeZone = defaultTimeZone
    }

    /// Reads distributions starting between `from` and `to` (with two days' margin for time zones), those
    /// whose start is not even shaped like a date (so they are reported), and everything they need.
    public func read(_ db: SQLiteConnection, from: Date, to: Date) throws -> Schedule {
        try db.readTransaction {
            var schedule = Schedule()
            try readAmaps(db, into: &schedule)
            try readMembers(db, into: &schedule)
            try readProducersAndContracts(db, into: &schedule)
            try readDistributions(db, from: from, to: to, into: &schedule)
            try readLinks(db, into: &schedule)
            try readOrderWindows(db, from: from, to: to, into: &schedule)
            try readAccounts(db, from: from, to: to, into: &schedule)
            if let since = activitySince { try readActivity(db, since: since, into: &schedule) }
            schedule.issues = Self.reportedOnce(schedule.issues)
            return schedule
        }
    }

    /// A row read twice (an order line both near now and in an account's history) is reported once, where first
    /// seen.
    static func reportedOnce(_ issues: [ScheduleIssue]) -> [ScheduleIssue] {
        var reported = ReportedRows()
        return reported.add(issues)
    }

    /// The group's usable AMAPs alone, as `read` would find them (its reports are left to `read`): what `publish`
    /// needs of the whole network to name every AMAP's folder before it reads a group at a time.
    public func amaps(_ db: SQLiteConnection) throws -> [Int64: Amap] {
        var schedule = Schedule()
        try readAmaps(db, into: &schedule)
        return schedule.amaps
    }

    private func readAmaps(_ db: SQLiteConnection, into s: inout Schedule) throws {
        let inGroup = group.condition("id")
        try db.forEachRow(
            "SELECT \(PublishedRows.amapColumns) FROM amap WHERE \(inGroup.sql) ORDER BY id", inGroup.values
        ) {
            row in
            let id = row.int64(0) ?? 0
            let mapped = PublishedRows.amap(row, defaultTimeZone: defaultTimeZone)
            for problem in mapped.problems {
                s.issues.append(.init(table: "amap", rowID: "\(id)", amapID: id, problem: problem))
            }
            if let amap = mapped.value { s.amaps[id] = amap }
        }
    }

    private func readMembers(_ db: SQLiteConnection, into s: inout Schedule) throws {
        let inGroup = group.condition("amap_id")
        try db.forEachRow("SELECT \(PublishedRows.memberColumns) FROM member WHERE \(inGroup.sql)", inGroup.values) {
            row in
            let id = row.int64(0) ?? 0
            let amapID = row.int64(1) ?? 0
            guard s.amaps[amapID] != nil else {
                s.issues.append(
                    .init(
                        table: "member", rowID: "\(id)", problem: Self.noUsableAmap(row.text(1))))
                return
            }
            let mapped = PublishedRows.member(row)
            for problem in mapped.problems {
                s.issues.append(.init(table: "member", rowID: "\(id)", amapID: amapID, problem: problem))
            }
            if let member = mapped.value { s.members[id] = member }
        }
        // The group's members' preferences; the first group also reads those of no member, to report them.
        let preferences =
            group == .all
            ? "SELECT member_id, kind FROM preference"
            : "SELECT member_id, kind FROM preference WHERE member_id IN (SELECT id FROM member WHERE \(inGroup.sql))"
                + (group.isFirst ? " OR member_id IS NULL OR member_id NOT IN (SELECT id FROM member)" : "")
        try db.forEachRow(preferences, group == .all ? [] : inGroup.values) { row in
            // An opt-out that cannot be read is reported: ignoring it would mail someone who said no.
            guard let id = row.int64(0), let kind = row.text(1).flatMap(NoticeKind.init(rawValue:)), kind.isOptional
            else {
                s.issues.append(
                    .init(
                        table: "preference",
                        rowID: "\(PlausibleValues.shown(row.text(0)))/\(PlausibleValues.shown(row.text(1)))",
                        problem: Self.noneOfTheOptionalKinds(row.text(1))))
                return
            }
            s.optOuts[id, default: []].insert(kind)
        }
    }

    private func readProducersAndContracts(_ db: SQLiteConnection, into s: inout Schedule) throws {
        let inGroup = group.condition("amap_id")
        // The first group reads every producer and reports those it cannot use, once for the network; the others
        // read only their contracts' producers (issue 15: each group read the network's).
        let producers =
            group.isFirst
            ? "SELECT \(PublishedRows.producerColumns) FROM producer"
            : "SELECT \(PublishedRows.producerColumns) FROM producer "
                + "WHERE id IN (SELECT producer_id FROM contract WHERE \(inGroup.sql))"
        try db.forEachRow(producers, group.isFirst ? [] : inGroup.values) { row in
            let id = row.int64(0) ?? 0
            let mapped = PublishedRows.producer(row)
            if group.isFirst {
                for problem in mapped.problems {
                    s.issues.append(.init(table: "producer", rowID: "\(id)", problem: problem))
                }
            }
            if let producer = mapped.value { s.producers[id] = producer }
        }
        let rows = try db.rows(
            "SELECT \(PublishedRows.contractColumns) FROM contract WHERE \(inGroup.sql) ORDER BY id", inGroup.values)
        // Planned in groups, a relay address two contracts share may have its first owner in another group: the
        // contracts of the network sharing an address with one of the group's, found through an index.
        var networkOwners: [String: Int64] = [:]
        // Only the addresses a contract can keep (an empty or invalid one is dropped below): another tool's schema
        // may let many contracts hold '', and each group would then read them all again.
        let addresses = rows.compactMap { $0.text(PublishedRows.contractRelayAddressColumn) }.filter {
            !$0.isEmpty && EmailAddress.isValid($0)
        }
        if group != .all, !addresses.isEmpty {
            let list = String(decoding: try JSONEncoder().encode(addresses), as: UTF8.self)
            try db.forEachRow(
                """
                SELECT lower(relay_address), MIN(id) FROM contract
                WHERE relay_address IS NOT NULL AND lower(relay_address) IN (SELECT lower(value) FROM json_each(?))
                GROUP BY 1 HAVING COUNT(*) > 1
                """, [list]
            ) { row in
                if let address = row.text(0), let id = row.int64(1) { networkOwners[address] = id }
            }
        }
        var relayOwners: [String: Int64] = [:]
        for row in rows {
            let id = row.int64(0) ?? 0
            let amapID = row.int64(1) ?? 0
            func skip(_ problem: BilingualText) {
                s.issues.append(.init(table: "contract", rowID: "\(id)", amapID: amapID, problem: problem))
            }
            guard s.amaps[amapID] != nil else {
                skip(Self.noUsableAmap(row.text(1)))
                continue
            }
            guard let producerID = row.int64(2), s.producers[producerID] != nil else {
                let column = PlausibleValues.column("producer_id", row.text(2))
                skip(.init(fr: "\(column.fr) : aucun producteur n'a ce numéro", en: "\(column.en) is no producer"))
                continue
            }
            let mapped = PublishedRows.contract(row)
            mapped.problems.forEach(skip)
            guard var contract = mapped.value else { continue }
            if let address = contract.relayAddress?.lowercased() {
                if let first = relayOwners[address] ?? networkOwners[address].flatMap({ $0 < id ? $0 : nil }) {
                    skip(
                        .init(
                            fr:
                                "relay_address est aussi celle du contrat \(first) : le courrier qui lui est adressé va "
                                + "au contrat \(first) seulement",
                            en: "relay_address is also contract \(first)'s: mail to it goes to contract \(first) only"))
                    contract.relayAddress = nil
                } else {
                    relayOwners[address] = id
                }
            }
            s.contracts[id] = contract
        }
    }

    private func readDistributions(_ db: SQLiteConnection, from: Date, to: Date, into s: inout Schedule) throws {
        let utc = TimeZone(identifier: "UTC")!
        let low = LocalDate(from, in: utc).adding(days: -2).description
        let high = LocalDate(to, in: utc).adding(days: 2).description
        // Those in the span, and (through a partial index) those whose start cannot be a time at all,
        // which no span would ever select but which must be reported at every tick.
        let columns = "id, amap_id, starts_at, ends_at, place, notes, cancelled, duty_needed"
        let inGroup = group.condition("amap_id")
        // `+amap_id`: through the partial index, not the group's every distribution (see `readOrderWindows`).
        let unindexed = group.condition("+amap_id")
        try db.forEachRow(
            """
            SELECT \(columns) FROM distribution WHERE starts_at >= ? AND starts_at < ? AND \(inGroup.sql)
            UNION SELECT \(columns) FROM distribution WHERE (\(ImplausibleTime.distribution)) AND \(unindexed.sql)
            ORDER BY id
            """, [low, high] + inGroup.values + inGroup.values
        ) { row in
            let id = row.int64(0) ?? 0
            let amapID = row.int64(1) ?? 0
            func skip(_ problem: BilingualText) {
                s.issues.append(.init(table: "distribution", rowID: "\(id)", amapID: amapID, problem: problem))
            }
            guard let amap = s.amaps[amapID] else { return skip(Self.noUsableAmap(row.text(1))) }
            let start: Date
            let end: Date
            do {
                start = try ScheduleTime.parse(row.text(2) ?? "", in: amap.timeZone)
            } catch {
                return skip(Self.notATime("starts_at", row.text(2), error))
            }
            do {
                end = try ScheduleTime.parse(row.text(3) ?? "", in: amap.timeZone)
            } catch {
                return skip(Self.notATime("ends_at", row.text(3), error))
            }
            guard let cancelled = Self.flag(row[6]) else {
                return skip(Self.notAFlag("cancelled", row.text(6)))
            }
            var dutyNeeded = 0
            if let n = Self.integer(row[7], in: PlausibleValues.dutyNeeded) {
                dutyNeeded = Int(n)
            } else {
                s.issues.append(
                    .init(
                        table: "distribution", rowID: "\(id)", amapID: amapID,
                        problem: Self.notANumber(
                            "duty_needed", row.text(7), PlausibleValues.dutyNeeded,
                            what: .init(fr: "un nombre de bénévoles", en: "a number of volunteers"),
                            so: .init(fr: "pas d'appel aux bénévoles", en: "no call for volunteers"))))
            }
            guard end > start else {
                return skip(.init(fr: "ends_at n'est pas après starts_at", en: "ends_at is not after starts_at"))
            }
            let place = (row.text(4) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !place.isEmpty else { return skip(.init(fr: "place (le lieu) est vide", en: "place is empty")) }
            let notes = row.text(5)
            if let notes, notes.count > maximumNoteLength {
                return skip(
                    .init(
                        fr: "notes fait \(notes.count) caractères (\(maximumNoteLength) au plus)",
                        en: "notes are \(notes.count) characters long (at most \(maximumNoteLength))"))
            }
            s.distributions.append(
                Distribution(
                    id: id, amapID: amapID, startsAt: start, endsAt: end, place: place,
                    notes: notes.flatMap { $0.isEmpty ? nil : $0 }, cancelled: cancelled, dutyNeeded: dutyNeeded))
        }
    }

    private func readLinks(_ db: SQLiteConnection, into s: inout Schedule) throws {
        // Only the rows of the distributions read, through the primary keys: a tick costs the same
        // whether the database holds one season or ten.
        let list = JSONList.integers(s.distributions.map(\.id))
        try db.forEachRow(
            "SELECT distribution_id, contract_id, notes FROM delivery WHERE distribution_id IN (SELECT value FROM json_each(?))",
            [list]
        ) { row in
            guard let d = row.int64(0) else { return }
            guard let c = row.int64(1), s.contracts[c] != nil else {
                let c = PlausibleValues.shown(row.text(1))
                s.issues.append(
                    .init(
                        table: "delivery", rowID: "\(d)/\(c)",
                        problem: .init(
                            fr: "contract_id \(PlausibleValues.shown(row.text(1), .fr)) : aucun contrat utilisable",
                            en: "contract_id \(c) is no usable contract")))
                return
            }
            s.deliveries[d, default: []].append(Delivery(distributionID: d, contractID: c, notes: row.text(2)))
        }
        try db.forEachRow(
            "SELECT distribution_id, member_id, role FROM duty WHERE distribution_id IN (SELECT value FROM json_each(?))",
            [list]
        ) { row in
            guard let d = row.int64(0) else { return }
            // A duty row that names no member still means someone is on duty: reported, never ignored.
            guard let m = row.int64(1), s.members[m] != nil else {
                let m = PlausibleValues.shown(row.text(1))
                s.issues.append(
                    .init(
                        table: "duty", rowID: "\(d)/\(m)",
                        problem: .init(
                            fr: "member_id \(PlausibleValues.shown(row.text(1), .fr)) : aucun membre utilisable",
                            en: "member_id \(m) is no usable member")))
                s.duties[d, default: []].append(Duty(distributionID: d, memberID: 0, role: row.text(2)))
                return
            }
            s.duties[d, default: []].append(Duty(distributionID: d, memberID: m, role: row.text(2)))
        }
        try db.forEachRow(
            """
            SELECT distribution_id, member_id FROM facteur_duty_withdrawal
            WHERE distribution_id IN (SELECT value FROM json_each(?)) ORDER BY id
            """, [list]
        ) { row in
            if let d = row.int64(0), let m = row.int64(1) { s.dutyWithdrawals[d, default: []].append(m) }
        }
        // The group's contracts' subscriptions; the first group also reads those it could not place, to report them.
        let inGroup = group.condition("amap_id")
        let ofGroup =
            group == .all
            ? ""
            : " WHERE contract_id IN (SELECT id FROM contract WHERE \(inGroup.sql))"
                + (group.isFirst ? " OR typeof(member_id) != 'integer' OR typeof(contract_id) != 'integer'" : "")
        try db.forEachRow(
            "SELECT member_id, contract_id FROM subscription\(ofGroup) ORDER BY contract_id, member_id",
            group == .all ? [] : inGroup.values
        ) { row in
            guard let m = row.int64(0), let c = row.int64(1) else {
                s.issues.append(
                    .init(
                        table: "subscription",
                        rowID: "\(PlausibleValues.shown(row.text(0)))/\(PlausibleValues.shown(row.text(1)))",
                        problem: .init(
                            fr: "member_id et contract_id doivent être des numéros",
                            en: "member_id and contract_id must be ids")))
                return
            }
            guard s.contracts[c] != nil, s.members[m] != nil else { return }
            s.subscribers[c, default: []].append(m)
        }
    }

    /// A 0/1 flag as the schema means it: an integer 0 or 1 (SQLite keeps `'abc'` or `0.5` as written, and a
    /// reading that took them for 0 or 1 would mail, or not, on a typo). NULL means the column's default is
    /// absent too: unusable.
    static func flag(_ value: SQLValue) -> Bool? {
        guard case .integer(let v) = value, v == 0 || v == 1 else { return nil }
        return v == 1
    }

    /// An integer within `range`, or nil for text, a real, NULL or a value outside it.
    static func integer(_ value: SQLValue, in range: ClosedRange<Int64>) -> Int64? {
        guard case .integer(let v) = value, range.contains(v) else { return nil }
        return v
    }
}
