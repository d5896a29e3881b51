import FacteurCore
import Foundation

/// A published row as Facteur understands it: the value (nil when the row cannot be used at all) and what is
/// wrong with it, which the schedule reader reports and the relay, needing only the usable part, does not.
struct Mapped<Value> {
    var value: Value?
    var problems: [BilingualText] = []
}

/// One mapping per published table, shared by the schedule reader and the relay's inbox, so that a row means
/// the same thing to the planner and to the relay (an `active` of `'abc'` is inactive for both).
enum PublishedRows {
    static let amapColumns = "id, name, email, reply_to, timezone, website"

    static func amap(_ row: borrowing some ColumnReading & ~Copyable, defaultTimeZone: TimeZone) -> Mapped<Amap> {
        let id = row.int64(0) ?? 0
        var mapped = Mapped<Amap>()
        var zone = defaultTimeZone
        if let name = row.text(4), !name.isEmpty {
            guard let z = TimeZone(identifier: name) else {
                let column = PlausibleValues.column("timezone", name)
                mapped.problems.append(
                    .init(fr: "\(column.fr) : fuseau horaire inconnu", en: "\(column.en) is not a known time zone"))
                return mapped
            }
            zone = z
        }
        guard let email = row.text(2), EmailAddress.isValid(email) else {
            mapped.problems.append(.init(fr: "email : adresse mail invalide", en: "invalid email address"))
            return mapped
        }
        var replyTo = row.text(3).flatMap { $0.isEmpty ? nil : $0 }
        if let r = replyTo, !EmailAddress.isValid(r) {
            mapped.problems.append(
                .init(fr: "reply_to : adresse mail invalide, ignorée", en: "invalid reply_to address, ignored"))
            replyTo = nil
        }
        // Published pages and mail make it a link: only a web address may become one.
        var website = row.text(5).map(\.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 }
        if let w = website, !isWebAddress(w) {
            let column = PlausibleValues.column("website", w)
            mapped.problems.append(
                .init(
                    fr: "\(column.fr) n'est pas une adresse http:// ou https:// ; non affiché",
                    en: "\(column.en) is not an http:// or https:// address; not shown"))
            website = nil
        }
        mapped.value = Amap(
            id: id, name: row.text(1) ?? "", email: email, replyTo: replyTo, timeZone: zone, website: website)
        return mapped
    }

    static let memberColumns = "id, amap_id, name, email, phone, active"

    /// A member whose address is unusable stays a member (their duties still count): they get no mail until
    /// it is fixed, and the coordinator is told. An `active` that is not 0 or 1 counts as inactive.
    static func member(_ row: borrowing some ColumnReading & ~Copyable) -> Mapped<Member> {
        var mapped = Mapped<Member>()
        var email = row.text(3).map(\.trimmingSpaces)
        if email?.isEmpty == true { email = nil }
        if let e = email, let problem = EmailAddress.problem(e) {
            let column = PlausibleValues.column("email", e)
            mapped.problems.append(
                .init(
                    fr: "\(column.fr) : \(problem.fr) ; aucun mail tant qu'elle n'est pas corrigée",
                    en: "\(column.en): \(problem.en); no mail until it is corrected"))
            email = nil
        }
        var active = true
        switch ScheduleReader.flag(row[5]) {
        case .some(let value): active = value
        case .none:
            let column = PlausibleValues.column("active", row.text(5))
            mapped.problems.append(
                .init(
                    fr: "\(column.fr) n'est ni 0 ni 1 ; compté comme inactif",
                    en: "\(column.en) is not 0 or 1; treated as inactive"))
            active = false
        }
        mapped.value = Member(
            id: row.int64(0) ?? 0, amapID: row.int64(1) ?? 0, name: row.text(2) ?? "", email: email,
            phone: row.text(4), active: active)
        return mapped
    }

    static let producerColumns = "id, name, farm, email"

    static func producer(_ row: borrowing some ColumnReading & ~Copyable) -> Mapped<Producer> {
        var mapped = Mapped<Producer>()
        var email = row.text(3).flatMap { $0.isEmpty ? nil : $0 }
        if let e = email, !EmailAddress.isValid(e) {
            mapped.problems.append(.init(fr: "email : adresse mail invalide", en: "invalid email address"))
            email = nil
        }
        mapped.value = Producer(id: row.int64(0) ?? 0, name: row.text(1) ?? "", farm: row.text(2), email: email)
        return mapped
    }

    static let contractColumns =
        "id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id, relay_address, order_url"
    /// Where `relay_address` is among `contractColumns`.
    static let contractRelayAddressColumn = 7

    /// Its dates must be dates, in order; a relay address that is no address is dropped (and reported).
    /// Whether its AMAP and producer exist, and whether another contract has the same relay address, is the
    /// reader's to check: it sees every row.
    static func contract(_ row: borrowing some ColumnReading & ~Copyable) -> Mapped<Contract> {
        var mapped = Mapped<Contract>()
        guard let startsOn = row.text(4).flatMap(LocalDate.init) else {
            mapped.problems.append(ScheduleReader.notADate("starts_on", row.text(4)))
            return mapped
        }
        guard let endsOn = row.text(5).flatMap(LocalDate.init) else {
            mapped.problems.append(ScheduleReader.notADate("ends_on", row.text(5)))
            return mapped
        }
        guard startsOn <= endsOn else {
            mapped.problems.append(.init(fr: "ends_on est avant starts_on", en: "ends_on is before starts_on"))
            return mapped
        }
        var relay = row.text(contractRelayAddressColumn).flatMap { $0.isEmpty ? nil : $0 }
        if let address = relay, !EmailAddress.isValid(address) {
            mapped.problems.append(
                .init(fr: "relay_address n'est pas une adresse valide", en: "relay_address is not a valid address"))
            relay = nil
        }
        mapped.value = Contract(
            id: row.int64(0) ?? 0, amapID: row.int64(1) ?? 0, producerID: row.int64(2) ?? 0, name: row.text(3) ?? "",
            startsOn: startsOn, endsOn: endsOn, coordinatorID: row.int64(6), relayAddress: relay,
            orderURL: row.text(8))
        return mapped
    }

    /// The relay's reading of a contract the planner skips (dates that are no dates): enough to route its relay
    /// address, so that mail people write is never lost over a row a coordinator must fix.
    static func lenientContract(_ c: Row) -> Contract? {
        guard let id = c.int64(0), let amapID = c.int64(1) else { return nil }
        let unknown = LocalDate(year: 1970, month: 1, day: 1)
        return Contract(
            id: id, amapID: amapID, producerID: c.int64(2) ?? 0, name: c.text(3) ?? "",
            startsOn: c.text(4).flatMap(LocalDate.init) ?? unknown,
            endsOn: c.text(5).flatMap(LocalDate.init) ?? unknown,
            coordinatorID: c.int64(6), relayAddress: c.text(7).flatMap { EmailAddress.isValid($0) ? $0 : nil },
            orderURL: c.text(8))
    }

    /// The same for an AMAP row the planner skips (an unknown time zone): the default zone stands in.
    static func lenientAmap(_ a: Row, defaultTimeZone: TimeZone) -> Amap? {
        guard let id = a.int64(0), let email = a.text(2), EmailAddress.isValid(email) else { return nil }
        return Amap(
            id: id, name: a.text(1) ?? "", email: email,
            replyTo: a.text(3).flatMap { EmailAddress.isValid($0) ? $0 : nil },
            timeZone: a.text(4).flatMap(TimeZone.init(identifier:)) ?? defaultTimeZone, website: nil)
    }

    static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        return !text.unicodeScalars.contains { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" }
    }
}
